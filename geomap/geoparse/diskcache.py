"""The per-user disk caches of geoparse's tables (the name index, word-frequency tables, the
language identifier's arrays): :mod:`geomap.gazetteer.diskcache`, which the geocoder uses too."""
from __future__ import annotations

from ..gazetteer.diskcache import cache_file, cached

__all__ = ["cache_file", "cached"]
