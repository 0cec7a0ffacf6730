"""Facilities named after a place: where the text puts them.

*Loyola University in Los Angeles*, *Collins Avenue in Miami Beach*, *the University of St.
Thomas in Houston*: the place name inside a facility's or a street's name says whom it is named
after, not where it stands; the place written right after it (*in*, *at*, a comma) says where.
Such a mention is resolved to that place (see ``core.resolve_all``). The head words and the
prepositions are language data (``lexicon.json``, ``sites``).
"""
from __future__ import annotations

from .filters import DocView
from .spotter import Spot

#: The site of a street the text does not locate after it: the town it last named (core.resolve_all).
STREET = ""
#: The site of a facility named after a saint (*St Mary's Hospital*) the text does not locate after
#: it: the town it last named, else none (not the town of the saint's name).
DEDICATION = "\x00saint"
#: Capitalised words a facility's name may have after the place name (*Loyola Marymount University*,
#: *... and Saint Paul Coptic Orthodox Church*).
MAX_NAME_WORDS = 5


def site_keys(view: DocView, kept: list[Spot]) -> dict[int, str]:
    """``{first token of a spot: key of the place its facility stands in}`` for the spots of
    ``kept`` that are part of a facility's name followed by where it is."""
    facilities, prepositions, streets, joiners, saints = view.lex.sites_for(view.lang)
    if not facilities or view.upper:
        return {}
    by_first = {s.first: s for s in kept if s.key}
    out = {}
    for s in kept:
        saint = view.tokens[s.first].key in saints and s.last > s.first
        if s.end < view.tokens[s.last].end and not saint:
            continue  # *Middletown's New Road*, *Toronto's Pearson airport*: in the place, not named after it
        end = _facility_after(view, s, facilities, joiners)
        if end is None and _facility_before(view, s, facilities):
            end = s.last
        if end is None:
            continue
        site = _site_after(view, end, prepositions, by_first)
        if site is None and any(view.tokens[i].key in streets for i in range(s.last + 1, end + 1)):
            out[s.first] = STREET
            continue
        if site is not None and site.key != s.key and _facility_after(view, site, facilities, joiners) is None:
            # *Florida Atlantic University, California State University*: a list of facilities, not a site
            out[s.first] = site.key
        elif saint:
            out[s.first] = DEDICATION
    return out


def _facility_after(view: DocView, s: Spot, facilities: frozenset[str], joiners: frozenset[str] = frozenset()) -> int | None:
    """The last token of a facility's name that continues after the place name (*Loyola*
    *University*, *Eglinton* *Avenue West*, *Peter* *and Saint Paul Coptic Orthodox Church*), or
    None when no facility word follows. A joining word counts only between capitalised words."""
    tokens, found, last, j, words = view.tokens, False, s.last, s.last + 1, 0
    while j < len(tokens) and words < MAX_NAME_WORDS and tokens[j].joined:
        token = tokens[j]
        if not token.capital:
            if token.key not in joiners or j + 1 >= len(tokens) or not tokens[j + 1].capital:
                break
        else:
            words, last = words + 1, j
            found = found or token.key in facilities
        j += 1
    return last if found else None


def _facility_before(view: DocView, s: Spot, facilities: frozenset[str]) -> bool:
    """*University of* X, *Embassy of the* X: a facility word and a connector right before the name."""
    tokens, i = view.tokens, s.first - 1
    if i >= 1 and tokens[i].key == "the":
        i -= 1
    return (i >= 1 and tokens[i].key in view.lex.connectors_for(view.lang)
            and tokens[i - 1].capital and tokens[i - 1].key in facilities)


def _site_after(view: DocView, end: int, prepositions: frozenset[str], by_first: dict[int, Spot]) -> Spot | None:
    """The place named right after token ``end``: after a comma, or after *in*/*at* (and *the*)."""
    tokens, k = view.tokens, end + 1
    if k >= len(tokens):
        return None
    gap = view.text[tokens[end].end:tokens[k].start]
    if gap.strip() == ",":
        return by_first.get(k)
    if gap.strip() or tokens[k].key not in prepositions or tokens[k].capital:
        return None
    k += 1
    if k < len(tokens) and tokens[k].key == "the" and not tokens[k].capital:
        k += 1
    return by_first.get(k)
