"""What happened: the event type of a sentence and the death toll it states.

Rules (also in ``data/README.md``): a stated death toll makes the event
violent; otherwise talks outrank fighting (*Putin discussed the fighting* is
diplomacy), fighting outranks reporting verbs (*media said 3 civilians were
killed in an air strike* is the strike), and a sentence with no cue at all
is not an event.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lexicon import Lexicon, group_separator
from .model import VIOLENT_TYPES

#: Order of precedence when no death toll is stated: talks about fighting are talks, a
#: crime's shooting is the crime, a vote announced is the vote; a verb of saying or an
#: opening comes last.
_PRECEDENCE = ("diplomacy", "protest", "crime", *VIOLENT_TYPES, "accident", "health", "politics", "statement",
               "other")
#: Types a death toll may belong to, most specific first.
_DEADLY = (*VIOLENT_TYPES, "crime", "accident", "health")
#: Words allowed between a count and the death word after it (*100 orang telah tewas*).
_GAP_WORDS = 4


def cued_types(sentence: str, lex: Lexicon) -> set[str]:
    """Event types whose cue words occur in ``sentence``."""
    return {name for name, pattern in lex.types.items() if pattern.search(sentence)}


def event_type(cued: set[str], fatalities: int | None, document_violence: Counter) -> str | None:
    """The type of a sentence with ``cued`` types, or None if it is no event.

    ``document_violence`` counts violent cues over the whole document; a death
    toll with no violent cue in its sentence takes the document's commonest one.
    """
    if fatalities:
        for name in _DEADLY:
            if name in cued:
                return name
        common = [t for t, _ in document_violence.most_common() if t in VIOLENT_TYPES]
        return common[0] if common else "other"
    for name in _PRECEDENCE:
        if name in cued:
            return name
    return None


@lru_cache(maxsize=64)
def _fatality_patterns(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    if lex.unspaced:  # 造成至少3人死亡, 3人が死亡: no spaces, and Han letters count as word letters
        # not a date's or a time's number (1日, 10月, 3天, 4時), nor an ordinal (第3)
        number = rf"(?<![\d/.,第-])(?P<n>{lex.number_pattern})(?![\d/]|[.,]\d|[年月日号號天時时分秒点點週周])"
        gap = r"[^\d\s.,;:!?()。，、；：！？（）]{0,%d}?" % _GAP_WORDS
        after = re.compile(rf"(?i:{number}{gap}(?:{lex.fatality_after.pattern}))")
        before = re.compile(rf"(?i:(?:{lex.fatality_before.pattern}){gap}(?:{lex.qualifiers})?{number})")
        return after, before
    number = rf"(?<![\w/.,-])(?P<n>{lex.number_pattern})(?![\w/]|[.,]\d)"
    gap = r"(?:[ \t]+[^\s\d.,;:!?()\"“”]+){0,%d}?" % _GAP_WORDS
    qualifier = rf"(?:{lex.qualifiers}\s+)?"
    after = re.compile(rf"(?i:{number}{gap}\s+(?:{lex.fatality_after.pattern}))")
    before = re.compile(rf"(?i:(?:{lex.fatality_before.pattern})\s+{qualifier}{number})")
    return after, before


def fatalities(sentence: str, lex: Lexicon) -> int | None:
    """The largest death toll of this event ``sentence`` states, or None (see :func:`toll_of`)."""
    return toll_of(sentence, lex)[0]


def toll_of(sentence: str, lex: Lexicon) -> tuple[int | None, int | None]:
    """``(deaths of this event, cumulative toll)`` that ``sentence`` states.

    A count belongs to the event only when its death word is next to it (a few words
    apart, the patterns of the language's death words). Counts that are part of a date (27/9, *27 September*), ranges (*10-20*), deaths
    of animals and hypothetical tolls (*could kill*, *scenario*) are no toll; a count
    in a sentence saying *since*, *so far*, *in total* is cumulative. A number word
    counts as its value (*tiga*, *three*).
    """
    tolls, cumulative = [], []
    for pattern in _fatality_patterns(lex):
        for m in pattern.finditer(sentence):
            value = _number(m.group("n"), lex)
            if value is None or _is_date_part(sentence, m.end("n"), lex) or _is_range(sentence, m, lex):
                continue
            if lex.hypothetical.search(sentence) or lex.non_human.search(
                    sentence, m.start(), min(len(sentence), max(m.end(), m.end("n") + NON_HUMAN_REACH))):
                continue
            (cumulative if lex.cumulative.search(sentence) else tolls).append(value)
    return (max(tolls) if tolls else None), (max(cumulative) if cumulative else None)


#: Characters after a count where an animal noun makes it no human toll (killed 160,000 chickens).
NON_HUMAN_REACH = 25
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–—]|\s\w{1,7})\s*$")
_RANGE_AFTER = re.compile(r"\s*[-–—]\s*\d")


def _is_range(sentence: str, m: re.Match, lex: Lexicon) -> bool:
    """The count is one end of a range (*10-20 killed*, *between 10 and 20*)."""
    before = sentence[max(0, m.start("n") - 12):m.start("n")]
    return bool(_RANGE_AFTER.match(sentence, m.end("n")) or
                (_RANGE_BEFORE.search(before) and lex.range_words.search(before)) or
                re.search(r"\d\s*[-–—]\s*$", before))


def _number(text: str, lex: Lexicon) -> int | None:
    word = " ".join(text.lower().split())
    if word in lex.number_words:
        return lex.number_words[word]
    digits = re.sub(r"\D", "", text) if re.fullmatch(r"\d{1,3}(?:" + group_separator(lex.thousands_separator)
                                                     + r"\d{3})+", text) else text
    return int(digits) if digits.isdigit() and len(digits) <= 7 else None


def _is_date_part(sentence: str, end: int, lex: Lexicon) -> bool:
    following = sentence[end:end + 20].lstrip()
    return any(following.startswith(m) for m in lex.months) if following[:1].isalpha() else False
