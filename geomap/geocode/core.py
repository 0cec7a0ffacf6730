"""Name -> ranked places, with a confidence that means something.

Ranking: exact key matches first, ordered by prominence tier (continent >
country > admin1 > other regions > capital > other places) and then by
population, with one exception, the *seat rule*: a city ranks right above a
region of the same name in its country when it is that region's seat (its main
city bearing its name, marked ``P.PPLA``/``P.PPLA2`` at build time), a capital,
or a city of at least ``BIG_CITY`` people: *Lisboa*, *Kharkiv*, *Kherson*,
*Nueva York*, *Quebec*, *Washington* are the cities, their district, oblast,
province or state the second candidate. And the *namesake rule*: a region, and the seat it
lifts, rank below a city of ``BIG_CITY`` people of another country bearing its name and
outnumbering it (*Manchester*, *Portland*, *Santiago* are the cities of England, Oregon and
Chile, not a Caribbean parish or a Dominican province). Fuzzy matching runs only when nothing
matches exactly.

Confidence is the probability this candidate is the place meant, given the
name alone: each candidate gets a prior weight (a tier floor plus its
population), and ``confidence = weight / sum(weights of all candidates)``.
A name with a single place gets 1.0; *Paris* splits between France and
Texas by population. A fuzzy match multiplies that share by
``0.5 * similarity`` (so it never exceeds 0.5): a misspelling is evidence,
not certainty.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import operator
import re
import threading

from ..errors import InputError
from ..gazetteer import Gazetteer, Place, haversine_km, kinds, name_key, place_from_row, shared_gazetteer
from .zipf import rules as zipf_rules
from .zipf import word_zipf

MAX_NAME_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Feature codes of cities that are the seat of a division (capital, first- or second-order seat).
SEAT_CODES = frozenset({"P.PPLC", "P.PPLA", "P.PPLA2"})
#: A seat of an admin2/region lies within this distance of its (derived) point.
SEAT_KM = 100.0
#: A city this big is what its name means even beside a same-named region of its country.
BIG_CITY = 300_000
#: How far a seat's weight is lifted above the region it outranks.
SEAT_LIFT = 2.0
SEAT_REGION_KINDS = (kinds.ADMIN1, kinds.ADMIN2, kinds.REGION)

#: Rows of the geocoder's own ranking cache per gazetteer (see Gazetteer.memoized).
RANKED_CACHE = 100_000


#: Weight floor by kind, read straight from :data:`geomap.gazetteer.kinds.TABLE` (an unknown or
#: missing kind counts as ``other``, as :func:`kinds.info` says): :func:`prior_weight` runs for every
#: candidate of every lookup, so it spends one dict probe, not three calls.
_FLOORS = {kind: info.floor for kind, info in kinds.TABLE.items()}
_OTHER_FLOOR = kinds.info(None).floor


def prior_weight(place: Place) -> float:
    """Prominence of a place before any context: tier floor + population (what ``_tier`` says)."""
    if place.feature_code == kinds.CAPITAL_FEATURE:
        return kinds.CAPITAL_TIER[1] + float(place.population or 0)
    return _FLOORS.get(place.kind, _OTHER_FLOOR) + float(place.population or 0)


def _seat_of(city: Place, region: Place) -> bool:
    """Whether ``city`` outranks ``region`` (both named by the same key): it lies in the
    region's country and is a capital, a city of ``BIG_CITY`` people (*Washington* D.C. beside
    Washington state) or the seat of that very region (``P.PPLA`` inside an admin1 region,
    ``P.PPLA2`` near a second-level one)."""
    if city.country_code != region.country_code:
        return False
    if city.feature_code == "P.PPLC" or city.population >= BIG_CITY:
        return True
    if city.feature_code not in SEAT_CODES:
        return False
    if region.kind == "admin1":  # a second-level seat (P.PPLA2) is not the seat of the region
        return city.feature_code == "P.PPLA" and city.admin1_code == region.admin1_code
    return (region.admin1_code in (None, city.admin1_code)
            and haversine_km(city.lat, city.lon, region.lat, region.lon) <= SEAT_KM)


def standings(places) -> dict[str, float]:
    """``id -> weight`` of each candidate for one name (the tier floors of :mod:`geomap.gazetteer.kinds` keep
    the tiers apart), with two rules applied. The *seat rule*: a city that outranks a same-named
    region (:func:`_seat_of`) weighs ``SEAT_LIFT`` times that region plus its own weight (a capital or
    big city counts the region at least as an admin1 region), yet stays below any other region,
    country or continent that outweighed its own (*Victoria*, Gozo's seat, stays below the Australian
    state). The *namesake rule* (:func:`_yielding`): a region, and the seat it lifts, stay below a
    city of another country that bears the name and outnumbers the region. The one place the rules
    live, for geocode and geoparse alike."""
    base = {p.id: prior_weight(p) for p in places}
    regions: dict[str | None, list] = {}  # by country: a seat lies in its region's country
    for p in places:
        if p.kind in SEAT_REGION_KINDS:
            regions.setdefault(p.country_code, []).append(p)
    rivals = _yielding(places, regions) if regions else {}
    for region_id, cities in rivals.items():
        base[region_id] = min(base[region_id], max(base[c.id] for c in cities) * 0.99)
    out = dict(base)
    for city in places if regions else ():
        if city.kind != kinds.CITY:
            continue
        for region in regions.get(city.country_code, ()):
            if not _seat_of(city, region):
                continue
            floor = base[region.id]
            above = [base[p.id] for p in places if p.id != region.id
                     and (p.kind in SEAT_REGION_KINDS or p.kind in kinds.COUNTRY_OR_WIDER) and base[p.id] > floor]
            # the seat stays below a bigger foreign city its region yields to (not below a smaller one)
            above += [base[c.id] for c in rivals.get(region.id, ()) if c.population > city.population]
            if city.feature_code == "P.PPLC" or city.population >= BIG_CITY:
                floor = max(floor, kinds.info(kinds.ADMIN1).floor)  # London beside the lesser region London
            lifted = min([floor * SEAT_LIFT + base[city.id], *(w * 0.99 for w in above)])
            out[city.id] = max(out[city.id], lifted)
    return out


def _yielding(places, regions: dict) -> dict[str, list]:
    """``region id -> the cities it yields to``, by the *namesake rule*: cities of ``BIG_CITY``
    people of another country that bear the region's name and have more people than it
    (*Manchester* is England's city, not the Jamaican parish of 62,000; *Portland* Oregon's,
    *Charlotte* North Carolina's, *Gaza* the Palestinian city; *Santiago* Chile's capital, not the
    Dominican province nor its seat). Only regions and their seats move: a city keeps its own
    weight, so its standing against the other cities of its name is what it was."""
    big = [p for p in places if p.kind == kinds.CITY and p.population >= BIG_CITY]
    out = {}
    for country_regions in regions.values() if big else ():
        for region in country_regions:
            over = [c for c in big if c.country_code != region.country_code and c.population > region.population]
            if over:
                out[region.id] = over
    return out


def ranked(places) -> list[Place]:
    """Candidates for one name, best first (by weight, seat rule applied)."""
    stand = standings(places)
    return sorted(places, key=lambda p: (-stand[p.id], p.id))


def check_name(name: str) -> str:
    """Reject names no gazetteer could answer, with a message naming the problem."""
    if not isinstance(name, str):
        raise InputError(f"place name must be text, not {type(name).__name__}")
    if not name.strip():
        raise InputError("empty place name")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(f"place name too long ({len(name)} characters; at most {MAX_NAME_CHARS})")
    if _CONTROL.search(name):
        raise InputError(f"place name contains control characters: {name[:40]!r}")
    return name.strip()


def _filter(places, countries: frozenset[str] | None) -> list[Place]:
    return [p for p in places if not countries or p.country_code in countries]


def max_edits(length: int) -> int:
    """Edits a misspelling may have: none under 5 letters, one up to 8, two beyond."""
    return 0 if length < 5 else 1 if length <= 8 else 2


def fuzzy_candidates(gazetteer: Gazetteer, key: str) -> list[tuple[str, float]]:
    """``(key, similarity)`` of gazetteer keys that are ``key`` misspelt:
    within :func:`max_edits` edits and starting with the same letter."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    allowed = max_edits(len(key))
    if not allowed:
        return []
    # Prefix/suffix blocks of 4 letters stay disjoint from 8 letters up, so one
    # edit leaves one block intact; shorter keys need blocks of 3.
    block = 4 if len(key) >= 8 else 3
    keys = gazetteer.similar_keys(key, block=block, slack=allowed, same_first=True)
    found = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None)
    return [(other, 1.0 - dist / max(len(key), len(other))) for other, dist, _ in found]


def misspelling_of(written: str, other: str, place: Place) -> bool:
    """Whether the key ``written`` may be a misspelling of ``place`` (named ``other``).

    A misspelling is rarer than what it misspells: a written name in use (Zipf >=
    ``name_in_use_zipf``) and at least as common as ``other`` is a name of its own (*Darfur*
    is not *Dufur*, Oregon; *Donbas* not *Donnas*), and so is a common one (``common_name_zipf``:
    *North Africa* is not *North America*). And a candidate whose name is a frequent
    word (*Commerce*) is a misspelt word, unless the place itself is prominent."""
    rules = zipf_rules()
    in_use = word_zipf(written)
    if in_use >= rules["common_name_zipf"] or in_use >= rules["name_in_use_zipf"] and in_use >= word_zipf(other):
        return False
    prominent = (place.kind in kinds.COUNTRY_OR_WIDER or place.kind == kinds.ADMIN1
                 or place.population >= rules["prominent_population"])
    return prominent or word_zipf(other) < rules["frequent_word_zipf"]


def _key(name: str) -> str:
    key = name_key(check_name(name))
    if not key:
        raise InputError(f"place name has no letters or digits: {name!r}")
    return key


def rank(gazetteer: Gazetteer, name: str, *, countries: frozenset[str] | None = None,
         fuzzy: bool = True) -> list[Place]:
    """All candidates for ``name``, best first, with confidence."""
    return list(gazetteer.memoized(_ranked, maxsize=RANKED_CACHE)(_key(name), countries, fuzzy))


def rank_many(gazetteer: Gazetteer, names, *, countries: frozenset[str] | None = None,
              fuzzy: bool = True) -> list[list[Place]]:
    """``[rank(gazetteer, name) for name in names]``, the same answers in the same order, with
    the exact candidates of each :data:`BATCH` names read by one SQL statement (why: the
    statement's own cost is a third of a lookup of a name never asked before). Every key of a
    batch is read, so a batch of names already asked costs more than :func:`rank` would."""
    keys = [_key(name) for name in names]
    ranked_key = gazetteer.memoized(_ranked, maxsize=RANKED_CACHE)
    out: list[list[Place]] = []
    with _collector_paused():
        for start in range(0, len(keys), BATCH):
            out += _rank_batch(gazetteer, ranked_key, keys[start:start + BATCH], countries, fuzzy)
    return out


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off (if it was on) while :func:`rank_many` works: its
    answers are acyclic and kept (in the ranking cache), yet every few hundred of them made the
    collector walk them all again, a few hundredths of the time of a batch. Collection resumes after."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _rank_batch(gazetteer: Gazetteer, ranked_key, chunk: list[str], countries, fuzzy: bool) -> list[list[Place]]:
    """:func:`rank_many` of the keys of one batch, their exact candidates read by one statement."""
    found = dict.fromkeys(chunk, ())  # a key the batch read without rows has none
    found.update(gazetteer.candidate_rows_many(chunk))
    _PREFETCHED.rows = (gazetteer, found)
    try:
        return [list(ranked_key(key, countries, fuzzy)) for key in chunk]
    finally:
        _PREFETCHED.rows = None


#: Names whose exact candidates :func:`rank_many` reads with one statement.
BATCH = 256


class _Prefetched(threading.local):
    """Rows :func:`rank_many` read for this thread's current batch: ``(gazetteer, {key: rows})``,
    every key of the batch present. Thread-local because a gazetteer (and its ranking cache) may
    serve several threads; ``None`` as a class default, as reading an unset thread-local
    attribute raises (and catching that cost a tenth of a lookup)."""

    rows: tuple[Gazetteer, dict] | None = None


_PREFETCHED = _Prefetched()


def _ranked(gazetteer: Gazetteer, key: str, countries: frozenset[str] | None,
            fuzzy: bool) -> tuple[Place, ...]:
    """Ranking is pure given the gazetteer, so repeated names cost one dict hit
    (in the gazetteer's own cache, dropped when it closes). The exact candidates come from
    the current :func:`rank_many` batch, else from one query."""
    batch = _PREFETCHED.rows
    if batch is not None and batch[0] is gazetteer and key in batch[1]:
        rows = batch[1][key]  # read only: ranking filters and sorts into new lists
    else:
        rows = gazetteer.candidate_rows(key)
    if len(rows) == 1 and not countries:  # most names: one place, all of the weight (w / w, or 0 / 1 for none)
        return (place_from_row(rows[0], confidence=1.0 if prior_weight(rows[0]) else 0.0, match="exact"),)
    if rows:
        exact = _rank_exact(rows, countries)
        if exact:
            return exact
    return tuple(_rank_fuzzy(gazetteer, key, countries)) if fuzzy else ()


_KIND = operator.attrgetter("kind")
_ID = operator.attrgetter("id")


def _rank_exact(rows, countries: frozenset[str] | None) -> tuple[Place, ...]:
    """Exact candidates ranked as rows; only the answers become Places (see
    gazetteer.model.CandidateRow). The seat rule needs a city beside a region of its name;
    without both, each weight is the prior weight (most names: one candidate, or only towns)."""
    if countries:
        rows = _filter(rows, countries)
        if not rows:
            return ()
    if len(rows) == 1:  # its share of the weight is all of it: w / w, or 0 / 1 for no weight
        return (place_from_row(rows[0], confidence=1.0 if prior_weight(rows[0]) else 0.0, match="exact"),)
    present = set(map(_KIND, rows))  # map(), not comprehensions: each of those is a Python call
    if kinds.CITY in present and not present.isdisjoint(SEAT_REGION_KINDS):
        stand = standings(rows)
        weights = list(map(stand.__getitem__, map(_ID, rows)))
    else:
        weights = list(map(prior_weight, rows))
    total = sum(weights) or 1.0
    # Best first, by weight, then id (ids differ, so no row is ever compared): what
    # sorted(key=lambda p: (-weight, p.id)) gives, without a Python call per row.
    order = sorted(zip(map(operator.neg, weights), map(_ID, rows), weights, rows))
    return tuple([place_from_row(p, confidence=round(w / total, 4), match="exact") for _, _, w, p in order])


def _rank_fuzzy(gazetteer: Gazetteer, key: str, countries: frozenset[str] | None) -> list[Place]:
    """Candidates of the keys ``key`` may misspell (:func:`fuzzy_candidates`), when none match it exactly."""
    scored: list[tuple[Place, float]] = []
    for other, similarity in fuzzy_candidates(gazetteer, key):
        places = _filter(gazetteer.candidates(other), countries)
        scored += [(p, similarity) for p in places if misspelling_of(key, other, p)]
    best: dict[str, tuple[Place, float]] = {}
    for p, similarity in scored:  # a place reached through several near keys counts once, at its best
        if p.id not in best or similarity > best[p.id][1]:
            best[p.id] = (p, similarity)
    stand = standings([p for p, _ in best.values()])
    total = sum(stand.values()) or 1.0
    out = [dataclasses.replace(p, match="fuzzy", confidence=round(0.5 * similarity * stand[p.id] / total, 4))
           for p, similarity in best.values()]
    return sorted(out, key=lambda p: (-p.confidence, -stand[p.id], p.id))


def default_gazetteer() -> Gazetteer:
    """The per-user default gazetteer, opened (and built if needed) on first use
    and then shared by the whole process (:func:`geomap.gazetteer.shared_gazetteer`)."""
    return shared_gazetteer()


def geocode(name: str, *, country: str | list[str] | None = None, limit: int = 1,
            gazetteer: Gazetteer | None = None) -> list[Place]:
    """Places for ``name``, best first (at most ``limit``; ``[]`` if none).

    Parameters
    ----------
    name : str
        A place name in any language or script.
    country : str or list of str, optional
        ISO 3166-1 alpha-2 code(s) to restrict the answer to.
    limit : int
        Candidates to return.
    gazetteer : Gazetteer, optional
        Defaults to the per-user default gazetteer.
    """
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    return rank(gazetteer or default_gazetteer(), name, countries=_countries(country))[:limit]


def geocode_many(names, *, country: str | list[str] | None = None, limit: int = 1,
                 gazetteer: Gazetteer | None = None) -> list[list[Place]]:
    """``[geocode(name, ...) for name in names]``, the same answers, with the names read from the
    gazetteer in batches (:func:`rank_many`): for a list of names not asked before."""
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    found = rank_many(gazetteer or default_gazetteer(), list(names), countries=_countries(country))
    return [places[:limit] for places in found]


def _countries(country: str | list[str] | None) -> frozenset[str] | None:
    codes = [country] if isinstance(country, str) else list(country or [])
    return frozenset(c.strip().upper() for c in codes if c.strip()) or None
