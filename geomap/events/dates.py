"""When: the article date and each sentence's event date, read by dateparser.

Cheap regular expressions (built from CLDR weekday and month names and the
language's relative phrases) find the few date expressions in a text;
dateparser reads only those, once per (language, expression, article date),
because a dateparser call costs about a millisecond and ``search_dates``
over whole sentences would cost a hundred times more.

Relative expressions resolve against the article date, in the past: *Rabu*
in an article of Thursday 1 October 2020 is 30 September; a bare weekday
equal to the article's own weekday is the article day (news says
"on Thursday" for today), not a week before.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..errors import InvalidDate
from .lexicon import Lexicon
from .model import DAY, MONTH, WEEK, YEAR_OR_UNKNOWN

_PRECISION = {"day": DAY, "week": WEEK, "month": MONTH, "year": YEAR_OR_UNKNOWN}
_NUMERIC = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,5}(?![\d/.\-]*\d)|\d{4,5}-\d{1,2}-\d{1,2}(?!\d)"
MIN_YEAR = 1800
_YEAR = re.compile(r"\d{4}")
_REFERENCE_MONDAY = date(2001, 1, 1)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in a text: ``kind`` is explicit, relative, weekday or month."""

    start: int
    end: int
    text: str
    kind: str
    core: str  # the part dateparser reads (without a leading weekday or cue word)
    weekday: str | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    date: date | None
    start: date | None
    end: date | None
    precision: int
    text: str | None


UNKNOWN = EventDate(None, None, None, YEAR_OR_UNKNOWN, None)


@lru_cache(maxsize=64)
def expression_pattern(lex: Lexicon) -> re.Pattern:
    """One pattern for all date expressions of the lexicon's language."""
    names = lambda words: "|".join(re.escape(w) for w in words) or "(?!x)x"  # noqa: E731
    month = rf"(?<!\w)(?:{names(lex.months)})(?!\w)\.?"
    weekday = rf"(?<!\w)(?:{names(lex.weekdays)})(?!\w)"
    join = rf"(?:\s+(?:{lex.date_joiners}))?"  # "6 de marzo de 2024"
    day_month = (rf"\d{{1,2}}(?:st|nd|rd|th|\.)?{join}\s+{month}(?:,?{join}\s+\d{{4,5}}(?!\d))?"
                 rf"|{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d)(?:,\s*\d{{4,5}}(?!\d)|\s+\d{{4,5}}(?!\d))?"
                 rf"|{month}\s+\d{{4,5}}(?!\d)")
    relative = "|".join(filter(None, [_relative_phrases(lex), lex.ago]))
    return re.compile(
        rf"(?P<explicit>(?:(?P<wd>{weekday})\s*[,(]?\s*)?(?P<core>{_NUMERIC}|{day_month})\)?)"
        rf"|(?P<relative>{relative})"
        rf"|(?P<weekday>{weekday})(?:\s+{lex.weekday_suffixes})?"
        rf"|{lex.month_cues}\s+(?P<month>{month}(?:\s+\d{{4}}(?!\d))?)(?![ \t.]*,?[ \t]*\d)")


def _relative_phrases(lex: Lexicon) -> str:
    from .lexicon import phrase_pattern

    return phrase_pattern(lex.relative_dates) if lex.relative_dates else ""


def find_expressions(text: str, lex: Lexicon, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]``, with offsets into ``text``."""
    found = []
    for m in expression_pattern(lex).finditer(text, start, len(text) if end is None else end):
        if m.group("explicit"):
            found.append(DateExpr(m.start(), m.end(), m.group(0), "explicit", m.group("core"), m.group("wd")))
        elif m.group("relative"):
            found.append(DateExpr(m.start(), m.end(), m.group(0), "relative", m.group("relative")))
        elif m.group("weekday"):
            found.append(DateExpr(m.start(), m.end(), m.group(0), "weekday", m.group("weekday")))
        else:
            found.append(DateExpr(m.start("month"), m.end(), m.group("month"), "month", m.group("month")))
    return found


@lru_cache(maxsize=256)
def _parser(lang: str, base: date | None, prefer: str = "past"):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    if lang not in _dateparser_languages():  # it would raise only later, on the first date
        lang = "en"
    return DateDataParser(languages=[lang], settings=settings)


@lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.data import languages_info

    return frozenset(languages_info.language_order)


@lru_cache(maxsize=50_000)
def read_date(text: str, lang: str, base: date | None, prefer: str = "past") -> tuple[date, str, tuple] | None:
    """``(day, period, parts)`` dateparser reads in ``text``, or None."""
    data = _parser(lang, base, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day", tuple(data.parts or ())


def resolve(expr: DateExpr, lex: Lexicon, base: date | None) -> EventDate | None:
    """The date ``expr`` names, or None when it needs an article date that is unknown.

    Raises :class:`InvalidDate` for an explicit date that names no real day.
    """
    if expr.kind == "explicit":
        has_year = _YEAR.search(expr.core) is not None  # a full date needs no article date: cache it once
        read = read_date(expr.core, lex.lang, None if has_year else base)
        if read is None or not MIN_YEAR <= read[0].year <= 9999:
            raise InvalidDate(expr.core)
        if base is None and "year" not in read[2]:
            return None
    elif base is None:
        return None
    else:
        english = lex.relative_dates.get(" ".join(expr.core.lower().split())) if expr.kind == "relative" else None
        read = _read_relative(english or expr.core, "en" if english else lex.lang, base)
        if read and expr.kind == "weekday" and read[0] == base - timedelta(days=7):
            read = (base, read[1], read[2])  # "on Thursday" in a Thursday article is that day
    if read is None:
        return None
    day, period, parts = read
    if expr.kind == "month" or (period == "day" and "day" not in parts and "month" in parts):
        period = "month"
    return _with_range(day, _PRECISION.get(period, DAY), expr.text)


def _read_relative(text: str, lang: str, base: date) -> tuple[date, str, tuple] | None:
    """A relative expression read against ``base``. Day and week offsets depend only on
    the base's weekday, so they are read once against a reference day of that weekday
    and shifted: the dateparser cache then serves every article date."""
    reference = _REFERENCE_MONDAY + timedelta(days=base.weekday())
    read = read_date(text, lang, reference)
    if read is not None and read[1] in ("day", "week"):
        return read[0] + (base - reference), read[1], read[2]
    return read_date(text, lang, base)  # months and years depend on the calendar


def _with_range(day: date, precision: int, text: str | None) -> EventDate:
    if precision == WEEK:
        first = day - timedelta(days=day.weekday())
        return EventDate(day, first, first + timedelta(days=6), precision, text)
    if precision == MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return EventDate(day.replace(day=1), day.replace(day=1), day.replace(day=last), precision, text)
    if precision == YEAR_OR_UNKNOWN:
        return EventDate(day, date(day.year, 1, 1), date(day.year, 12, 31), precision, text)
    return EventDate(day, day, day, precision, text)


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


# -- the article date --------------------------------------------------------

def parse_published(value) -> date | None:
    """A metadata date (ISO 8601, RFC 822 as in RSS, or words dateparser reads) -> date.

    Raises :class:`InvalidDate` when ``value`` is given but names no plausible day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return _plausible(date.fromisoformat(text[:10]), value)
        except ValueError:
            raise InvalidDate(text) from None
    from email.utils import parsedate_to_datetime

    try:
        return _plausible(parsedate_to_datetime(text).date(), value)
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["year", "month", "day"]})
    if parsed is None:
        raise InvalidDate(text)
    return _plausible(parsed.date(), value)


def _plausible(day: date, value) -> date:
    if not MIN_YEAR <= day.year <= date.today().year + 1:
        raise InvalidDate(str(value))
    return day
