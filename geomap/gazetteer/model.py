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

    Sets the slots straight from the row, one statement per field, as the generated ``__init__``
    would (Place has no ``__post_init__``), at half its cost: a lookup builds one per candidate,
    and a loop over the fields cost as much again as the slots themselves."""
    if len(row) == _WITH_NAME:
        id_, name, lat, lon, kind, feature_code, country_code, admin1_code, admin1, population, source, \
            matched_name = row
    else:
        id_, name, lat, lon, kind, feature_code, country_code, admin1_code, admin1, population, source = row
    place = _new(Place)
    _set_id(place, id_)
    _set_name(place, name)
    _set_lat(place, lat)
    _set_lon(place, lon)
    _set_kind(place, kind)
    _set_feature_code(place, feature_code)
    _set_country_code(place, country_code)
    _set_admin1_code(place, admin1_code)
    _set_admin1(place, admin1)
    _set_population(place, population)
    _set_source(place, source)
    _set_matched_name(place, matched_name)
    _set_confidence(place, confidence)
    _set_match(place, match)
    return place


_FIELDS = tuple(f.name for f in fields(Place))
# The statements above name every field once, in this order (a new field fails here, not silently).
assert _FIELDS == (*STORED_FIELDS, "matched_name", "confidence", "match") and not hasattr(Place, "__post_init__")
(_set_id, _set_name, _set_lat, _set_lon, _set_kind, _set_feature_code, _set_country_code, _set_admin1_code,
 _set_admin1, _set_population, _set_source, _set_matched_name, _set_confidence, _set_match) = (
    getattr(Place, name).__set__ for name in _FIELDS)
_WITH_NAME = len(STORED_FIELDS) + 1
_new = object.__new__
