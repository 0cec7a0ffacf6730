"""Country, territory and continent names in every CLDR locale (babel)."""
from __future__ import annotations

from collections.abc import Iterator

#: CLDR macro-region codes that correspond to GeoNames continents.
CLDR_CONTINENTS = {"002": "AF", "150": "EU", "142": "AS", "009": "OC", "010": "AN",
                   "005": "SA", "003": "NA"}


def version() -> str:
    import babel

    return f"babel {babel.__version__} (CLDR)"


#: babel keeps every locale it loaded (merged with its parents): some 200 MB for all of CLDR.
#: The cache is emptied after this many languages (their regional locales load after them):
#: a few tens of MB at most, and few parents loaded twice.
_LANGUAGES_PER_CACHE = 32


def territory_names() -> Iterator[tuple[str, str, str]]:
    """``(territory code, name, locale language)`` for every locale."""
    from babel import Locale, localedata
    from babel.localedata import locale_identifiers

    clear = getattr(localedata, "clear_caches", None)  # not in every babel release
    languages, last = 0, None
    for ident in sorted(locale_identifiers()):
        language = ident.split("_")[0]
        if language != last:
            languages, last = languages + 1, language
            if clear is not None and languages % _LANGUAGES_PER_CACHE == 0:
                clear()
        try:
            locale = Locale.parse(ident)
        except (ValueError, TypeError):
            continue
        for code, name in locale.territories.items():
            if name and name != code:
                yield code, name, locale.language
