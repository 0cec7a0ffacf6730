"""The map's own words (buttons, legend, popups) per language, from ``static/ui_strings.json``.

Article text is never translated; only what geomap itself says. A new
language is one more object in the JSON file with the same keys.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

STRINGS_FILE = Path(__file__).resolve().parent / "static" / "ui_strings.json"


@lru_cache(maxsize=1)
def _all_strings() -> dict[str, dict[str, str]]:
    return json.loads(STRINGS_FILE.read_text("utf-8"))


def languages() -> tuple[str, ...]:
    return tuple(sorted(_all_strings()))


def ui_strings(lang: str) -> dict[str, str]:
    """The strings for ``lang`` (an ISO 639-1 code), English filling any missing key."""
    strings = _all_strings()
    code = str(lang or "en").strip().lower()
    if code not in strings:
        raise InputError(f"no map interface language {lang!r}: use one of {', '.join(languages())}")
    return {**strings["en"], **strings[code]}
