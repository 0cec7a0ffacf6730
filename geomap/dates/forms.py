"""Per-language date forms (``data/<lang>.json``) compiled into one pattern.

Month and weekday names come from CLDR through Babel, so any language gets
its calendar names for free; a data file adds what CLDR lacks and what a
language's news writes: relative phrases, *N units ago*, month cue words,
ordinal suffixes, the order of numeric dates, CJK unit markers (年月日,
년월일). Calendar months of other calendars (Hijri, Solar Hijri) and CJK
numerals are shared by every language (``calendars.json``, ``numerals.json``).
See ``data/README.md`` for the keys.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FALLBACK = "und"  # no language given
FALLBACK_DATA = "en"  # a language without a file: its CLDR names, English phrases and names too
#: What a language's data file is named by (ISO 639-1/-3); anything else (a user's ``lang`` field) names no file.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_EMPTY = {"numeric_order": "dmy", "relative": {}, "ago_units": {}, "ago_words": [], "number_words": {},
          "day_words": {}, "month_cues": [], "weekday_suffixes": [], "ordinal_suffixes": [], "date_joiners": [],
          "month_aliases": {}, "weekday_aliases": {}, "not_year_after": [], "last_words": [], "next_words": [],
          "future_cues": [], "holidays": {}, "this_words": [], "day_cues": []}
NUMERAL = r"[\d〇零○一二两兩三四五六七八九十廿卅]"
_NEVER = r"(?!x)x"


@dataclass(frozen=True, eq=False)
class Forms:
    """The compiled date forms of one language (one object per language, cached)."""

    lang: str
    has_data: bool
    pattern: re.Pattern
    months: dict[str, int]
    wide_months: dict[str, int]  # full names: a full stop after one ends the sentence, not the name
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    holidays: dict[str, tuple[int, int]]  # fixed-date holidays: name -> (month, day)
    ago_units: dict[str, str]
    number_words: dict[str, int]
    day_words: dict[str, int]
    numeric_order: str
    not_year_after: frozenset[str]
    day_alone_not_before: tuple[str, ...]
    hijri_months: dict[str, int]
    solar_months: dict[str, int]
    anchor: re.Pattern  # where an expression may start: a digit, or a first word (first character without spaces)
    last_words: frozenset[str]  # before or after a weekday, month or date: the previous one
    next_words: frozenset[str]  # ... the next one
    direction: tuple[re.Pattern, re.Pattern] | None  # a last or next word right before / right after
    weekday_by_week: bool  # 上周三: the Wednesday of last week, not the last Wednesday
    this_words: frozenset[str]  # before a weekday: that day of the article's week (*este jueves*)
    future: re.Pattern | None  # a cue of the future tense (will, va, 将) shortly before a weekday or month
    #: (first year of the era as written, years it runs ahead): Thai news writes Buddhist Era years
    #: (2566 is 2023); a year written from that one on is converted
    era: tuple[int, int] | None = None


def _load(name: str) -> dict:
    path = resources.files(__package__) / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def available_languages() -> list[str]:
    folder = resources.files(__package__) / "data"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json") and len(p.name) <= 8)


@lru_cache(maxsize=1)
def shared() -> tuple[dict, dict]:
    """``(calendars, numerals)``: the data every language shares."""
    return _load("calendars.json"), _load("numerals.json")


def key(text: str) -> str:
    """How a phrase is looked up: lower case, one space between words, one apostrophe."""
    return " ".join(text.replace("’", "'").lower().split())


def alternation(phrases, *, strip_dot: bool = False) -> str:
    """Regex alternation of phrases (matched case-insensitively), longest first, as a trie:
    Python's ``re`` tries the branches of an alternation one by one, so factoring common
    prefixes makes a hundred month and weekday names cost a few steps, not a hundred.
    Spaces match any white space; an apostrophe matches both ' and ’."""
    trie: dict = {}
    for phrase in phrases:
        if not phrase or not phrase.strip():
            continue
        words = (phrase.strip().rstrip(".") if strip_dot else phrase.strip()).replace("’", "'").lower().split()
        node = trie
        for token in _tokens(" ".join(words)):
            node = node.setdefault(token, {})
        node[""] = {}
    return _trie_regex(trie) if trie else _NEVER


def _tokens(text: str) -> list[str]:
    return [r"\s+" if c == " " else "['’]" if c == "'" else re.escape(c) for c in text]


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [token + _trie_regex(child) for token, child in node.items() if token != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{'|'.join(branches)})?"
    return body


def calendar_names(lang: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """``(all month names, wide month names, weekday names)`` of ``lang`` from CLDR, keyed by :func:`key`."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return {}, {}, {}
    months, wide, days = {}, {}, {}
    for context in ("format", "stand-alone"):
        days.update({key(n): i for i, n in get_day_names("wide", context=context, locale=locale).items()})
        for width in ("wide", "abbreviated"):
            names = {key(n.rstrip(".")): i for i, n in get_month_names(width, context=context, locale=locale).items()}
            months.update(names)
            if width == "wide":
                wide.update(names)
    # one-letter or digit-only names (CJK "1月" abbreviations) are no names
    keep = lambda d: {k: v for k, v in d.items() if len(k) > 1 and not any(c.isdigit() for c in k)}  # noqa: E731
    return keep(months), keep(wide), keep(days)


@lru_cache(maxsize=64)
def forms(lang: str | None) -> Forms:
    """The compiled forms of ``lang`` (ISO 639-1, optionally with a region: ``en-GB`` reads
    1/10/2020 day first). A language without a file gets its CLDR names plus the English file."""
    tag = (lang or FALLBACK).replace("_", "-").split("-")
    lang, region = tag[0].lower(), (tag[1].upper() if len(tag) > 1 else None)
    if not LANGUAGE_CODE.fullmatch(lang):  # not a language code (a user's field): no file to look for
        lang, region = FALLBACK, None
    try:
        data, has_data = {**_EMPTY, **_load(f"{lang}.json")}, True
    except FileNotFoundError:
        # English phrases, as the events stage's lists: a misdetected English text still reads
        # "yesterday"; numeric dates day first, as most of the world writes them
        data, has_data = {**_EMPTY, **_load(f"{FALLBACK_DATA}.json"), "numeric_order": "dmy"}, False
        data.pop("numeric_order_by_region", None)
    for order, regions in data.get("numeric_order_by_region", {}).items():
        if region in regions:
            data["numeric_order"] = order
    months, wide, weekdays = calendar_names(lang)
    if not has_data:
        for extra, names in zip((months, wide, weekdays), calendar_names(FALLBACK_DATA)):
            extra.update({k: v for k, v in names.items() if k not in extra})
    if data.get("unit_markers"):
        months, wide = {}, {}  # 十月 and 10月 are read by the unit-marker form
    for number, names in data["month_aliases"].items():
        for name in names:
            months[key(name)] = int(number)
            if len(name) > 4:  # Sept. is an abbreviation, Setiembre a name
                wide[key(name)] = int(number)
    for number, names in data["weekday_aliases"].items():
        weekdays.update({key(n): int(number) for n in names})
    calendars, _ = shared()
    hijri = {key(n): int(m) for m, names in calendars["hijri"]["months"].items() for n in names}
    solar = {key(n): int(m) for m, names in calendars["solar_hijri"]["months"].items() for n in names}
    return Forms(
        lang=lang, has_data=has_data,
        pattern=_compile(data, months, wide, weekdays, calendars),
        months=months, wide_months=wide, weekdays=weekdays,
        relative={key(p): (u, int(n)) for p, (u, n) in data["relative"].items()},
        holidays={key(p): (int(v[:2]), int(v[3:5])) for p, v in data["holidays"].items()},
        ago_units={key(w): u for w, u in data["ago_units"].items()},
        number_words={key(w): n for w, n in data["number_words"].items() if isinstance(n, int)},
        day_words={key(w): n for w, n in data["day_words"].items()},
        numeric_order=data["numeric_order"],
        not_year_after=frozenset(key(w) for w in data["not_year_after"]),
        day_alone_not_before=tuple(data.get("day_alone_not_before", ())),
        era=tuple(data["era_years"]) if data.get("era_years") else None,
        hijri_months=hijri, solar_months=solar,
        **_anchors(data, months, weekdays, calendars),
        last_words=frozenset(key(w) for w in data["last_words"]),
        next_words=frozenset(key(w) for w in data["next_words"]),
        weekday_by_week=bool(data.get("weekday_by_week", False)),
        this_words=frozenset(key(w) for w in data["this_words"]),
        future=_future(data),
        direction=_direction(data),
    )


def _direction(data: dict) -> tuple[re.Pattern, re.Pattern] | None:
    words = data["last_words"] + data["next_words"]
    if not words:
        return None
    bounds = data.get("word_boundaries", True)
    left, right = (r"(?<!\w)", r"(?!\w)") if bounds is True else ("", "")
    space = r"\s+" if bounds else r"\s*"
    alt = alternation(words)
    return (re.compile(rf"{left}(?P<w>{alt}){space}$", re.IGNORECASE),
            re.compile(rf"{space}(?P<w>{alt}){right}", re.IGNORECASE))


def _future(data: dict) -> re.Pattern | None:
    if not data["future_cues"]:
        return None
    bounds = data.get("word_boundaries", True)
    left, right = (r"(?<!\w)", r"(?!\w)") if bounds is True else ("", "")
    return re.compile(rf"{left}(?:{alternation(data['future_cues'])}){right}", re.IGNORECASE)


_FIRST_WORD = re.compile(r"\w+")


def _anchors(data: dict, months: dict, weekdays: dict, calendars: dict) -> dict:
    """Where to try the pattern: trying it only where a date can start (a digit, or the
    first word of a name or phrase) is ten times faster than scanning every character."""
    phrases = [*months, *weekdays, *data["relative"], *data["holidays"], *data["month_cues"], *data["number_words"],
               *data["day_words"], *data["last_words"], *data["next_words"], *data["this_words"], *data["day_cues"]]
    if data.get("ago_before_number"):
        phrases += data["ago_words"]
    if data.get("weekday_glued"):
        phrases += [day + part for day in weekdays for part in data["weekday_suffixes"]]
    bounds = data.get("word_boundaries", True)
    if bounds is False:  # scripts without spaces: anchor on characters
        firsts = {key(p)[0] for p in phrases if p.strip()} | set(shared()[1]["cjk_digits"]) | {"十", "廿", "卅"}
        chars = "".join(sorted(re.escape(c) for c in firsts))
        return {"anchor": re.compile(rf"\d|[{chars}]" if chars else r"\d", re.IGNORECASE)}
    # a word's start; its end too unless endings follow the word ("left": Turkish *Salı'ya*, Korean)
    right = r"(?!\w)" if bounds is True else ""
    words = {m.group() for p in phrases if (m := _FIRST_WORD.match(key(p)))}
    return {"anchor": re.compile(rf"(?<![\d])\d|(?<!\w)(?:{alternation(words)}){right}", re.IGNORECASE)}


def _other_calendars(calendars: dict) -> str:
    """Day, month name and year of the Hijri (group prefix h) and Solar Hijri (s) calendars."""
    forms = []
    for name, cal in (("h", calendars["hijri"]), ("s", calendars["solar_hijri"])):
        names = alternation(n for ns in cal["months"].values() for n in ns)
        forms.append(rf"(?<!\d)(?P<{name}d>\d{{1,2}})\s+(?P<{name}m>{names})\s+(?P<{name}y>\d{{4}})(?!\d)"
                     rf"(?:\s*(?:{alternation(cal['year_markers'])})(?!\w))?")
    return "|".join(forms)


def _ago(data: dict, left: str, right: str) -> str:
    """*three days ago*, *hace dos días*, *3天前*: a number (digits or words), a unit, the ago word."""
    cjk = f"|{NUMERAL}{{1,3}}" if data.get("unit_markers") else ""
    number = rf"(?:\d{{1,3}}{cjk}|{left}(?:{alternation(data['number_words'])})(?!\w))"
    units = alternation(data["ago_units"])
    ago_words = alternation(data["ago_words"])
    if data.get("ago_before_number"):
        return rf"{left}(?:{ago_words})\s+(?P<an>{number})\s*(?P<au>{units}){right}"
    return rf"(?P<an>{number})\s*(?P<au>{units})\s*(?:{ago_words}){right}"


def _compile(data: dict, months: dict, wide: dict, weekdays: dict, calendars: dict) -> re.Pattern:
    """One pattern, its alternatives in order of precedence: other calendars, full and partial
    dates (with a leading weekday), weekdays, months with last/next words, holidays, relative
    phrases, *N units ago*, a month after a cue word, a bare year."""
    bounds = data.get("word_boundaries", True)
    left = r"(?<!\w)" if bounds else ""
    right = r"(?!\w)" if bounds is True else ""
    mon = rf"{left}(?:{alternation(months)})(?!\w)\.?"
    mon_wide = rf"{left}(?:{alternation(wide)}){right}"
    wd = rf"{left}(?:{alternation(weekdays)}){right}"
    # German *Mittwochabend*, Dutch *woensdagavond*: the part of the day written onto the weekday
    wd_glued = (rf"{left}(?:{alternation(weekdays)})(?:(?:{alternation(data['weekday_suffixes'])}){right}|{right})"
                if data.get("weekday_glued") else wd)
    ordinal = f"(?:{alternation(data['ordinal_suffixes'])})?" if data["ordinal_suffixes"] else ""
    day = rf"(?:\d{{1,2}}{ordinal}(?!\d)|{left}(?:{alternation(data['day_words'])})(?!\w))"
    join = rf"(?:\s+(?:{alternation(data['date_joiners'])}))?"
    year = r"\d{4,5}(?!\d)"
    named = (rf"(?P<d1>{day})\.?{join}\s+(?P<m1>{mon})(?:,?{join}\s+(?P<y1>{year}))?"
             rf"|(?P<m2>{mon})\s+(?:{alternation(data['date_joiners'])}\s+)?(?P<d2>{day})(?:,?\s+(?P<y2>{year}))?"
             rf"|(?P<m3>{mon}),?{join}\s+(?P<y3>{year})")
    numeric = (r"(?<![\d.,/\-])(?:(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})"
               r"|(?P<n1>\d{1,2})(?P<nsep>[-/.])(?P<n2>\d{1,2})(?P=nsep)(?P<n3>\d{5}|\d{4}|\d{2}))"
               r"(?!\d|[.,/\-]\d)")
    core = f"{numeric}|{named}"
    if data.get("unit_markers"):
        u = data["unit_markers"]
        num = f"{NUMERAL}{{1,4}}"
        core = (rf"(?P<cy>{num}){u['year']}\s*(?:(?P<cm>{num}){u['month']}\s*(?:(?P<cd>{num}){u['day']})?)?"
                rf"|(?P<cm2>{num}){u['month']}\s*(?:(?P<cd2>{num}){u['day']})?"
                rf"|(?P<cd3>{num}){u['day']}|{core}")
    ago = _ago(data, left, right)
    cues = alternation(data["month_cues"])
    space = r"\s+" if bounds else r"\s*"
    lastnext = alternation(data["last_words"] + data["next_words"])
    joiners = alternation(data["date_joiners"])
    # *el día 13*: a day number after a day cue, unless a month follows (then it is a full date)
    day_cue = (rf"|{left}(?:{alternation(data['day_cues'])})\s+(?P<dcue>\d{{1,2}})(?!\d|[.,/:\-]\d)"
               rf"(?!\s+(?:(?:{joiners})\s+)?{mon})") if data["day_cues"] else ""
    return re.compile(
        rf"(?P<cal>{_other_calendars(calendars)})"
        rf"|(?P<explicit>(?:(?P<wd>{wd})\s*[,(]?\s*)?(?P<core>{core})\)?)"
        rf"{day_cue}"
        rf"|(?:{left}(?P<wpre>{alternation(data['last_words'] + data['next_words'] + data['this_words'])}){space})?"
        rf"(?P<weekday>{wd_glued})"
        rf"(?:\s+(?P<wsuf>{alternation(data['weekday_suffixes'] + data['last_words'] + data['next_words'])})(?!\w))?"
        rf"|(?P<mdir>(?:{left}(?P<mdw1>{lastnext}){space}(?P<mdm1>{mon_wide})|(?P<mdm2>{mon_wide}){space}(?P<mdw2>{lastnext})){right})"
        rf"|(?P<holiday>{left}(?:{alternation(data['holidays'])}){right})"
        rf"|(?P<relative>{left}(?:{alternation(data['relative'])}){right})"
        rf"|(?P<ago>{ago})"
        rf"|{left}(?:{cues})\s+(?P<month>{mon_wide})(?![ \t.]*,?[ \t]*(?:(?:{alternation(data['date_joiners'])})\s+)?\d)"
        rf"|(?<![\w.,$€£¥#:])(?:(?<=\d\d\d\d[-/–])|(?<![-/–]))(?P<year>(?:1[89]|20)\d\d)"
        rf"(?!\d|[.,:]\d|[-/–](?!(?:1[89]|20)\d\d(?!\d))\d|\s*%|['’]?s(?!\w))",
        re.IGNORECASE)
