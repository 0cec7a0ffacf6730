"""Name keys: the one normalisation every lookup and every index shares.

Two spellings get the same key when they differ only in case, diacritics,
punctuation, hyphens, apostrophes or spacing: *Xankəndi* = *Xankendi*,
*Nagorno-Karabakh* = *Nagorno Karabakh*, *Köln* = *Koln*, *İstanbul* =
*Istanbul*. Latin letters without a decomposition (ə, ı, ł, ø, ß, đ, æ …)
go through unidecode; other scripts keep their letters (a Cyrillic key stays
Cyrillic) so that transliterations cannot collide with real Latin names.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _separators():
    """Runs of anything but letters, digits and marks. Marks count as word
    characters: Indic vowel signs (ঢাকা, मुंबई) and Thai vowels are part of the
    word, and Python's ``\\W`` would cut the word at each of them."""
    import regex

    return regex.compile(r"[^\p{L}\p{N}\p{M}]+")


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """Translation table built once, on first use (not at import)."""
    from unidecode import unidecode

    table: dict[int, str | None] = {}
    for code in range(0x80, 0x2AF + 1):
        _add_latin(table, code, unidecode)
    for code in range(0x1E00, 0x1EFF + 1):
        _add_latin(table, code, unidecode)
    for code in range(0x10000):
        if code not in table and unicodedata.combining(chr(code)):
            table[code] = None
    # Arabic tatweel and zero-width joiners carry no meaning for matching.
    for code in (0x0640, 0x200C, 0x200D, 0x200B, 0xFEFF, 0x00AD):
        table[code] = None
    # Apostrophe-like letters vanish rather than split a word: Mar'ib = Marib.
    for code in (0x27, 0x2019, 0x2018, 0x02BC, 0x02BB, 0x02BF, 0x02BE, 0x60, 0xB4):
        table[code] = ""
    return table


# Letters unidecode renders as symbols (schwa -> '@'): map them to a vowel.
_LATIN_OVERRIDES = {"ə": "e", "ǝ": "e", "ɛ": "e", "ɔ": "o", "ʃ": "sh", "ʒ": "zh"}


def _add_latin(table: dict[int, str | None], code: int, unidecode) -> None:
    char = chr(code)
    if unicodedata.combining(char):
        table[code] = None
        return
    if not unicodedata.name(char, "").startswith("LATIN"):
        return
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if not base.isascii():
        base = _LATIN_OVERRIDES.get(base.lower()) or unidecode(base)
    table[code] = "".join(c for c in base.lower() if c.isalnum() or c == " ")


def name_key(name: str) -> str:
    """Return the lookup key of ``name`` ('' when nothing matchable is left).

    >>> name_key("Nagorno-Karabakh") == name_key("nagorno karabakh")
    True
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = text.translate(_table()).casefold()
    return _separators().sub(" ", text).strip()
