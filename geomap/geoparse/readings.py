"""What the gazetteer says a spotted name can be (a :class:`Reading`), worked out once per
name, spelling and language and kept per gazetteer: its plausible places (junk aliases,
codes and words of the text's own language removed) and what the filters ask of them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.normalize import latin_marked
from ..gazetteer.store import NATIVE_MARKED
from ..gazetteer.kinds import ADMIN1, ADMIN2, AIRPORT, CITY, COUNTRY, COUNTRY_OR_WIDER, OTHER, REGION
from ..geocode import prior_weight
from . import filters as F
from .lexicon import Lexicon, split_key
from .resolve import key_of


def places_for(gazetteer, key: str) -> list:
    """Candidates of a spot key; ``name|CC`` keeps that country's regions only."""
    base, country = split_key(key)
    places = gazetteer.candidates(base)
    if country == "*":
        places = _demonym_places(places, base)
    elif country:
        places = [p for p in places if p.country_code == country and p.kind in (COUNTRY, ADMIN1)]
    return list(places)


def _demonym_places(places: list, base: str) -> list:
    """A demonym stands for the country or wider place of that name, else a region of it; a
    place bearing the name as its own comes before one that has it as an alias in some language
    (*English* is England, not the United Kingdom that CLDR's Walser German calls *England*)."""
    for pool in ([p for p in places if key_of(p.name) == base], places):
        chosen = ([p for p in pool if p.kind in COUNTRY_OR_WIDER]
                  or [p for p in pool if p.kind in (ADMIN1, REGION)])
        if chosen:
            return chosen
    return []


#: Above this Zipf frequency a word is a known word of the language, not an unknown name.
KNOWN_WORD_ZIPF = 3.0
#: A place this small is not taken under one of its aliases when that alias is a known word.
SMALL_ALIAS_POPULATION = 100_000
#: Outside English, a word this frequent (Zipf) is a common word of the language: it names no place
#: whose alternate name of no stated language it happens to be (see _own_language).
COMMON_ALIAS_ZIPF = 4.5
#: A first-level region smaller than this (or of unknown population) is not taken as a state, whose
#: name the person filters leave alone: *Paul* (Cape Verde), *Michael* (Isle of Man) are first names.
STATE_POPULATION = 20_000
#: A place this big vouches for its country in the text (a foreign village near it may be meant).
BIG_CITY = 1_000_000


def plausible(places: list, key: str, surface: str, known_word: bool, marks_matter: bool = False,
              *, word_airports: bool = False) -> list:
    """Candidates without junk aliases: a small town's old or alternate name that is an
    ordinary word (*Commerce* for Burley, Idaho), or a code (*INC*) the text does not shout.
    Where diacritics tell words apart (``marks_matter``: Vietnamese *Lũ* is not Lu), a known
    word must match a place's name with its marks. An airport's bare name that is a word
    (*Cable*, *Memorial*, but also *Heathrow*) makes no name a place; with ``word_airports``
    (resolution) the airport is a candidate beside the other places of a name recognised on their
    account, and the context decides (*London's Heathrow* is the airport, not Heathrow, Florida)."""
    keep, held = [], []
    marked = known_word and latin_marked(surface)
    for p in places:
        if (marked and p.kind not in COUNTRY_OR_WIDER
                and (marks_matter or p.population < SMALL_ALIAS_POPULATION) and not _same_letters(surface, p)):
            continue  # diacritics are part of the word (Vietnamese *Bảy* is not Bay)
        code = p.matched_name and p.matched_name.isupper() and len(p.matched_name) <= 4
        if code and p.kind == AIRPORT:
            continue  # an IATA/ICAO code alone is a place only to `geocode`, never in running text
        if code and not surface.isupper() and key_of(p.name) != key and p.kind not in COUNTRY_OR_WIDER:
            continue
        if key_of(p.name) != key and p.kind in (CITY, REGION, OTHER):
            if known_word and p.population < SMALL_ALIAS_POPULATION:
                continue
        if key_of(p.name) != key and p.kind in (ADMIN2, AIRPORT) and known_word:
            if p.kind == AIRPORT:
                held.append(p)
            continue  # *Allen* (County), *Story* (County): a division's bare name that is a word
        keep.append(p)
    return keep + held if word_airports and keep else keep


def _is_state(places: list) -> bool:
    """A country or continent, or a first-level region of STATE_POPULATION people that no big
    city shares its name with (*Tatarstan*, *Texas*; not *Vladimir*, also a city of 350,000,
    nor *Paul* or *Michael*, parishes of a few thousand people or none on record)."""
    if any(p.kind in COUNTRY_OR_WIDER for p in places):
        return True
    return (any(p.kind == ADMIN1 and p.population >= STATE_POPULATION for p in places)
            and not any(p.kind == CITY and p.population >= SMALL_ALIAS_POPULATION for p in places))


def _same_letters(surface: str, place) -> bool:
    written = surface.casefold()
    return written in (place.name.casefold(), (place.matched_name or "").casefold())


@dataclass(frozen=True, slots=True)
class Reading:
    """What the gazetteer says a spotted name can be, worked out once per name, spelling and
    language (names repeat within and across documents): its plausible places and what the
    filters ask of them."""

    places: tuple
    kinds: frozenset[str]
    state: bool          # a country, continent or first-level region (see _is_state)
    prominence: float    # log10 of the heaviest filter weight
    biggest: int         # largest population
    domestic: bool       # see _domestic
    #: Countries the reading vouches for in the text, where a small foreign namesake elsewhere in it
    #: may be meant (see core._filtered): a state's own, a big city's.
    vouches: frozenset[str] = frozenset()


#: Readings kept per gazetteer (see Gazetteer.memoized).
READINGS_CACHED = 100_000


def read_places(gazetteer, key: str, surface: str, known_word: bool, lang: str | None, lex: Lexicon) -> Reading | None:
    places = plausible(places_for(gazetteer, key), split_key(key)[0], surface, known_word, lang in lex.mark_sensitive)
    if places and known_word:
        places = _own_language(gazetteer, key, surface, places, lex, lang)
    if not places:
        return None
    state = _is_state(places)
    return Reading(places=tuple(places), kinds=frozenset(p.kind for p in places), state=state,
                   prominence=F.prominence([F.filter_weight(p.kind, prior_weight(p)) for p in places]),
                   biggest=max(p.population for p in places), domestic=_domestic(places, lang),
                   vouches=frozenset(p.country_code for p in places
                                     if state and p.kind in (*COUNTRY_OR_WIDER, ADMIN1) or p.population >= BIG_CITY))


def _own_language(gazetteer, key: str, surface: str, places: list, lex: Lexicon, lang: str | None) -> list:
    """A word of the text's language is not a place whose name it is only in some other
    language (Indonesian *kata*, word, is Qatar's name in Akan and Māori), nor a country whose
    native name it is only once that name loses its marks (English *Island* is not *Ísland*); a
    common word (Zipf at least COMMON_ALIAS_ZIPF) outside English is not one whose name it is only
    as an alternate name of no stated language either (*rapat*, meeting, for Rabat; *tanpa*,
    without, for Tampa), unless the place is a country or where the language is spoken (_foreign)."""
    if not hasattr(gazetteer, "name_languages") or "|" in key:
        return places
    langs = {"", *lex.langs(lang)}
    marked = langs | {NATIVE_MARKED}
    unmarked_country = not latin_marked(surface)
    named = gazetteer.name_languages(key)
    common = lang not in (None, "en") and F.zipf(surface.casefold(), lang) >= COMMON_ALIAS_ZIPF
    return [p for p in places if p.id not in named
            or named[p.id] & (langs if unmarked_country and p.kind in COUNTRY_OR_WIDER else marked)
            and not (common and named[p.id] <= {""} and key_of(p.name) != key and _foreign(p, lang))
            or p.kind == COUNTRY and key in _country_names(p.country_code, tuple(sorted(langs - {""})))]


def _foreign(place, lang: str | None) -> bool:
    """A town or region where the text's language is not spoken (its own places are often
    filed under the language's name with no language stated: German *Bayern*, Persian *شیراز*)."""
    return place.kind not in COUNTRY_OR_WIDER and lang not in F.official_languages(place.country_code)


@lru_cache(maxsize=4096)
def _country_names(country: str | None, langs: tuple[str, ...]) -> frozenset[str]:
    """Keys of the country's CLDR names in ``langs`` (the gazetteer may file *Jepang* under
    another language that spells it the same way)."""
    from babel import Locale, UnknownLocaleError

    names = set()
    for lang in langs:
        try:
            names.add(key_of(Locale.parse(lang).territories.get(country or "", "")))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return frozenset(names - {""})


def _domestic(places: list, lang: str | None) -> bool:
    """The most prominent reading is a city, country or first-level region where the text's
    language is spoken: its name's frequency in the language comes from the place itself
    (*jakarta*, *bali* in Indonesian). A region named with the language's glued article is
    named by a description (Arabic *العاصمة*, the capital; *الداخلية*, the interior): not so."""
    from .evidence import evidence

    best = max(places, key=lambda p: F.filter_weight(p.kind, prior_weight(p)))
    if best.kind == ADMIN1:
        name = key_of(best.matched_name or best.name)
        if any(name.startswith(article) for article in evidence().glued_for(lang)):
            return False
    return best.kind in (CITY, COUNTRY, ADMIN1) and lang in F.official_languages(best.country_code)


def domestic_seat(places: list, lang: str | None) -> bool:
    """A division or a city of 100,000 where the text's language is spoken: right after a
    title it is the office's seat (*Gubernur Jawa Timur Soekarwo*, *Wali Kota Bandung Ridwan
    Kamil*), not a first name, and the name after it is the officer's."""
    return any((p.kind in (ADMIN1, ADMIN2, REGION) or p.population >= SMALL_ALIAS_POPULATION)
               and lang in F.official_languages(p.country_code) for p in places)
