"""Scoring dated, located events against a hand-annotated gold set (``geomap eval-events``).

The metrics of the project's development scorer, so accuracy is one command:
system and gold events of a document are paired one to one, closest first,
when the point lies within the tolerance of the gold place's kind and the
dates overlap (one day of slack; a gold event of unknown date takes any
date). Reported: precision, recall and F1; the same with places only; type
accuracy and the fatality exact-match rate over the pairs; recall on gold
events with a date; and the *wrong-place* share: system events more than
161 km from every gold toponym and gold event of their document.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..errors import InputError
from ..gazetteer import haversine_km

#: Match radius (km) by the gold place's kind.
TOLERANCE_KM = {"local": 25.0, "city": 25.0, "admin1": 150.0, "country": 500.0, "other": 161.0}
WRONG_PLACE_KM = 161.0
DATE_SLACK_DAYS = 1
_BLANK = ("", "null", "None", "NaN", "nan")


@dataclass(frozen=True, slots=True)
class Scored:
    """One system event, reduced to what scoring reads."""

    doc_id: str | None
    lat: float | None
    lon: float | None
    days: tuple[date, date] | None
    event_type: str | None
    fatalities: float | None
    start: float | None
    end: float | None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in _BLANK)


def day_range(value) -> tuple[date, date] | None:
    """First and last day of ``YYYY-MM-DD[...]``, ``YYYY-MM`` or ``YYYY``; None if blank or unreadable."""
    if _blank(value):
        return None
    text = str(value).strip()
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            day = date.fromisoformat(text[:10])
            return day, day
        if len(text) == 7 and text[4] == "-":
            first = date(int(text[:4]), int(text[5:7]), 1)
            following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


def system_days(row: dict) -> tuple[date, date] | None:
    """The days a system row claims: its ``date``, else ``date_start``..``date_end``."""
    exact = day_range(row.get("date"))
    if exact:
        return exact
    first, last = day_range(row.get("date_start")), day_range(row.get("date_end"))
    if first and last:
        return first[0], last[1]
    return first or last


def gold_days(event: dict) -> tuple[date, date] | None:
    """The gold event's days; None when unknown (any date matches); an open end is unbounded."""
    if event.get("date"):
        day = date.fromisoformat(event["date"])
        return day, day
    first, last = event.get("date_start"), event.get("date_end")
    if first is None and last is None:
        return None
    return (date.fromisoformat(first) if first else date.min, date.fromisoformat(last) if last else date.max)


def days_apart(system: tuple[date, date] | None, gold: tuple[date, date] | None) -> int | None:
    """Days between two ranges (0 when they overlap); None when the system has no date for a dated gold."""
    if gold is None:
        return 0
    if system is None:
        return None
    if system[1] < gold[0]:
        return (gold[0] - system[1]).days
    if gold[1] < system[0]:
        return (system[0] - gold[1]).days
    return 0


def _number(value) -> float | None:
    if _blank(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _type(value) -> str | None:
    return None if _blank(value) else str(value).strip().lower().replace("-", "_").replace(" ", "_")


def scored(row: dict, lat, lon) -> Scored:
    fatalities = _number(row.get("fatalities"))
    return Scored(doc_id=None if _blank(row.get("doc_id")) else str(row["doc_id"]).strip(),
                  lat=_number(lat), lon=_number(lon), days=system_days(row),
                  event_type=_type(row.get("event_type", row.get("type"))),
                  fatalities=fatalities, start=_number(row.get("start")), end=_number(row.get("end")))


def read_system(path: Path) -> list[Scored]:
    """System events from a GeoJSON FeatureCollection (point or lat/lon properties) or a CSV."""
    try:
        if path.suffix.lower() in (".geojson", ".json"):
            collection = json.loads(path.read_text(encoding="utf-8"))
            features = collection.get("features", []) if isinstance(collection, dict) else collection
            out = []
            for feature in features:
                props = dict(feature.get("properties") or {})
                lat, lon = _number(props.get("lat")), _number(props.get("lon"))
                geometry = feature.get("geometry") or {}
                if (lat is None or lon is None) and geometry.get("type") == "Point":
                    point = geometry.get("coordinates") or []
                    if len(point) >= 2:
                        lon, lat = point[0], point[1]
                out.append(scored(props, lat, lon))
            return out
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [{k.strip(): v for k, v in row.items() if k} for row in csv.DictReader(handle)]
        return [scored(row, row.get("lat"), row.get("lon")) for row in rows]
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as exc:
        raise InputError(f"cannot read events {path}: {exc}") from exc


def read_gold(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read gold events {path}: {exc}") from exc


def toponym_points(corpora, doc_ids) -> dict[str, list[tuple[float, float]]]:
    """Gold toponym points of the wanted documents, from corpus files (JSON Lines with ``toponyms``)."""
    wanted, points = set(doc_ids), {}
    for path in corpora:
        with Path(path).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("id") in wanted and "toponyms" in record:
                    points[record["id"]] = [(t["lat"], t["lon"]) for t in record["toponyms"]]
    return points


def pair_up(system: list[Scored], gold: list[dict], *, use_dates: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index), closest first; exact distance ties go to the
    same type, then the smaller date gap, then the overlapping sentence span."""
    options = []
    for i, s in enumerate(system):
        if s.lat is None or s.lon is None:
            continue
        for j, g in enumerate(gold):
            km = haversine_km(s.lat, s.lon, g["lat"], g["lon"])
            if km > TOLERANCE_KM[g["place_kind"]]:
                continue
            gap = days_apart(s.days, gold_days(g))
            if use_dates and (gap is None or gap > DATE_SLACK_DAYS):
                continue
            overlap = s.start is not None and s.end is not None and \
                s.start < g["sentence_end"] and g["sentence_start"] < s.end
            options.append((km, s.event_type != g["type"], 10 ** 6 if gap is None else gap, not overlap, i, j))
    options.sort()
    taken_s, taken_g, pairs = set(), set(), []
    for *_, i, j in options:
        if i not in taken_s and j not in taken_g:
            taken_s.add(i)
            taken_g.add(j)
            pairs.append((i, j))
    return pairs


_COUNTS = ("n_gold", "n_sys", "tp", "tp_place", "n_sys_place", "type_ok", "fat_n", "fat_ok", "wrong_place",
           "no_point", "n_gold_dated", "tp_dated")


def _document_counts(system: list[Scored], gold: list[dict], points, ignore_historical: bool) -> dict:
    events = gold
    pairs, place_pairs = pair_up(system, events), pair_up(system, events, use_dates=False)
    left_out = {j for j, e in enumerate(events) if ignore_historical and e.get("historical")}
    kept = [(i, j) for i, j in pairs if j not in left_out]
    dropped = {i for i, j in pairs if j in left_out}
    dropped_place = {i for i, j in place_pairs if j in left_out}
    reference = list(points) + [(e["lat"], e["lon"]) for e in events]
    wrong = no_point = 0
    for i, s in enumerate(system):
        if i in dropped:
            continue
        if s.lat is None or s.lon is None:
            no_point += 1
        elif not reference or min(haversine_km(s.lat, s.lon, a, b) for a, b in reference) > WRONG_PLACE_KM:
            wrong += 1
    tolls = [(system[i].fatalities, events[j]["fatalities"]) for i, j in kept if events[j]["fatalities"] is not None]
    dated = {j for j, e in enumerate(events) if j not in left_out and gold_days(e) is not None}
    return {"n_gold": len(events) - len(left_out), "n_sys": len(system) - len(dropped), "tp": len(kept),
            "tp_place": sum(1 for _, j in place_pairs if j not in left_out),
            "n_sys_place": len(system) - len(dropped_place),
            "type_ok": sum(1 for i, j in kept if system[i].event_type == events[j]["type"]),
            "fat_n": len(tolls), "fat_ok": sum(1 for a, b in tolls if a == b),
            "wrong_place": wrong + no_point, "no_point": no_point,
            "n_gold_dated": len(dated), "tp_dated": sum(1 for _, j in kept if j in dated)}


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _summary(c: dict) -> dict:
    p, r, f = _prf(c["tp"], c["n_sys"], c["n_gold"])
    pp, rp, fp = _prf(c["tp_place"], c["n_sys_place"], c["n_gold"])
    return {"gold_events": c["n_gold"], "system_events": c["n_sys"], "matched": c["tp"],
            "precision": p, "recall": r, "f1": f,
            "place_only": {"matched": c["tp_place"], "precision": pp, "recall": rp, "f1": fp},
            "recall_on_dated_gold": {"gold_events_with_date": c["n_gold_dated"], "matched": c["tp_dated"],
                                     "recall": c["tp_dated"] / c["n_gold_dated"] if c["n_gold_dated"] else None},
            "type_accuracy": c["type_ok"] / c["tp"] if c["tp"] else None,
            "fatalities": {"pairs_with_gold_fatalities": c["fat_n"],
                           "exact_match_rate": c["fat_ok"] / c["fat_n"] if c["fat_n"] else None},
            "wrong_place": {"count": c["wrong_place"], "without_point": c["no_point"],
                            "share": c["wrong_place"] / c["n_sys"] if c["n_sys"] else None}}


def score_events(gold: list[dict], system: list[Scored], *, corpora=(), ignore_historical: bool = False,
                 corpus: str | None = None, by_language: bool = False) -> dict:
    """The metrics over all documents, per corpus (and per language if asked)."""
    if corpus:
        gold = [g for g in gold if g["corpus"] == corpus]
    documents = {g["doc_id"]: g for g in gold}
    by_doc: dict[str, list[Scored]] = {}
    elsewhere = 0
    for s in system:
        if s.doc_id in documents:
            by_doc.setdefault(s.doc_id, []).append(s)
        else:
            elsewhere += 1
    points = toponym_points(corpora, documents)
    total = dict.fromkeys(_COUNTS, 0)
    groups: dict[str, dict[str, dict]] = {"per_corpus": {}, "per_language": {}}
    for doc_id, g in documents.items():
        counts = _document_counts(by_doc.get(doc_id, []), g["events"], points.get(doc_id, []), ignore_historical)
        keys = [("per_corpus", g["corpus"])] + ([("per_language", g.get("lang") or "?")] if by_language else [])
        for name, value in counts.items():
            total[name] += value
            for group, key in keys:
                groups[group].setdefault(key, dict.fromkeys(_COUNTS, 0))[name] += value
    report = _summary(total)
    report.update(documents=len(documents), system_events_in_other_docs_ignored=elsewhere,
                  ignore_historical=ignore_historical)
    for group, rows in groups.items():
        if rows:
            report[group] = {k: _summary(v) for k, v in sorted(rows.items())}
    return report


def default_corpora(gold_path: Path) -> list[Path]:
    """The corpus files beside the gold file that hold gold toponyms (for the wrong-place share)."""
    out = []
    for path in sorted(gold_path.resolve().parent.glob("*.jsonl")):
        if path.resolve() == gold_path.resolve():
            continue
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        try:
            if "toponyms" in json.loads(first or "{}"):
                out.append(path)
        except ValueError:
            continue
    return out
