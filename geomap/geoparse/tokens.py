"""Tokens with exact character offsets, keyed with the gazetteer's rules.

The spotter never looks at the raw text again: each token carries its span,
its name key (:func:`geomap.gazetteer.name_key`), whether it starts with a
capital, and the gap to the previous token (so a name never spans a newline
or a comma). Runs of scripts written without spaces (Han, kana, Thai, Lao,
Khmer, Myanmar) are kept whole as one token marked ``unspaced``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import name_key

_WORD = r"[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{N}\p{M}]+)*"
_UNSPACED = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}ー々]+"
#: Characters a multi-word name may have between two of its words.
_JOINERS = frozenset(" \t\u00a0-‐‑–.'’")
APOSTROPHES = "'’ʼ`"


@lru_cache(maxsize=1)
def _pattern():
    import regex  # a dependency of dateparser; lazy so `import geomap` stays fast

    return regex.compile(f"(?P<u>{_UNSPACED})|(?P<w>{_WORD})")


@dataclass(frozen=True, slots=True)
class Token:
    """One word (or one unspaced run) of the text."""

    start: int
    end: int
    surface: str
    key: str
    capital: bool
    unspaced: bool
    joined: bool  # joined to the previous token by a name-internal gap (space, hyphen, dot)


@lru_cache(maxsize=300_000)
def token_key(surface: str) -> str:
    return name_key(surface)


def has_case(surface: str) -> bool:
    """True when the word's script distinguishes capitals (Latin, Cyrillic, Greek, Armenian...)."""
    return any(c.lower() != c.upper() for c in surface)


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, in order, with offsets into ``text``."""
    tokens: list[Token] = []
    prev_end = None
    for m in _pattern().finditer(text):
        start, end = m.span()
        surface = m.group()
        unspaced = m.lastgroup == "u"
        gap = text[prev_end:start] if prev_end is not None else "\n"
        joined = 0 < len(gap) <= 3 and all(c in _JOINERS for c in gap) and not gap.startswith(".")
        if gap.startswith(".") and len(gap) <= 2 and prev_end - tokens[-1].start <= 3:
            joined = all(c in _JOINERS for c in gap)  # an abbreviation such as "St. Louis"
        first = surface[0]
        tokens.append(Token(start, end, surface, token_key(surface) if not unspaced else surface,
                            first.isupper() or first.istitle(), unspaced, joined))
        prev_end = end
    return tokens


def sentence_starts(text: str, tokens: list[Token]) -> set[int]:
    """Indices of tokens that begin a sentence, line or quotation (their capital says little)."""
    starts = {0} if tokens else set()
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1].end:tokens[i].start]
        if any(c in ".!?\n:;\"“”«»„—()[]|" for c in gap) and not tokens[i].joined:
            starts.add(i)
    return starts


def mostly_upper(text: str) -> bool:
    """A text (or headline) in capitals: case carries no information there."""
    cased = [c for c in text[:20000] if c.isalpha() and c.lower() != c.upper()]
    return len(cased) >= 20 and sum(c.isupper() for c in cased) > 0.6 * len(cased)


def title_case_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Tokens on headline-style lines where most words are capitalised (a capital there is
    typography, not evidence of a name)."""
    found: set[int] = set()
    line: list[int] = []
    for i, token in enumerate(tokens + [None]):
        if token is None or (line and "\n" in text[tokens[line[-1]].end:token.start]):
            words = [k for k in line if len(tokens[k].surface) >= 4 and has_case(tokens[k].surface)]
            if len(words) >= 4 and sum(tokens[k].capital for k in words) >= 0.7 * len(words):
                found.update(line)
            line = []
        if token is not None:
            line.append(i)
    return found
