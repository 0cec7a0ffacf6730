"""Resolution: pick one candidate per name with the whole document as context.

Score = prominence (log10 of the weight :func:`geomap.geocode.standings` gives, so
the seat rule of geocoding holds here too: *Kharkiv* is the city) + context: the candidate lies in
a country the document names, in an admin1 region it names, close to the
other places, inside the region written right after it (*Paris, Texas*),
or of the kind a cue word announced (*kota*, *province of*). One name, one
sense per document. Pure functions over :class:`Place` lists.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from functools import lru_cache

from ..gazetteer import Place, haversine_km, name_key
from ..gazetteer.kinds import ADMIN1, ADMIN2, COUNTRY, COUNTRY_OR_WIDER, SUBDIVISIONS, cue_covers
from ..geocode import prior_weight
from ..geocode.core import standings
from .model import _plain_pickling
from .nearness import containment, near_anchor


W_COUNTRY = 2.4       # in a country the document names
W_ADMIN1 = 1.2        # in an admin1 region the document names
W_CONTAINED = 4.0     # "X, Region" where Region contains the candidate
W_NEAR = 0.8          # within nearness.NEAR_KM of another place of the document
W_CUE_KIND = 1.0
W_ALIAS_STATE = 1.0   # a country under another name must not drown a city of that very name (Palu, not Palau)
W_PRIMARY = 0.6       # the name written is the place's own name, not one of its aliases
W_FOCUS_COUNTRY = 1.2  # in the document's computed focus country (not itself named in the text)
W_FOCUS_ADMIN1 = 1.2   # in the document's computed focus admin1 region (not itself named in the text)
W_GIVEN_FOCUS = 2.0    # factor on both when the user gave the focus (an outlet's home region)
FOCUS_VOTES = 2        # names that must agree before a computed focus exists
W_CLOSE = 0.4         # also within nearness.CLOSE_KM (local news names places close to each other)
NEIGHBOUR_KM = 2000.0  # countries: Georgia the country in a text about Armenia and Russia
#: Subdivisions that lie in no admin1 region as a place does: admin1 regions themselves and the
#: regions listed beside them. A county does (*Montgomery County* in a text about Iowa is Iowa's).
NOT_IN_ADMIN1 = SUBDIVISIONS - {ADMIN2}


@dataclass(frozen=True, slots=True)
class Choice:
    place: Place
    confidence: float
    reason: str


def prominence(place: Place, weights: dict[str, float] | None = None) -> float:
    """log10 of the place's weight among the candidates for its name (``weights`` from
    :func:`geomap.geocode.core.standings`; the prior weight alone without them)."""
    if weights and place.id in weights:
        return math.log10(weights[place.id])
    return math.log10(prior_weight(place))


@dataclass(frozen=True)
class Context:
    """What the document as a whole says: countries and regions (with the names that
    vouch for them, so a name never vouches for itself) and anchor points."""

    countries: dict[str, frozenset[str]]                 # country code -> keys naming it
    admin1s: dict[tuple[str, str], frozenset[str]]       # (country, admin1 code) -> keys
    anchors: tuple[tuple[str, float, float], ...]        # (key, lat, lon) of confidently placed names
    states: tuple[tuple[str, float, float], ...] = ()    # (key, lat, lon) of countries named
    focus: "Focus | None" = None                         # where the document is about (see document_focus)
    state_points: dict[str, tuple[float, float]] | None = None  # country code -> point, countries named

    def in_country(self, code: str | None, key: str) -> bool:
        keys = self.countries.get(code)
        return bool(keys) and (len(keys) > 1 or key not in keys)  # named by some other key

    def in_admin1(self, code: tuple[str, str], key: str) -> bool:
        keys = self.admin1s.get(code)
        return bool(keys) and (len(keys) > 1 or key not in keys)


@dataclass(frozen=True, slots=True)
class Focus:
    """Where a document is about, as CLIFF computes it: the country and the admin1 region that
    most of its confidently read names (and cue words) lie in, or what the user said
    (``given``: ``--focus Louisiana``, a JSON Lines ``focus`` field)."""

    country_code: str
    admin1_code: str | None = None
    name: str = ""
    given: bool = False


_plain_pickling(Focus)  # one per result crossing from a worker process


def document_focus(candidates: dict[str, list[Place]]) -> Focus | None:
    """The country (and admin1) most of the document's names vouch for: each name votes with its
    most prominent reading when that reading holds at least half its weight; a country or admin1
    needs ``FOCUS_VOTES`` votes and more than any other (one *Alexandria* makes no focus)."""
    votes = []
    for places in candidates.values():
        if not places:
            continue
        best, weight, total = _leader(places)
        if weight >= 0.5 * total:
            votes.append(best)
    return focus_of_votes(votes)


#: A resolution at least this sure votes for the second-pass focus (:func:`resolved_focus`).
FOCUS_CONFIDENCE = 0.9


def resolved_focus(choices: dict[str, "Choice | None"]) -> Focus | None:
    """The focus the first resolution reveals: each name votes with the place it was resolved to,
    when sure (*Creston* and *Castlegar*, resolved in British Columbia by the context, make
    British Columbia the focus that then decides *Nelson*, though no prominent reading of a
    name alone said so)."""
    return focus_of_votes([c.place for c in choices.values() if c is not None and c.confidence >= FOCUS_CONFIDENCE])


def focus_of_votes(votes: list[Place]) -> Focus | None:
    """Each place of ``votes`` (one per name) votes for its country, and for its admin1 region
    unless it is a country or wider; a country or admin1 needs ``FOCUS_VOTES`` votes and more
    than any other."""
    countries: dict[str, int] = {}
    admin1s: dict[tuple[str, str], tuple[int, str]] = {}
    for best in votes:
        if not best.country_code:
            continue
        countries[best.country_code] = countries.get(best.country_code, 0) + 1
        if best.admin1_code and best.kind not in COUNTRY_OR_WIDER:
            code = (best.country_code, best.admin1_code)
            count, _ = admin1s.get(code, (0, ""))
            admin1s[code] = (count + 1, best.admin1 or (best.name if best.kind == ADMIN1 else ""))
    if not countries:
        return None
    ranked = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked[0][1] < FOCUS_VOTES or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    country = ranked[0][0]
    inside = sorted(((v, n, code) for code, (v, n) in admin1s.items() if code[0] == country), reverse=True)
    if inside and inside[0][0] >= FOCUS_VOTES and (len(inside) == 1 or inside[0][0] > inside[1][0]):
        return Focus(country, inside[0][2][1], inside[0][1])
    return Focus(country)


def focus_of_place(place: Place, name: str) -> Focus:
    """A user's focus (*Louisiana*, *Kenya*, *Lyon*) as the country and admin1 of its place."""
    if place.kind in COUNTRY_OR_WIDER or not place.admin1_code:
        return Focus(place.country_code or "", None, name, True)
    return Focus(place.country_code or "", place.admin1_code, name, True)


def with_focus(ctx: Context, focus: Focus | None) -> Context:
    return replace(ctx, focus=focus)


def first_pass(candidates: dict[str, list[Place]]) -> Context:
    """Context from each name's most prominent reading."""
    countries: dict[str, set[str]] = {}
    admin1s: dict[tuple[str, str], set[str]] = {}
    anchors, states = [], []
    points: dict[str, tuple[float, float]] = {}
    for key, places in candidates.items():
        if not places:
            continue
        best, weight, total = _leader(places)
        share = weight / total
        if best.country_code and (best.kind == COUNTRY or share >= 0.5):
            countries.setdefault(best.country_code, set()).add(key)
            if best.kind in SUBDIVISIONS and best.admin1_code:
                admin1s.setdefault((best.country_code, best.admin1_code), set()).add(key)
        if best.kind not in COUNTRY_OR_WIDER and share >= 0.6:
            anchors.append((key, best.lat, best.lon))
        if best.kind == COUNTRY:
            states.append((key, best.lat, best.lon))
            points[best.country_code] = (best.lat, best.lon)
    return Context({c: frozenset(k) for c, k in countries.items()},
                   {a: frozenset(k) for a, k in admin1s.items()}, tuple(anchors), tuple(states),
                   state_points=points)


#: Candidate tuples whose standings (and other per-name facts) are remembered.
STANDINGS_CACHED = 50_000


def _per_tuple(table: dict, places, extra, compute):
    """``compute()`` for a name's candidate tuple, remembered in ``table`` by the tuple's identity
    (and ``extra``): geoparse hands the same tuple for a name in every mention and document (core's
    per-name memo), so what only the name decides is worked out once per name. Lists are not
    remembered; the entry keeps the tuple, so a reused id never answers for another tuple."""
    if type(places) is not tuple:
        return compute()
    hit = table.get((id(places), extra))
    if hit is not None and hit[0] is places:
        return hit[1]
    if len(table) >= STANDINGS_CACHED:
        table.clear()
    value = compute()
    table[id(places), extra] = (places, value)
    return value


_STANDINGS: dict = {}


def _standings(places) -> dict[str, float]:
    """:func:`standings` of one name's candidates (read-only), remembered per candidate tuple
    (:func:`_per_tuple`), so the seat rule is worked out once per name."""
    return _per_tuple(_STANDINGS, places, None, lambda: standings(places))


def own_score(place: Place, key: str, weights: dict | None = None) -> float:
    """The part of a candidate's score the name alone decides (its prominence, and whether the
    name written is its own), the same in every document (see :func:`_own_scores`)."""
    s = prominence(place, weights)
    seat = bool(weights) and weights.get(place.id, 0.0) > prior_weight(place)
    if key_of(place.name) == key or seat:  # a seat bears its region's name as its own
        s += W_PRIMARY
    elif place.kind in COUNTRY_OR_WIDER:
        s -= W_ALIAS_STATE
    return s


_LEADERS: dict = {}


def _leader(places) -> tuple[Place, float, float]:
    """The heaviest of a name's candidates, its weight and the candidates' total weight
    (:func:`_standings`), remembered like them per candidate tuple."""
    def compute():
        weights = _standings(places)
        best = max(places, key=lambda p: weights[p.id])
        return best, weights[best.id], sum(weights.values())

    return _per_tuple(_LEADERS, places, None, compute)


def score(place: Place, key: str, ctx: Context, *, container: list[Place] = (), cue_kind: str | None = None,
          rivals: frozenset[str] = frozenset(), states: frozenset[str] = frozenset(),
          weights: dict | None = None, own: float | None = None,
          why: list[str] | None = None) -> float:
    """Prominence plus context; ``rivals`` are countries that are themselves candidates for this
    name (*Mexico*, *Misr*): their own cities and regions get no bonus for being in them, unless the
    country has the name only as an alias and a part of it as its own name (*England* is England's,
    though the UK is also called so); ``states`` are all the countries among the candidates
    (*Korea*). ``own`` is
    :func:`own_score` when known; the reasons are appended to ``why`` when given (only the chosen
    candidate's are ever shown, so the others' are not written)."""
    s = own_score(place, key, weights) if own is None else own
    if ctx.in_country(place.country_code, key) and place.kind not in COUNTRY_OR_WIDER and place.country_code not in rivals:
        s += W_COUNTRY
        if why is not None:
            why.append(f"in {place.country_code}, named in the text")
    if (place.admin1_code and ctx.in_admin1((place.country_code, place.admin1_code), key)
            and place.kind not in NOT_IN_ADMIN1 and place.country_code not in rivals):
        s += W_ADMIN1
        if why is not None:
            why.append(f"in {place.admin1 or place.admin1_code}, named in the text")
    if ctx.focus and place.kind not in COUNTRY_OR_WIDER and place.country_code == ctx.focus.country_code:
        factor = W_GIVEN_FOCUS if ctx.focus.given else 1.0
        if not ctx.in_country(place.country_code, key) or ctx.focus.given:
            s += W_FOCUS_COUNTRY * factor
            if why is not None:
                why.append(f"in {place.country_code}, the document's focus")
        if (ctx.focus.admin1_code and place.admin1_code == ctx.focus.admin1_code and place.kind not in NOT_IN_ADMIN1
                and (ctx.focus.given or not ctx.in_admin1((place.country_code, place.admin1_code), key))):
            s += W_FOCUS_ADMIN1 * factor
            if why is not None:
                why.append(f"in {ctx.focus.name or ctx.focus.admin1_code}, the document's focus")
    inside = max((containment(c, place) for c in container), default=0.0) if container else 0.0
    if inside > 0.0:
        s += W_CONTAINED * inside
        if why is not None:
            why.append("inside the region written after it")
    if cue_kind and of_kind(place, cue_kind):
        s += W_CUE_KIND
        if why is not None:
            why.append(f"{cue_kind} as the cue word says")
    if place.kind == COUNTRY and len(states) > 1 and ctx.focus and place.country_code == ctx.focus.country_code:
        # a name two countries bear (*Korea*): the focus country never below its neighbour (below)
        s += W_FOCUS_COUNTRY * (W_GIVEN_FOCUS if ctx.focus.given else 1.0)
        if why is not None:
            why.append("the document's focus")
    if place.kind == COUNTRY and ctx.states and any(
            k != key and haversine_km(place.lat, place.lon, lat, lon) <= NEIGHBOUR_KM for k, lat, lon in ctx.states):
        s += W_NEAR
        if why is not None:
            why.append("neighbour of another country of the text")
        if _next_to_focus(place, ctx) and ctx.focus.country_code not in states:  # not when the focus bears the name
            s += W_FOCUS_COUNTRY * (W_GIVEN_FOCUS if ctx.focus.given else 1.0)
            if why is not None:
                why.append(f"neighbour of {ctx.focus.country_code}, the document's focus")
    near = near_anchor(place, key, ctx.anchors) if place.kind not in COUNTRY_OR_WIDER and ctx.anchors else 0
    if near:
        s += W_NEAR + (W_CLOSE if near > 1 else 0.0)
        if why is not None:
            why.append("close to other places of the text" if near > 1 else "near other places of the text")
    return s


def _next_to_focus(country: Place, ctx: Context) -> bool:
    """Whether ``country`` neighbours the document's focus country (named in the text): *Georgia*
    in a text about Azerbaijan is the country next door, though the text also names the US."""
    focus = ctx.focus
    point = ctx.state_points.get(focus.country_code) if focus and ctx.state_points else None
    return (point is not None and focus.country_code != country.country_code
            and haversine_km(country.lat, country.lon, *point) <= NEIGHBOUR_KM)


def of_kind(place: Place, kind: str) -> bool:
    """Whether ``place`` is the kind of place a cue word announced."""
    return cue_covers(kind, place.kind)


@lru_cache(maxsize=100_000)
def key_of(name: str) -> str:
    return name_key(name)


def choose(places: list[Place], key: str, ctx: Context, *, container: list[Place] = (),
           cue_kind: str | None = None) -> Choice | None:
    """The best candidate and a confidence (its softmax share of the scores)."""
    if not places:
        return None
    if cue_kind:
        places = [p for p in places if of_kind(p, cue_kind)] or places
    weights, (rivals, states), own = _name_facts(places, key)
    if len(places) == 1:  # the only candidate: its share is 1 whatever its score (scored once, below)
        best, best_own, total = places[0], own[0], 1.0
    else:
        scored = [(score(p, key, ctx, container=container, cue_kind=cue_kind, rivals=rivals, states=states,
                      weights=weights, own=o),
                   p, o) for p, o in zip(places, own)]
        scored.sort(key=lambda sp: (-sp[0], sp[1].id))
        best_score, best, best_own = scored[0]
        total = sum(10 ** (s - best_score) for s, _, _ in scored)
    why: list[str] = []
    score(best, key, ctx, container=container, cue_kind=cue_kind, rivals=rivals, states=states, weights=weights,
          own=best_own, why=why)
    reason = "; ".join([_describe(best), *why]) if why else _describe(best)
    return Choice(best, round(1.0 / total, 4), reason)


_FACTS: dict = {}


def _name_facts(places, key: str) -> tuple[dict, tuple[frozenset, frozenset], tuple]:
    """What choosing among ``places`` for ``key`` needs that no document changes: the standings,
    the rival countries (see :func:`score`) and all countries among them, each
    candidate's :func:`own_score`. Remembered, like :func:`_standings`, per candidate tuple (and key)."""
    def compute():
        weights = _standings(places)
        states = [p for p in places if p.kind == COUNTRY and p.country_code]
        # a country is a rival under its own name, or under an alias no other candidate bears as its
        # own (*Misr*: Egypt, not Cairo; *England*, the UK's alias, is England's own name)
        part_named = any(p.kind != COUNTRY and key_of(p.name) == key for p in places)
        rivals = frozenset(p.country_code for p in states if key_of(p.name) == key or not part_named)
        return (weights, (rivals, frozenset(p.country_code for p in states)),
                tuple(own_score(p, key, weights) for p in places))

    return _per_tuple(_FACTS, places, key, compute)


#: Kinds described by kind and name alone (the union made once, not per resolved name).
_NAMED_BY_KIND = COUNTRY_OR_WIDER | SUBDIVISIONS


def _describe(place: Place) -> str:
    if place.kind in _NAMED_BY_KIND:
        return f"{place.kind} {place.name}"
    if place.population:
        return f"most prominent {place.name} (population {place.population:,})"
    return f"only/most prominent {place.name}"
