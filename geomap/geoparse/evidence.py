"""How sure recognition is that a spotted name is a place: one confidence per mention.

Where capitals say nothing (Arabic, Persian, Hebrew, lower-case tweets, all-caps
headlines), a gazetteer name is also a word of the language more often than not
(Arabic *سيول* torrents / Seoul, *كورونا* corona / Corona, California). The
evidence is combined as log-odds, each term from ``data/evidence.json``:

* the place's prominence against the word's frequency in the language
  (a city of ten million may share its name with a common word, a village may not);
* the context: a preposition or prepositional proclitic before it (*في*, *di*,
  Arabic *ب*), a cue word (*kota*, *مدينة*), a capital in mid-sentence, more than one word;
* hashtags: a place inside a compound hashtag with other words (*#امطار_الكويت*,
  rain in Kuwait) names a topic, not a location of the text;
* the document: a common word read as a place far from every other place of the text.

The confidence is ``sigmoid(slope * logit)``; in caseless text a spot is kept when
its logit is positive. Events read it from :attr:`Mention.recognition`.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..gazetteer import name_key
from .lexicon import Lexicon
from .tokens import Token

#: A word at least this frequent (Zipf) is a known word of the language.
KNOWN_WORD_ZIPF = 3.0
_HASHTAG = re.compile(r"#\w+")


@dataclass(frozen=True, eq=False)
class Evidence:
    """The tables of ``data/evidence.json``, keyed for lookup."""

    prepositions: dict[str, frozenset[str]]
    preposition_clitics: dict[str, frozenset[str]]
    glued_articles: dict[str, tuple[str, ...]]
    weights: dict[str, float]
    conjunctions: dict[str, frozenset[str]]
    glued_words: frozenset[str] = frozenset()  # languages that may write two words of a name as one

    @lru_cache(maxsize=64)
    def prepositions_for(self, langs: tuple[str, ...]) -> frozenset[str]:
        return frozenset().union(*(self.prepositions.get(x, ()) for x in langs))

    @lru_cache(maxsize=64)
    def conjunctions_for(self, langs: tuple[str, ...]) -> frozenset[str]:
        return frozenset().union(*(self.conjunctions.get(x, ()) for x in langs))

    def glued_for(self, lang: str | None) -> tuple[str, ...]:
        return self.glued_articles.get(lang or "", ())


@lru_cache(maxsize=1)
def evidence() -> Evidence:
    raw = json.loads(resources.files("geomap.geoparse").joinpath("data/evidence.json").read_text("utf-8"))
    real = lambda section: {k: v for k, v in raw[section].items() if not k.startswith("_")}  # noqa: E731
    keyed = lambda words: frozenset(k for k in map(name_key, words) if k)  # noqa: E731
    return Evidence(
        prepositions={lang: keyed(words) for lang, words in real("prepositions").items()},
        preposition_clitics={lang: keyed(words) for lang, words in real("preposition_clitics").items()},
        glued_articles={lang: tuple(map(name_key, words)) for lang, words in real("glued_articles").items()},
        weights={k: float(v) for k, v in real("weights").items()},
        conjunctions={lang: keyed(words) for lang, words in real("conjunctions").items()},
        glued_words=frozenset(raw["glued_words"]["languages"]),
    )


def hashtags(text: str, tokens: list[Token]) -> dict[int, tuple[int, int]]:
    """``{token index: (first, last)}`` for every token inside a hashtag (``#مرفأ_بيروت``)."""
    found: dict[int, tuple[int, int]] = {}
    if "#" not in text:
        return found
    starts = {t.start: i for i, t in enumerate(tokens)}
    for m in _HASHTAG.finditer(text):
        first = starts.get(m.start() + 1)
        if first is None:
            continue
        last = first
        while last + 1 < len(tokens) and tokens[last + 1].end <= m.end():
            last += 1
        for i in range(first, last + 1):
            found[i] = (first, last)
    return found


def confidence(logit: float) -> float:
    """The recognition confidence of a mention whose evidence sums to ``logit``."""
    slope = evidence().weights["slope"]
    return round(1.0 / (1.0 + math.exp(-slope * logit)), 4)


@dataclass(frozen=True, slots=True)
class Context:
    """What one spot's surroundings say (pure data, so the terms can be tested alone)."""

    preposition: bool = False      # a preposition or prepositional proclitic before it
    cue: bool = False              # a cue word before it (*kota*, *مدينة*)
    capital: bool = False          # capitalised in mid-sentence in cased text
    words: int = 1
    hashtag: str | None = None     # None | "whole" | "compound" (a topic) | "designated" (#مرفأ_بيروت)


def logit(prominence: float, word_zipf: float, ctx: Context, *, respelt: bool = False) -> float:
    """Log-odds (before the slope) that a spot is a place.

    ``respelt``: the text writes a known word the gazetteer spells otherwise for this
    place (*سيول* for Seoul's *سئول*): the writer meant the word."""
    w = evidence().weights
    value = prominence - (0.0 if ctx.words > 1 else word_zipf) - w["common_margin"]
    if ctx.words > 1:
        value += w["multiword"]
    if ctx.preposition:
        value += w["preposition"]
    if ctx.cue:
        value += w["cue"]
    if ctx.capital:
        value += w["capital_mid_sentence"]
    if ctx.hashtag == "whole":
        value += w["whole_hashtag"]
    elif ctx.hashtag == "compound":
        value += w["inside_compound_hashtag"]
    if respelt:
        value -= w["respelt"]
    return value


def context_of(text: str, tokens: list[Token], first: int, last: int, start: int, how: str, *,
               lex: Lexicon, lang: str | None, cased: bool, sentence_start: bool,
               tags: dict[int, tuple[int, int]]) -> Context:
    """The context terms of the spot on tokens ``first..last`` starting at ``start``."""
    ev = evidence()
    langs = lex.langs(lang)
    preps = ev.prepositions_for(langs)
    cues = lex.cues_for(lang)
    before = tokens[first - 1] if first > 0 and tokens[first].joined else None
    preposition = before is not None and before.key in preps
    if how == "proclitic" and start > tokens[first].start:
        clitic = name_key(text[tokens[first].start:start])
        preposition = preposition or any(clitic in ev.preposition_clitics.get(x, ()) for x in langs)
    cue = before is not None and (before.key in cues or (
        first > 1 and tokens[first - 1].joined and f"{tokens[first - 2].key} {before.key}" in cues))
    capital = cased and tokens[first].capital and not sentence_start
    return Context(preposition, cue, capital, last - first + 1, _hashtag_kind(tokens, first, last, tags, cues, preps, lex))


def _hashtag_kind(tokens, first, last, tags, cues, preps, lex) -> str | None:
    if first not in tags:
        return None
    hf, hl = tags[first]
    if hf == first and hl == last:
        return "whole"
    others = [tokens[i].key for i in range(hf, hl + 1) if not first <= i <= last]
    if all(k in cues or k in preps or k in lex.type_words for k in others):
        return "designated"  # #مرفأ_بيروت, #di_Jakarta: a designation or preposition and the place
    return "compound"
