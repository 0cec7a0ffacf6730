"""The dates stage: every date expression of a text, with its calendar value.

Between geoparse and events: ``find_dates(text, published=..., lang=...)``
lists :class:`DateMention` records (exact offsets, ISO value, precision and
how the value was found); the events stage dates its sentences with it, and
``geomap dates`` prints it. Language knowledge lives in ``data/`` (one JSON
file per language plus the calendars, numerals and sentence marks every
language shares); month and weekday names come from CLDR (Babel).
"""
from __future__ import annotations

from datetime import date

from .model import Candidate, DateMention
from .resolve import InvalidDate, resolve
from .spot import spot

__all__ = ["Candidate", "DateMention", "InvalidDate", "find_dates", "resolve", "spot"]


def find_dates(text: str, *, published=None, lang: str | None = None, hint: date | None = None) -> list[DateMention]:
    """Every date expression of ``text``, in order.

    Parameters
    ----------
    text : str
        The article.
    published : date, str or None
        The article date (ISO 8601, RFC 822, or words dateparser reads). Without
        one, the date the text itself gives (an agency dateline, or a weekday
        next to a full date) anchors relative expressions; failing that they
        keep ``value=None`` and ``resolved_by="unresolved"``.
    lang : str or None
        ISO 639-1 code; detected from the text when None.
    hint : date or None
        A weaker article date (an ISO date in the file name), used only when neither
        ``published`` nor the text gives one (``resolved_by="relative-to-hint"``).

    Raises
    ------
    geomap.errors.InputError
        ``text`` is not a string, or ``published`` names no real day.
    """
    from ..errors import InputError
    from .published import parse_published

    if not isinstance(text, str):
        raise InputError(f"text must be str, not {type(text).__name__}")
    try:
        base = parse_published(published)
    except InvalidDate:
        raise InputError(f"published date {published!r} is not a real date") from None
    if lang is None:
        from ..geoparse.core import detect_language

        lang = detect_language(text)
    source = "published"
    if base is None:
        from .dateline import article_date_from_text

        found = article_date_from_text(text, lang)
        if found is not None:
            base, source = found[0], "dateline"
        elif hint is not None:
            base, source = hint, "hint"
    return mentions(text, lang, base, source)


def mentions(text: str, lang: str | None, base: date | None, source: str = "published") -> list[DateMention]:
    """The date mentions of ``text`` against a known article date (or None); invalid ones are left out."""
    out = []
    for candidate in spot(text, lang):
        try:
            out.append(resolve(candidate, base, source))
        except InvalidDate:
            continue
    return out
