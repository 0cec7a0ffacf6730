"""The article date from metadata: ISO 8601, RFC 822 as in RSS, or words dateparser reads."""
from __future__ import annotations

import re
from datetime import date, datetime

from .resolve import InvalidDate

MIN_YEAR = 1800


def parse_published(value) -> date | None:
    """A metadata date -> date; None for no value.

    Raises :class:`InvalidDate` when ``value`` is given but names no plausible day.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return _plausible(date.fromisoformat(text[:10]), value)
        except ValueError:
            raise InvalidDate(text) from None
    from email.utils import parsedate_to_datetime

    try:
        return _plausible(parsedate_to_datetime(text).date(), value)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    import dateparser

    try:
        parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["year", "month", "day"]})
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None:
        raise InvalidDate(text)
    return _plausible(parsed.date(), value)


def _plausible(day: date, value) -> date:
    if not MIN_YEAR <= day.year <= date.today().year + 1:
        raise InvalidDate(str(value))
    return day
