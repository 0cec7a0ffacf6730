"""Opening geomap's SQLite files (the gazetteer, the online answer cache) one way.

Several processes share one gazetteer: ``geomap events`` runs read it while
``geomap gazetteer import`` writes it. So every file is opened here, with
the same three rules:

- **WAL journal** (set by writers, kept in the file): readers never wait for
  a writer and never see half an import; a writer never waits for readers.
- **Read-only connections for readers**, with a busy timeout for the short
  moments SQLite still locks (a file not yet in WAL mode, WAL recovery).
- **One writer at a time**: a second writer waits, bounded by
  ``GEOMAP_WRITE_WAIT`` seconds (default 120), then says plainly that another
  writer is running, instead of ``database is locked``.
"""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from ..errors import GazetteerBusy, GazetteerCorrupt, GeomapError, gazetteer_not_found

#: Seconds a reader waits for a lock (only files not yet in WAL mode lock readers out).
READ_WAIT = 60.0
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def write_wait() -> float:
    """Seconds a second writer waits for the first (``GEOMAP_WRITE_WAIT``)."""
    try:
        return max(0.0, float(os.environ.get("GEOMAP_WRITE_WAIT", "120")))
    except ValueError:
        return 120.0


def is_busy(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in _BUSY or "locked" in str(exc)


def open_checked(path: str | Path, *, fmt: str, what: str, write: bool = False,
                 error: type[GeomapError] = GazetteerCorrupt,
                 missing: Callable[[Path], GeomapError] = gazetteer_not_found,
                 ) -> tuple[sqlite3.Connection, dict[str, str]]:
    """Open ``path`` (read-only unless ``write``) and prove it is a ``fmt`` file.

    Returns the connection (autocommit: callers begin their own transactions)
    and the file's ``meta`` table. ``what`` names the file kind in messages
    ("geomap gazetteer"); ``error`` is raised for a file that is not one,
    ``missing(path)`` for a path that is not a file.
    """
    path = Path(path)
    if not path.is_file():
        raise missing(path)
    if not write:
        _recover_interrupted_write(path)
    try:
        conn = _connect(path, write=write)
    except sqlite3.Error as exc:
        raise error(f"cannot open {path} ({exc})") from exc
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as exc:
        conn.close()
        if is_busy(exc):
            raise GazetteerBusy(f"{path} stayed locked by another process for {READ_WAIT:.0f} s; "
                                "try again when it finishes") from exc
        raise error(f"{path} is not a readable {what} ({exc})") from exc
    if meta.get("format") != fmt:
        conn.close()
        raise error(f"{path} is an SQLite file but not a {what}")
    if write:
        use_wal(conn, path)
    return conn, meta


def _connect(path: Path, *, write: bool) -> sqlite3.Connection:
    if write:
        return sqlite3.connect(path, timeout=write_wait(), isolation_level=None, check_same_thread=False)
    # A URI so the path needs no quoting rules of its own (';', '?', '#' in names).
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=READ_WAIT, isolation_level=None, check_same_thread=False)


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch the file to WAL (once: the mode is stored in the file)."""
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            conn.close()
            raise GazetteerBusy(f"another process is writing {path}; waited {write_wait():g} s, "
                                "try again when it finishes") from exc
        raise


def in_wal_mode(conn: sqlite3.Connection) -> bool:
    return conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def begin_write(conn: sqlite3.Connection, path: Path, *, on_wait: Callable[[str], None] | None = None,
                doing: str = "an import") -> None:
    """``BEGIN IMMEDIATE``: take the write lock now, waiting (bounded) for a
    running writer; ``on_wait`` hears one line when waiting starts."""
    wait = write_wait()
    conn.execute("PRAGMA busy_timeout = 200")
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise
    if on_wait is not None:
        on_wait(f"another import is running on {path}; waiting up to {wait:g} s for it to finish")
    conn.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise GazetteerBusy(f"another import is running on {path} (waited {wait:g} s, "
                                f"GEOMAP_WRITE_WAIT); {doing} was not started, try again when it finishes") from exc
        raise


def _recover_interrupted_write(path: Path) -> None:
    """A killed import on a file still in rollback-journal mode leaves a hot
    journal; a read-write open rolls it back (a read-only connection could
    not), restoring the file as it was. (WAL files need no such step.)"""
    if not Path(f"{path}-journal").exists():
        return
    try:
        conn = sqlite3.connect(path, timeout=READ_WAIT)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        conn.close()
    except sqlite3.Error:
        pass  # reported by the read-only open that follows
