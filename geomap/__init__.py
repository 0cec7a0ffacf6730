"""geomap: news text in any language -> places, dated events and maps, offline.

The package layout is the pipeline: ``gazetteer`` <- ``geocode`` <-
``geoparse`` <- ``dates`` <- ``events`` <- ``maps`` / ``report`` <- ``cli``. Public
names are imported lazily so ``import geomap`` stays fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "Gazetteer": "geomap.gazetteer",
    "Place": "geomap.gazetteer",
    "geocode": "geomap.geocode",
    "OfflineGeocoder": "geomap.geocode.geopy_adapter",
    "Mention": "geomap.geoparse.model",
    "parse": "geomap.geoparse",
    "find_dates": "geomap.dates",
    "DateMention": "geomap.dates",
    "extract_events": "geomap.events",
    "make_map": "geomap.maps",
    "GeomapError": "geomap.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
