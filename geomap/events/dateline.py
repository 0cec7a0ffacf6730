"""The article date and dateline read from the text itself.

Two conventions of news writing, neither tied to one language:

* an agency dateline at the start of a paragraph, ``MOSCOW, Oct 1 (Reuters) -``
  or ``SERAMBINEWS.COM, MOSKWA -``: an upper-case place, an optional date and
  agency, and a dash. Its place is where the reporter was, not an event place;
  its date (often without a year) is the article date.
* a weekday next to a full date, ``Kamis (1/10/2020)`` or ``Thursday, Oct. 1,
  2020``, whose weekday agrees with the date. Articles anchor "today" this
  way and refer back to earlier days the same way, so the latest agreeing
  date is the article date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .dates import MIN_YEAR, InvalidDate, find_expressions, read_date
from .lexicon import Lexicon

#: Only the first characters of a document hold its dateline.
DATELINE_WINDOW = 1500
_WHEN = r"(?:\s*,\s*(?P<when>[^\n()–—-]{3,30}?))?\s*"
_AGENCY = r"\((?P<agency>[^)\n]{2,40})\)"
_DATELINE = (
    r"^[ \t]*(?:[\p{Lu}\p{N}][\p{Lu}\p{N}.&'’ ]{1,40},\s*)?"
    # an upper-case place (MOSCOW, Oct 1 (Reuters) -), or a capitalised one with its agency (Hanoi (VNA) -)
    r"(?:(?P<where>\p{Lu}[\p{Lu}\p{M}.'’ -]{1,40}?(?<=[\p{Lu}\p{M}.]))" + _WHEN + f"(?:{_AGENCY})?"
    r"|(?P<where>\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})" + _WHEN + _AGENCY + ")"
    # then a dash, or the agency's bracket and the first capital (ATLANTA (AP) An aide), or a dash
    # glued to the first word (WASHINGTON—President), or a colon after capitals (KOTA BHARU: Jumlah)
    r"(?:\s*[-–—]{1,2}\s+|(?<=\))\s+(?=\p{Lu})|\s*[–—]{1,2}(?=\p{Lu})|(?<=[\p{Lu})]):\s*(?=\p{Lu}))"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # end of the place part: mentions inside are the reporter's place
    stop: int  # end of the whole dateline: date expressions inside are not event dates
    place: str
    when: str | None


@lru_cache(maxsize=1)
def _dateline_pattern():
    import regex  # a dependency of dateparser

    return regex.compile(_DATELINE, regex.MULTILINE)


def find_dateline(text: str) -> Dateline | None:
    """The agency dateline among the first lines of ``text``, if any."""
    m = _dateline_pattern().search(text, 0, min(len(text), DATELINE_WINDOW))
    if not m:
        return None
    return Dateline(m.start(), m.end("where"), m.end(), m.group("where"), m.group("when"))


@lru_cache(maxsize=64)
def _weekday_numbers(lang: str) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}
    return {name.lower(): number for context in ("format", "stand-alone")
            for number, name in get_day_names("wide", context=context, locale=locale).items()}


def article_date_from_text(text: str, lex: Lexicon) -> tuple[date, str] | None:
    """``(date, how)`` the text itself gives for its publication, or None."""
    explicit = []
    for expr in find_expressions(text, lex):
        if expr.kind != "explicit":
            continue
        try:
            read = read_date(expr.core, lex.lang, None)
        except ValueError:
            continue
        if read and "year" in read[2] and MIN_YEAR <= read[0].year <= date.today().year + 1:
            explicit.append((expr, read[0]))
    dateline = find_dateline(text)
    if dateline and dateline.when:
        latest = max((d for _, d in explicit), default=None)
        read = read_date(dateline.when.strip(), lex.lang, latest, "future")
        if read and ("year" in read[2] or latest is not None) and "day" in read[2]:
            return read[0], "dateline"
    numbers = _weekday_numbers(lex.lang)
    agreeing = [d for expr, d in explicit
                if expr.weekday and numbers.get(expr.weekday.lower()) == d.weekday()]
    if agreeing:
        return max(agreeing), "weekday-date"
    return None


__all__ = ["Dateline", "InvalidDate", "article_date_from_text", "find_dateline"]
