"""Countries and regions the text names, as its names were resolved.

The first pass reads each name as its most prominent place: *Ballina* vouches for Australia
(the New South Wales town is the larger) even in a story about Tipperary, where it was resolved
to Mayo's Ballina. Once every name is resolved, a name vouches for the country and region of
the place it was resolved to; a second resolution with that context then decides the names the
first pass got wrong for want of it (*Newport* beside Ballina and Cloughjordan is Ireland's).
"""
from __future__ import annotations

from dataclasses import replace

from ..gazetteer.kinds import COUNTRY, COUNTRY_OR_WIDER, SUBDIVISIONS
from .resolve import Context

#: A resolution at least this sure vouches for its country (the first pass's reading share).
VOUCH_CONFIDENCE = 0.5
#: A resolution at least this sure is an anchor other places are near (the first pass's share).
ANCHOR_CONFIDENCE = 0.6


def resolved_context(ctx: Context, choices: dict) -> Context | None:
    """``ctx`` with its countries, admin1 regions and anchors vouched for by the resolved places of
    ``choices`` (``{(key, cue kind): Choice}``) instead of the names' most prominent readings; None
    when the resolution vouches for just what the first pass did (nothing to decide again)."""
    countries: dict[str, set[str]] = {}
    admin1s: dict[tuple[str, str], set[str]] = {}
    anchors = []
    for (key, _kind), choice in choices.items():
        if choice is None:
            continue
        place = choice.place
        if place.country_code and (place.kind == COUNTRY or choice.confidence >= VOUCH_CONFIDENCE):
            countries.setdefault(place.country_code, set()).add(key)
            if place.kind in SUBDIVISIONS and place.admin1_code:
                admin1s.setdefault((place.country_code, place.admin1_code), set()).add(key)
        if place.kind not in COUNTRY_OR_WIDER and choice.confidence >= ANCHOR_CONFIDENCE:
            anchors.append((key, place.lat, place.lon))
    countries = {c: frozenset(k) for c, k in countries.items()}
    admin1s = {a: frozenset(k) for a, k in admin1s.items()}
    if countries == ctx.countries and admin1s == ctx.admin1s and set(anchors) == set(ctx.anchors):
        return None
    return replace(ctx, countries=countries, admin1s=admin1s, anchors=tuple(anchors))
