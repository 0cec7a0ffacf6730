"""Name -> ranked places, with a confidence that means something.

Ranking: exact key matches first, ordered by prominence tier (continent >
country > admin1 > other regions > capital > other places) and then by
population. Fuzzy matching runs only when nothing matches exactly.

Confidence is the probability this candidate is the place meant, given the
name alone: each candidate gets a prior weight (a tier floor plus its
population), and ``confidence = weight / sum(weights of all candidates)``.
A name with a single place gets 1.0; *Paris* splits between France and
Texas by population. A fuzzy match multiplies that share by
``0.5 * similarity`` (so it never exceeds 0.5): a misspelling is evidence,
not certainty.
"""
from __future__ import annotations

import dataclasses
import re

from ..errors import InputError
from ..gazetteer import Gazetteer, Place, kinds, name_key, shared_gazetteer

MAX_NAME_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: Rows of the geocoder's own ranking cache per gazetteer (see Gazetteer.memoized).
RANKED_CACHE = 100_000


def _tier(place: Place) -> tuple[int, float]:
    """(tier, weight floor) of the place's kind (:mod:`geomap.gazetteer.kinds`); capitals
    rank between admin1 regions and other places."""
    if place.feature_code == kinds.CAPITAL_FEATURE:
        return kinds.CAPITAL_TIER
    info = kinds.info(place.kind)
    return info.tier, info.floor


def prior_weight(place: Place) -> float:
    """Prominence of a place before any context: tier floor + population."""
    return _tier(place)[1] + float(place.population or 0)


def rank_key(place: Place) -> tuple:
    return (_tier(place)[0], -prior_weight(place), place.id)


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


def _with_confidence(places: list[Place], factor: float, match: str) -> list[Place]:
    total = sum(prior_weight(p) for p in places) or 1.0
    return [dataclasses.replace(p, confidence=round(factor * prior_weight(p) / total, 4), match=match)
            for p in places]


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
    keys = [k for k in gazetteer.similar_keys(key, block=block, slack=allowed)
            if k[0] == key[0] and k != key]
    found = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None)
    return [(other, 1.0 - dist / max(len(key), len(other))) for other, dist, _ in found]


def rank(gazetteer: Gazetteer, name: str, *, countries: frozenset[str] | None = None,
         fuzzy: bool = True) -> list[Place]:
    """All candidates for ``name``, best first, with confidence."""
    key = name_key(check_name(name))
    if not key:
        raise InputError(f"place name has no letters or digits: {name!r}")
    return list(gazetteer.memoized(_ranked, maxsize=RANKED_CACHE)(key, countries, fuzzy))


def _ranked(gazetteer: Gazetteer, key: str, countries: frozenset[str] | None,
            fuzzy: bool) -> tuple[Place, ...]:
    """Ranking is pure given the gazetteer, so repeated names cost one dict hit
    (in the gazetteer's own cache, dropped when it closes)."""
    return tuple(_rank_key(gazetteer, key, countries, fuzzy))


def _rank_key(gazetteer: Gazetteer, key: str, countries: frozenset[str] | None,
              fuzzy: bool) -> list[Place]:
    exact = _filter(gazetteer.candidates(key), countries)
    if exact:
        return sorted(_with_confidence(exact, 1.0, "exact"), key=rank_key)
    if not fuzzy:
        return []
    scored: list[Place] = []
    for other, similarity in fuzzy_candidates(gazetteer, key):
        places = _filter(gazetteer.candidates(other), countries)
        scored += [dataclasses.replace(p, confidence=similarity) for p in places]
    if not scored:
        return []
    total = sum(prior_weight(p) for p in scored)
    out = [dataclasses.replace(p, match="fuzzy",
                               confidence=round(0.5 * p.confidence * prior_weight(p) / total, 4))
           for p in scored]
    return sorted(out, key=lambda p: (-p.confidence, rank_key(p)))


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
    codes = [country] if isinstance(country, str) else list(country or [])
    countries = frozenset(c.strip().upper() for c in codes if c.strip()) or None
    return rank(gazetteer or default_gazetteer(), name, countries=countries)[:limit]
