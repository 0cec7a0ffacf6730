"""What an import may store: checks shared by every source (GeoNames dumps,
a user's CSV/GeoJSON, online answers).

Why: a stored name nothing can query (a NUL byte, 100,000 characters) or a
country code that is markup (``AZ<svg onload=...>``) only waits to break a
later stage. Each check returns the reason a value is bad, or None.
"""
from __future__ import annotations

import math
import re
import unicodedata

#: Longest name stored (GeoNames' own ``name`` column is 200 characters).
MAX_NAME = 200
_COUNTRY = re.compile(r"[A-Z]{2}")


def name_problem(name, what: str = "name") -> str | None:
    """Why ``name`` cannot be stored, or None. Control characters (category
    Cc: NUL, tabs, newlines, C1) never occur in a real place name; format
    characters (ZWNJ in Persian, RTL marks) do and are kept."""
    if not isinstance(name, str):
        return f"{what} is not text ({type(name).__name__})"
    text = name.strip()
    if not text:
        return f"{what} is empty"
    if len(text) > MAX_NAME:
        return f"{what} is {len(text)} characters long (at most {MAX_NAME})"
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs"):
            return f"{what} {_shown(text)} contains a control character (U+{ord(char):04X})"
    return None


def _shown(text: str) -> str:
    """A short, printable form of a bad value for a one-line message."""
    clean = "".join(c if c.isprintable() else "\ufffd" for c in text)
    return repr(clean if len(clean) <= 40 else clean[:40] + "…")


def country_problem(code) -> str | None:
    """Why ``code`` is not an ISO 3166-1 alpha-2 code (or empty), or None."""
    if code is None or code == "":
        return None
    if not isinstance(code, str) or not _COUNTRY.fullmatch(code):
        return f"invalid country code {_shown(str(code))} (two letters, ISO 3166-1 alpha-2)"
    return None


def coordinate_problem(lat: float, lon: float) -> str | None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"coordinates are not finite numbers ({lat}, {lon})"
    if not -90 <= lat <= 90:
        return f"latitude {lat} out of range (-90..90)"
    if not -180 <= lon <= 180:
        return f"longitude {lon} out of range (-180..180)"
    return None


def population_problem(value) -> str | None:
    try:
        number = float(value or 0)
    except (TypeError, ValueError):
        return f"population {_shown(str(value))} is not a number"
    if not math.isfinite(number) or number < 0 or number > 1e11:
        return f"population {value} out of range"
    return None


def first_problem(*problems: str | None) -> str | None:
    return next((p for p in problems if p), None)
