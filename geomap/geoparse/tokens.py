"""Tokens with exact character offsets, keyed with the gazetteer's rules.

The spotter never looks at the raw text again: each token carries its span,
its name key (:func:`geomap.gazetteer.name_key`), whether it starts with a
capital, and the gap to the previous token (so a name never spans a newline
or a comma). Runs of scripts written without spaces (Han, kana, Thai, Lao,
Khmer, Myanmar) are kept whole as one token marked ``unspaced``.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from itertools import repeat
from dataclasses import dataclass

from ..gazetteer import name_key

_WORD = r"[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{N}\p{M}]+)*"
_UNSPACED = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}ー々]+"
#: Characters a multi-word name may have between two of its words.
_JOINERS = frozenset(" \t\u00a0-‐‑–.'’_")  # _ joins the words of a hashtag (#حفر_الباطن, di_Jakarta)
APOSTROPHES = "'’ʼ`"


@lru_cache(maxsize=1)
def _splitter():
    """``split`` gives ``[gap, unspaced run, word, gap, ...]`` in one C call: no match object per token."""
    import regex  # a dependency of dateparser; lazy so `import geomap` stays fast

    return regex.compile(f"({_UNSPACED})|({_WORD})")


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One word (or one unspaced run) of the text. A slots class: every later stage reads
    its fields thousands of times per document, each in one specialised step (a named
    tuple's fields go through Python's generic attribute look-up). Never changed once built."""

    start: int
    end: int
    surface: str
    key: str
    capital: bool
    unspaced: bool
    joined: bool  # joined to the previous token by a name-internal gap (space, hyphen, dot)
    cased: bool   # the word's script has capitals




@lru_cache(maxsize=300_000)
def token_key(surface: str) -> str:
    return name_key(surface)


@lru_cache(maxsize=300_000)
def has_case(surface: str) -> bool:
    """True when the word's script distinguishes capitals (Latin, Cyrillic, Greek, Armenian...)."""
    return surface.lower() != surface.upper()


#: ``surface -> (key, capitalised, cased)``, computed once per distinct word (cleared when full).
_WORDS: dict[str, tuple[str, bool, bool]] = {}
WORDS_CACHED = 300_000


def _word(surface: str) -> tuple[str, bool, bool]:
    first = surface[0]
    if len(_WORDS) >= WORDS_CACHED:
        _WORDS.clear()
    info = _WORDS[surface] = (token_key(surface), first.isupper() or first.istitle(), has_case(surface))
    return info


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text``, in order, with offsets into ``text``."""
    if _plain_letters(text):  # ``re`` splits on a plain ASCII class in half the time of ``regex``
        parts = _ascii_splitter().split(text)
        pieces = zip(parts[0::2], repeat(None), parts[1::2])
    else:
        parts = _splitter().split(text)
        pieces = zip(parts[0::3], parts[1::3], parts[2::3])
    tokens: list[Token] = []
    append = tokens.append
    words = _WORDS
    end = 0
    prev_start = prev_end = -1
    for gap, unspaced, surface in pieces:
        start = end + len(gap)
        if prev_end < 0:
            joined = False
        elif gap == " ":
            joined = True
        elif len(gap) > 3 or not _JOINERS.issuperset(gap):
            joined = False
        else:  # "St. Louis": a dot joins only after a short abbreviation
            joined = not gap.startswith(".") or prev_end - prev_start <= 3
        if unspaced is not None:
            end = start + len(unspaced)
            first = unspaced[0]
            append(Token(start, end, unspaced, unspaced, first.isupper() or first.istitle(), True, joined,
                         has_case(unspaced)))
        else:
            end = start + len(surface)
            key, capital, cased = words.get(surface) or _word(surface)
            append(Token(start, end, surface, key, capital, False, joined, cased))
        prev_start, prev_end = start, end
    return tokens


def _plain_letters(text: str) -> bool:
    """Every letter, digit and mark of ``text`` is ASCII (English news: its only other characters
    are quotes and dashes), so the words are runs of [A-Za-z0-9] and no run is unspaced."""
    if text.isascii():
        return True
    others = _non_ascii(text)
    return _wordy().search("".join(set(others))) is None


@lru_cache(maxsize=1)
def _ascii_splitter():
    """:func:`_splitter` for text whose letters are ASCII: the same splits, one group. The
    quantifiers are possessive (nothing after them could ever make them give characters back):
    ``re`` then keeps no backtracking state per word, a seventh less time."""
    import re

    return re.compile(r"([A-Za-z0-9]++(?:['’ʼ`][A-Za-z0-9]++)*+)")


@lru_cache(maxsize=1)
def _wordy():
    import regex

    return regex.compile(r"[\p{L}\p{N}\p{M}]")


def name_openers(tokens: list[Token], case_blind: bool) -> list[int]:
    """Indices of the tokens a name can start at as far as case goes: capitalised, of a caseless
    script, or any token where case says nothing. The spotter and the list finder both walk
    these few instead of every token."""
    if case_blind:
        return list(range(len(tokens)))
    return [k for k, t in enumerate(tokens) if t.capital or not t.cased]


_BREAKS = frozenset(".!?\n:;\"“”«»„—()[]|")


def sentence_starts(text: str, tokens: list[Token]) -> set[int]:
    """Indices of tokens that begin a sentence, line or quotation (their capital says little)."""
    starts = {0} if tokens else set()
    breaks = _BREAKS.isdisjoint
    for i in range(1, len(tokens)):
        token = tokens[i]
        if token.joined:
            continue
        if not breaks(text[tokens[i - 1].end:token.start]):
            starts.add(i)
    return starts


def mostly_upper(text: str) -> bool:
    """A text (or headline) in capitals: case carries no information there."""
    upper, lower = _case_counts(text[:5000])
    return upper + lower >= 20 and upper > 0.6 * (upper + lower)


def case_blind(text: str) -> bool:
    """Capitals carry no information: the text is in capitals (a headline) or in lower
    case (tweets, tokenised corpora, search queries)."""
    upper, lower = _case_counts(text[:5000])
    return upper + lower >= 20 and (upper > 0.6 * (upper + lower) or upper <= 0.02 * (upper + lower))


_NOT_UPPER = bytes(b for b in range(256) if not 65 <= b <= 90)
_NOT_LOWER = bytes(b for b in range(256) if not 97 <= b <= 122)


def _case_counts(sample: str) -> tuple[int, int]:
    """Characters of ``sample`` that are upper case and lower case (``str.isupper``/``islower``
    of each): the ASCII ones counted by ``bytes.translate`` in C (A-Z, a-z; every byte of a
    multi-byte character is dropped), the others one by one, as few as there are."""
    raw = sample.encode("utf-8", "surrogatepass")
    upper, lower = len(raw.translate(None, _NOT_UPPER)), len(raw.translate(None, _NOT_LOWER))
    if not sample.isascii():
        other = _non_ascii(sample)
        upper += sum(map(str.isupper, other))
        lower += sum(map(str.islower, other))
    return upper, lower


#: The text :func:`_non_ascii` last read and its answer: :func:`case_blind` and :func:`tokenize`
#: both ask about each document (the same string object when it is under 5,000 characters).
_LAST_NON_ASCII: tuple[str | None, str] = (None, "")


def _non_ascii(text: str) -> str:
    """The characters of ``text`` outside ASCII, in order (deleting the ASCII runs takes ``re``
    less time than finding the other characters one by one)."""
    global _LAST_NON_ASCII
    last, found = _LAST_NON_ASCII
    if text is not last:
        found = _ascii_runs().sub("", text)
        _LAST_NON_ASCII = (text, found)
    return found


@lru_cache(maxsize=1)
def _ascii_runs():
    import re

    return re.compile("[\x00-\x7f]+")


def title_case_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Tokens on headline-style lines where most words are capitalised (a capital there is
    typography, not evidence of a name)."""
    found: set[int] = set()
    starts = [t.start for t in tokens]
    first, n = 0, len(tokens)
    while first < n:  # line by line: the next newline after a line's first token ends it
        newline = text.find("\n", tokens[first].end)
        i = n if newline < 0 else bisect.bisect_right(starts, newline, first + 1)
        tail = text[tokens[i - 1].end:tokens[i - 1].end + 2].strip()[:1]
        if tail not in (".", "!", "?") and i - first >= 4:  # a sentence full of names is not a headline
            words = [t for t in tokens[first:i] if t.cased and len(t.surface) >= 4]
            if len(words) >= 4 and sum(t.capital for t in words) >= 0.7 * len(words):
                found.update(range(first, i))
        first = i
    return found
