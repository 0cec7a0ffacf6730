"""Known abbreviations of place names at a token (*U.S.*, *UAE*, lexicon ``abbreviations``),
found by the text's first character and the lengths written with it."""
from __future__ import annotations

from functools import lru_cache

from .lexicon import Lexicon
from .spots import Spot
from .tokens import Token

#: Words whose answer :func:`_opens_abbreviation` keeps before its memo starts again.
OPENERS_CACHED = 200_000


@lru_cache(maxsize=4)
def _abbreviations_by_first_char(lex: Lexicon) -> dict[str, tuple[tuple[int, ...], dict[str, str]]]:
    """``{first character: (lengths, longest first; {abbreviation as written: key})}``: the text
    at a token is looked up once per length instead of compared with every abbreviation."""
    table: dict[str, tuple[tuple[int, ...], dict[str, str]]] = {}
    for written, key in lex.abbreviations.items():
        table.setdefault(written[0], ((), {}))[1][written] = key
    return {c: (tuple(sorted({len(w) for w in by_text}, reverse=True)), by_text) for c, (_, by_text) in table.items()}


#: The abbreviation table last asked about, and ``{word: whether some abbreviation of it starts
#: as the word does}`` (see :func:`_opens_abbreviation`).
_OPENERS: tuple = (None, {})


def _opens_abbreviation(surface: str, table) -> bool:
    """Some abbreviation agrees with ``surface`` on their common length (*U* for *U.S.*, *UAE*):
    else none can be written at a token that reads ``surface``, and the look-ups by length are
    skipped. Worked out once per word (*United*, *Ukraine* open none)."""
    global _OPENERS
    known, memo = _OPENERS
    if known is not table:
        memo = {}
        _OPENERS = (table, memo)
    found = memo.get(surface)
    if found is None:
        if len(memo) >= OPENERS_CACHED:
            memo.clear()
        found = memo[surface] = any(written[:len(surface)] == surface[:len(written)]
                                    for written in table[surface[0]][1])
    return found


def _abbreviation(text: str, tokens: list[Token], i: int, table) -> Spot | None:
    start = tokens[i].start
    entry = table.get(text[start])
    if entry is None:
        return None
    lengths, by_text = entry
    for length in lengths:  # the longest abbreviation written here that ends a word and its tokens
        end = start + length
        key = by_text.get(text[start:end])
        if key is not None and (end >= len(text) or not text[end].isalnum()):
            last = i
            while last + 1 < len(tokens) and tokens[last + 1].start < end:
                last += 1
            if tokens[last].end <= end:
                return Spot(start, end, key, i, last, "abbreviation")
    return None
