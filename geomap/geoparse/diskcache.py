"""Tables a fresh process would otherwise rebuild (the name index, word-frequency tables),
kept between processes as marshal files in the per-user cache directory.

A cache is an optimisation only: one that is missing, stale or unreadable is rebuilt, and one
that cannot be written is skipped. Names carry everything the content depends on (the
gazetteer's path and version, the wordfreq version), so a changed source never reads an old file.
"""
from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from pathlib import Path


def cache_file(*ident: str) -> Path:
    from ..gazetteer.paths import geomap_home

    digest = hashlib.sha1("\0".join(ident).encode("utf-8")).hexdigest()[:16]
    return geomap_home() / "cache" / f"{ident[0]}-{digest}.marshal"


def cached(build: Callable[[], object], *ident: str):
    """``build()``, or the value an earlier process saved under ``ident`` (marshal-able data only)."""
    path = cache_file(*ident)
    try:
        with open(path, "rb") as f:
            saved_ident, value = marshal.loads(f.read())  # load(f) reads object by object: 4x slower
        if saved_ident == list(ident) or saved_ident == ident:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _save(path, ident, value)
    return value


def _save(path: Path, ident: tuple[str, ...], value) -> None:
    from ..atomic import atomic_path

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp, open(tmp, "wb") as f:
            marshal.dump((ident, value), f)
    except (OSError, ValueError):
        pass
