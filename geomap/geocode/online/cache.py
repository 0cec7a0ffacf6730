"""The answer cache: every provider answer, hit *and* miss, with the query,
the country bias and the time it was received.

It lives beside the gazetteer (``online_cache.sqlite``). Each answer is
committed in its own transaction the moment it arrives, so a crash or
Ctrl-C mid-batch loses nothing already received. The file is created only
when the first answer is written: reading an absent cache is an empty cache.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ...gazetteer import Place
from .answers import OnlineError

CACHE_FILENAME = "online_cache.sqlite"
CACHE_FORMAT = "geomap-online-cache"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    provider TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    key TEXT NOT NULL,
    countries TEXT NOT NULL,
    query TEXT NOT NULL,
    found INTEGER NOT NULL,
    place TEXT,
    raw TEXT,
    asked_at TEXT NOT NULL,
    PRIMARY KEY (provider, endpoint, key, countries)
);
"""
_COLUMNS = "provider, endpoint, key, countries, query, found, place, raw, asked_at"


def cache_path_for(gazetteer_path: str | Path) -> Path:
    """``online_cache.sqlite`` in the gazetteer's directory."""
    return Path(gazetteer_path).parent / CACHE_FILENAME


@dataclass(frozen=True, slots=True)
class CachedAnswer:
    """One provider answer; ``place`` is None for a miss."""

    provider: str
    endpoint: str
    key: str
    countries: str
    query: str
    place: Place | None
    raw: dict | None
    asked_at: str

    @property
    def found(self) -> bool:
        return self.place is not None

    def to_dict(self) -> dict:
        return {"provider": self.provider, "endpoint": self.endpoint, "query": self.query, "key": self.key,
                "countries": self.countries, "found": self.found, "asked_at": self.asked_at,
                "place": self.place.to_dict() if self.place else None}


def _answer(row) -> CachedAnswer:
    provider, endpoint, key, countries, query, found, place, raw, asked_at = row
    return CachedAnswer(provider, endpoint, key, countries, query,
                        Place(**json.loads(place)) if found and place else None,
                        json.loads(raw) if raw else None, asked_at)


class OnlineCache:
    """Answers by (provider, endpoint, name key, country bias)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        fresh = not self.path.is_file() or self.path.stat().st_size == 0
        if fresh and not create:
            return None
        if fresh:
            _create(self.path)
        from ...gazetteer.database import open_checked

        self._conn, _ = open_checked(self.path, fmt=CACHE_FORMAT, what="geomap online cache", write=True,
                                     error=OnlineError,
                                     missing=lambda path: OnlineError(f"online cache file not found: {path}"))
        self._conn.execute("PRAGMA synchronous = FULL")
        return self._conn

    def get(self, provider: str, endpoint: str, key: str, countries: str) -> CachedAnswer | None:
        conn = self._connect(create=False)
        if conn is None:
            return None
        row = conn.execute(f"SELECT {_COLUMNS} FROM answers WHERE provider = ? AND endpoint = ? AND key = ? "
                           "AND countries = ?", (provider, endpoint, key, countries)).fetchone()
        return _answer(row) if row else None

    def put(self, provider: str, endpoint: str, key: str, countries: str, query: str,
            place: Place | None, raw: dict | None = None) -> CachedAnswer:
        """Store one answer, committed before this returns."""
        asked_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        row = (provider, endpoint, key, countries, query, int(place is not None),
               json.dumps(place.to_dict(), ensure_ascii=False) if place else None,
               json.dumps(raw, ensure_ascii=False, default=str) if raw is not None else None, asked_at)
        conn = self._connect(create=True)
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"INSERT OR REPLACE INTO answers ({_COLUMNS}) VALUES ({', '.join('?' * 9)})", row)
        return _answer(row)

    def answers(self, *, provider: str | None = None, found: bool | None = None,
                queries: list[str] | None = None) -> Iterator[CachedAnswer]:
        """Stored answers, oldest first, optionally filtered."""
        conn = self._connect(create=False)
        if conn is None:
            return
        where, params = _where(provider, found, queries)
        yield from map(_answer, conn.execute(f"SELECT {_COLUMNS} FROM answers{where} ORDER BY asked_at, query",
                                             params).fetchall())

    def clear(self, *, provider: str | None = None, found: bool | None = None,
              queries: list[str] | None = None) -> int:
        """Delete answers (all of them without filters); returns how many."""
        conn = self._connect(create=False)
        if conn is None:
            return 0
        where, params = _where(provider, found, queries)
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            return conn.execute(f"DELETE FROM answers{where}", params).rowcount

    def counts(self) -> tuple[int, int]:
        """(hits, misses)."""
        conn = self._connect(create=False)
        if conn is None:
            return 0, 0
        hits, total = conn.execute("SELECT COALESCE(SUM(found), 0), COUNT(*) FROM answers").fetchone()
        return hits, total - hits

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "OnlineCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _create(path: Path) -> None:
    """A new cache file: tables and format mark in one transaction (two
    processes creating it at once both end with the same file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise OnlineError(f"{path} is not a readable geomap online cache ({exc})") from exc
    except OSError as exc:
        raise OnlineError(f"cannot create the online cache {path} ({exc.strerror})") from exc


def _where(provider, found, queries) -> tuple[str, list]:
    from ...gazetteer import name_key

    clauses, params = [], []
    if provider:
        clauses.append("provider = ?")
        params.append(provider.lower())
    if found is not None:
        clauses.append("found = ?")
        params.append(int(found))
    if queries:
        keys = [name_key(q) for q in queries]
        clauses.append(f"key IN ({', '.join('?' * len(keys))})")
        params += keys
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
