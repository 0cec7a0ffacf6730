"""Records at the events stage boundary: documents in, events and unresolved mentions out."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from ..documents import Document, Problem  # noqa: F401  (the stage's input records, re-exported)

#: The event taxonomy, most specific violent types first (see geomap/events/data/README.md).
EVENT_TYPES = ("battle", "air_strike", "shelling", "violence_against_civilians", "protest",
               "diplomacy", "statement", "disaster", "other")
#: Types that are violence or harm; a death toll without a type cue borrows one of these.
VIOLENT_TYPES = ("air_strike", "shelling", "violence_against_civilians", "disaster", "battle")

#: ``time_precision`` codes: 1 day, 2 week, 3 month, 4 year or unknown.
DAY, WEEK, MONTH, YEAR_OR_UNKNOWN = 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Event:
    """One row: what happened (``event_type``, ``fatalities``), where, when, and from which span."""

    event_id: str
    doc_id: str
    date: date | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    date_text: str | None
    place_text: str
    place: str
    lat: float
    lon: float
    place_id: str
    country_code: str | None
    admin1: str | None
    geo_precision: int
    confidence: float
    event_type: str
    fatalities: int | None
    quote: str
    start: int
    end: int
    title: str | None
    url: str | None
    source: str | None
    lang: str | None
    gazetteer: str

    def to_dict(self) -> dict:
        return asdict(self)


EVENT_FIELDS = tuple(f.name for f in fields(Event))


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A place mention the gazetteer could not resolve, kept so the user can import it."""

    doc_id: str
    place_text: str
    start: int
    end: int
    reason: str
    event_type: str | None
    date: date | None
    time_precision: int
    date_text: str | None
    quote: str
    quote_start: int
    quote_end: int
    title: str | None
    url: str | None
    lang: str | None

    def to_dict(self) -> dict:
        return asdict(self)


UNRESOLVED_FIELDS = tuple(f.name for f in fields(Unresolved))


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything one document produced."""

    doc_id: str
    events: list[Event] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    article_date: date | None = None
    article_date_source: str = "unknown"
