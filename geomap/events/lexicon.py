"""Per-language word lists (``geomap/events/data/<lang>.json``), compiled once.

The lists say what a language's news writes for event types, death tolls,
locatives and actors; weekday and month names come from Babel (CLDR), so a
new language needs no calendar data. See ``data/README.md`` for the keys.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..dates.forms import LANGUAGE_CODE
from ..errors import LanguageDataError
from .model import EVENT_TYPES, VIOLENT_TYPES

FALLBACK_LANGUAGE = "en"
#: Group order of the one-pass cue pattern: where cues overlap (*serangan udara* /
#: *serangan*), the more specific violent type is the one recorded.
_TYPE_ORDER = (*VIOLENT_TYPES, *(t for t in EVENT_TYPES if t not in VIOLENT_TYPES))
_REQUIRED = ("event_types", "fatality_after_number", "fatality_before_number", "number_words",
             "locative_cues", "near_cues", "actor_cues_before", "actor_cues_after", "since_cues",
             "month_cues", "weekday_suffixes", "relative_dates", "ago_units", "ago_words")


#: Vowel signs and other marks of the Brahmic and Southeast Asian scripts (Devanagari to Khmer),
#: punctuation (danda, Thai and Khmer marks) left out: inside a word, as letters are. ``\w`` does
#: not hold them, so *लू* matched inside *बालासोर* and *बम* at the start of *बमुश्किल*.
MARKS = ("\u0900-\u0963\u0966-\u0dff\u0e00-\u0e4e\u0e50-\u0e59\u0e80-\u0eff\u1000-\u1049"
         "\u104c-\u109f\u1780-\u17d3\u17d7-\u17ff")
#: A letter of a word, in any script.
WORD_CHAR = f"[\\w{MARKS}]"


def phrase_pattern(phrases, *, flags: str = "i") -> str:
    """One alternation matching any phrase on word boundaries, longest first."""
    parts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not parts:
        return r"(?!x)x"
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    return (f"(?{flags}:(?<!{WORD_CHAR}){'(?:' + body + ')'}(?!{WORD_CHAR}))" if flags
            else f"(?<!{WORD_CHAR})(?:{body})(?!{WORD_CHAR})")


#: Shortest one-word cue that matches as the stem of a longer word (see PhraseMatcher._stem).
STEM_MIN = 5
#: Shortest one-word cue that matches as the head (end) of a compound (see PhraseMatcher._head).
HEAD_MIN = 8
DEATH = "death"
SAY = "say"
#: Evacuations, rescues, damage: what follows an incident, of that incident's type (see attach).
CONSEQUENCE = "consequence"
_WORD = re.compile(f"{WORD_CHAR}+")


class PhraseMatcher:
    """Finds listed phrases by words, case-insensitively, in one pass over a text:
    a dict from first word to phrases, which is much faster than one regular
    expression with hundreds of alternatives. The longest phrase at a word wins."""

    def __init__(self, labelled, *, unspaced: bool = False, stems: bool = False, heads: bool = False,
                 proclitics: tuple[str, ...] = ()):
        self.unspaced, self.stems, self.heads = unspaced, stems, heads
        #: letters glued before a word (Hebrew *ב* in, *ו* and: *בתאונת* is *ב* + *תאונת*), longest first
        self.proclitics = tuple(sorted(proclitics, key=len, reverse=True))
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        if unspaced:  # a script written without spaces (Chinese): phrases are found as substrings
            self._any = re.compile("|".join(f"(?P<g{i}>{re.escape(p)})" for i, (p, _) in enumerate(
                sorted(labelled, key=lambda pl: -len(pl[0]))) if p) or r"(?!x)x")
            self._labels = [label for _, label in sorted(labelled, key=lambda pl: -len(pl[0]))]
        for phrase, label in labelled:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                self.first.setdefault(words[0], []).append((words, label))
        for options in self.first.values():
            options.sort(key=lambda option: -len(option[0]))

    def find(self, text: str) -> list[tuple[int, str]]:
        """``(start offset, label)`` of every phrase found."""
        if self.unspaced:
            return self._find_unspaced(text)
        tokens = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
        found: list[tuple[int, str]] = []
        skip_to = 0  # the words of a phrase found are no cues of their own (*gas explosion*, not *explosion*)
        for i, (start, word) in enumerate(tokens):
            if i < skip_to:
                continue
            n = self._at(tokens, i, word, start, found)
            if not n and self.proclitics:
                n = next((m for p in self.proclitics if word.startswith(p) and len(word) - len(p) >= 2
                          and (m := self._at(tokens, i, word[len(p):], start, found))), 0)
            if n:
                skip_to = i + n
                continue
            if self.stems:
                self._stem(tokens, i, found)
            if self.heads and (not found or found[-1][0] != start):
                self._head(tokens, i, found)
        return found

    def _at(self, tokens, i: int, word: str, start: int, found: list) -> int:
        """The number of words of the longest phrase starting with ``word`` (token ``i`` or what is
        left of it) and the tokens after, recorded in ``found``; 0 for none."""
        for phrase, label in self.first.get(word, ()):
            if len(phrase) == 1 or (word, *(t[1] for t in tokens[i + 1:i + len(phrase)])) == phrase:
                found.append((start, label))
                return len(phrase)
        return 0

    def _head(self, tokens, i: int, found: list) -> None:
        """Compounding languages put the head last (Dutch *gemeenteraadsverkiezingen* is a kind of
        *verkiezingen*): a one-word phrase of at least HEAD_MIN letters also matches a word it ends.
        Shorter heads would match words of other meanings (German *Beispiel* is no *Spiel*)."""
        start, word = tokens[i]
        for cut in range(1, len(word) - HEAD_MIN + 1):
            for phrase, label in self.first.get(word[cut:], ()):
                if len(phrase) == 1:
                    found.append((start, label))
                    return

    def _stem(self, tokens, i: int, found: list) -> None:
        """Agglutinative languages (Turkish *seçimlerde* = *seçim* + plural + locative): a one-word
        phrase of at least STEM_MIN letters also matches a word it begins."""
        start, word = tokens[i]
        for cut in range(len(word) - 1, STEM_MIN - 1, -1):
            for phrase, label in self.first.get(word[:cut], ()):
                if len(phrase) == 1:
                    found.append((start, label))
                    return

    def _find_unspaced(self, text: str) -> list[tuple[int, str]]:
        return [(m.start(), self._labels[int(m.lastgroup[1:])]) for m in self._any.finditer(text)]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled word lists of one language (hashed by identity: one per language, cached)."""

    lang: str
    data_lang: str
    types: dict[str, re.Pattern]
    cue_words: "PhraseMatcher"  # every cue of every type and every death word, found in one pass
    fatality_after: re.Pattern
    fatality_before: re.Pattern
    number_words: dict[str, int]
    number_pattern: str
    qualifiers: str
    thousands_separator: str
    cues: dict[str, tuple[re.Pattern, ...]]
    actor_after: re.Pattern
    conjunction: re.Pattern
    since: re.Pattern
    relative_dates: dict[str, str | None]
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    month_cues: str
    weekday_suffixes: str
    ago: str
    saying: re.Pattern = re.compile(r"(?!x)x")  # verbs of saying: a statement only with an official actor
    cumulative: re.Pattern = re.compile(r"(?!x)x")  # a toll over a period (since, so far, in total)
    hypothetical: re.Pattern = re.compile(r"(?!x)x")  # a toll that did not happen (could, scenario, if)
    non_human: re.Pattern = re.compile(r"(?!x)x")  # counted deaths of animals (birds, cattle)
    locative_suffix: re.Pattern = re.compile(r"(?!x)x")  # case endings that say "in" (Turkish İzmir'de)
    locative_after: re.Pattern = re.compile(r"(?!x)x")  # a word after the name that says "in" (Antakya ilçesinde)
    origin: re.Pattern = re.compile(r"(?!x)x")  # a person a place qualifies (a Severn man): no event place
    origin_before: re.Pattern = re.compile(r"(?!x)x")  # where someone came from (visiting from Canada)
    official: re.Pattern = re.compile(r"(?!x)x")  # an official actor anywhere (governor, ministry)
    speakers: re.Pattern = re.compile(r"(?!x)x")  # who may speak a statement (officials, actors: police)
    range_words: re.Pattern = re.compile(r"(?!x)x")  # words joining a range of counts (to, and, hingga)
    unspaced: bool = False  # written without spaces between words (Chinese)
    date_joiners: str = r"(?!x)x"  # words between day, month and year (Spanish "6 de marzo de 2024")
    ordinal_day_dot: bool = False  # days are written "6. März": that full stop ends no sentence
    capitalised_nouns: bool = False  # every noun is capitalised (German): a capital says nothing of a name

    @property
    def is_fallback(self) -> bool:
        return self.lang != self.data_lang


def available_languages() -> list[str]:
    """Languages with a keyword file: ``data/<ISO 639-1 code>.json`` (other data files are not languages)."""
    folder = resources.files(__package__) / "data"
    return sorted(p.name[:-5] for p in folder.iterdir()
                  if p.name.endswith(".json") and LANGUAGE_CODE.fullmatch(p.name[:-5]))


def _data_file(lang: str):
    return resources.files(__package__) / "data" / f"{lang}.json"


def load_data(lang: str) -> dict:
    """The raw JSON of ``lang``; raises :class:`LanguageDataError` if there is none
    or it lacks required keys (a broken file is an error, never a silent fallback)."""
    if not isinstance(lang, str) or not LANGUAGE_CODE.fullmatch(lang):
        raise LanguageDataError(f"no events data for language {lang!r}")
    path = _data_file(lang)
    if not path.is_file():
        raise LanguageDataError(f"no events data for language {lang!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    missing = [k for k in _REQUIRED if k not in data]
    unknown = set(data["event_types"]) - set(EVENT_TYPES) if "event_types" in data else set()
    if missing or unknown:
        raise LanguageDataError(f"events data {lang}.json: missing keys {missing}, unknown types {sorted(unknown)}")
    return data


@lru_cache(maxsize=64)
def lexicon(lang: str | None) -> Lexicon:
    """The compiled lexicon of ``lang``; English lists for a language without a file."""
    lang = (lang or FALLBACK_LANGUAGE).lower()
    data_lang = lang if _data_file(lang).is_file() else FALLBACK_LANGUAGE
    data = load_data(data_lang)
    weekdays, months = calendar_names(lang, data.get("month_aliases", ()), data.get("weekday_aliases", ()))
    numbers = {k.lower(): int(v) for k, v in data["number_words"].items()}
    words = _pattern(numbers, data) if data.get("unspaced") else phrase_pattern(numbers, flags="")
    number_pattern = (r"(?:\d{1,3}(?:" + group_separator(data.get("thousands_separator", ",")) + r"\d{3})+|\d+|"
                      + words + ")")
    return Lexicon(
        lang=lang, data_lang=data_lang,
        types={t: re.compile(_pattern(words, data)) for t, words in data["event_types"].items() if words},
        cue_words=PhraseMatcher([(w, t) for t in _TYPE_ORDER for w in data["event_types"].get(t, ())]
                                + [(w, DEATH) for w in (*data["fatality_after_number"],
                                                        *data["fatality_before_number"])]
                                + [(w, SAY) for w in data.get("saying_verbs", ())]
                                + [(w, CONSEQUENCE) for w in data.get("consequence_words", ())],
                                unspaced=bool(data.get("unspaced")), stems=bool(data.get("stem_matching")),
                                heads=bool(data.get("compound_heads")),
                                proclitics=tuple(w.lower() for w in data.get("proclitics", ()))),
        saying=re.compile(_pattern(data.get("saying_verbs", ()), data)),
        cumulative=re.compile(_pattern(data.get("cumulative_cues", ()), data)),
        hypothetical=re.compile(_pattern(data.get("hypothetical_cues", ()), data)),
        non_human=re.compile(_pattern(data.get("non_human_words", ()), data)),
        locative_suffix=re.compile(r"(?i:['’]?(?:" + "|".join(
            re.escape(x) for x in sorted(data.get("locative_suffixes", ()), key=len, reverse=True)) + r")(?!\w))"
            if data.get("locative_suffixes") else r"(?!x)x"),
        locative_after=re.compile((r"\s*" if data.get("unspaced") else r"\s+") + _pattern(data.get("locative_after", ()), data)),
        unspaced=bool(data.get("unspaced")),
        origin=re.compile(r"[\s,.]*(?:[A-ZÀ-ÖØ-Þ]\w*\.?\s+)?" + phrase_pattern(data.get("origin_nouns", ()))),
        origin_before=re.compile(phrase_pattern(data.get("origin_cues", ())) + r"(?:\s+the)?\s+$"),
        official=re.compile(_pattern(data.get("official_cues", data["actor_cues_before"]), data)),
        speakers=re.compile(_pattern([*data.get("official_cues", ()), *data["actor_cues_before"]], data)),
        range_words=re.compile(_pattern(data.get("range_words", ()), data)),
        fatality_after=re.compile(_pattern(data["fatality_after_number"], data)),
        fatality_before=re.compile(_pattern(data["fatality_before_number"], data)),
        number_words=numbers, number_pattern=number_pattern,
        qualifiers=_pattern(data.get("number_qualifiers", []), data),
        thousands_separator=data.get("thousands_separator", ","),
        cues={name: _tail_patterns(data.get(key, ()), bool(data.get("unspaced"))) for name, key in
              (("locative", "locative_cues"), ("near", "near_cues"), ("actor", "actor_cues_before"),
               ("destination", "destination_cues"))},
        actor_after=re.compile(r"\s*" + phrase_pattern(data["actor_cues_after"])),
        conjunction=re.compile(r"\s*(?:,|" + phrase_pattern(data.get("conjunctions", [])) + r")?\s*"),
        since=re.compile(phrase_pattern(data["since_cues"]) + r"\s*$"),
        relative_dates={k.lower(): v for k, v in data["relative_dates"].items()},
        weekdays=weekdays, months=months,
        month_cues=phrase_pattern(data["month_cues"]),
        date_joiners=phrase_pattern(data.get("date_joiners", [])),
        ordinal_day_dot=bool(data.get("ordinal_day_dot", False)),
        capitalised_nouns=bool(data.get("capitalised_nouns", False)),
        weekday_suffixes=phrase_pattern(data["weekday_suffixes"]),
        ago=_ago_pattern(data, number_pattern),
    )


def _pattern(phrases, data: dict) -> str:
    """A phrase pattern on word boundaries, or plain substrings for a language written unspaced."""
    if not data.get("unspaced"):
        return phrase_pattern(phrases)
    parts = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in parts) or r"(?!x)x"


#: Words a place cue may stand before the name: "in [the town of] Kupiansk", "di [kota] Martakert".
CUE_REACH = 3


def group_separator(separator: str) -> str:
    """Regex for the digit-group separator of a language: a space also stands for the
    no-break spaces typesetting uses (1 200, 1\u202f200)."""
    return "[ \u00a0\u202f]" if separator.isspace() else re.escape(separator)


def _tail_patterns(cues, unspaced: bool = False) -> tuple[re.Pattern, ...]:
    """Patterns of a cue followed by 0 to CUE_REACH words at the end of a text (nearest first);
    unspaced scripts: the cue up to CUE_REACH characters before the name."""
    if unspaced:
        alternation = _pattern(cues, {"unspaced": True})
        return tuple(re.compile(f"(?:{alternation}).{{{k}}}$") for k in range(CUE_REACH + 1))
    alternation = phrase_pattern(cues)
    return tuple(re.compile(alternation + r"(?:\s+[^\s]+){%d}\s*$" % k) for k in range(CUE_REACH + 1))


def _ago_pattern(data: dict, number_pattern: str) -> str:
    units = phrase_pattern(data["ago_units"])
    ago = phrase_pattern(data["ago_words"])
    if data.get("ago_before_number"):
        return rf"{ago}\s+{number_pattern}\s+{units}"
    return rf"(?i:{number_pattern})\s+{units}\s+{ago}"


def calendar_names(lang: str, month_aliases=(), weekday_aliases=()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Weekday and month names of ``lang`` from CLDR, as written and capitalised, plus the
    forms news uses that CLDR lacks (English *Sept.*, Russian accusative *в среду*)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names, get_month_names

    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return (), ()
    days, months = set(), set()
    for context in ("format", "stand-alone"):
        days.update(get_day_names("wide", context=context, locale=locale).values())
        for width in ("wide", "abbreviated"):
            months.update(n.rstrip(".") for n in get_month_names(width, context=context, locale=locale).values())
    months.update(month_aliases)
    days.update(weekday_aliases)

    def both_cases(names):
        return tuple(sorted({v for n in names if len(n) > 1 for v in (n, n[:1].upper() + n[1:])},
                            key=len, reverse=True))

    return both_cases(days), both_cases(months)


_NEXT_WORD = re.compile(r"[\w'’-]*[ \t]+([^\W\d_])")
_PREVIOUS_WORD = re.compile(r"([^\W\d_])[\w'’.-]*[ \t]+$")


def in_a_name(text: str, start: int, sentence_start: int, lex: Lexicon) -> bool:
    """The cue word at ``start`` is written with a capital inside a run of capitalised words, away
    from the sentence start: part of a name (*Macmillan Cancer Support*, *the National Assembly*,
    *Jamaica Cancer Society*), not the word's event. Not in languages that capitalise every noun."""
    if lex.capitalised_nouns or not text[start:start + 1].isupper() or start <= sentence_start:
        return False
    after = _NEXT_WORD.match(text, start)
    if after and after.group(1).isupper():
        return True
    before = _PREVIOUS_WORD.search(text, max(sentence_start, start - 40), start)
    return bool(before and before.group(1).isupper() and before.start() > sentence_start)
