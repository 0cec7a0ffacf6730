"""Word frequency (wordfreq's Zipf scale) per language: the evidence that a capitalised or caseless
word is an ordinary word rather than a name. Its own module because the spotter, the filters and the
events stage all weigh it, and the spotter must not import the filters that import it."""
from __future__ import annotations

import math
import re
from functools import lru_cache

#: Languages wordfreq can score without extra segmenters.
WORDFREQ_LANGUAGES = frozenset("ar bg bn ca cs da de el en es fa fi fil fr he hi hu id is it lt lv mk ms nb nl pl pt "
                      "ro ru sh sk sl sv ta tr uk ur vi".split())
_APOSTROPHE = re.compile("['’ʼ`]")
#: The Arabic tatweel (kashida): lengthens letters, carries no meaning.
_TATWEEL = "\u0640"
#: Words rarer than this Zipf frequency carry no signal here (every threshold is above it),
#: so only the commoner part of each wordfreq list is kept in memory.
ZIPF_FLOOR = 2.5


@lru_cache(maxsize=64)
def _frequencies(lang: str) -> dict[str, float]:
    """``{word: zipf}`` for the words of ``lang`` at or above ZIPF_FLOOR. wordfreq's full
    lists (130 MB for Russian) are released once the compact table is built, so a batch
    over many languages stays small."""
    from importlib.metadata import version

    from ..gazetteer.diskcache import cached

    return cached(lambda: _compact_frequencies(lang), "wordfreq", lang, version("wordfreq"), str(ZIPF_FLOOR))


def _compact_frequencies(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict, get_frequency_list

    floor = 10 ** (ZIPF_FLOOR - 9)
    table = {w: round(math.log10(f) + 9, 2) for w, f in get_frequency_dict(lang, wordlist="best").items() if f >= floor}
    get_frequency_dict.cache_clear()
    get_frequency_list.cache_clear()
    return table


#: ``{lang: table}`` of the languages asked for so far: :func:`zipf` runs tens of times per
#: document, and one dictionary probe is cheaper than the language check and ``lru_cache`` call.
_TABLES: dict[str | None, dict[str, float]] = {}


def zipf(word: str, lang: str | None) -> float:
    """Zipf frequency of ``word`` (lower case) in ``lang``; 0 when rare, unknown or unsupported."""
    table = _TABLES.get(lang)
    if table is None:
        if lang not in WORDFREQ_LANGUAGES:
            return 0.0
        table = _TABLES[lang] = _frequencies(lang)
    found = table.get(word)
    if found is None:
        if _TATWEEL in word:  # stretched for show (كـورونـا): the same word as without it
            return zipf(word.replace(_TATWEEL, ""), lang)
        if word.isalnum():
            return 0.0  # no apostrophe (most unknown words: names), so no clitic to cut
        head = _APOSTROPHE.split(word, 1)[0]  # Steele's, d'Italia: the word before the clitic
        found = table.get(head, 0.0) if head != word else 0.0
    return found
