"""The one vocabulary of place kinds, used by every stage.

A kind is stored as plain text in the gazetteer (``places.kind``) and
carried on :class:`~geomap.gazetteer.Place` and
:class:`~geomap.geoparse.model.Mention`. Everything a stage needs to know
about a kind is one row of :data:`TABLE`, so adding a kind (a sea, an
airport, a disputed territory) is one line here; the sets and lookups below
are derived from the table, never written out again elsewhere.

Adding a kind: one ``KindInfo`` row (and a name constant if code must name
it); then teach the sources that should produce it (``sources/geonames_dump.kind_of``
for GeoNames feature codes, ``geocode/online/answers.py`` for Nominatim) and
the language data whose cue words announce it. A kind that fits none of the
groups below (a sea) gets a new group constant and its own derived set.
"""
from __future__ import annotations

from dataclasses import dataclass

# Groups: what a kind is, for the rules that treat whole groups alike.
#: Countries and anything wider (a continent): they contain places, are never "near" one.
STATE = "state"
#: A country's subdivisions (admin1, other regions, admin2).
SUBDIVISION = "subdivision"
#: Point-like places (cities, towns, villages, anything else with a name).
LOCALITY = "locality"
#: Oceans, seas, gulfs, straits: wide, in no country, and never "near" a place.
WATER = "water"


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What each stage needs to know about one kind.

    ``breadth`` orders kinds from point-like (0) to a continent (4): an event
    placed at a broader kind is less precise (ACLED geo precision). ``tier``
    and ``floor`` are the geocoder's prominence tier (lower ranks first) and
    prior weight before population. ``merge_km`` is how far apart two records
    of this kind and name may be and still be one place when sources merge.
    """

    kind: str
    group: str
    breadth: int
    tier: int
    floor: float
    merge_km: float


CONTINENT, MACROREGION, COUNTRY, ADMIN1, REGION, ADMIN2, CITY, AIRPORT, OTHER = (
    "continent", "macroregion", "country", "admin1", "region", "admin2", "city", "airport", "other")
SEA = "sea"

#: Every kind, most prominent first. "region" is a subdivision that
#: countries-states-cities lists and GeoNames' admin1 table does not (often a
#: second-level unit), so the geocoder ranks it with places, by weight.
TABLE: dict[str, KindInfo] = {info.kind: info for info in (
    KindInfo(CONTINENT, STATE, breadth=4, tier=0, floor=5e9, merge_km=15.0),
    # A region of several countries (*Middle East*, *Sahel*, *Balkans*): as wide as a country,
    # and ranked with countries, by people, so its name beats a province or town of that name.
    KindInfo(MACROREGION, STATE, breadth=3, tier=1, floor=1e9, merge_km=2000.0),
    KindInfo(COUNTRY, STATE, breadth=3, tier=1, floor=1e9, merge_km=2000.0),
    # Oceans, seas, gulfs, straits: a news text naming *Red Sea* or *Pacific* means the water,
    # not Sudan's Red Sea state or Pacific, Missouri.
    KindInfo(SEA, WATER, breadth=3, tier=1, floor=1e9, merge_km=500.0),
    KindInfo(ADMIN1, SUBDIVISION, breadth=2, tier=2, floor=1e8, merge_km=250.0),
    KindInfo(REGION, SUBDIVISION, breadth=2, tier=4, floor=1e5, merge_km=250.0),
    # A second-level division weighs mostly its people (derived at build time): its bare name
    # (*Strassen*, *Cook*) must not outweigh the ordinary word or the town it also is.
    KindInfo(ADMIN2, SUBDIVISION, breadth=1, tier=4, floor=1e3, merge_km=60.0),
    KindInfo(CITY, LOCALITY, breadth=0, tier=4, floor=500.0, merge_km=15.0),
    # An airport outweighs a village of its name (*Heathrow*, Florida) but no town of 10,000.
    KindInfo(AIRPORT, LOCALITY, breadth=0, tier=4, floor=1e4, merge_km=5.0),
    KindInfo(OTHER, LOCALITY, breadth=0, tier=5, floor=100.0, merge_km=15.0),
)}

#: All kind names, most prominent first.
KINDS: tuple[str, ...] = tuple(TABLE)
#: Countries and continents: places that contain others and vouch for a country.
COUNTRY_OR_WIDER: frozenset[str] = frozenset(k for k, i in TABLE.items() if i.group == STATE)
#: Subdivisions of a country (admin1, region, admin2).
SUBDIVISIONS: frozenset[str] = frozenset(k for k, i in TABLE.items() if i.group == SUBDIVISION)
#: Point-like places.
LOCALITIES: frozenset[str] = frozenset(k for k, i in TABLE.items() if i.group == LOCALITY)
#: Oceans, seas, gulfs and straits.
WATERS: frozenset[str] = frozenset(k for k, i in TABLE.items() if i.group == WATER)

#: A capital (GeoNames feature P.PPLC) is a city the geocoder ranks between
#: admin1 regions and other places: (tier, floor).
CAPITAL_FEATURE = "P.PPLC"
CAPITAL_TIER = (3, 1e7)

#: The kinds of place a cue word of a kind announces (*city of* X: a city or
#: an unclassified place; *province of* X: any first-level region).
CUE_COVERS: dict[str, frozenset[str]] = {
    CITY: frozenset({CITY, OTHER}),
    ADMIN1: frozenset({ADMIN1, REGION}),
    REGION: frozenset({ADMIN1, REGION}),
}

_UNKNOWN = TABLE[OTHER]


def info(kind: str | None) -> KindInfo:
    """The table row of ``kind``; an unknown or missing kind is treated as ``other``."""
    return TABLE.get(kind or OTHER, _UNKNOWN)


def cue_covers(cue_kind: str, kind: str | None) -> bool:
    """Whether a place of ``kind`` is what a cue word announcing ``cue_kind`` means."""
    return kind in CUE_COVERS.get(cue_kind, (cue_kind,))
