"""The numbers at the top of a report, computed from the drawable events."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..maps.table import UNDATED

_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class TypeCount:
    event_type: str
    events: int
    fatalities: int
    with_fatalities: int


@dataclass(frozen=True, slots=True)
class UndatedEvent:
    """A located event whose date nobody knows: listed, since no time line can hold it."""

    place: str
    event_type: str
    fatalities: int | None
    quote: str
    source: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a reader wants before the map: how many, when, where, how deadly."""

    events: int
    documents: int | None
    places: int
    first_day: date | None
    last_day: date | None
    fatalities: int
    by_type: tuple[TypeCount, ...]
    skipped: int
    unresolved: tuple[tuple[str, int], ...]
    #: Located events without a date (the first of them) and how many there are in all.
    undated: tuple[UndatedEvent, ...] = ()
    undated_total: int = 0


def summarize(table, unresolved=()) -> Summary:
    """A :class:`Summary` of an :class:`~geomap.maps.EventTable` (plus unresolved place counts)."""
    frame = table.frame
    n = len(frame)
    first = _EPOCH + timedelta(days=int(frame["day_start"].min())) if n else None
    last = _EPOCH + timedelta(days=int(frame["day_end"].max())) if n else None
    place_column = "place_id" if "place_id" in frame and frame["place_id"].notna().any() else None
    if place_column:
        places = frame[place_column].fillna(frame["lat"].round(4).astype(str) + "," + frame["lon"].round(4).astype(str)).nunique()
    else:
        places = frame[["lat", "lon"]].round(4).drop_duplicates().shape[0]
    documents = int(frame["doc_id"].nunique()) if "doc_id" in frame else None
    types = frame["event_type"].fillna("other") if "event_type" in frame else None
    by_type: list[TypeCount] = []
    if n:
        fatal = frame["fatalities"] if "fatalities" in frame else None
        keys = types if types is not None else ["other"] * n
        grouped = frame.assign(_type=list(keys), _fatal=fatal if fatal is not None else float("nan")).groupby("_type")
        for name, group in grouped:
            by_type.append(TypeCount(str(name), len(group), int(group["_fatal"].fillna(0).sum()),
                                     int(group["_fatal"].notna().sum())))
        by_type.sort(key=lambda t: (-t.events, t.event_type))
    return Summary(events=n, documents=documents, places=int(places), first_day=first, last_day=last,
                   fatalities=sum(t.fatalities for t in by_type), by_type=tuple(by_type),
                   skipped=sum(table.skipped.values()), unresolved=_merge_counts(table.unresolved, unresolved),
                   undated=_undated(table.undated), undated_total=table.skipped.get(UNDATED, 0))


def _undated(frame) -> tuple[UndatedEvent, ...]:
    """The table's located rows without a date, as the report lists them."""
    if frame is None:
        return ()

    def text(row, *names) -> str:
        for name in names:
            value = row.get(name)
            if isinstance(value, str) and value:
                return value
        return ""

    out = []
    for row in frame.to_dict("records"):
        fatal = row.get("fatalities")
        out.append(UndatedEvent(place=text(row, "place", "place_text", "country"),
                                event_type=text(row, "event_type") or "other",
                                fatalities=int(fatal) if isinstance(fatal, (int, float)) and fatal == fatal else None,
                                quote=text(row, "quote"), source=text(row, "title", "source", "doc_id"),
                                url=text(row, "url") or None))
    return tuple(out)


def _merge_counts(*groups) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for group in groups:
        for name, count in group:
            counts[name] = counts.get(name, 0) + int(count)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
