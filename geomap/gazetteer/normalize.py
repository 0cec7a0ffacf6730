"""Name keys: the one normalisation every lookup and every index shares.

Two spellings get the same key when they differ only in case, diacritics,
punctuation, hyphens, apostrophes or spacing: *Xankəndi* = *Xankendi*,
*Nagorno-Karabakh* = *Nagorno Karabakh*, *Köln* = *Koln*, *İstanbul* =
*Istanbul*. Latin letters without a decomposition (ə, ı, ł, ø, ß, đ, æ …)
go through unidecode; other scripts keep their letters (a Cyrillic key stays
Cyrillic) so that transliterations cannot collide with real Latin names.

Speed matters twice: the build keys some four million names, and a fresh
``geomap geocode`` keys one. So ASCII names (most of them) take a
translate-and-split path with the same result, and the table for other
characters is filled one character at a time, when first met, instead of
scanning all of Unicode at start-up.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Apostrophe-like letters vanish rather than split a word: Mar'ib = Marib.
_APOSTROPHES = frozenset((0x27, 0x2019, 0x2018, 0x02BC, 0x02BB, 0x02BF, 0x02BE, 0x60, 0xB4))
#: Arabic tatweel and zero-width joiners carry no meaning for matching.
_IGNORED = frozenset((0x0640, 0x200C, 0x200D, 0x200B, 0xFEFF, 0x00AD))
#: Ethiopic letters Amharic writes interchangeably (the same sound, several letters: ሐ/ኀ for ሀ,
#: ሠ for ሰ, ዐ for አ, ፀ for ጸ; *ባሕር ዳር* = *ባህር ዳር*, Bahir Dar): (first code of a row, its
#: length, the first code of the row it is folded into).
_ETHIOPIC_HOMOPHONES = ((0x1210, 8, 0x1200), (0x1280, 7, 0x1200), (0x1220, 8, 0x1230), (0x12D0, 7, 0x12A0),
                        (0x1340, 8, 0x1338))
# Letters unidecode renders as symbols (schwa -> '@'): map them to a vowel.
_LATIN_OVERRIDES = {"ə": "e", "ǝ": "e", "ɛ": "e", "ɔ": "o", "ʃ": "sh", "ʒ": "zh"}

#: ASCII in one step: letters lowered, apostrophes dropped, every other non-alphanumeric a space.
_ASCII = {code: (chr(code).lower() if chr(code).isalnum() else " ") for code in range(128)}
_ASCII.update({code: "" for code in _APOSTROPHES if code < 128})
#: :data:`_ASCII` for bytes.translate (a table lookup per byte in C; str.translate looks each
#: character up in a dict): the byte each code becomes, and the bytes dropped.
_ASCII_BYTES = bytes(ord(_ASCII.get(code) or " ") for code in range(256))
_ASCII_DROPPED = bytes(code for code in range(128) if _ASCII[code] == "")


@lru_cache(maxsize=1)
def _separators():
    """Runs of anything but letters, digits and marks. Marks count as word
    characters: Indic vowel signs (ঢাকা, मुंबई) and Thai vowels are part of the
    word, and Python's ``\\W`` would cut the word at each of them."""
    import regex

    return regex.compile(r"[^\p{L}\p{N}\p{M}]+")


class _Table(dict):
    """Translation table for :meth:`str.translate`, each entry computed on first use."""

    def __missing__(self, code: int):
        value = _entry(code)
        self[code] = value
        return value


def _entry(code: int) -> str | None:
    """What character ``code`` becomes in a key (itself when nothing applies)."""
    if code in _IGNORED:
        return None
    if code in _APOSTROPHES:
        return ""
    char = chr(code)
    if 0x80 <= code <= 0x2AF or 0x1E00 <= code <= 0x1EFF:
        latin = _latin(char)
        if latin is not False:
            return latin
    if code < 0x10000 and unicodedata.combining(char):
        return None
    if 0x1200 <= code <= 0x137F:
        for first, length, into in _ETHIOPIC_HOMOPHONES:
            if first <= code < first + length:
                return chr(into + code - first)
    return char


def _latin(char: str) -> str | None | bool:
    """A Latin letter's base letters; ``None`` for a combining mark; ``False`` for neither."""
    if unicodedata.combining(char):
        return None
    if not unicodedata.name(char, "").startswith("LATIN"):
        return False
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if not base.isascii():
        from unidecode import unidecode

        base = _LATIN_OVERRIDES.get(base.lower()) or unidecode(base)
    return "".join(c for c in base.lower() if c.isalnum() or c == " ")


_TABLE = _Table()


def name_key(name: str) -> str:
    """Return the lookup key of ``name`` ('' when nothing matchable is left).

    >>> name_key("Nagorno-Karabakh") == name_key("nagorno karabakh")
    True
    """
    if name.isascii():
        return " ".join(name.encode("ascii").translate(_ASCII_BYTES, _ASCII_DROPPED).decode("ascii").split())
    text = unicodedata.normalize("NFKD", name.casefold())
    text = text.translate(_TABLE).casefold()
    return _separators().sub(" ", text).strip()


def latin_marked(text: str) -> bool:
    """Whether ``text`` has a Latin letter with a mark (*Ísland*, *Lũ*; not *Island* or *Москва*):
    such a spelling and its key, which drops the marks, may be different words."""
    return not text.isascii() and any(
        not c.isascii() and c.isalpha() and unicodedata.name(c, "").startswith("LATIN") for c in text)
