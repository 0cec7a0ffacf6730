"""Sentences with exact character offsets, in every script, by rules and data.

A sentence ends at a line break; at a mark that always ends one
(``data/sentence_marks.json``: 。！？ ؟ ۔ । ॥ ။ ። ។ …, whatever follows, since
Chinese, Japanese, Burmese or Khmer put no space after them); or at
``.!?…`` followed by space and a capital, digit, opening quote or a letter
of a caseless script -- unless the word before the full stop looks like an
abbreviation or an initial (``Oct.``, ``Mr.``, ``J.``, ``Sept. 27``), which
news writes far more often than a sentence ending in a word of three
letters or fewer. Closing quotes and brackets stay with their sentence, and a
mark inside a quotation that the sentence goes on after (「…！」と言った) ends none.

Rule-based on purpose: pysbd reads a news article in milliseconds where
these rules take microseconds, and ICU's BreakIterator (PyICU) needs a
compiled ICU; neither knows the ordinal full stop (*am 6. März*).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_LINES = re.compile(r"[^\r\n]+")
_ABBREV = re.compile(r"(?:^|[^\w.])([^\W\d_]{1,5})\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _boundary() -> re.Pattern:
    marks = json.loads((resources.files(__package__) / "data" / "sentence_marks.json").read_text(encoding="utf-8"))
    always, spaced = re.escape(marks["always"]), re.escape(marks["spaced"])
    closers, openers = re.escape(marks["closers"]), re.escape(marks["openers"])
    # a mark inside a quotation goes on the sentence that quotes it: 「…！」と彼は言った。
    return re.compile(rf"[{always}]+(?![{closers}])|[{always}]+[{closers}]+(?=\s|$|[{openers}])"
                      rf"|[{spaced}]+[{closers}]*(?=\s+[{openers}]?[^\W_a-z])")


def split_sentences(text: str, months: tuple[str, ...] = ()) -> list[Sentence]:
    """Sentences of ``text``, whitespace-trimmed; ``text[s.start:s.end] == s.text``.

    ``months`` (month names of the text's language) keep an ordinal day together
    with its month: German *am 6. März* is one date, not a sentence end."""
    out: list[Sentence] = []
    ordinal = _ordinal_day(tuple(months))
    spaced = _spaced_marks()
    for line in _LINES.finditer(text):
        cut = line.start()
        for mark in _boundary().finditer(text, line.start(), line.end()):
            if text[mark.start()] in spaced:
                if text[mark.start()] == "." and _is_abbreviation(text, cut, mark.start() + 1, mark.end()):
                    continue
                if ordinal is not None and ordinal.match(text, mark.start() - 2):
                    continue
            _add(out, text, cut, mark.end())
            cut = mark.end()
        _add(out, text, cut, line.end())
    return out


def split_clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """Clauses of one sentence, cut after the semicolons of every script (``;；؛``), with
    offsets into ``text``: two events a semicolon joins keep their own dates and places."""
    out: list[Sentence] = []
    cut = sentence.start
    for mark in _clause_marks().finditer(text, sentence.start, sentence.end):
        _add(out, text, cut, mark.end())
        cut = mark.end()
    _add(out, text, cut, sentence.end)
    return out


@lru_cache(maxsize=1)
def _clause_marks() -> re.Pattern:
    marks = json.loads((resources.files(__package__) / "data" / "sentence_marks.json").read_text(encoding="utf-8"))
    return re.compile(f"[{re.escape(marks['clauses'])}]+")


@lru_cache(maxsize=1)
def _spaced_marks() -> frozenset[str]:
    marks = json.loads((resources.files(__package__) / "data" / "sentence_marks.json").read_text(encoding="utf-8"))
    return frozenset(marks["spaced"])


@lru_cache(maxsize=64)
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
