"""From a :class:`Candidate` and the article date to a calendar value.

Relative expressions resolve against the article date: weekdays in the past
(*Rabu* in an article of Thursday 1 October 2020 is 30 September; a weekday
equal to the article's own is the article day, as news says "on Thursday"
for today); a day and month without a year, or a month alone, take the year
that puts them nearest the article date, the future counting double
(news reports what happened more often than what will).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..errors import InvalidDate
from .model import Candidate, DateMention

__all__ = ["InvalidDate", "resolve", "value_range"]

#: How much further a future date must be to lose to a past one.
FUTURE_WEIGHT = 3


def resolve(c: Candidate, base: date | None, source: str = "published") -> DateMention:
    """The value of ``c``; ``source`` names where ``base`` came from (``published`` or ``dateline``).

    Raises :class:`InvalidDate` for a candidate that names no real day.
    """
    if c.invalid:
        raise InvalidDate(c.core)
    try:
        value, precision, how = _value(c, base)
    except (ValueError, OverflowError):  # arithmetic past year 9999 or a converter refusing the date
        if c.kind in ("explicit", "year") and c.calendar != "gregorian":
            raise InvalidDate(c.core) from None
        value, precision, how = None, None, "unresolved"
    if how == "relative":
        how = f"relative-to-{source}"
    return DateMention(start=c.start, end=c.end, text=c.text, value=value, precision=precision,
                       resolved_by=how if value is not None else "unresolved")


def _value(c: Candidate, base: date | None) -> tuple[str | None, str | None, str]:
    if c.calendar != "gregorian":
        from .calendars import to_gregorian

        return to_gregorian(c.calendar, c.year, c.month, c.day).isoformat(), "day", c.calendar.replace("_", "-")
    if c.kind == "year":
        return f"{c.year:04d}", "year", "absolute"
    if c.kind == "explicit" and c.year is not None:
        if c.day is None:
            return f"{c.year:04d}-{c.month:02d}", "month", "absolute"
        return date(c.year, c.month, c.day).isoformat(), "day", "absolute"
    if base is None:
        return None, None, "unresolved"
    if c.kind == "weekday":
        if c.weekday is None:
            return None, None, "unresolved"
        if c.by_week:
            monday = base - timedelta(days=base.weekday()) + timedelta(weeks=c.offset)
            return (monday + timedelta(days=c.weekday)).isoformat(), "day", "weekday"
        if c.offset > 0:  # "next Monday", "lundi prochain": the first one after the article day
            return (base + timedelta(days=(c.weekday - base.weekday() - 1) % 7 + 1)).isoformat(), "day", "weekday"
        if c.future:  # "talks will resume Thursday": the next one, today included
            return (base + timedelta(days=(c.weekday - base.weekday()) % 7)).isoformat(), "day", "weekday"
        back = (base.weekday() - c.weekday) % 7 or (7 if c.offset < 0 else 0)  # "last Thursday" is never today
        return (base - timedelta(days=back)).isoformat(), "day", "weekday"
    if c.kind in ("relative", "ago"):
        return _shift(base, c.unit, c.offset)
    if c.unit == "year" and c.month is not None:  # 今年1月, September last year
        year = base.year + c.offset
        if c.day is None:
            return f"{year:04d}-{c.month:02d}", "month", "relative"
        last = calendar.monthrange(year, c.month)[1]
        return date(year, c.month, min(c.day, last)).isoformat(), "day", "relative"
    if c.kind == "month" or c.day is None:
        if c.month is None:
            return None, None, "unresolved"
        if c.offset:  # juin dernier, next March: strictly before or after the article's month
            later = c.month > base.month if c.offset > 0 else c.month < base.month
            year = base.year if later else base.year + (1 if c.offset > 0 else -1)
        else:
            year = _nearest_year(base, c.month, 15, c.future)
        return f"{year:04d}-{c.month:02d}", "month", "relative"
    if c.month is None:  # a day alone (CJK 1日): the nearest month with that day
        return _nearest_month_day(base, c.day, c.future, c.offset).isoformat(), "day", "relative"
    year = _nearest_year(base, c.month, c.day, c.future, c.offset)
    last = calendar.monthrange(year, c.month)[1]  # 29 February of a common year: the 28th
    return date(year, c.month, min(c.day, last)).isoformat(), "day", "relative"


def _shift(base: date, unit: str | None, offset: int) -> tuple[str, str, str]:
    if unit == "day":
        return (base + timedelta(days=offset)).isoformat(), "day", "relative"
    if unit == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=offset)
        return monday.isoformat(), "week", "relative"
    if unit == "month":
        index = base.year * 12 + base.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "relative"
    if unit == "year":
        return f"{base.year + offset:04d}", "year", "relative"
    raise ValueError(unit)


def _distance(base: date, day: date, future: bool = False) -> int:
    """Days from the article date; the past counts double after a future cue, the future otherwise."""
    days = (day - base).days
    if future:
        return -days * FUTURE_WEIGHT if days < 0 else days
    return days * FUTURE_WEIGHT if days > 0 else -days


def _nearest_year(base: date, month: int, day: int, future: bool = False, direction: int = 0) -> int:
    """The year putting ``month``/``day`` nearest the article date; ``direction`` -1 keeps only
    earlier dates (*juin dernier*), +1 only later ones (*el próximo 3 de octubre*)."""
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        day_of = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if direction < 0 and day_of >= base or direction > 0 and day_of <= base:
            continue
        options.append((_distance(base, day_of, future), year))
    return min(options)[1]


def _nearest_month_day(base: date, day: int, future: bool = False, direction: int = 0) -> date:
    """The nearest date with that day of the month; ``direction`` as in :func:`_nearest_year`."""
    options = []
    for shift in (-1, 0, 1):
        index = base.year * 12 + base.month - 1 + shift
        year, month = index // 12, index % 12 + 1
        if day <= calendar.monthrange(year, month)[1] and not (
                direction < 0 and date(year, month, day) >= base or direction > 0 and date(year, month, day) <= base):
            options.append((_distance(base, date(year, month, day), future), date(year, month, day)))
    if not options:
        raise ValueError(day)
    return min(options)[1]


def value_range(value: str, precision: str) -> tuple[date, date, date]:
    """``(date, first day, last day)`` a value covers: the day, its week, month or year."""
    if precision == "year":
        year = int(value)
        return date(year, 1, 1), date(year, 1, 1), date(year, 12, 31)
    if precision == "month":
        year, month = int(value[:4]), int(value[5:7])
        first = date(year, month, 1)
        return first, first, date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(value)
    if precision == "week":
        return day, day, day + timedelta(days=6)
    return day, day, day
