"""Resolution: pick one candidate per name with the whole document as context.

Score = prominence (log10 of :func:`geomap.geocode.prior_weight`, big cities
lifted to compete with a same-named region) + context: the candidate lies in
a country the document names, in an admin1 region it names, close to the
other places, inside the region written right after it (*Paris, Texas*),
or of the kind a cue word announced (*kota*, *province of*). One name, one
sense per document. Pure functions over :class:`Place` lists.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from functools import lru_cache

from ..gazetteer import Place, haversine_km, name_key
from ..gazetteer.kinds import ADMIN1, CITY, COUNTRY, COUNTRY_OR_WIDER, SUBDIVISIONS, cue_covers
from ..geocode import prior_weight

BIG_CITY = 300_000

W_COUNTRY = 2.4       # in a country the document names
W_ADMIN1 = 1.2        # in an admin1 region the document names
W_CONTAINED = 4.0     # "X, Region" where Region contains the candidate
W_NEAR = 0.8          # within NEAR_KM of another place of the document
W_CUE_KIND = 1.0
W_ALIAS_STATE = 1.0   # a country under another name must not drown a city of that very name (Palu, not Palau)
W_PRIMARY = 0.6       # the name written is the place's own name, not one of its aliases
NEAR_KM = 400.0
NEIGHBOUR_KM = 2000.0  # countries: Georgia the country in a text about Armenia and Russia
NEAR_DEG = NEAR_KM / 111.0   # no point further apart in latitude can be within NEAR_KM


@dataclass(frozen=True, slots=True)
class Choice:
    place: Place
    confidence: float
    reason: str


def prominence(place: Place, lifted: frozenset[str] = frozenset()) -> float:
    """log10 of the prior weight; a big city in a country in ``lifted`` (one where a region of
    the same name competes, *New York*) is lifted to rank with that region."""
    base = math.log10(prior_weight(place))
    if place.kind == CITY and place.population >= BIG_CITY and place.country_code in lifted:
        base = max(base, 8.0 + math.log10(place.population) / 10)
    return base


@dataclass(frozen=True)
class Context:
    """What the document as a whole says: countries and regions (with the names that
    vouch for them, so a name never vouches for itself) and anchor points."""

    countries: dict[str, frozenset[str]]                 # country code -> keys naming it
    admin1s: dict[tuple[str, str], frozenset[str]]       # (country, admin1 code) -> keys
    anchors: tuple[tuple[str, float, float], ...]        # (key, lat, lon) of confidently placed names
    states: tuple[tuple[str, float, float], ...] = ()    # (key, lat, lon) of countries named

    def in_country(self, code: str | None, key: str) -> bool:
        return bool(self.countries.get(code, frozenset()) - {key})

    def in_admin1(self, code: tuple[str, str], key: str) -> bool:
        return bool(self.admin1s.get(code, frozenset()) - {key})


def first_pass(candidates: dict[str, list[Place]]) -> Context:
    """Context from each name's most prominent reading."""
    countries: dict[str, set[str]] = {}
    admin1s: dict[tuple[str, str], set[str]] = {}
    anchors, states = [], []
    for key, places in candidates.items():
        if not places:
            continue
        best = max(places, key=prominence)
        total = sum(prior_weight(p) for p in places)
        share = prior_weight(best) / total
        if best.country_code and (best.kind == COUNTRY or share >= 0.5):
            countries.setdefault(best.country_code, set()).add(key)
            if best.kind in SUBDIVISIONS and best.admin1_code:
                admin1s.setdefault((best.country_code, best.admin1_code), set()).add(key)
        if best.kind not in COUNTRY_OR_WIDER and share >= 0.6:
            anchors.append((key, best.lat, best.lon))
        if best.kind == COUNTRY:
            states.append((key, best.lat, best.lon))
    return Context({c: frozenset(k) for c, k in countries.items()},
                   {a: frozenset(k) for a, k in admin1s.items()}, tuple(anchors), tuple(states))


def score(place: Place, key: str, ctx: Context, *, container: list[Place] = (), cue_kind: str | None = None,
          rivals: frozenset[str] = frozenset(), lifted: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """Prominence plus context; ``rivals`` are countries that are themselves candidates for
    this name (*Mexico*): their own cities and regions get no bonus for being in them."""
    s = prominence(place, lifted)
    why = []
    if key_of(place.name) == key:
        s += W_PRIMARY
    elif place.kind in COUNTRY_OR_WIDER:
        s -= W_ALIAS_STATE
    if ctx.in_country(place.country_code, key) and place.kind not in COUNTRY_OR_WIDER and place.country_code not in rivals:
        s += W_COUNTRY
        why.append(f"in {place.country_code}, named in the text")
    if (place.admin1_code and ctx.in_admin1((place.country_code, place.admin1_code), key)
            and place.kind not in SUBDIVISIONS and place.country_code not in rivals):
        s += W_ADMIN1
        why.append(f"in {place.admin1 or place.admin1_code}, named in the text")
    if any(_contains(c, place) for c in container):
        s += W_CONTAINED
        why.append("inside the region written after it")
    if cue_kind and of_kind(place, cue_kind):
        s += W_CUE_KIND
        why.append(f"{cue_kind} as the cue word says")
    if place.kind == COUNTRY and any(
            k != key and haversine_km(place.lat, place.lon, lat, lon) <= NEIGHBOUR_KM for k, lat, lon in ctx.states):
        s += W_NEAR
        why.append("neighbour of another country of the text")
    if place.kind not in COUNTRY_OR_WIDER and any(
            k != key and abs(place.lat - lat) < NEAR_DEG and haversine_km(place.lat, place.lon, lat, lon) <= NEAR_KM
            for k, lat, lon in ctx.anchors):
        s += W_NEAR
        why.append("near other places of the text")
    return s, why


def of_kind(place: Place, kind: str) -> bool:
    """Whether ``place`` is the kind of place a cue word announced."""
    return cue_covers(kind, place.kind)


@lru_cache(maxsize=100_000)
def key_of(name: str) -> str:
    return name_key(name)


def _contains(region: Place, place: Place) -> bool:
    if region.kind == COUNTRY:
        return place.country_code == region.country_code and place.kind != COUNTRY
    if region.kind in SUBDIVISIONS:
        return (place.country_code == region.country_code and place.admin1_code == region.admin1_code
                and place.kind not in (COUNTRY, ADMIN1))
    return False


def choose(places: list[Place], key: str, ctx: Context, *, container: list[Place] = (),
           cue_kind: str | None = None) -> Choice | None:
    """The best candidate and a confidence (its softmax share of the scores)."""
    if not places:
        return None
    if cue_kind:
        places = [p for p in places if of_kind(p, cue_kind)] or places
    rivals = frozenset(p.country_code for p in places if p.kind == COUNTRY and p.country_code)
    lifted = frozenset(p.country_code for p in places if p.kind in SUBDIVISIONS and p.country_code)
    scored = [(score(p, key, ctx, container=container, cue_kind=cue_kind, rivals=rivals, lifted=lifted), p)
              for p in places]
    scored.sort(key=lambda sp: (-sp[0][0], sp[1].id))
    (best_score, why), best = scored[0]
    total = sum(10 ** (s - best_score) for (s, _), _ in scored)
    reason = "; ".join([_describe(best), *why]) if why else _describe(best)
    return Choice(best, round(1.0 / total, 4), reason)


def _describe(place: Place) -> str:
    if place.kind in COUNTRY_OR_WIDER | SUBDIVISIONS:
        return f"{place.kind} {place.name}"
    if place.population:
        return f"most prominent {place.name} (population {place.population:,})"
    return f"only/most prominent {place.name}"
