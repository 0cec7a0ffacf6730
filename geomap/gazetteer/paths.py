"""Where the gazetteer lives and where its source files are.

``GEOMAP_HOME`` overrides the per-user data directory (platformdirs);
``--gazetteer PATH`` / :meth:`Gazetteer.open` pick a file explicitly.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

GAZETTEER_FILENAME = "gazetteer.sqlite"


def geomap_home() -> Path:
    """Directory for the default gazetteer and caches (created lazily by writers)."""
    env = os.environ.get("GEOMAP_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("geomap", appauthor=False)


def default_gazetteer_path() -> Path:
    return geomap_home() / GAZETTEER_FILENAME


def sources_dir() -> Path:
    """The ``gazetteer/`` folder of GeoNames tables shipped with geomap.

    In a source checkout or editable install it sits beside the package; a
    wheel install puts it under ``<prefix>/share/geomap/gazetteer``.
    """
    env = os.environ.get("GEOMAP_SOURCES")
    candidates = [Path(env)] if env else []
    candidates += [
        Path(__file__).resolve().parents[2] / "gazetteer",
        Path(sys.prefix) / "share" / "geomap" / "gazetteer",
    ]
    for candidate in candidates:
        if (candidate / "countryInfo.txt").is_file():
            return candidate
    from ..errors import GazetteerError

    raise GazetteerError(
        "cannot find geomap's gazetteer/ source folder (countryInfo.txt); "
        "reinstall geomap or set GEOMAP_SOURCES"
    )
