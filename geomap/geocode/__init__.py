"""Stage 2: place names to ranked candidates (CLI, Python API, geopy)."""
from .core import check_name, default_gazetteer, geocode, geocode_many, prior_weight, rank, rank_many

__all__ = ["check_name", "default_gazetteer", "geocode", "geocode_many", "prior_weight", "rank", "rank_many"]
