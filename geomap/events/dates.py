"""When: the article date and each sentence's event date, from the dates stage.

Thin wrappers over :mod:`geomap.dates` kept for the events stage's callers:
:func:`find_expressions` spots a sentence's date expressions,
:func:`resolve` gives their :class:`EventDate` (a day, week, month or year
with its first and last day), :func:`sentence_date` picks a sentence's date.
Date forms of every language live in ``geomap/dates/data``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..dates import Candidate, spot
from ..dates import resolve as resolve_candidate
from ..dates.published import MIN_YEAR, parse_published
from ..dates.resolve import value_range
from ..errors import InvalidDate
from .lexicon import Lexicon
from .model import DAY, MONTH, WEEK, YEAR_OR_UNKNOWN

_PRECISION = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR_OR_UNKNOWN}
#: Candidate kinds the events stage dates sentences with, as it names them (a bare year
#: is too coarse to date an event: the article week is closer).
_KINDS = {"explicit": "explicit", "relative": "relative", "ago": "relative", "weekday": "weekday", "month": "month"}

__all__ = ["MIN_YEAR", "UNKNOWN", "DateExpr", "EventDate", "InvalidDate", "find_expressions", "parse_published",
           "read_date", "resolve", "sentence_date"]


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a text: ``kind`` is explicit, relative, weekday or month."""

    start: int
    end: int
    text: str
    kind: str
    core: str  # the expression without a leading weekday or cue word
    weekday: str | None = None
    candidate: Candidate | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    date: date | None
    start: date | None
    end: date | None
    precision: int
    text: str | None


UNKNOWN = EventDate(None, None, None, YEAR_OR_UNKNOWN, None)


def find_expressions(text: str, lex: Lexicon, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]``, with offsets into ``text``."""
    return [DateExpr(c.start, c.end, c.text, _KINDS[c.kind], c.core, c.weekday_text, c)
            for c in spot(text, lex.lang, start, end) if c.kind in _KINDS]


def resolve(expr: DateExpr, lex: Lexicon, base: date | None) -> EventDate | None:
    """The date ``expr`` names, or None when it needs an article date that is unknown.

    Raises :class:`InvalidDate` for an explicit date that names no real day.
    """
    candidate = expr.candidate or _spot_one(expr, lex)
    if candidate is None:
        return None
    found = resolve_candidate(candidate, base)
    if found.value is None:
        return None
    day, first, last = value_range(found.value, found.precision)
    return EventDate(day, first, last, _PRECISION[found.precision], expr.text)


def _spot_one(expr: DateExpr, lex: Lexicon) -> Candidate | None:
    found = [c for c in spot(expr.text, lex.lang) if c.kind in _KINDS]
    return found[0] if found else None


def sentence_date(text: str, sentence_start: int, exprs: list[DateExpr], lex: Lexicon,
                  base: date | None, on_invalid=None) -> EventDate:
    """The best date of one sentence: the most precise expression, first wins;
    else the article date as a week ending on it; else unknown.

    A date after a *since* cue (``sejak Minggu``) opens a range that ends on
    the article date.
    """
    best: tuple | None = None
    for expr in exprs:
        try:
            found = resolve(expr, lex, base)
        except InvalidDate:
            if on_invalid is not None:
                on_invalid(expr)
            continue
        if found is not None and (best is None or found.precision < best[0].precision):
            best = (found, expr)
    if best is None:
        if base is None:
            return UNKNOWN
        return EventDate(base, base - timedelta(days=6), base, WEEK, None)
    found, expr = best
    if base is not None and found.date <= base and lex.since.search(text, sentence_start, expr.start):
        return EventDate(found.date, found.start, base, found.precision, found.text)
    return found


# -- dateparser, for callers that read free date text --------------------------

@lru_cache(maxsize=256)
def _parser(lang: str, base: date | None, prefer: str = "past"):
    from dateparser.date import DateDataParser
    from dateparser.data import languages_info

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    if lang not in languages_info.language_order:  # it would raise only later, on the first date
        lang = "en"
    return DateDataParser(languages=[lang], settings=settings)


@lru_cache(maxsize=50_000)
def read_date(text: str, lang: str, base: date | None, prefer: str = "past") -> tuple[date, str, tuple] | None:
    """``(day, period, parts)`` dateparser reads in ``text``, or None (never raises)."""
    try:
        data = _parser(lang, base, prefer).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day", tuple(data.parts or ())
