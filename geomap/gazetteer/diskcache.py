"""Tables a fresh process would otherwise rebuild (the name index, word-frequency tables),
kept between processes in the per-user cache directory (``GEOMAP_HOME/cache``).

A cache is an optimisation only: one that is missing, stale, foreign or unreadable is rebuilt, and
one that cannot be written is skipped. Names carry everything the content depends on (the
gazetteer's path and version, the wordfreq version), and each file repeats that identity inside,
so a changed source never reads an old file. Files are written beside their final name and renamed
(:func:`geomap.atomic.atomic_path`): a reader sees a whole file or none.

Two forms: :func:`cached`, a value marshalled whole (read at once: for tables a process needs
entirely), and :func:`cached_database`, an SQLite file read by query (for tables far larger than
the few rows a process asks for, such as every frequent word of thirteen languages).
"""
from __future__ import annotations

import hashlib
import marshal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

#: Bytes of a cache database read through a memory map: its pages are the operating system's
#: cached file, not copies in each process.
MMAP_BYTES = 1 << 30


def cache_file(*ident: str) -> Path:
    from .paths import geomap_home

    digest = hashlib.sha1("\0".join(ident).encode("utf-8")).hexdigest()[:16]
    return geomap_home() / "cache" / f"{ident[0]}-{digest}.marshal"


def _announce(what: str | None) -> None:
    """Say on a terminal what a first run is waiting for (seconds of silence look like a hang);
    never in a pipe or a log, where the one-line outputs of commands are read by programs."""
    import sys

    if what and sys.stderr is not None and sys.stderr.isatty():
        print(f"geomap: making {what} (once; later runs reuse it)", file=sys.stderr, flush=True)


def cached(build: Callable[[], object], *ident: str, announce: str | None = None):
    """``build()``, or the value an earlier process saved under ``ident`` (marshal-able data only).
    ``announce`` names what is built, said on a terminal when it is (see :func:`_announce`)."""
    path = cache_file(*ident)
    try:
        with open(path, "rb") as f:
            saved_ident, value = marshal.loads(f.read())  # load(f) reads object by object: 4x slower
        if saved_ident == list(ident) or saved_ident == ident:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    _announce(announce)
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


def cached_database(build: Callable[[sqlite3.Connection], None], *ident: str,
                    announce: str | None = None) -> sqlite3.Connection | None:
    """A read-only connection to the SQLite file saved under ``ident``, made first by ``build(conn)``
    (on an empty database, in one transaction) when it is missing or is not that cache. ``None``
    when it can be neither read nor written (the caller computes without it). ``announce`` as
    for :func:`cached`."""
    path = cache_file(*ident).with_suffix(".sqlite")
    conn = _open_database(path, ident)
    if conn is not None:
        return conn
    from ..atomic import atomic_path

    _announce(announce)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            out = sqlite3.connect(tmp, isolation_level=None)
            try:
                out.execute("PRAGMA journal_mode = OFF")  # a temporary file: the rename is the commit
                out.execute("BEGIN")
                build(out)
                out.execute("CREATE TABLE cache_ident (ident TEXT NOT NULL)")
                out.execute("INSERT INTO cache_ident VALUES (?)", ("\0".join(ident),))
                out.execute("COMMIT")
            finally:
                out.close()
    except (OSError, sqlite3.Error):
        return None
    return _open_database(path, ident)


def _open_database(path: Path, ident: tuple[str, ...]) -> sqlite3.Connection | None:
    """The cache at ``path`` if it is whole and was saved under ``ident``, else ``None``. Opened
    immutable (no locks): a cache file is only ever replaced by a rename, never written in place."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        saved = conn.execute("SELECT ident FROM cache_ident").fetchall()
    except sqlite3.Error:
        saved = None
    if saved != [("\0".join(ident),)]:
        conn.close()
        return None
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    return conn
