"""The article date and dateline read from the text itself: wrappers over
:mod:`geomap.dates.dateline` for the events stage's callers."""
from __future__ import annotations

from datetime import date

from ..dates.dateline import DATELINE_WINDOW, Dateline, find_dateline
from ..dates.dateline import article_date_from_text as _from_text
from ..dates.resolve import InvalidDate
from .lexicon import Lexicon


def article_date_from_text(text: str, lex: Lexicon) -> tuple[date, str] | None:
    """``(date, how)`` the text itself gives for its publication, or None."""
    return _from_text(text, lex.lang)


__all__ = ["DATELINE_WINDOW", "Dateline", "InvalidDate", "article_date_from_text", "find_dateline"]
