"""Sentences with exact character offsets, by a few language-neutral rules.

A news sentence ends at a line break, or at ``.!?…`` (plus closing quotes
or brackets) followed by space and a capital, digit or opening quote --
unless the word before the full stop looks like an abbreviation or an
initial (``Oct.``, ``Mr.``, ``J.``, ``Sept. 27``), which news writes far more often than
a sentence ending in a word of three letters or fewer. Rule-based on
purpose: a sentence model per language would cost more than the rest of
the events stage together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LINES = re.compile(r"[^\r\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[^\W_a-z])")
_ABBREV = re.compile(r"(?:^|[^\w.])([^\W\d_]{1,5})\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str, months: tuple[str, ...] = ()) -> list[Sentence]:
    """Sentences of ``text``, whitespace-trimmed; ``text[s.start:s.end] == s.text``.

    ``months`` (month names of the text's language) keep an ordinal day together
    with its month: German *am 6. März* is one date, not a sentence end."""
    out: list[Sentence] = []
    ordinal = _ordinal_day(months)
    for line in _LINES.finditer(text):
        cut = line.start()
        for mark in _BOUNDARY.finditer(text, line.start(), line.end()):
            if text[mark.start()] == "." and _is_abbreviation(text, cut, mark.start() + 1, mark.end()):
                continue
            if ordinal is not None and ordinal.match(text, mark.start() - 2):
                continue
            _add(out, text, cut, mark.end())
            cut = mark.end()
        _add(out, text, cut, line.end())
    return out


def _ordinal_day(months: tuple[str, ...]):
    """Pattern of a one- or two-digit day, its full stop, and a month name."""
    if not months:
        return None
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    return re.compile(rf"(?:\D\d|\d\d)\.\s+(?:{names})(?!\w)")


def _is_abbreviation(text: str, cut: int, stop: int, after: int) -> bool:
    """A full stop right after a short word with a capital (``Oct.``, ``Mr.``) or a lone
    letter; before a number, capitalised words of up to five letters (``Sept. 27``)."""
    found = _ABBREV.search(text[max(cut, stop - 7):stop])
    if not found:
        return False
    word = found.group(1)
    if len(word) == 1:
        return True
    before_digit = text[after:after + 3].lstrip()[:1].isdigit()
    return word[0].isupper() and len(word) <= (5 if before_digit else 3)


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
