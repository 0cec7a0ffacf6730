"""The map's and the report's own words (buttons, legend, popups, headings) per language,
from ``static/ui_strings.json``.

Article text is never translated; only what geomap itself says. A new
language is one more object in the JSON file with the same keys.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

STRINGS_FILE = Path(__file__).resolve().parent / "static" / "ui_strings.json"
#: Keys of the report page's own words (geomap.report); the rest are the map's.
REPORT_PREFIX = "report_"


@lru_cache(maxsize=1)
def _all_strings() -> dict[str, dict[str, str]]:
    return json.loads(STRINGS_FILE.read_text("utf-8"))


def languages() -> tuple[str, ...]:
    return tuple(sorted(_all_strings()))


def ui_strings(lang: str, *, part: str | None = None) -> dict[str, str]:
    """The strings for ``lang`` (an ISO 639-1 code), English filling any missing key; with
    ``part="map"`` only the map's (the report's own words, ``report_*``, stay out of a map page)."""
    strings = _all_strings()
    code = str(lang or "en").strip().lower()
    if code not in strings:
        raise InputError(f"no map interface language {lang!r}: use one of {', '.join(languages())}")
    merged = {**strings["en"], **strings[code]}
    if part == "map":
        return {key: text for key, text in merged.items() if not key.startswith(REPORT_PREFIX)}
    return merged
