"""Stage 2: place names to ranked candidates (CLI, Python API, geopy)."""
from .core import check_name, default_gazetteer, geocode, prior_weight, rank

__all__ = ["check_name", "default_gazetteer", "geocode", "prior_weight", "rank"]
