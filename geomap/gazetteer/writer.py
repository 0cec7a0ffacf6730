"""Writing places into a gazetteer: one code path for the first build and
for every later import, so both merge the same way.

Merging rules (why: the same place arrives from several sources):
- the same stable ``id`` (``gn:<geonameid>``) is one place; names are added,
  empty fields filled, and the point replaced only by a better point source
  (GeoNames > countries-states-cities > derived);
- a record without a GeoNames id is merged into an existing place of the same
  country, the same kind family and the same name key within its kind's ``merge_km`` (:mod:`geomap.gazetteer.kinds`).
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from operator import itemgetter

from . import kinds
from .distance import haversine_km
from .normalize import name_key
from .schema import DDL, FORMAT, FORMAT_VERSION, INDEXES, KEY_INDEXES, KEY_TABLE, PLACE_COLUMNS

POINT_RANK = {"geonames": 3, "user": 3, "csc": 2, "derived": 1}
_MAX_NAME = 200

_INSERT = f"INSERT INTO places (rowid, {', '.join(PLACE_COLUMNS)}) VALUES ({', '.join('?' * (len(PLACE_COLUMNS) + 1))})"
_MERGE = """
UPDATE places SET
    lat = CASE WHEN :better THEN :lat ELSE lat END,
    lon = CASE WHEN :better THEN :lon ELSE lon END,
    point_source = CASE WHEN :better THEN :point_source ELSE point_source END,
    feature_code = COALESCE(:feature_code, feature_code),
    admin1_code = COALESCE(admin1_code, :admin1_code),
    admin1 = COALESCE(admin1, :admin1),
    iso_code = COALESCE(iso_code, :iso_code),
    population = MAX(population, :population)
WHERE rowid = :rowid
"""


def keyed_names(names: Iterable[tuple[str, str | None]]) -> list[tuple[str, str, str | None]]:
    """``(key, name, lang)`` of the storable names among ``(name, lang)`` pairs: stripped,
    not empty, at most ``_MAX_NAME`` characters, with a non-empty key. The one place a name
    becomes a row; a source that needs the keys itself (to match names) calls this once and
    hands the result to :meth:`GazetteerWriter.upsert` or :meth:`GazetteerWriter.add_keyed`."""
    out = []
    for name, lang in names:
        name = (name or "").strip()
        if name and len(name) <= _MAX_NAME:
            key = name_key(name)
            if key:
                out.append((key, name, lang))
    return out


class GazetteerWriter:
    """Adds places and names to an open connection inside one transaction.

    Rows are written in bulk (why: one statement per row made the first build
    slow): new places and all names wait in memory and go to SQLite in one
    ``executemany`` each when anything reads through :attr:`conn`, when a
    count is asked for, and at :meth:`finish`. A source step therefore reads
    and writes SQL only through ``writer.conn`` and always sees every row it
    added. On an empty file (the first build) the writer knows every id it
    holds and asks SQLite nothing per row.
    """

    def __init__(self, conn: sqlite3.Connection, *, keep_keys: bool = False):
        self._conn = conn
        _run_script(conn, DDL)
        self._fresh = conn.execute("SELECT NOT EXISTS (SELECT 1 FROM places)").fetchone()[0]
        self._next_rowid = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM places").fetchone()[0]
        self._rowids: dict[str, int] = {}  # id -> rowid of places this writer added or found
        self._new_places: list[tuple] = []  # (rowid, *PLACE_COLUMNS)
        self._new_names: list[tuple[str, int, str, str | None]] = []
        self._places_added = 0
        self._names_added = 0
        #: With ``keep_keys``, the keys of the names added one by one (not by :meth:`add_scratch`),
        #: for :meth:`copy_keys` (an import of millions of names keeps none).
        self._keys: set[str] | None = set() if keep_keys else None
        self._keys_copied = False
        #: Lines for the gazetteer's import history (see importer.gazetteer_transaction).
        self.log: list[str] = []

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, with every row added so far written to it."""
        self.flush()
        return self._conn

    @property
    def places_added(self) -> int:
        return self._places_added

    @property
    def names_added(self) -> int:
        self.flush()
        return self._names_added

    def flush(self) -> None:
        """Write the places and names waiting in memory (places first: names cite them)."""
        if self._new_places:
            self._conn.executemany(_INSERT, self._new_places)
            self._new_places = []
        if self._new_names:
            # In key order a batch lands in the key-clustered table page after page instead of
            # all over it: sorting costs less than the random inserts it saves.
            self._new_names.sort(key=itemgetter(0))
            if self._keys is not None:
                self._keys.update(map(itemgetter(0), self._new_names))
            before = self._conn.total_changes
            self._conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?)", self._new_names)
            self._names_added += self._conn.total_changes - before
            self._new_names = []

    # -- places ---------------------------------------------------------
    def upsert(self, place: dict, names: Iterable[tuple[str, str | None]] = (), *,
               keyed: Iterable[tuple[str, str, str | None]] = ()) -> int:
        """Insert or merge one place (by ``id``); returns its rowid. ``keyed`` are more
        names with their keys already made by :func:`keyed_names` (a source that needs the
        keys itself makes them once)."""
        row = {col: place.get(col) for col in PLACE_COLUMNS}
        row["population"] = int(row["population"] or 0)
        rowid = self._rowid(row["id"])
        if rowid is None:
            rowid = self._new_place(tuple(row.values()))
        else:
            old_source = self.conn.execute("SELECT point_source FROM places WHERE rowid = ?", (rowid,)).fetchone()[0]
            better = POINT_RANK.get(row["point_source"], 0) > POINT_RANK.get(old_source, 0)
            self._conn.execute(_MERGE, {**row, "better": better, "rowid": rowid})
        self.add_keyed(rowid, keyed_names([(row["name"], None), *names]))
        if keyed:
            self.add_keyed(rowid, keyed)
        return rowid

    def add_scratch(self, *schemas: str) -> dict[int, int]:
        """Add the places and names of attached scratch files (:data:`.schema.SCRATCH_DDL`, made
        by :func:`sort_scratch`), in this order, as :meth:`upsert` would, in ``seq`` order; returns
        ``{seq: rowid}``. New places are copied by SQL, no Python per row (why: cities500 is most of
        the build); a place whose id the gazetteer already has is merged through :meth:`upsert`.
        The files' names, each already in key order, go in by one merge of them in key order:
        no sort here, and the names table fills page after page."""
        conn = self.conn  # flushed: the ids below are all in the table
        old = {schema: {seq: self._rowid(place_id) for seq, place_id in conn.execute(
            f"SELECT s.seq, s.id FROM {schema}.places s JOIN main.places p ON p.id = s.id")} for schema in schemas}
        skip = ",".join(str(seq) for seqs in old.values() for seq in seqs)
        conn.execute("CREATE TEMP TABLE scratch_rowids (seq INTEGER PRIMARY KEY, rowid INTEGER NOT NULL)")
        columns = ", ".join(f"s.{c}" for c in PLACE_COLUMNS)
        added = 0
        for schema in schemas:  # the files' seq numbers rise from one file to the next
            conn.execute(f"INSERT INTO scratch_rowids SELECT seq, ? + ROW_NUMBER() OVER (ORDER BY seq) - 1 "
                         f"FROM {schema}.places WHERE seq NOT IN ({skip}) ORDER BY seq", (self._next_rowid + added,))
            added += conn.execute(f"INSERT INTO main.places (rowid, {', '.join(PLACE_COLUMNS)}) SELECT r.rowid, "
                                  f"{columns} FROM {schema}.places s JOIN scratch_rowids r USING (seq) "
                                  "ORDER BY seq").rowcount
        before = conn.total_changes
        # Each file's names come in its (key, n) order, the order they were made in within a key.
        merged = " UNION ALL ".join(f"SELECT n.key, r.rowid, n.name, n.lang FROM {schema}.names n "
                                    "JOIN scratch_rowids r USING (seq)" for schema in schemas)
        conn.execute(f"INSERT OR IGNORE INTO main.names {merged} ORDER BY 1")
        self._names_added += conn.total_changes - before
        rowids = dict(conn.execute("SELECT seq, rowid FROM scratch_rowids"))
        conn.execute("DROP TABLE scratch_rowids")
        self._rowids.update(conn.execute("SELECT id, rowid FROM main.places WHERE rowid >= ?", (self._next_rowid,)))
        self._next_rowid += added
        self._places_added += added
        for schema, seqs in old.items():
            for seq, rowid in seqs.items():
                values = conn.execute(f"SELECT {', '.join(PLACE_COLUMNS)} FROM {schema}.places WHERE seq = ?", (seq,))
                keyed = conn.execute(f"SELECT key, name, lang FROM {schema}.raw_names WHERE seq = ? ORDER BY rowid",
                                     (seq,))
                self.upsert(dict(zip(PLACE_COLUMNS, values.fetchone())), keyed=keyed.fetchall())
                rowids[seq] = rowid
        return rowids

    def _new_place(self, values: tuple) -> int:
        rowid = self._next_rowid
        self._next_rowid += 1
        self._rowids[values[0]] = rowid
        self._new_places.append((rowid, *values))
        self._places_added += 1
        return rowid

    def _rowid(self, place_id: str) -> int | None:
        rowid = self._rowids.get(place_id)
        if rowid is None and not self._fresh:
            found = self._conn.execute("SELECT rowid FROM places WHERE id = ?", (place_id,)).fetchone()
            if found is not None:
                rowid = self._rowids[place_id] = found[0]
        return rowid

    def merge(self, place: dict, names: Iterable[tuple[str, str | None]] = ()) -> int:
        """Add a record without a GeoNames id: its names join the place it
        duplicates (same name key, country and kind, close by), else it becomes
        a place of its own. Returns the rowid."""
        same = self.find_same(name_key(place["name"]), place.get("country_code"), (place["kind"],),
                              place["lat"], place["lon"])
        if same is None:
            return self.upsert(place, names)
        self.add_names(same, [(place["name"], None), *names])
        return same

    def find_same(self, key: str, country: str | None, place_kinds: tuple[str, ...],
                  lat: float, lon: float) -> int | None:
        """Rowid of an existing place this record duplicates, if any."""
        marks = ",".join("?" * len(place_kinds))
        rows = self.conn.execute(
            f"SELECT p.rowid, p.lat, p.lon, p.kind FROM names n JOIN places p ON p.rowid = n.place "
            f"WHERE n.key = ? AND p.country_code IS ? AND p.kind IN ({marks})",
            (key, country, *place_kinds),
        ).fetchall()
        best = None
        for rowid, plat, plon, kind in rows:
            dist = haversine_km(lat, lon, plat, plon)
            if dist <= kinds.info(kind).merge_km and (best is None or dist < best[0]):
                best = (dist, rowid)
        return best[1] if best else None

    # -- names ----------------------------------------------------------
    def add_names(self, rowid: int, names: Iterable[tuple[str, str | None]]) -> None:
        self.add_keyed(rowid, keyed_names(names))

    def add_keyed(self, rowid: int, keyed: Iterable[tuple[str, str, str | None]]) -> None:
        """Add names made by :func:`keyed_names` (``(key, name, lang)``) to place ``rowid``."""
        self._new_names.extend((key, rowid, name, lang) for key, name, lang in keyed)

    # -- closing --------------------------------------------------------
    def copy_keys(self, key_file: str) -> None:
        """Fill the empty key table from ``key_file``, which :func:`write_keys` made of the names
        :meth:`add_scratch` added (the build's helper makes it while the build goes on); the
        keys of the names added one by one (a writer made with ``keep_keys``) follow at
        :meth:`finish`. The file has this table's layout and indexes, so SQLite copies its
        rows as they are, with no sort. Commits."""
        conn = self.conn
        if self._keys is None or conn.execute("SELECT EXISTS (SELECT 1 FROM keys)").fetchone()[0]:
            raise ValueError("copy_keys needs an empty key table and a writer made with keep_keys")
        _run_script(conn, KEY_INDEXES)
        conn.commit()  # ATTACH and DETACH need no open transaction
        conn.execute("ATTACH DATABASE ? AS key_file", (key_file,))
        conn.execute("INSERT INTO main.keys SELECT * FROM key_file.keys")
        conn.commit()
        conn.execute("DETACH DATABASE key_file")
        self._keys_copied = True

    def finish(self, meta: dict[str, str], *, hash_job: Callable[[], str] | None = None,
               analyze: bool = False) -> dict[str, str]:
        """Fill the key table (after :meth:`copy_keys`: with the keys of the names added one by
        one), index, record hash and metadata. ``hash_job`` gives the hash when something else
        computes it (the build's helper processes read the committed places and names while
        this fills the keys and indexes; see build.py). ``analyze`` gathers the query planner's
        statistics too, before waiting for the hash."""
        if self._keys_copied:
            self.conn.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
                                  ((key, key[::-1], len(key)) for key in sorted(self._keys)))
        else:
            self.conn.create_function("reverse", 1, lambda s: s[::-1], deterministic=True)
            # Keys before their indexes: an index made over a full table is one sort, not a
            # million inserts at random places (on a gazetteer with keys the indexes exist).
            self.conn.execute(
                "INSERT OR IGNORE INTO keys SELECT DISTINCT key, reverse(key), length(key) FROM names"
            )
        _run_script(self.conn, INDEXES)
        if analyze:
            self.conn.execute("ANALYZE")
        counts = dict(self.conn.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind").fetchall())
        points = self.conn.execute(
            "SELECT kind, point_source, COUNT(*) FROM places GROUP BY kind, point_source ORDER BY kind, 3 DESC")
        meta = dict(meta)
        meta.update(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            places=str(sum(counts.values())),
            names=str(self.conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]),
            places_by_kind=",".join(f"{k}={v}" for k, v in sorted(counts.items())),
            points_by_source=", ".join(f"{kind}:{source}={n}" for kind, source, n in points),
            content_hash=hash_job() if hash_job else content_hash(self.conn),
            modified=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", sorted(meta.items()))
        return meta


def sort_scratch(conn: sqlite3.Connection) -> None:
    """Put a scratch file's ``raw_names`` in key order into its ``names``. Why: the build's
    helpers do it while the main process waits for their cities anyway; then the main process
    copies the names without a sort (:meth:`GazetteerWriter.add_scratch`) and :func:`write_keys`
    merges key lists already sorted."""
    conn.execute("INSERT INTO names SELECT key, rowid, seq, name, lang FROM raw_names ORDER BY key, rowid")


def write_keys(names_files: str | list[str], key_file: str) -> list[str]:
    """Make the key table (:data:`.schema.KEY_TABLE` with its indexes) of the names of one or
    more scratch files (:data:`.schema.SCRATCH_DDL`, sorted by :func:`sort_scratch`) in a new
    file ``key_file``; returns ``[key_file]`` (a :class:`~geomap.gazetteer.parallel.Prefetch`
    reader). Why: the table and its two indexes are a million-row sort each; the build's helper
    makes them from the cities' names while the main process merges the other sources, and
    :meth:`GazetteerWriter.copy_keys` copies them."""
    files = [names_files] if isinstance(names_files, str) else list(names_files)
    conn = sqlite3.connect(key_file)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        _run_script(conn, KEY_TABLE)
        for n, names_file in enumerate(files):
            conn.execute(f"ATTACH DATABASE ? AS names{n}", (names_file,))
        conn.create_function("reverse", 1, lambda s: s[::-1], deterministic=True)
        # each file's names are in key order: SQLite merges them into distinct keys, no sort
        every = " UNION ".join(f"SELECT DISTINCT key FROM names{n}.names" for n in range(len(files)))
        conn.execute(f"INSERT INTO keys SELECT key, reverse(key), length(key) FROM ({every} ORDER BY 1)")
        _run_script(conn, KEY_INDEXES)
        conn.commit()
    finally:
        conn.close()
    return [key_file]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statement by statement: ``executescript`` would COMMIT an open
    transaction and break the all-or-nothing import."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


#: What the content hash reads, in this order: every place, then each name key's count.
HASH_QUERIES = (
    "SELECT id, name, round(lat, 5), round(lon, 5), kind, country_code, admin1_code, population "
    "FROM places ORDER BY id",
    "SELECT key, COUNT(*) FROM names GROUP BY key ORDER BY key",
)


def content_hash(conn: sqlite3.Connection) -> str:
    """SHA-256 over every place and name, in a fixed order (not the file bytes,
    which change with page layout): equal hashes mean equal answers."""
    digest = hashlib.sha256()
    for query in HASH_QUERIES:
        for chunk in _hashed_text(conn, query):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def _hashed_text(conn: sqlite3.Connection, query: str):
    """The bytes the hash reads for one query, in batches (the same digest as row by row, less
    overhead)."""
    cursor = conn.execute(query)
    while rows := cursor.fetchmany(50_000):
        yield "".join(map(repr, rows)).encode()


def write_hashed_text(path: str, query: int, out: str) -> list[str]:
    """Write the bytes :func:`content_hash` reads for ``HASH_QUERIES[query]`` of the committed
    gazetteer at ``path`` to the file ``out``; returns ``[out]`` (a
    :class:`~geomap.gazetteer.parallel.Prefetch` reader). Why: the build's two helpers read the
    places and the names at once, and :func:`hash_of_files` digests both files in order, which
    is the same hash in about half the time."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with open(out, "wb") as handle:
            for chunk in _hashed_text(conn, HASH_QUERIES[query]):
                handle.write(chunk)
    finally:
        conn.close()
    return [out]


def hash_of_files(paths: list[str]) -> str:
    """:func:`content_hash` of the texts :func:`write_hashed_text` wrote, one per query, in order."""
    digest = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()[:16]
