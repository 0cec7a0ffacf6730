"""Reading a gazetteer: exact lookups by name key, fuzzy key search, info.

A :class:`Gazetteer` holds one read-only SQLite connection; lookups by key
are cached, because news repeats the same few hundred names. Every cache of
answers drawn from a gazetteer belongs to that Gazetteer object (see
:meth:`Gazetteer.memoized`) and is dropped by :meth:`Gazetteer.close`, so a
closed gazetteer never answers from memory. :func:`shared_gazetteer` is the
one place a process keeps a gazetteer open for reuse.
"""
from __future__ import annotations

import functools
import os
import sys
import sqlite3
import threading
import time
from pathlib import Path

from ..errors import GazetteerError, gazetteer_not_found
from .database import in_wal_mode, open_checked
from .model import STORED_FIELDS, CandidateRow, Place, place_from_row
from .normalize import latin_marked, name_key
from .paths import default_gazetteer_path
from .schema import FORMAT

_SELECT = (
    f"SELECT {', '.join('p.' + f for f in STORED_FIELDS)}, n.name "
    "FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?"
)
#: Seconds one read transaction serves lookups before a new one sees later commits.
READ_REUSE_S = 0.5
#: Bytes of the file SQLite reads through a memory map instead of read() calls.
MMAP_BYTES = 1 << 30
#: :data:`_SELECT` for many keys at once, each row led by its key (see :meth:`Gazetteer.candidate_rows_many`).
_SELECT_MANY = (
    f"SELECT n.key, {', '.join('p.' + f for f in STORED_FIELDS)}, n.name "
    "FROM names n JOIN places p ON p.rowid = n.place WHERE n.key IN ({marks}) ORDER BY n.key, n.place, n.name"
)
#: Keys one :meth:`Gazetteer.candidate_rows_many` statement reads (SQLite allows 32,766 parameters).
MANY_KEYS = 1000
#: ``CandidateRow._make`` without its Python frame (our SELECTs give rows of the right length).
_make_row = functools.partial(tuple.__new__, CandidateRow)
_SELECT_ID = f"SELECT {', '.join(STORED_FIELDS)} FROM places WHERE id = ?"


#: The "language" :meth:`Gazetteer.name_languages` gives a native name (no stated language)
#: written with Latin letters that carry marks (:func:`latin_marked`): it names its place in the
#: text's language only when written with them.
NATIVE_MARKED = "~marked"


#: Connections a forked process inherited (see :meth:`Gazetteer.in_this_process`): held, unused.
_INHERITED_CONNECTIONS: list[sqlite3.Connection] = []


def _stale(meta: dict[str, str]) -> bool:
    """Whether the default gazetteer, whose metadata is ``meta``, was made by an older build of
    geomap (see :mod:`.recipe`); ``False`` when that cannot even be told (the source files gone)."""
    from ..errors import GeomapError
    from .recipe import stale

    try:
        return stale(meta)
    except (GeomapError, OSError) as exc:
        print(f"geomap: warning: could not check the gazetteer's build ({exc}); using the one built before",
              file=sys.stderr)
        return False


def _rebuild(path: Path, progress: bool) -> None:
    """Build the default gazetteer again, atomically (readers that have the old file open keep
    reading it). When that cannot be done (a read-only home, a full disk, damaged source files)
    the old one still answers, with a warning."""
    from ..errors import GeomapError
    from .build import build_default

    if progress:
        print("geomap: the gazetteer was built by an older geomap; building it again (about 20 s)",
              file=sys.stderr)
    try:
        build_default(path, progress=progress)
    except (GeomapError, OSError) as exc:
        print(f"geomap: warning: could not rebuild the gazetteer ({exc}); using the one built before",
              file=sys.stderr)


def _connect(path: Path, snapshot: bool) -> tuple[sqlite3.Connection, dict[str, str], bool]:
    """A checked read connection to ``path``, its metadata and whether the file is in WAL mode;
    with ``snapshot`` in WAL mode, inside a read transaction that pins one snapshot (in
    rollback-journal mode it would lock writers out, so there each statement reads afresh)."""
    conn, meta = open_checked(path, fmt=FORMAT, what="geomap gazetteer")
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    wal = in_wal_mode(conn)
    if snapshot and wal:
        conn.execute("BEGIN")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    return conn, meta, wal


class Gazetteer:
    """An opened gazetteer file. Use :meth:`open`; close with :meth:`close` or ``with``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self._conn = conn
        self.meta = meta
        self._closed = False
        self._memos: dict = {}
        self._reuse_reads = False  # set by open(): WAL file without a pinned snapshot
        self._snapshot = False  # set by open(): one read transaction until close
        self._read_until = 0.0
        self._pid = os.getpid()
        self.candidates = self.memoized(Gazetteer._candidates, maxsize=200_000)
        self.name_languages = self.memoized(Gazetteer._name_languages, maxsize=50_000)

    # -- opening --------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, build: bool = True,
             progress: bool = True, snapshot: bool = False) -> "Gazetteer":
        """Open ``path``, or the default gazetteer (built on first use when ``build``).

        With ``snapshot`` every answer until :meth:`close` comes from the
        gazetteer as it was at opening, even while an import commits (a batch
        run sees all of an import or none of it). Without it a lookup sees what
        was committed at most :data:`READ_REUSE_S` seconds before: lookups in
        a burst share one read transaction (why: starting one takes file locks
        and costs as much as the lookup itself), then a new one begins.
        """
        default = path is None
        if default:
            path = default_gazetteer_path()
            if not path.exists():
                if not build:
                    raise gazetteer_not_found(path, "run `geomap gazetteer build`")
                from .build import build_default

                build_default(path, progress=progress)
                build = False  # just built: no older recipe to look for
        path = Path(path)
        conn, meta, wal = _connect(path, snapshot)
        if default and build and _stale(meta):
            conn.close()  # before the file is replaced: a connection left open would write its WAL into the new one
            _rebuild(path, progress)
            conn, meta, wal = _connect(path, snapshot)
        gazetteer = cls(path, conn, meta)
        gazetteer._reuse_reads = wal and not snapshot
        gazetteer._snapshot = snapshot and wal
        return gazetteer

    def in_this_process(self) -> "Gazetteer":
        """This gazetteer, usable in a process forked from the one that opened it: a new
        connection to the same file, every cached answer kept. SQLite forbids using a parent's
        connection in a child; opening the file anew instead (what :func:`shared_gazetteer`
        does) would also start every cache empty, and each worker of a batch would look up
        again every name the parent already had. The parent's connection is kept, never used
        nor closed here (closing it in the child could touch the parent's locks)."""
        if self._pid == os.getpid() or self._closed:
            return self
        conn, _, _ = _connect(self.path, self._snapshot)
        _INHERITED_CONNECTIONS.append(self._conn)
        self._conn, self._pid, self._read_until = conn, os.getpid(), 0.0
        return self

    def close(self) -> None:
        """Close the file and drop every cached answer drawn from it."""
        self._closed = True
        for memo in self._memos.values():
            memo.cache_clear()
        self._memos.clear()
        if self._conn.in_transaction:
            self._conn.rollback()
        self._conn.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise GazetteerError(f"gazetteer {self.path} is closed; open it again to look names up")

    def _reader(self) -> sqlite3.Connection:
        """The connection for one lookup, inside the current shared read transaction (see
        :meth:`open`). Only in WAL mode, where a reader never holds a writer up."""
        if self._closed:
            self._check_open()
        if self._reuse_reads:
            now = time.monotonic()
            if now >= self._read_until:
                if self._conn.in_transaction:
                    self._conn.commit()  # ends the read transaction: the next sees new commits
                self._conn.execute("BEGIN")
                self._read_until = now + READ_REUSE_S
        return self._conn

    def memoized(self, fn, *, maxsize: int):
        """``fn(self, *args)`` cached for this gazetteer: a later stage's pure
        function of the gazetteer (the geocoder's ranking) keeps its cache here,
        so the cache lives and dies with the file it answers from. Arguments
        must be hashable. Calling the result after :meth:`close` raises
        :class:`~geomap.errors.GazetteerError`: :meth:`close` empties the cache, so every later
        call is a miss, and a miss checks (why there: a hit then runs no Python code at all)."""
        memo = self._memos.get(fn)
        if memo is None:
            self._check_open()
            memo = self._memos[fn] = functools.lru_cache(maxsize=maxsize)(functools.partial(_while_open, fn, self))
        return memo

    def __enter__(self) -> "Gazetteer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- lookups --------------------------------------------------------
    def _candidates(self, key: str) -> tuple[Place, ...]:
        """Every place with a name whose key is ``key`` (one entry per place)."""
        return tuple(map(place_from_row, self.candidate_rows(key)))

    def candidate_rows(self, key: str) -> list[CandidateRow]:
        """What :attr:`candidates` returns, as light rows (see :class:`CandidateRow`), uncached:
        for a caller that caches what it makes of them (the geocoder's ranking). One entry per
        place, with the first of its names (in key order) that has this key."""
        rows = self._reader().execute(_SELECT, (key,)).fetchall()
        if len(rows) > 1:  # a place with several names of one key comes once
            seen: set[str] = set()
            rows = [row for row in rows if row[0] not in seen and not seen.add(row[0])]
        return list(map(_make_row, rows))

    def candidate_rows_many(self, keys) -> dict[str, list[CandidateRow]]:
        """:meth:`candidate_rows` of each of ``keys`` (at most :data:`MANY_KEYS` of them), read by
        one statement; keys without a place are left out. Rows of one key come in the order
        :meth:`candidate_rows` reads them (the ``names`` key order), so each place keeps the same name."""
        keys = list(dict.fromkeys(keys))
        if len(keys) > MANY_KEYS:
            raise ValueError(f"at most {MANY_KEYS} keys per call, not {len(keys)}")
        sql = _SELECT_MANY.format(marks=",".join("?" * len(keys)))
        found: dict[str, list[CandidateRow]] = {}
        last_key = last_id = rows = None
        for row in self._reader().execute(sql, keys):  # in key, place order: each key's rows together
            if row[0] != last_key:
                last_key, last_id = row[0], None
                rows = found[last_key] = []
            if row[1] != last_id:  # else the same place by another of its names with this key
                last_id = row[1]
                rows.append(_make_row(row[1:]))
        return found

    def _name_languages(self, key: str) -> dict[str, frozenset[str]]:
        """``{place id: languages of its names with this key}`` ('' for a name of no stated
        language, ``NATIVE_MARKED`` for one that has this key only once its letters lose their
        marks, as the native *Ísland* has *island*): tells a place's own name from an alias in
        some other language (use :attr:`name_languages`, the cached form)."""
        found: dict[str, set[str]] = {}
        for place_id, name, lang in self._reader().execute(
                "SELECT p.id, n.name, n.lang FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ?",
                (key,)):
            found.setdefault(place_id, set()).add(lang or (NATIVE_MARKED if latin_marked(name) else ""))
        return {k: frozenset(v) for k, v in found.items()}

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places named ``name`` (after normalisation), unranked."""
        return self.candidates(name_key(name))

    def similar_keys(self, key: str, *, block: int = 3, slack: int = 2, same_first: bool = False) -> list[str]:
        """Keys sharing ``key``'s first or last ``block`` characters, at most
        ``slack`` letters longer or shorter: the blocking step before fuzzy
        scoring (one index probe per length, so it stays narrow). With ``same_first``, only
        those that start with ``key``'s first character and are not ``key`` (told apart in SQL:
        half the keys a suffix block finds start otherwise, and each row costs more than the test)."""
        self._check_open()
        if len(key) <= block:
            return []
        lengths = list(range(len(key) - slack, len(key) + slack + 1))
        marks = ",".join("?" * len(lengths))
        prefix, suffix = key[:block], key[::-1][:block]
        first = " AND substr(key, 1, 1) = ? AND key != ?" if same_first else ""
        extra = (key[0], key) if same_first else ()
        rows = self._reader().execute(
            f"SELECT key FROM keys WHERE length IN ({marks}) AND key >= ? AND key < ?{first} "
            f"UNION SELECT key FROM keys WHERE length IN ({marks}) AND rkey >= ? AND rkey < ?{first}",
            (*lengths, prefix, prefix + "\U0010ffff", *extra, *lengths, suffix, suffix + "\U0010ffff", *extra),
        )
        return [r[0] for r in rows]

    def keys_with_prefix(self, prefix: str, *, extra: int, limit: int) -> list[str]:
        """Keys that are ``prefix`` plus at most ``extra`` characters, none of them a space, in
        code-point order (UTF-8 byte order is code-point order), at most ``limit``: the
        spotter's inflection fallback, answered by the key table's own order instead of a
        sorted copy of a million keys in memory."""
        self._check_open()
        if not prefix or prefix[-1] == "\U0010ffff":
            return []
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        rows = self._conn.execute(
            "SELECT key FROM keys WHERE key >= ? AND key < ? AND length <= ? ORDER BY key",
            (prefix, upper, len(prefix) + extra))
        found = []
        for (key,) in rows:
            if " " not in key[len(prefix):]:
                found.append(key)
                if len(found) >= limit:
                    break
        return found

    def iter_keys(self):
        """All distinct name keys (for building a spotter)."""
        self._check_open()
        for (key,) in self._conn.execute("SELECT key FROM keys"):
            yield key

    def place(self, place_id: str) -> Place | None:
        row = self._reader().execute(_SELECT_ID, (place_id,)).fetchone()
        return place_from_row(row) if row else None

    def info(self) -> dict[str, str]:
        return {"path": str(self.path), **self.meta}

    @property
    def version(self) -> str:
        """Short identity for outputs: build date and content hash."""
        return f"{self.meta.get('modified', '?')[:10]}#{self.meta.get('content_hash', '?')}"


def _while_open(fn, gazetteer: Gazetteer, *args):
    """``fn(gazetteer, *args)``, for a memo of :meth:`Gazetteer.memoized` (on a miss)."""
    if gazetteer._closed:
        gazetteer._check_open()
    return fn(gazetteer, *args)


_SHARED: dict[Path, tuple[int, Gazetteer]] = {}
_SHARED_LOCK = threading.Lock()


def shared_gazetteer(path: str | Path | None = None, *, build: bool = True) -> Gazetteer:
    """The gazetteer at ``path`` (default: the per-user one, built on first use
    when ``build``), opened once per process and reused: the library's default
    gazetteer, each ``--workers`` process and each Dask worker all come here.

    A forked child never reuses its parent's connection (SQLite forbids it),
    and a gazetteer someone closed is opened again.
    """
    key = Path(path).resolve() if path is not None else default_gazetteer_path().resolve()
    with _SHARED_LOCK:
        pid, gazetteer = _SHARED.get(key, (None, None))
        if gazetteer is None or pid != os.getpid() or gazetteer.closed:
            gazetteer = Gazetteer.open(path, build=build)
            _SHARED[key] = (os.getpid(), gazetteer)
    return gazetteer
