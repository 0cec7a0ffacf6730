"""The place record every stage after the gazetteer receives."""
from __future__ import annotations

from dataclasses import asdict, dataclass

#: The place fields a gazetteer stores and a lookup reads back, in the order
#: the store's SELECTs name them (built from this tuple, so they cannot drift).
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

def place_from_row(row, *, matched_name: str | None = None) -> Place:
    """The one conversion of a gazetteer row (columns :data:`STORED_FIELDS`) to a Place."""
    return Place(**dict(zip(STORED_FIELDS, row, strict=True)), matched_name=matched_name)
