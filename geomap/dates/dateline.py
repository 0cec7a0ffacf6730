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

from .published import MIN_YEAR
from .spot import spot

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


def article_date_from_text(text: str, lang: str | None) -> tuple[date, str] | None:
    """``(date, how)`` the text itself gives for its publication (``dateline`` or
    ``weekday-date``), or None."""
    latest_year = date.today().year + 1
    explicit = [(c, date(c.year, c.month, c.day)) for c in spot(text, lang)
                if c.kind == "explicit" and not c.invalid and c.calendar == "gregorian"
                and None not in (c.year, c.month, c.day) and MIN_YEAR <= c.year <= latest_year]
    dateline = find_dateline(text)
    if dateline and dateline.when:
        latest = max((d for _, d in explicit), default=None)
        for c in spot(dateline.when, lang):
            if c.kind != "explicit" or c.invalid or c.day is None or c.month is None:
                continue
            if c.year is not None:
                return date(c.year, c.month, c.day), "dateline"
            if latest is not None:  # the dateline date is on or after every full date in the text
                year = latest.year if (c.month, c.day) >= (latest.month, latest.day) else latest.year + 1
                try:
                    return date(year, c.month, c.day), "dateline"
                except ValueError:
                    return None
    agreeing = [d for c, d in explicit if c.weekday is not None and c.weekday == d.weekday()]
    if agreeing:
        return max(agreeing), "weekday-date"
    return None
