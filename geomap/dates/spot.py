"""Finding date expressions: one pass of the language's pattern, then the
parts of each match read into a :class:`~geomap.dates.model.Candidate`.

Shape decides what is a date, never luck: a numeric date needs three parts
with a four-digit year (two digits only between slashes), so versions
(3.10.2), scores (2-1), phone numbers and dotted codes (96.46.12) are not
dates; a date-shaped expression naming no real day (31/02/2020) is kept as
``invalid`` so callers can report it.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace

from .forms import Forms, forms, key
from .model import Candidate
from .numerals import to_int

_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")


def spot(text: str, lang: str | None = None, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Date expressions in ``text[start:end]`` (offsets into ``text``), in order."""
    f = forms(lang)
    limit = len(text) if end is None else end
    found, done = [], start
    for anchor in f.anchor.finditer(text, start, limit):
        at = anchor.start()
        if at < done:
            continue
        m = f.pattern.match(text, at, limit)
        if m is None:
            continue
        done = m.end()
        candidate = _read(m, f, text)
        if candidate is not None:
            found.append(_tense(_direction(_trim_stop(candidate, f), f, text, start, limit), f, text, start))
    return _with_year_words(found, text)


#: How far before a weekday or month a future cue counts, and what stops the look-back.
FUTURE_REACH = 60
_CLAUSE_END = re.compile(r"[.!?;:。！？；：؟\n]")


def _weekday_number(f: Forms, text: str) -> int | None:
    """0 for Monday...; a weekday with the part of the day written onto it (*Mittwochabend*)
    is its longest weekday name that starts it."""
    word = key(text)
    found = f.weekdays.get(word)
    if found is None:
        found = next((f.weekdays[name] for name in sorted(f.weekdays, key=len, reverse=True)
                      if word.startswith(name)), None)
    return found


def _tense(c: Candidate, f: Forms, text: str, start: int) -> Candidate:
    """Mark a weekday, or a month or day without a year, that follows a future cue in its clause."""
    if f.future is None or c.kind not in ("weekday", "month", "explicit") or c.year is not None or c.offset:
        return c
    if c.kind == "explicit" and c.day is None:
        return c
    window = text[max(start, c.start - FUTURE_REACH):c.start]
    stops = list(_CLAUSE_END.finditer(window))
    if stops:
        window = window[stops[-1].end():]
    return replace(c, future=True) if f.future.search(window) else c


def _direction(c: Candidate, f: Forms, text: str, start: int, limit: int) -> Candidate:
    """A month or a date without a year with a last or next word right before or after it
    (*el pasado 3 de octubre*, *juin dernier*, *next March*) is the previous or the next one."""
    if f.direction is None or c.kind not in ("month", "explicit") or c.year is not None or c.month is None:
        return c
    before, after = f.direction
    if (m := before.search(text, max(start, c.start - 25), c.start)) is not None:
        word, new_start, new_end = m.group("w"), m.start(), c.end
    elif (m := after.match(text, c.end, limit)) is not None:
        word, new_start, new_end = m.group("w"), c.start, m.end()
    else:
        return c
    offset = -1 if key(word) in f.last_words else 1
    return replace(c, start=new_start, end=new_end, text=text[new_start:new_end], offset=offset)


def _trim_stop(c: Candidate, f: Forms) -> Candidate:
    """A full stop after a full month name ends the sentence; it is no part of the date."""
    if c.text.endswith(".") and c.year is None:
        name = c.text[:-1].split()[-1:]
        if name and key(name[0]) in f.wide_months:
            return replace(c, end=c.end - 1, text=c.text[:-1], core=c.core.removesuffix("."))
    return c


def _with_year_words(found: list[Candidate], text: str) -> list[Candidate]:
    """A month or day written next to a relative year (今年1月, *September last year*) is in that year."""
    out: list[Candidate] = []
    for c in found:
        joined = _join_year_word(out[-1], c, text) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(c)
    return out


def _join_year_word(a: Candidate, b: Candidate, text: str) -> Candidate | None:
    if b.start - a.end > 1 or text[a.end:b.start].strip():
        return None
    for year_word, dated in ((a, b), (b, a)):
        if (year_word.kind == "relative" and year_word.unit == "year" and dated.kind in ("month", "explicit")
                and dated.year is None and dated.month is not None and dated.unit is None
                and dated.calendar == "gregorian"):
            return replace(dated, start=a.start, end=b.end, text=text[a.start:b.end], unit="year",
                           offset=year_word.offset)
    return None


def _read(m: re.Match, f: Forms, text: str) -> Candidate | None:
    g = m.groupdict().get
    if g("cal"):
        return _other_calendar(m, f)
    if g("explicit"):
        found = _explicit(m, f, text)
        if found is None and g("wd"):  # "Rabu, 96.46.12": the weekday stands alone
            return Candidate(m.start("wd"), m.end("wd"), g("wd"), "weekday", g("wd"),
                             weekday=f.weekdays.get(key(g("wd"))), weekday_text=g("wd"))
        return found
    if g("mdir"):  # last October, juin dernier
        word, month = g("mdw1") or g("mdw2"), f.months.get(key(g("mdm1") or g("mdm2")))
        return Candidate(m.start(), m.end(), m.group(), "month", g("mdir"), month=month,
                         offset=-1 if key(word) in f.last_words else 1)
    if g("holiday"):
        month, day = f.holidays.get(key(g("holiday")), (None, None))
        if month is None:
            return None
        return Candidate(m.start(), m.end(), m.group(), "explicit", g("holiday"), month=month, day=day)
    if g("relative"):
        unit, offset = f.relative.get(key(g("relative")), (None, 0))
        if unit is None:
            return None
        return Candidate(m.start(), m.end(), m.group(), "relative", g("relative"), unit=unit, offset=offset)
    if g("ago"):
        words = key(g("an"))
        number = f.number_words.get(words) if words in f.number_words else to_int(words)
        unit = f.ago_units.get(key(g("au")))
        if number is None or unit is None:
            return None
        return Candidate(m.start(), m.end(), m.group(), "ago", g("ago"), unit=unit, offset=-number)
    if g("dcue"):  # el día 13: that day of the nearest month
        day = to_int(g("dcue"))
        if day is None or not 1 <= day <= 31:
            return None
        words = set(key(m.group()).split())
        offset = -1 if words & f.last_words else 1 if words & f.next_words else 0  # el pasado día 3
        return Candidate(m.start(), m.end(), m.group(), "explicit", g("dcue"), day=day, offset=offset)
    if g("weekday"):
        around = {key(w) for w in (g("wpre"), g("wsuf")) if w}
        offset = -1 if around & f.last_words else 1 if around & f.next_words else 0
        this_week = not offset and bool(around & f.this_words)
        return Candidate(m.start(), m.end(), m.group(), "weekday", g("weekday"), offset=offset,
                         by_week=f.weekday_by_week and offset != 0 or this_week,
                         weekday=_weekday_number(f, g("weekday")), weekday_text=g("weekday"))
    if g("month"):
        return Candidate(m.start("month"), m.end(), g("month"), "month", g("month"),
                         month=f.months.get(key(g("month").rstrip("."))))
    if g("year"):
        after = _WORD_AFTER.match(text, m.end())
        if after and key(after.group(1)) in f.not_year_after:
            return None  # 1500 people
        return Candidate(m.start(), m.end(), m.group(), "year", g("year"), year=int(g("year")))
    return None


def _explicit(m: re.Match, f: Forms, text: str) -> Candidate | None:
    g = m.groupdict().get
    year = month = day = None
    invalid = False
    if g("iy"):
        year, month, day = int(g("iy")), int(g("im")), int(g("id"))
    elif g("n1"):
        parts = _numeric(g("n1"), g("n2"), g("n3"), g("nsep"), f.numeric_order)
        if parts is None:
            return None
        year, month, day = parts
    elif g("cy") or g("cm2") or g("cd3"):
        year = to_int(g("cy")) if g("cy") else None
        month = to_int(g("cm") or g("cm2") or "") if (g("cm") or g("cm2")) else None
        day_text = g("cd") or g("cd2") or g("cd3")
        day = to_int(day_text) if day_text else None
        if g("cy") and (year is None or year < 1000):
            return None  # 三年: three years, not a year
        if g("cd3") and (day is None or text.startswith(f.day_alone_not_before, m.end())):
            return None  # 3日间: a duration
        if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
            return None
    else:
        month_text = g("m1") or g("m2") or g("m3")
        month = f.months.get(key(month_text.rstrip(".")))
        day_text = g("d1") or g("d2")
        if day_text is not None:
            day = f.day_words.get(key(day_text)) or to_int(re.sub(r"\D", "", day_text) or "x")
        year_text = g("y1") or g("y2") or g("y3")
        year = int(year_text) if year_text else None
        if month is None or (day is not None and not 1 <= day <= 31):
            return None
    if year is not None and f.era is not None and year >= f.era[0]:
        year -= f.era[1]  # Thai 5 ตุลาคม 2566: 2023
    if year is not None and not 1000 <= year <= 9999:
        invalid = True
    elif day is not None and month is not None:
        invalid = not 1 <= month <= 12 or day > calendar.monthrange(year or 2000, month)[1]
    wd_text = g("wd")
    kind = "explicit" if day is not None or year is not None else "month"
    if kind == "explicit" and day is None and month is None:
        kind = "year"
    return Candidate(m.start(), m.end(), m.group(), kind, g("core"), year=year, month=month, day=day,
                     weekday=f.weekdays.get(key(wd_text)) if wd_text else None, weekday_text=wd_text,
                     invalid=invalid)


def _numeric(first: str, second: str, third: str, sep: str, order: str) -> tuple[int, int, int] | None:
    """``(year, month, day)`` of a d/m/y or m/d/y date, or None when it is no date shape."""
    a, b = int(first), int(second)
    if len(third) == 2:
        if sep != "/":
            return None  # 96.46.12, 3-10-22: codes and versions, not dates
        year = 1900 + int(third) if int(third) >= 50 else 2000 + int(third)
    else:
        year = int(third)
    if a > 31 or b > 31 or a == 0 or b == 0:
        return None
    if a > 12 and b > 12:
        return None
    if a > 12:
        return year, b, a
    if b > 12:
        return year, a, b
    return (year, a, b) if order == "mdy" else (year, b, a)


def _other_calendar(m: re.Match, f: Forms) -> Candidate:  # noqa: D103
    g = m.groupdict().get
    if g("hd"):
        cal, day, month, year = "hijri", to_int(g("hd")), f.hijri_months.get(key(g("hm"))), int(g("hy"))
    else:
        cal, day, month, year = "solar_hijri", to_int(g("sd")), f.solar_months.get(key(g("sm"))), int(g("sy"))
    invalid = month is None or day is None or not 1 <= day <= 31 or not 1300 <= year <= 1500
    return Candidate(m.start(), m.end(), m.group(), "explicit", g("cal"), year=year, month=month, day=day,
                     calendar=cal, invalid=invalid)
