"""The place record every stage after the gazetteer receives."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import asdict, dataclass, fields

#: The place fields a gazetteer stores and a lookup reads back, in the order
#: the store's SELECTs name them (built from this tuple, so they cannot drift;
#: :func:`place_from_row` unpacks them in this order, tested by round trip).
STORED_FIELDS = ("id", "name", "lat", "lon", "kind", "feature_code", "country_code",
                 "admin1_code", "admin1", "population", "source")


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One gazetteer entry, as returned by lookups.

    Built by keyword only: a positional call, where a lat/lon swap would hide, fails at once.
    ``kind`` is one of :data:`geomap.gazetteer.kinds.KINDS`.
    ``id`` is stable across rebuilds: ``gn:<geonameid>`` for GeoNames places,
    ``csc:<kind>:<code>`` for countries-states-cities records, ``user:<hash>``
    for imported user places. ``confidence`` is set by geocoding (see
    :mod:`geomap.geocode`) and is ``None`` on raw gazetteer rows.
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    feature_code: str | None
    country_code: str | None
    admin1_code: str | None
    admin1: str | None
    population: int
    source: str
    matched_name: str | None = None
    confidence: float | None = None
    match: str | None = None

    @property
    def geonameid(self) -> int | None:
        return int(self.id[3:]) if self.id.startswith("gn:") else None

    def to_dict(self) -> dict:
        return asdict(self)


#: One candidate of an exact lookup as the store reads it: the :data:`STORED_FIELDS` and the
#: name that matched. Ranking reads these fields by name (as it would a Place) and turns only
#: the candidates it returns into Places, once, with their confidence (why: building a frozen
#: dataclass costs more than the SQL lookup itself, and ranking needed two per candidate).
CandidateRow = namedtuple("CandidateRow", (*STORED_FIELDS, "matched_name"))


def place_from_row(row, *, matched_name: str | None = None, confidence: float | None = None,
                   match: str | None = None) -> Place:
    """The one conversion of a gazetteer row (columns :data:`STORED_FIELDS`, or a
    :class:`CandidateRow`, which brings its ``matched_name``) to a Place.

    Fills an unfrozen twin of Place (:class:`_Filling`: the same slots, so the same layout) by
    plain attribute stores and then makes it a Place by ``__class__`` assignment, which Python
    allows between classes of one layout: a frozen dataclass forbids stores, and setting its 14
    slots through their descriptors cost twice as much (a lookup builds one Place per candidate).
    Place has no ``__post_init__`` to run (checked below)."""
    if len(row) == _WITH_NAME:
        id_, name, lat, lon, kind, feature_code, country_code, admin1_code, admin1, population, source, \
            matched_name = row
    else:
        id_, name, lat, lon, kind, feature_code, country_code, admin1_code, admin1, population, source = row
    place = _new(_Filling)
    place.id = id_
    place.name = name
    place.lat = lat
    place.lon = lon
    place.kind = kind
    place.feature_code = feature_code
    place.country_code = country_code
    place.admin1_code = admin1_code
    place.admin1 = admin1
    place.population = population
    place.source = source
    place.matched_name = matched_name
    place.confidence = confidence
    place.match = match
    place.__class__ = Place
    return place


class _Filling:
    """A Place being filled by :func:`place_from_row` (see there)."""

    __slots__ = Place.__slots__


_FIELDS = tuple(f.name for f in fields(Place))
# place_from_row names every field once, in this order (a new field fails here, not silently).
assert _FIELDS == (*STORED_FIELDS, "matched_name", "confidence", "match") == Place.__slots__
assert not hasattr(Place, "__post_init__")
_WITH_NAME = len(STORED_FIELDS) + 1
_new = object.__new__
