"""geomap: news text in any language -> places, dated events and maps, offline.

The package layout is the pipeline: ``gazetteer`` <- ``geocode`` <-
``geoparse`` <- ``events`` <- ``maps`` / ``report`` <- ``cli``, with
``documents`` (the one way articles come in) beneath the stages that read them. Public
names are imported lazily so ``import geomap`` stays fast.
"""
from __future__ import annotations

import sys
import types

__version__ = "0.1.0"

_EXPORTS = {
    "Gazetteer": "geomap.gazetteer",
    "Place": "geomap.gazetteer",
    "geocode": "geomap.geocode",
    "OfflineGeocoder": "geomap.geocode.geopy_adapter",
    "Document": "geomap.documents",
    "Mention": "geomap.geoparse.model",
    "parse": "geomap.geoparse",
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


class _Package(types.ModuleType):
    """``geomap.geocode`` names both the function and the subpackage that
    defines it. Importing the subpackage (which any pipeline stage does) makes
    the import system set the package attribute ``geocode`` to the module,
    which would hide the function from then on. A data descriptor on the
    module's class wins over that attribute, so ``geomap.geocode`` is always
    the function; the subpackage stays reachable through ``sys.modules`` and
    ``from geomap.geocode import ...``."""

    @property
    def geocode(self):
        from .geocode.core import geocode

        return geocode

    @geocode.setter
    def geocode(self, module) -> None:
        """Accept (and ignore) the import system's ``geomap.geocode = <module>``."""


sys.modules[__name__].__class__ = _Package
