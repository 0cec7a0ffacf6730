"""Namesakes inside one country: the document's focus region decides.

*Montgomery County* in a story about Red Oak, Iowa is Iowa's county, though Maryland's has
ninety times its people. Local news rarely names the state again, and a place's population says
how often the whole world names it, not which of a country's namesakes a local story means. So
once the document has a focus admin1 region, a county or town resolved elsewhere in that same
country takes its namesake inside the region (a place of the same kind, or the region itself)
when the name has one. Not a city written under its own name, though: a city is named from
anywhere (*Boston* in a story about Brooklyn is Massachusetts', though New York has a Boston
too). Other countries are not touched: *Paris* in a story about Texas stays in France when
resolution put it there. And a short form takes what the text names in full: a country's
(*Trinidad* beside *Trinidad and Tobago*), a county's (*Suffolk* beside *Suffolk County*).
Pure functions over :class:`Choice` records.
"""
from __future__ import annotations

from ..gazetteer import Place
from ..gazetteer.kinds import ADMIN1, ADMIN2, COUNTRY, LOCALITIES
from .readings import SMALL_ALIAS_POPULATION
from .nearness import containment
from .resolve import Choice, Focus, key_of, prominence

#: Kinds a namesake in the focus region may replace: towns and counties, whose namesakes share
#: a country (a country or an admin1 region elsewhere is a different, wider thing).
LOCAL_KINDS = LOCALITIES | {ADMIN2}


def focus_namesake(key: str, place: Place, candidates, focus: Focus | None) -> Place | None:
    """The candidate in the focus admin1 region that stands for ``place`` (read from name ``key``),
    when ``place`` lies in the focus country outside that region: the region itself when it bears
    the name, else the most prominent candidate of ``place``'s kind inside it; None when there is
    none, and for a city (``SMALL_ALIAS_POPULATION`` people or more) written under its own name."""
    if (focus is None or not focus.admin1_code or place.kind not in LOCAL_KINDS
            or place.country_code != focus.country_code or place.admin1_code == focus.admin1_code):
        return None
    if place.kind != ADMIN2 and place.population >= SMALL_ALIAS_POPULATION and key_of(place.name) == key:
        return None  # a city is named from anywhere (*Boston* in a story about Brooklyn); a county, locally
    inside = [c for c in candidates if c.country_code == focus.country_code and c.admin1_code == focus.admin1_code]
    region = [c for c in inside if c.kind == ADMIN1]
    if region:
        return region[0]
    same = [c for c in inside if c.kind == place.kind]
    return max(same, key=prominence) if same else None


def in_focus_region(choices: dict, candidates: dict, focus: Focus | None, *, located: frozenset[str] = frozenset()) -> dict:
    """``choices`` (``{(key, cue kind): Choice}``) with each name resolved elsewhere in the focus
    country moved to its namesake in the focus admin1 region (see :func:`focus_namesake`); names
    the text locates itself (``located``: *Springfield, Mass.*) keep their place."""
    if focus is None or not focus.admin1_code:
        return choices
    out = dict(choices)
    for (key, kind), choice in choices.items():
        if choice is None or key in located:
            continue
        local = focus_namesake(key, choice.place, candidates.get(key, ()), focus)
        if local is not None:
            where = focus.name or focus.admin1_code
            out[key, kind] = Choice(local, choice.confidence, f"{local.kind} {local.name}; its namesake in {where}, "
                                                              "the document's focus")
    return out


def divisions_named(choices: dict, names) -> dict:
    """``choices`` with a name that is also a name of a second-level division the text names in
    full resolved to that division (*Suffolk* beside *Suffolk County*, New York's, is that county,
    not Suffolk, Virginia): news names a county once in full, then by its bare name, though the
    bare name alone, a word (*Suffolk*), would not have made the county a candidate. ``names``
    gives all places bearing a name key. Not where a namesake town lies inside the division (*Los
    Angeles* beside *Los Angeles County* stays the city, *Bogor* beside *Kabupaten Bogor* the town)."""
    divisions = {c.place.id: c for (key, kind), c in choices.items() if c is not None and c.place.kind == ADMIN2}
    if not divisions:
        return choices
    out = dict(choices)
    for (key, kind), choice in choices.items():
        if choice is None or choice.place.kind == ADMIN2:
            continue
        places = names(key)
        named = [divisions[p.id] for p in places if p.id in divisions]
        if named and not any(_namesake_town(p, named[0].place, key) for p in places):
            full = named[0]
            out[key, kind] = Choice(full.place, full.confidence, f"short for {full.place.name}, named in the text")
    return out


def _namesake_town(place: Place, division: Place, key: str) -> bool:
    """``place`` is a town bearing the name as its own inside ``division``."""
    return place.kind in LOCALITIES and key_of(place.name) == key and containment(division, place) > 0.0


def short_forms(choices: dict) -> dict:
    """A name that begins the name of a country the document names is that country's short form
    (*Trinidad* beside *Trinidad and Tobago*), not a namesake town elsewhere; a name resolved
    to a country itself keeps it (*Guinea* beside *Guinea Bissau* is its own country)."""
    countries = [(key, c) for (key, kind), c in choices.items() if c is not None and c.place.kind == COUNTRY]
    out = dict(choices)
    for (key, kind), choice in choices.items():
        if choice is None or choice.place.kind == COUNTRY:
            continue
        longer = [c for other, c in countries if other.startswith(key + " ")]
        if longer:
            full = longer[0]
            out[key, kind] = Choice(full.place, full.confidence, f"short for {full.place.name}, named in the text")
    return out
