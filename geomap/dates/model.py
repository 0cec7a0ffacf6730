"""Records at the dates stage boundary: a date expression found in a text
(:class:`Candidate`, what the text says) and its calendar value
(:class:`DateMention`, what it means once the article date is known)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

#: ``precision`` values, finest first.
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A date expression as written: offsets into the text and the parts it names.

    ``kind`` is ``explicit`` (a day or a month with a year, any calendar),
    ``month`` (a month alone), ``year``, ``weekday``, ``relative`` or ``ago``.
    ``invalid`` marks a date-shaped expression that names no real day
    (31/02/2020, a five-digit year): it is reported, never used.
    """

    start: int
    end: int
    text: str
    kind: str
    core: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 Monday .. 6 Sunday
    weekday_text: str | None = None
    unit: str | None = None  # relative and ago: day, week, month or year
    offset: int = 0
    future: bool = False  # the clause before it speaks of the future (will, va, 将): resolve forward
    by_week: bool = False  # a weekday's offset counts calendar weeks (上周三), not occurrences
    calendar: str = "gregorian"
    invalid: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression with its value: ISO ``YYYY-MM-DD`` (day, or the Monday of a
    week), ``YYYY-MM`` or ``YYYY``; ``None`` when it needs an article date nobody gave.

    ``resolved_by`` says how: ``absolute``, ``hijri``, ``solar-hijri`` (converted to
    Gregorian), ``relative-to-published``, ``relative-to-dateline`` (the article date
    the text itself gives), ``relative-to-hint`` (a date in the file name), ``weekday``
    or ``unresolved``.
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    resolved_by: str

    def to_dict(self) -> dict:
        return asdict(self)
