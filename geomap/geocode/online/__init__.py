"""Opt-in online fallback: names the offline gazetteer lacks go to a geopy
provider (Nominatim by default), rate-limited, and every answer (hit or
miss) is kept in a cache beside the gazetteer so a re-run never asks twice.

Nothing here touches the network unless ``--online``, ``GEOMAP_ONLINE`` or
``geomap.toml`` asks; importing this package imports no geopy either.
"""
from .answers import OnlineAnswerError, OnlineError, place_from_location
from .cache import CACHE_FILENAME, CachedAnswer, OnlineCache, cache_path_for
from .config import OnlineSettings, add_online_arguments, resolver_from_args, settings_from
from .promote import PromoteResult, export_text, promote
from .resolver import OnlineResolver, needs_online

__all__ = [
    "CACHE_FILENAME", "CachedAnswer", "OnlineAnswerError", "OnlineCache", "OnlineError", "OnlineResolver",
    "OnlineSettings", "PromoteResult", "add_online_arguments", "export_text", "promote", "cache_path_for", "needs_online", "place_from_location",
    "resolver_from_args", "settings_from",
]
