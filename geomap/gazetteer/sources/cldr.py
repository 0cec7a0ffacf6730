"""Country, territory and continent names in every CLDR locale (babel)."""
from __future__ import annotations

from collections.abc import Iterator

#: CLDR macro-region codes that correspond to GeoNames continents.
CLDR_CONTINENTS = {"002": "AF", "150": "EU", "142": "AS", "009": "OC", "010": "AN",
                   "005": "SA", "003": "NA"}


def version() -> str:
    import babel

    return f"babel {babel.__version__} (CLDR)"


def territory_names() -> Iterator[tuple[str, str, str]]:
    """``(territory code, name, locale language)`` for every locale."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    for ident in sorted(locale_identifiers()):
        try:
            locale = Locale.parse(ident)
        except (ValueError, TypeError):
            continue
        for code, name in locale.territories.items():
            if name and name != code:
                yield code, name, locale.language
