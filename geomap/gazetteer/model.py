"""The place record every stage after the gazetteer receives."""
from __future__ import annotations

from dataclasses import dataclass

#: Kinds, most prominent first; used for ranking and for ACLED geo precision.
KINDS = ("continent", "country", "admin1", "region", "admin2", "city", "airport", "other")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as returned by lookups.

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
        return {
            "id": self.id,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
            "feature_code": self.feature_code,
            "country_code": self.country_code,
            "admin1_code": self.admin1_code,
            "admin1": self.admin1,
            "population": self.population,
            "source": self.source,
            "matched_name": self.matched_name,
            "confidence": self.confidence,
            "match": self.match,
        }
