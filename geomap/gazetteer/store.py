"""Reading a gazetteer: exact lookups by name key, fuzzy key search, info.

A :class:`Gazetteer` holds one read-only SQLite connection; lookups by key
are cached, because news repeats the same few hundred names.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from ..errors import GazetteerNotFound
from .database import in_wal_mode, open_checked
from .model import Place
from .normalize import name_key
from .paths import default_gazetteer_path
from .schema import FORMAT

_SELECT = (
    "SELECT p.id, p.name, p.lat, p.lon, p.kind, p.feature_code, p.country_code, p.admin1_code, "
    "p.admin1, p.population, p.source, n.name FROM names n JOIN places p ON p.rowid = n.place "
    "WHERE n.key = ?"
)


class Gazetteer:
    """An opened gazetteer file. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self._conn = conn
        self.meta = meta
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)

    # -- opening --------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, build: bool = True,
             progress: bool = True, snapshot: bool = False) -> "Gazetteer":
        """Open ``path``, or the default gazetteer (built on first use when ``build``).

        With ``snapshot`` every answer until :meth:`close` comes from the
        gazetteer as it was at opening, even while an import commits (a batch
        run sees all of an import or none of it). Without it each lookup sees
        the latest committed state.
        """
        if path is None:
            path = default_gazetteer_path()
            if not path.exists():
                if not build:
                    raise GazetteerNotFound(f"no gazetteer at {path}; run `geomap gazetteer build`")
                from .build import build_default

                build_default(path, progress=progress)
        path = Path(path)
        conn, meta = open_checked(path, fmt=FORMAT, what="geomap gazetteer")
        if snapshot and in_wal_mode(conn):
            # A read transaction pins one WAL snapshot; in rollback-journal mode
            # it would lock writers out, so there each statement reads afresh.
            conn.execute("BEGIN")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return cls(path, conn, meta)

    def close(self) -> None:
        if self._conn.in_transaction:
            self._conn.rollback()
        self._conn.close()

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- lookups --------------------------------------------------------
    def _candidates(self, key: str) -> tuple[Place, ...]:
        """Every place with a name whose key is ``key`` (one entry per place)."""
        seen: dict[str, Place] = {}
        for row in self._conn.execute(_SELECT, (key,)):
            if row[0] not in seen:
                seen[row[0]] = Place(*row[:10], source=row[10], matched_name=row[11])
        return tuple(seen.values())

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places named ``name`` (after normalisation), unranked."""
        return self.candidates(name_key(name))

    def has_key(self, key: str) -> bool:
        return bool(self.candidates(key))

    def similar_keys(self, key: str, *, block: int = 3, slack: int = 2) -> list[str]:
        """Keys sharing ``key``'s first or last ``block`` characters, at most
        ``slack`` letters longer or shorter: the blocking step before fuzzy
        scoring (one index probe per length, so it stays narrow)."""
        if len(key) <= block:
            return []
        lengths = list(range(len(key) - slack, len(key) + slack + 1))
        marks = ",".join("?" * len(lengths))
        prefix, suffix = key[:block], key[::-1][:block]
        rows = self._conn.execute(
            f"SELECT key FROM keys WHERE length IN ({marks}) AND key >= ? AND key < ? "
            f"UNION SELECT key FROM keys WHERE length IN ({marks}) AND rkey >= ? AND rkey < ?",
            (*lengths, prefix, prefix + "\U0010ffff", *lengths, suffix, suffix + "\U0010ffff"),
        )
        return [r[0] for r in rows]

    def iter_keys(self):
        """All distinct name keys (for building a spotter)."""
        for (key,) in self._conn.execute("SELECT key FROM keys"):
            yield key

    def place(self, place_id: str) -> Place | None:
        row = self._conn.execute(
            "SELECT id, name, lat, lon, kind, feature_code, country_code, admin1_code, admin1, "
            "population, source FROM places WHERE id = ?", (place_id,)).fetchone()
        return Place(*row) if row else None

    def info(self) -> dict[str, str]:
        return {"path": str(self.path), **self.meta}

    @property
    def version(self) -> str:
        """Short identity for outputs: build date and content hash."""
        return f"{self.meta.get('modified', '?')[:10]}#{self.meta.get('content_hash', '?')}"
