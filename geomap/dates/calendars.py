"""Other calendars news writes, converted to Gregorian by maintained libraries:
``hijridate`` (the Umm al-Qura calendar Saudi Arabia publishes, AH 1343-1500) and
``jdatetime`` (the Solar Hijri calendar of Iran and Afghanistan)."""
from __future__ import annotations

from datetime import date


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date:
    """The Gregorian day of a Hijri or Solar Hijri date; ``ValueError`` if there is none."""
    if calendar == "hijri":
        from hijridate import Hijri

        try:
            return Hijri(year, month, day).to_gregorian()
        except (OverflowError, ValueError) as exc:
            raise ValueError(str(exc)) from exc
    if calendar == "solar_hijri":
        import jdatetime

        try:
            return jdatetime.date(year, month, day).togregorian()
        except (OverflowError, ValueError) as exc:
            raise ValueError(str(exc)) from exc
    raise ValueError(f"unknown calendar {calendar!r}")
