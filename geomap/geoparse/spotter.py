"""Spotting: every stretch of text whose name key is a gazetteer name.

Longest match wins, left to right, so the cost is linear in the number of
tokens. When a word is not a name as written, general fallbacks try it
without an apostrophe clitic (*Selanik'te*, *l'Ukraine*), without a
language's case endings (*Warszawie*, *Москве*, *Şamaxıda*), without a
proclitic (*وبغداد*), or as a known abbreviation (*U.S.*, *UAE*). Runs of
unspaced scripts are scanned by characters.
"""
from __future__ import annotations

import unicodedata

from .abbreviations import _abbreviation, _abbreviations_by_first_char, _opens_abbreviation
from .index import MAX_UNSPACED, MAX_WORDS, NameIndex
from .lexicon import Lexicon
from .spots import Spot
from ..gazetteer import name_key
from .tokens import APOSTROPHES, Token, name_openers, token_key


def spot(text: str, tokens: list[Token], index: NameIndex, lex: Lexicon, lang: str | None,
         demonyms: dict[str, str] | None = None, *, case_matters: bool = True,
         openers: list[int] | None = None) -> list[Spot]:
    """All spots of ``tokens``, non-overlapping, in text order.

    With ``case_matters`` (text not in capitals), a name cannot start with a
    lower-case word of a cased script, so such tokens are skipped at once
    (``openers``: :func:`~geomap.geoparse.tokens.name_openers` of the tokens, when known).
    """
    spots: list[Spot] = []
    abbreviations = _abbreviations_by_first_char(lex)
    water = lex.water_words_for(lang)
    names = lex.names_for(lang)
    demonym_firsts = _first_words(demonyms) if demonyms else frozenset()
    name_firsts = _first_words(names) if names else frozenset()
    inflections = lex.inflections_for(lang)
    glued = lang in _glued_languages()
    # the tokens a name can start at, in one pass (most words are lower case; a lower-case
    # generic word can open a sea's name: *mer Rouge*)
    if water:
        starts = [k for k, t in enumerate(tokens) if t.capital or not (case_matters and t.cased) or t.key in water]
    else:  # (most languages have no such word: no probe per lower-case word)
        starts = name_openers(tokens, not case_matters) if openers is None else openers
    i = 0
    for k in starts:
        if k < i:
            continue  # inside the spot before
        i = k
        token = tokens[i]
        if case_matters and token.cased and not token.capital:
            found = _water_name(tokens, i, index)
            if found is not None:
                spots.append(found)
            i = found.last + 1 if found is not None else i + 1
            continue
        if token.unspaced:
            spots.extend(_spot_unspaced(token, i, index, lex.unspaced_suffixes))
            i += 1
            continue
        plain = token.surface.isalnum()  # no apostrophe: no clitic (most words; decided without a call)
        found = (not plain and _clitic_head(token, i, index)) or _longest(tokens, i, index)
        if demonym_firsts and (token.key in demonym_firsts or not plain):
            found = _demonym(tokens, i, demonyms, found)  # (the common case, decided without a call)
        if token.key in name_firsts:
            found = _named(tokens, i, names, found)
        if text[token.start] in abbreviations and _opens_abbreviation(token.surface, abbreviations):
            abbr = _abbreviation(text, tokens, i, abbreviations)  # (most words start none)
            if abbr and (found is None or abbr.end >= found.end):
                found = abbr
        if found is not None and found.last == i and i + 1 < len(tokens) and tokens[i + 1].joined:
            if inflections:  # an oblique form that is also some one-word name (Polish *Korei*, an Iranian village)
                found = _inflected_phrase(tokens, i, index, inflections, [], lex.alternate_stems, lang) or found
            if glued:  # a word that is a name alone and, split, begins a longer one (Persian *سرپل ذهاب*)
                found = _unglued(tokens, i, index, lang) or found
        if found is None:
            found = _fallback(tokens, i, index, lex, lang)
        if found is None:
            i += 1
            continue
        spots.append(found)
        i = found.last + 1
    return spots


def _longest(tokens: list[Token], i: int, index: NameIndex, *, key: str | None = None,
             start: int | None = None, how: str = "exact") -> Spot | None:
    """The longest name starting at token ``i`` (or at ``key`` written from ``start``, a
    word whose proclitic was cut: Hebrew *בתל אביב*)."""
    key = tokens[i].key if key is None else key
    start = tokens[i].start if start is None else start
    best = Spot(start, tokens[i].end, key, i, i, how) if key in index.keys else None
    j = i
    while j + 1 < len(tokens) and j - i + 1 < MAX_WORDS:
        nxt = tokens[j + 1]
        if not nxt.joined or nxt.unspaced:
            break
        longer = f"{key} {nxt.key}"
        if longer in index.keys:
            best = Spot(start, nxt.end, longer, i, j + 1, how)
        clitic = None if nxt.surface.isalnum() else _before_apostrophe(nxt.surface)
        if clitic and f"{key} {token_key(clitic)}" in index.keys:
            best = Spot(start, nxt.start + len(clitic), f"{key} {token_key(clitic)}", i, j + 1, "clitic")
            break
        if longer not in index.prefixes:
            break
        key, j = longer, j + 1
    return best


def _water_name(tokens: list[Token], i: int, index: NameIndex) -> Spot | None:
    """A sea's name that opens with its lower-case generic word (*mer Rouge*, *golfe d'Aden*,
    *détroit de Gibraltar*): a gazetteer name of several words whose last has a capital."""
    found = _longest(tokens, i, index)
    if found is None or found.last == i or not any(c.isupper() for c in tokens[found.last].surface):
        return None
    return found


def _demonym(tokens: list[Token], i: int, table: dict[str, str], found: Spot | None) -> Spot | None:
    """A capitalised demonym (*Russian*, *South African*) stands for its place, unless a
    longer gazetteer name starts here."""
    if not tokens[i].capital:
        return found
    firsts = _first_words(table)
    if tokens[i].key not in firsts:
        head = _before_apostrophe(tokens[i].surface)
        if not head or token_key(head) not in firsts:
            return found  # the common case, decided without building keys
    for width in (2, 1):
        last = i + width - 1
        if last >= len(tokens) or not tokens[i].capital or (width == 2 and not tokens[last].joined):
            continue
        key = " ".join(t.key for t in tokens[i:last + 1])
        head = _before_apostrophe(tokens[last].surface)
        if key not in table and head:
            key = " ".join([*(t.key for t in tokens[i:last]), token_key(head)])
        if key in table and (found is None or found.last <= last):
            end = tokens[last].end if not head or key not in table else tokens[last].end
            return Spot(tokens[i].start, end, table[key], i, last, "demonym")
    return found


def _named(tokens: list[Token], i: int, table: dict[str, str], found: Spot | None) -> Spot | None:
    """A language's own name for a place the gazetteer files under another (*Jatim* for
    Jawa Timur, *Inggris* for the United Kingdom), unless a longer gazetteer name starts here."""
    if tokens[i].key not in _first_words(table):
        return found
    for width in (3, 2, 1):
        last = i + width - 1
        if last >= len(tokens) or not all(t.joined for t in tokens[i + 1:last + 1]):
            continue
        key = " ".join(t.key for t in tokens[i:last + 1])
        if key in table and (found is None or found.last <= last):
            return Spot(tokens[i].start, tokens[last].end, table[key], i, last, "alias")
    return found


_FIRST_WORDS: dict[int, tuple[dict, frozenset[str]]] = {}


def _first_words(table: dict[str, str]) -> frozenset[str]:
    """First words of the demonyms of ``table`` (cached per table: tables are cached per language)."""
    cached = _FIRST_WORDS.get(id(table))
    if cached is None or cached[0] is not table:
        cached = _FIRST_WORDS[id(table)] = (table, frozenset(k.split(" ")[0] for k in table))
    return cached[1]


def _clitic_head(token: Token, i: int, index: NameIndex) -> Spot | None:
    """*Canada's*, *Selanik'te*: a name followed by a short clitic is that name."""
    head = _before_apostrophe(token.surface)
    if head and len(token.surface) - len(head) <= 4:
        key = token_key(head)
        if len(key) >= 2 and key in index.keys:
            return Spot(token.start, token.start + len(head), key, i, i, "clitic")
    return None


def _before_apostrophe(surface: str) -> str | None:
    if surface.isalnum():
        return None
    for k, c in enumerate(surface):
        if c in APOSTROPHES:
            return surface[:k]
    return None


def _fallback(tokens: list[Token], i: int, index: NameIndex, lex: Lexicon, lang: str | None) -> Spot | None:
    """A word that is (or starts) a name once a clitic, ending or proclitic is removed.
    Most capitalised words are no name in any of these ways (*The*, *President*): a word
    found to be none without looking at the words after it is remembered as such."""
    memo = (tokens[i].surface, lang)
    if memo in index.no_fallback:
        return None
    looked_ahead = []
    found = _fallback_search(tokens, i, index, lex, lang, looked_ahead)
    if found is None and not looked_ahead:
        if len(index.no_fallback) >= NO_FALLBACK_CACHED:
            index.no_fallback.clear()
        index.no_fallback.add(memo)
    return found


#: Words remembered per name index as having no fallback reading.
NO_FALLBACK_CACHED = 200_000


def _fallback_search(tokens: list[Token], i: int, index: NameIndex, lex: Lexicon, lang: str | None,
                     looked_ahead: list) -> Spot | None:
    token = tokens[i]
    surface = token.surface
    head = _before_apostrophe(surface)
    if head:
        key = token_key(head)
        if len(key) >= 2 and key in index.keys:
            return Spot(token.start, token.start + len(head), key, i, i, "clitic")
        tail = surface[len(head) + 1:]
        if len(head) <= 4 and token_key(tail) in index.keys:  # elided article: l'Ukraine, dell'Iran
            return Spot(token.end - len(tail), token.end, token_key(tail), i, i, "clitic")
        surface = head
    for language in lex.fallback_langs(lang, surface):
        phrase = _inflected_phrase(tokens, i, index, lex.inflections_for(language), looked_ahead,
                                   lex.alternate_stems, language)
        if phrase:
            return phrase
        stem = _strip_suffix(surface, token, i, index, lex, language)
        if stem:
            return stem
        for prefix in lex.proclitics_for(language):
            rest = token.key[len(prefix):]
            if token.key.startswith(prefix) and len(rest) >= 2 and len(rest) <= len(surface) and (
                    rest in index.keys or rest in index.prefixes) and not _own_word(surface, rest, language):
                looked_ahead.append(rest)  # the answer depends on the next words too
                found = _longest(tokens, i, index, key=rest, start=token.end - len(rest), how="proclitic")
                if found and (found.last > i or len(rest) >= 3):
                    return found
        glued = _unglued(tokens, i, index, language)
        if glued:
            return glued
    return None


def _inflected_phrase(tokens: list[Token], i: int, index: NameIndex, endings, looked_ahead: list,
                      alternate=None, lang: str | None = None) -> Spot | None:
    """A name of several words, each in an oblique case (*в Чёрном море* is *Чёрное море*, *на
    Ближнем Востоке* is *Ближний Восток*): every word is tried as written and in the forms the
    language's ending table gives (lexicon ``inflections``); the longest combination that is a
    gazetteer name wins. The first word must open some name of several words, so most words
    cost one set probe per form."""
    if not endings or i + 1 >= len(tokens):
        return None
    heads = [f for f in _base_forms(tokens[i].key, endings, alternate, lang) if f in index.prefixes]
    best, j = None, i
    while heads and j + 1 < len(tokens) and j - i + 1 < MAX_WORDS:
        nxt = tokens[j + 1]
        if not nxt.joined or nxt.unspaced:
            break
        looked_ahead.append(nxt.key)  # the answer depends on the next words too
        longer = [f"{head} {form}" for head in heads for form in _base_forms(nxt.key, endings, alternate, lang)]
        hit = next((key for key in longer if key in index.keys), None)
        if hit is not None:
            best = Spot(tokens[i].start, nxt.end, hit, i, j + 1, "stem")
        heads, j = [key for key in longer if key in index.prefixes], j + 1
    return best


def _base_forms(key: str, endings, alternate=None, lang: str | None = None) -> list[str]:
    """``key`` and the forms its oblique endings stand for (*черном* -> *черныи*, *черное* ...),
    also from the stem's alternate spellings (``alternate``: :meth:`Lexicon.alternate_stems`)."""
    forms = [key]
    for ending, bases in endings:
        if key.endswith(ending) and len(key) - len(ending) >= 2:
            stem = key[: len(key) - len(ending)]
            for s in (stem, *(alternate(stem, lang) if alternate else ())):
                forms += [s + base for base in bases]
    return list(dict.fromkeys(forms))


def _own_word(surface: str, rest: str, lang: str | None) -> bool:
    """``surface`` is a word of its own, commoner than what is left without its proclitic
    (Arabic *كبير*, big, is not *ك* + *بير*; *وبيروت* is *و* + *بيروت*)."""
    from .evidence import KNOWN_WORD_ZIPF
    from .frequency import zipf

    whole = zipf(surface.casefold(), lang)
    return whole >= KNOWN_WORD_ZIPF and whole > zipf(surface[len(surface) - len(rest):].casefold(), lang)


def _glued_languages() -> frozenset[str]:
    from .evidence import evidence

    return evidence().glued_words


def _unglued(tokens: list[Token], i: int, index: NameIndex, lang: str | None) -> Spot | None:
    """A two-word name written as one word, its article glued on (*حفرالباطن*), or in a language
    that may drop the space between two words of a name anywhere (Persian *سرپل ذهاب*), then
    perhaps continued by the next words."""
    from .evidence import evidence

    token, key = tokens[i], tokens[i].key
    for article in evidence().glued_for(lang):
        k = key.find(article, 2)
        while k > 0:
            split = f"{key[:k]} {key[k:]}"
            if split in index.keys:
                return Spot(token.start, token.end, split, i, i, "glued")
            k = key.find(article, k + 1)
    if lang in evidence().glued_words and " " not in key:
        for k in range(2, len(key) - 1):
            split = f"{key[:k]} {key[k:]}"
            if split in index.prefixes and (found := _longest(tokens, i, index, key=split, how="glued")):
                if found.last > i:
                    return found
    return None


def _strip_suffix(surface: str, token: Token, i: int, index: NameIndex, lex: Lexicon, lang) -> Spot | None:
    """A word read as a name once an ending of ``lang`` is stripped: every ending that fits and every
    form it may stand for (:meth:`Lexicon.stem_forms`) is a reading; of several that are names the
    likeliest (:attr:`NameIndex.prefer`: *Kosowie* is *Kosowo*, not the Greek island *Kos* + *owie*).
    Only when none is a name, a stem plus up to two letters (*Wilnie* -> *wiln* -> *wilno*)."""
    key = token_key(surface)
    stems: list[str] = []
    readings: dict[str, str] = {}  # form -> the stem it came from, in order of likelihood
    for suffix in lex.suffixes_for(lang):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: len(key) - len(suffix)]
            stems.append(stem)
            for form in lex.stem_forms(stem, suffix, lang):
                if form in index.keys:
                    readings.setdefault(form, stem)
    if readings:
        forms = list(readings)
        form = index.prefer(forms, lang) if len(forms) > 1 and index.prefer else forms[0]
        if form == readings[form]:
            end = token.start + (_stem_chars(surface, form) if lang in lex.stem_span else len(surface))
            return Spot(token.start, end, form, i, i, "stem")
        return Spot(token.start, token.start + len(surface), form, i, i, "stem")
    for stem in stems:
        if len(stem) >= 4:
            for full in index.completions(stem, 2):
                if full != key:
                    return Spot(token.start, token.start + len(surface), full, i, i, "stem")
    return None


def _stem_chars(surface: str, stem: str) -> int:
    """Characters of ``surface`` that spell ``stem`` (keys may be longer or shorter: Hangul)."""
    for k in range(len(surface), 0, -1):
        if token_key(surface[:k]) == stem:
            return k
    return len(surface)


def _is_kana(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff"


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff" or char == "\u3005"


def _inside_kanji_word(surface: str, start: int, end: int, edge: int) -> bool:
    """In Japanese, kana mark where a word written in kanji begins or ends (*輪島市で*, *能登地方を*):
    a kanji-only name with kanji right before it (that end no name found before) and right after
    it is a piece of some longer word, not a name (*登地*, a Chinese name of Dundee, inside
    *能登地方*). Chinese, without kana, gives no such sign and is not judged so."""
    if not all(_is_han(c) for c in surface[start:end]):
        return False
    opened = start == 0 or start == edge or not _is_han(surface[start - 1])
    closed = end == len(surface) or not _is_han(surface[end])
    return not (opened or closed)


def _spot_unspaced(token: Token, i: int, index: NameIndex, suffixes: tuple[str, ...] = ()) -> list[Spot]:
    """Greedy longest names inside a run of CJK/Thai... characters (two characters at least);
    a run missing its administrative suffix (四川 for 四川省) counts as the name."""
    surface = token.surface
    plain = token_key(surface) == surface  # Han and kana: keys are the characters themselves
    widest = MAX_UNSPACED if plain else 2 * MAX_UNSPACED  # Thai vowels and tones are extra characters
    kana = any(_is_kana(c) for c in surface)
    found, k, edge = [], 0, 0
    while k < len(surface) - 1:
        if not plain and unicodedata.category(surface[k])[0] == "M":
            k += 1  # a name starts on a letter, not on a vowel sign
            continue
        for length in range(min(widest, len(surface) - k), 1, -1):
            piece = surface[k:k + length]
            if not plain:
                if k + length < len(surface) and unicodedata.category(surface[k + length])[0] == "M":
                    continue  # would cut a letter from its marks
                piece = name_key(piece)
            key = piece if piece in index.keys else next(
                (piece + s for s in suffixes if piece + s in index.keys), None)
            if key and kana and _inside_kanji_word(surface, k, k + length, edge):
                k += 1  # (a shorter piece here has the same Han letters on both sides)
                break
            if key:
                found.append(Spot(token.start + k, token.start + k + length, key, i, i, "unspaced"))
                k = edge = k + length
                break
        else:
            k += 1
    return found
