"""Merging with memory flat in the number of reports: the reports wait on disk.

Collecting every report of a feed in a DataFrame before merging made
memory grow with the feed (405 MB at 100,000 reports). Here reports are
written, as they arrive, to a temporary SQLite file (the *spool*). SQLite
sorts them by block and by :func:`~geomap.events.merge.order_key` on disk,
the anchors of merged events live in indexed tables, and merged events and
reports are streamed to the writers. The clustering is the same
:func:`~geomap.events.merge.cluster_in_order` the in-memory merge runs; only
where the anchors are kept differs, so both paths give the same events.
"""
from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections import defaultdict
from datetime import date, datetime

from .merge import (_BLOCK, _DOC, _GEO, _ID, _LAT, _LON, _NO_DAY, _TIME, _TYPE, MERGE_COLUMNS, AnchorIndex, block_key, cell_of,
                    cell_reach, cluster_in_order, default_rules, is_missing, merged_row, week_range)

_BATCH = 5_000
_SCHEMA = """
CREATE TABLE reports (pos INTEGER PRIMARY KEY, event_id TEXT, type TEXT, lat REAL, lon REAL, geo INTEGER,
                      time INTEGER, start INTEGER, end_ INTEGER, country TEXT, admin1 TEXT, doc TEXT,
                      block TEXT, record BLOB);
CREATE TABLE assigned (pos INTEGER PRIMARY KEY, merged TEXT);
CREATE TABLE anchor_cells (block TEXT, week INTEGER, cy INTEGER, cx INTEGER, anchor INTEGER);
CREATE TABLE anchor_docs (anchor TEXT, doc TEXT, PRIMARY KEY (anchor, doc)) WITHOUT ROWID;
CREATE TABLE merged (day TEXT, event_id TEXT, record BLOB);
CREATE INDEX anchor_cells_at ON anchor_cells (block, week, cy, cx);
"""
_TUPLE = "r.pos, r.event_id, r.type, r.lat, r.lon, r.geo, r.time, r.start, r.end_, r.country, r.admin1, r.doc, r.block"


def _day(value) -> int | None:
    """A date cell (date, datetime, Timestamp, ISO text) as a day ordinal; None when missing or unreadable."""
    if is_missing(value):
        return None
    if isinstance(value, (date, datetime)) or hasattr(value, "toordinal"):
        return value.toordinal()
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _text(value) -> str | None:
    return None if is_missing(value) else str(value)


class ReportSpool:
    """Report records on disk, merged and read back in order. Use as a context manager;
    the temporary file is removed on exit, whatever happens."""

    def __init__(self, directory=None, rules=None):
        self.rules = rules or default_rules()
        handle, self.path = tempfile.mkstemp(prefix=f"geomap-merge-{os.getpid()}-", suffix=".sqlite", dir=directory)
        os.close(handle)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE", "cache_size=-16000"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self.db.execute("BEGIN")
        self.columns: dict[str, None] = {}  # every record key, in first-seen order
        self.count = 0
        self._batch: list[tuple] = []
        self._doc_index = False

    def __enter__(self) -> "ReportSpool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        for suffix in ("", "-journal"):
            try:
                os.unlink(self.path + suffix)
            except FileNotFoundError:
                pass

    def add(self, records) -> None:
        """Spool report records (``Event.to_dict()`` or frame rows as dicts)."""
        for record in records:
            self.columns.update(dict.fromkeys(record))
            lat, lon = float(record["lat"]), float(record["lon"])
            self._batch.append((self.count, str(record["event_id"]), str(record["event_type"]), lat, lon,
                                int(record["geo_precision"]), int(record["time_precision"]),
                                _day(record.get("date_start")), _day(record.get("date_end")),
                                _text(record.get("country_code")), _text(record.get("admin1")),
                                str(record["doc_id"]), block_key(record.get("country_code"), lat, lon),
                                pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)))
            self.count += 1
            if len(self._batch) >= _BATCH:
                self._flush()

    def add_frame(self, frame) -> None:
        """Spool the rows of a DataFrame of report rows (an earlier run's reports file)."""
        from .merge_io import plain_cell

        columns = list(frame.columns)
        self.add({c: plain_cell(c, v) for c, v in zip(columns, values)}
                 for values in frame.itertuples(index=False, name=None))

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._batch)
        self._batch = []

    def has_document(self, doc_id: str) -> bool:
        """Whether a report of this document is spooled (``--append`` skips articles already merged)."""
        self._flush()
        if not self._doc_index:  # once, on the first question: a run that never appends needs none
            self.db.execute("CREATE INDEX reports_doc ON reports (doc)")
            self._doc_index = True
        return self.db.execute("SELECT 1 FROM reports WHERE doc = ? LIMIT 1", (doc_id,)).fetchone() is not None

    def merge(self) -> int:
        """Assign every spooled report to a merged event; returns the number of events."""
        self._flush()
        rows = self.db.execute(f"SELECT {_TUPLE.replace('r.', '')} FROM reports "
                               f"ORDER BY block, geo, time, coalesce(start, {_NO_DAY}), event_id, pos")  # pos: as a stable sort
        index = _DiskAnchorIndex(self.db, self.rules)
        assigned = []
        for position, anchor_id in cluster_in_order(rows, self.rules, index):
            assigned.append((position, anchor_id))
            if len(assigned) >= _BATCH:
                self.db.executemany("INSERT INTO assigned VALUES (?, ?)", assigned)
                assigned = []
        self.db.executemany("INSERT INTO assigned VALUES (?, ?)", assigned)
        return self._build_events()

    def _build_events(self) -> int:
        """One merged row per event, kept on disk sorted by date then id (the order the events file has)."""
        groups = self.db.execute("SELECT a.merged, r.record FROM assigned a JOIN reports r ON r.pos = a.pos "
                                 "ORDER BY a.merged, r.event_id, r.pos")
        out, batch, current, group = self.db.cursor(), [], None, []
        count = 0
        for merged_id, blob in groups:
            if merged_id != current and group:
                batch.append(self._merged(current, group))
                group = []
            current = merged_id
            group.append(pickle.loads(blob))
            if len(batch) >= _BATCH:
                out.executemany("INSERT INTO merged VALUES (?, ?, ?)", batch)
                count, batch = count + len(batch), []
        if group:
            batch.append(self._merged(current, group))
        out.executemany("INSERT INTO merged VALUES (?, ?, ?)", batch)
        return count + len(batch)

    def _merged(self, anchor_id: str, group: list[dict]) -> tuple:
        row = merged_row(anchor_id, group)
        day = _day(row.get("date"))
        return (None if day is None else date.fromordinal(day).isoformat(), str(row["event_id"]),
                pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL))

    def event_columns(self) -> list[str]:
        return [c for c in self.columns if c != "merged_event_id"] + list(MERGE_COLUMNS)

    def report_columns(self) -> list[str]:
        return [c for c in self.columns if c != "merged_event_id"] + ["merged_event_id"]

    def events(self):
        """Merged event rows (dicts), by date (undated last) then event id."""
        for (blob,) in self.db.execute("SELECT record FROM merged ORDER BY day IS NULL, day, event_id"):
            yield pickle.loads(blob)

    def reports(self):
        """Every report row (dict) in the order it was spooled, with the ``merged_event_id`` it joined."""
        for blob, merged_id in self.db.execute("SELECT r.record, a.merged FROM reports r "
                                               "JOIN assigned a ON a.pos = r.pos ORDER BY r.pos"):
            record = pickle.loads(blob)
            record["merged_event_id"] = merged_id
            yield record


class _DiskAnchorIndex(AnchorIndex):
    """Anchors in the spool's tables, with the weeks the sweep is in cached in memory.

    Reports come in :func:`order_key` order, so inside one block and
    precision class their dates only grow: a week the sweep has passed is
    dropped from memory, and a week it reaches is loaded with one query.
    Memory holds a few weeks of one block's anchors, whatever the feed's size.
    """

    def __init__(self, db: sqlite3.Connection, rules):
        super().__init__(rules)
        self.db = db
        self.sweep = None  # (block, geo precision, time precision) of the reports being placed
        self.weeks: dict[int, dict] = {}  # week -> type family -> [(cy, cx, anchor tuple)]
        self.documents: dict[str, set] = {}  # anchor id -> documents of its reports (for anchors in self.weeks)
        self.pending_cells: list[tuple] = []
        self.pending_docs: list[tuple] = []

    def _flush(self) -> None:
        if self.pending_cells:
            self.db.executemany("INSERT INTO anchor_cells VALUES (?, ?, ?, ?, ?)", self.pending_cells)
            self.pending_cells = []
        if self.pending_docs:
            self.db.executemany("INSERT OR IGNORE INTO anchor_docs VALUES (?, ?)", self.pending_docs)
            self.pending_docs = []

    def _follow(self, row, weeks: range) -> None:
        """Start a new sweep at a new block or class; drop the weeks this one has passed."""
        sweep = (row[_BLOCK], row[_GEO], row[_TIME])
        if sweep != self.sweep:
            self._flush()
            self.sweep, self.weeks, self.documents = sweep, {}, {}
            return
        for week in [w for w in self.weeks if w < weeks.start]:
            del self.weeks[week]
        if len(self.documents) > 2 * sum(len(b) for f in self.weeks.values() for b in f.values()) + 1_000:
            kept = {entry[2][_ID] for families in self.weeks.values() for bucket in families.values() for entry in bucket}
            self.documents = {k: v for k, v in self.documents.items() if k in kept}

    def _family(self, kind: str) -> str:
        """Anchors of other families can never match (see ``_match_distance``), so they are kept apart."""
        return self.rules.family.get(kind) or f"type:{kind}"

    def _week(self, week: int) -> dict:
        families = self.weeks.get(week)
        if families is None:
            self._flush()
            families = self.weeks[week] = defaultdict(list)
            rows = self.db.execute(f"SELECT c.cy, c.cx, {_TUPLE} FROM anchor_cells c JOIN reports r "
                                   "ON r.pos = c.anchor WHERE c.block = ? AND c.week = ?",
                                   (self.sweep[0], week)).fetchall()
            for cy, cx, *anchor in rows:
                if anchor[_ID] not in self.documents:
                    self.documents[anchor[_ID]] = {d for (d,) in self.db.execute(
                        "SELECT doc FROM anchor_docs WHERE anchor = ?", (anchor[_ID],))}
                families[self._family(anchor[_TYPE])].append((cy, cx, tuple(anchor)))
        return families

    def add(self, row) -> None:
        cy, cx = cell_of(row[_LAT], row[_LON])
        entry = (cy, cx, row)
        self.documents.setdefault(row[_ID], set())
        for week in week_range(row, self.rules):
            self.pending_cells.append((row[_BLOCK], week, cy, cx, row[0]))
            if week in self.weeks:
                self.weeks[week][self._family(row[_TYPE])].append(entry)

    def note_document(self, anchor_id: str, doc_id: str) -> None:
        self.documents[anchor_id].add(doc_id)
        self.pending_docs.append((anchor_id, doc_id))

    def eligible(self, row):
        weeks = week_range(row, self.rules)
        self._follow(row, weeks)
        box = None
        if row[_GEO] < 3:
            lat_cells, lon_cells = cell_reach(row, self.rules)
            cy, cx = cell_of(row[_LAT], row[_LON])
            box = (cy - lat_cells, cy + lat_cells, cx - lon_cells, cx + lon_cells)
        seen, family = set(), self._family(row[_TYPE])
        for week in weeks:
            for cy, cx, anchor in self._week(week).get(family, ()):
                if anchor[_ID] in seen or (box and not (box[0] <= cy <= box[1] and box[2] <= cx <= box[3])):
                    continue
                seen.add(anchor[_ID])
                if row[_DOC] not in self.documents[anchor[_ID]]:
                    yield anchor
