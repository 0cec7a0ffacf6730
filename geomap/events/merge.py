"""Reports of one occurrence across articles become one event.

Forty outlets reporting one air strike are forty report rows; an analyst
wants one marker that says "40 reports, 31 sources" (GDELT counts the
articles behind an event, ACLED codes each occurrence once). This module
clusters report rows into events:

* reports are compared only inside a **block** (their country, or a 5°
  cell when they have none), so the single-machine path and the Dask path
  run the very same function per block and give the same events;
* inside a block, reports are taken **best-placed first** (lowest
  ``geo_precision``, then best-dated, then by id): the first report of an
  occurrence is its anchor; a later report joins the nearest anchor whose
  type is compatible (same type, or one family in ``merge_rules.json``),
  whose date window overlaps its own (± ``date_slack_days``) and whose place
  is within the radius of the coarser of the two precisions (a
  country-level report matches on its country alone);
* a region- or country-level (or month-dated) report that fits more than one event is
  ambiguous and stays on its own rather than joining one at random;
* undated and year-dated reports never merge (nothing says they are the same
  day; a month-dated one is vague like a country-level one), and an
  event holds at most one report per article: the events stage already made
  one event of an article's repeated mentions, so two events of one article
  are two occurrences.

Anchoring on the best-placed report, rather than chaining any two close
reports, keeps two strikes in one town on different days apart and stops
a long run of reports from drifting across a country.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..gazetteer import haversine_km

#: Columns :func:`merge_reports` adds to each merged event.
MERGE_COLUMNS = ("n_reports", "n_sources", "first_reported", "sources", "report_ids",
                 "fatalities_sources", "fatalities_alternatives")
_MONTH, _YEAR_OR_UNKNOWN = 3, 4  # time_precision codes of geomap.events.model
_CELL_DEG = 0.5  # spatial index cell; radii up to 50 km look at the 3×3 (or wider near the poles) cells


@dataclass(frozen=True, slots=True)
class MergeRules:
    """The tunable part of merging, read from ``merge_rules.json``."""

    radius_km: dict
    date_slack_days: int
    family: dict

    @classmethod
    def load(cls) -> "MergeRules":
        data = json.loads(resources.files("geomap.events").joinpath("merge_rules.json").read_text("utf-8"))
        family = {kind: name for name, kinds in data["families"].items() for kind in kinds}
        return cls(radius_km={int(k): float(v) for k, v in data["radius_km"].items()},
                   date_slack_days=int(data["date_slack_days"]), family=family)


@cache
def default_rules() -> MergeRules:
    return MergeRules.load()


def block_key(country_code, lat: float, lon: float) -> str:
    """The block a report is compared in: its country, else a 5° cell."""
    if isinstance(country_code, str) and country_code:
        return country_code
    return f"cell:{math.floor(lat / 5)}:{math.floor(lon / 5)}"


def source_of(url, source, doc_id) -> str:
    """The outlet behind a report: the URL's host without ``www.``, else the source name, else the document."""
    if isinstance(url, str) and url:
        host = _host(url)
        if host:
            return host
    if isinstance(source, str) and source:
        return source
    return f"doc:{doc_id}"


@lru_cache(maxsize=4096)
def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def assign_events(frame, rules: MergeRules | None = None) -> list:
    """The merged event id of every row of ``frame`` (report rows), in row order.

    ``frame`` needs ``event_id``, ``event_type``, ``lat``, ``lon``,
    ``geo_precision``, ``time_precision``, ``date_start``, ``date_end`` and
    ``country_code`` (``admin1`` is used when present).
    """
    rules = rules or default_rules()
    ids = [None] * len(frame)
    if not len(frame):
        return ids
    blocks: dict[str, list] = defaultdict(list)
    for row in _report_tuples(frame):
        blocks[row[_BLOCK]].append(row)
    for block_rows in blocks.values():
        for position, anchor_id in cluster_in_order(sorted(block_rows, key=order_key), rules,
                                                    MemoryAnchorIndex(rules)):
            ids[position] = anchor_id
    return ids


# positions in a report tuple
_POS, _ID, _TYPE, _LAT, _LON, _GEO, _TIME, _START, _END, _COUNTRY, _ADMIN1, _DOC, _BLOCK = range(13)
_NO_DAY = 1 << 30  # undated reports sort last in their precision class


def order_key(row: tuple) -> tuple:
    """Best-placed first, then best-dated, then earliest, then by id: the order anchors are chosen in."""
    return row[_GEO], row[_TIME], row[_START] if row[_START] is not None else _NO_DAY, row[_ID]


def _report_tuples(frame) -> list[tuple]:
    import pandas as pd

    def days(column):
        values = pd.to_datetime(frame[column], errors="coerce")
        return [None if pd.isna(v) else v.toordinal() for v in values]

    admin1 = frame["admin1"] if "admin1" in frame else [None] * len(frame)
    lats, lons = frame["lat"].astype(float), frame["lon"].astype(float)
    blocks = [block_key(c, la, lo) for c, la, lo in zip(frame["country_code"], lats, lons)]
    return list(zip(range(len(frame)), frame["event_id"].astype(str), frame["event_type"].astype(str),
                    lats, lons, frame["geo_precision"].astype(int), frame["time_precision"].astype(int),
                    days("date_start"), days("date_end"), frame["country_code"], admin1,
                    frame["doc_id"].astype(str), blocks))


def cluster_in_order(rows, rules: MergeRules, index: "AnchorIndex"):
    """(row position, anchor event id) for report tuples of one block given in :func:`order_key` order.

    The in-memory and the on-disk merge (:mod:`geomap.events.merge_spool`)
    both run this; only where the anchors are kept differs.
    """
    for row in rows:
        if row[_START] is None or row[_TIME] >= _YEAR_OR_UNKNOWN:
            yield row[_POS], row[_ID]
            continue
        anchor = index.best_match(row)
        if anchor is None:
            index.add(row)
            anchor = row
        index.note_document(anchor[_ID], row[_DOC])
        yield row[_POS], anchor[_ID]


def week_range(row: tuple, rules: MergeRules) -> range:
    """The weeks (day ordinal // 7) a report's date window, with the slack, touches."""
    slack = rules.date_slack_days
    end = row[_END] if row[_END] is not None else row[_START]
    return range((row[_START] - slack) // 7, (end + slack) // 7 + 1)


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def cell_reach(row: tuple, rules: MergeRules) -> tuple[int, int]:
    """How many index cells north/south and east/west a town- or district-level report looks."""
    radius = rules.radius_km.get(row[_GEO], 50.0)
    lat_cells = math.ceil(radius / (111.0 * _CELL_DEG))
    lon_cells = math.ceil(radius / (111.0 * _CELL_DEG * max(math.cos(math.radians(row[_LAT])), 0.05)))
    return lat_cells, lon_cells


class AnchorIndex:
    """Where the anchors of merged events are kept; subclasses say how candidates are found."""

    def __init__(self, rules: MergeRules):
        self.rules = rules

    def add(self, row) -> None:
        raise NotImplementedError

    def note_document(self, anchor_id: str, doc_id: str) -> None:
        raise NotImplementedError

    def eligible(self, row):
        """Anchors near ``row`` in place and time that hold no report of ``row``'s article."""
        raise NotImplementedError

    def best_match(self, row):
        """The anchor this report belongs to, or None to start a new event."""
        matches = []
        for anchor in self.eligible(row):
            distance = _match_distance(row, anchor, self.rules)
            if distance is not None:
                matches.append((distance, anchor[_START], anchor[_ID], anchor))
        if not matches:
            return None
        if (row[_GEO] >= 3 or row[_TIME] >= _MONTH) and len(matches) > 1:
            return None  # a vague report that fits several events joins none of them
        return min(matches, key=lambda m: m[:3])[3]


class MemoryAnchorIndex(AnchorIndex):
    """Anchors of one block in memory, indexed by week and 0.5° cell so a lookup touches only near ones."""

    def __init__(self, rules: MergeRules):
        super().__init__(rules)
        self.by_week_cell: dict[tuple, list] = defaultdict(list)
        self.by_week: dict[int, list] = defaultdict(list)
        self.documents: dict[str, set] = defaultdict(set)  # anchor id -> documents of its reports

    def add(self, row) -> None:
        cell = cell_of(row[_LAT], row[_LON])
        for week in week_range(row, self.rules):
            self.by_week_cell[(week, *cell)].append(row)
            self.by_week[week].append(row)

    def note_document(self, anchor_id: str, doc_id: str) -> None:
        self.documents[anchor_id].add(doc_id)

    def eligible(self, row):
        weeks = week_range(row, self.rules)
        if row[_GEO] >= 3:
            pools = [self.by_week[w] for w in weeks]
        else:
            lat_cells, lon_cells = cell_reach(row, self.rules)
            cy, cx = cell_of(row[_LAT], row[_LON])
            pools = [self.by_week_cell.get((w, cy + dy, cx + dx), ()) for w in weeks
                     for dy in range(-lat_cells, lat_cells + 1) for dx in range(-lon_cells, lon_cells + 1)]
        seen = set()
        for pool in pools:
            for anchor in pool:
                if anchor[_ID] not in seen:
                    seen.add(anchor[_ID])
                    if row[_DOC] not in self.documents[anchor[_ID]]:  # one article's events are distinct occurrences
                        yield anchor


def _match_distance(row, anchor, rules: MergeRules) -> float | None:
    """The distance in km if ``row`` may be a report of ``anchor``'s occurrence, else None."""
    if row[_TYPE] != anchor[_TYPE]:
        family = rules.family.get(row[_TYPE])
        if family is None or family != rules.family.get(anchor[_TYPE]):
            return None
    slack = rules.date_slack_days
    row_end = row[_END] if row[_END] is not None else row[_START]
    anchor_end = anchor[_END] if anchor[_END] is not None else anchor[_START]
    if row[_START] - slack > anchor_end or anchor[_START] - slack > row_end:
        return None
    distance = haversine_km(row[_LAT], row[_LON], anchor[_LAT], anchor[_LON])
    coarser = max(row[_GEO], anchor[_GEO])
    if coarser >= 4:
        return distance  # same block = same country
    if coarser == 3 and _same_text(row[_ADMIN1], anchor[_ADMIN1]):
        return distance
    return distance if distance <= rules.radius_km.get(coarser, 50.0) else None


def _same_text(a, b) -> bool:
    return isinstance(a, str) and isinstance(b, str) and bool(a) and a == b


def merge_reports(frame, rules: MergeRules | None = None):
    """One row per occurrence from report rows, and the reports with the event each joined.

    Returns ``(events, reports)``: ``events`` keeps the best-placed report's
    place, the best-dated report's date, and adds :data:`MERGE_COLUMNS`;
    ``reports`` is ``frame`` with ``merged_event_id``, so every merged event's
    reports can always be recovered (``reports[reports.merged_event_id == id]``).
    """
    import pandas as pd

    reports = frame.copy()
    reports["merged_event_id"] = assign_events(frame, rules)
    groups: dict[str, list] = defaultdict(list)
    for record in reports.to_dict("records"):
        groups[record["merged_event_id"]].append(record)
    columns = [c for c in frame.columns] + list(MERGE_COLUMNS)
    events = pd.DataFrame([merged_row(anchor_id, sorted(group, key=lambda r: str(r["event_id"])))
                           for anchor_id, group in groups.items()], columns=columns)
    if len(events):
        events = events.sort_values(["date", "event_id"], na_position="last", kind="stable").reset_index(drop=True)
    return events, reports


def is_missing(value) -> bool:
    """None, NaN, NaT or pandas' NA (whose comparisons cannot be made bool)."""
    try:
        return value is None or bool(value != value)
    except (TypeError, ValueError):
        return True


def _day_key(value) -> float:
    return float("inf") if is_missing(value) else value.toordinal() if hasattr(value, "toordinal") else float("inf")


def merged_row(anchor_id: str, group: list[dict]) -> dict:
    """The merged event of one group of report records."""
    anchor = next(r for r in group if str(r["event_id"]) == anchor_id)
    row = {k: v for k, v in anchor.items() if k != "merged_event_id"}
    best_dated = min(group, key=lambda r: (r["time_precision"], _day_key(r.get("date_start")), str(r["event_id"])))
    for column in ("date", "date_start", "date_end", "time_precision", "date_text"):
        if column in best_dated:
            row[column] = best_dated[column]
    fatalities, givers, alternatives = credible_fatalities(group)
    row["fatalities"] = fatalities
    row.update(_provenance(group))
    row["fatalities_sources"] = json.dumps(givers)
    row["fatalities_alternatives"] = json.dumps(alternatives)
    return row


def _provenance(group: list[dict]) -> dict:
    sources, names, first = [], set(), None
    for record in group:
        name = source_of(record.get("url"), record.get("source"), record["doc_id"])
        names.add(name)
        url = record.get("url")
        sources.append({"doc_id": str(record["doc_id"]), "url": url if isinstance(url, str) else None,
                        "source": name})
        reported = record.get("published", record.get("date"))
        day = _day_key(reported)
        if day != float("inf") and (first is None or day < first[0]):
            first = (day, reported)
    return {"n_reports": len(group), "n_sources": len(names),
            "first_reported": None if first is None else _iso_day(first[1]),
            "sources": json.dumps(sources, ensure_ascii=False),
            "report_ids": json.dumps([str(r["event_id"]) for r in group])}


def _iso_day(value) -> str:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value.isoformat()


def credible_fatalities(group) -> tuple:
    """(figure, sources that gave it, other figures) for one event's reports (records or a DataFrame).

    A figure two or more distinct outlets give is credible, and the highest
    credible one is taken (later reports often raise a toll); with no figure
    confirmed twice, the lowest is taken (ACLED's most conservative figure).
    Every other figure is kept with its sources.
    """
    records = group.to_dict("records") if hasattr(group, "to_dict") else group
    by_figure: dict[int, set] = defaultdict(set)
    for record in records:
        figure = record.get("fatalities")
        if not is_missing(figure):
            by_figure[int(figure)].add(source_of(record.get("url"), record.get("source"), record["doc_id"]))
    if not by_figure:
        return None, [], {}
    confirmed = [figure for figure, names in by_figure.items() if len(names) >= 2]
    chosen = max(confirmed) if confirmed else min(by_figure)
    alternatives = {str(f): sorted(n) for f, n in sorted(by_figure.items()) if f != chosen}
    return chosen, sorted(by_figure[chosen]), alternatives
