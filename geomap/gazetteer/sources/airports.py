"""Airports from the ``airportsdata`` package (MIT; OurAirports / ICAO data,
about 28,000 airports with ICAO and IATA codes, names and points).

Each airport is known by its full name (*London Heathrow Airport*), the *X
Airport* form of its name without designator words (*Heathrow Airport*, *John F
Kennedy Airport*, *JFK Airport*) and its codes; an airport with an IATA code
(scheduled service) also by the bare name when that is one word of at least
five letters, its city put aside (*Heathrow*, *Sheremetyevo*): a bare name of
several words is mostly a person's (*Charles de Gaulle*), a short one a word. Codes carry the
pseudo-languages ``iata``/``icao`` (as GeoNames writes them) so geoparse can
refuse a bare code in running text.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..kinds import AIRPORT
from ..normalize import name_key
from .designators import without_any


#: A bare airport name shorter than this is too likely a word of some language (*Tume*).
BARE_MIN = 5


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"airportsdata {dist_version('airportsdata')}"


def _rows() -> Iterator[dict]:
    try:
        data = resources.files("airportsdata") / "airports.csv"
    except ModuleNotFoundError as exc:
        from ...errors import GazetteerError

        raise GazetteerError("the 'airportsdata' package is missing: pip install airportsdata") from exc
    with data.open("r", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def airport_names(row: dict, folder: Path) -> list[tuple[str, str | None]]:
    """The names an airport is known by (see module docstring), with their languages."""
    name, city, iata = row["name"].strip(), row["city"].strip(), row["iata"].strip()
    core = without_any(name, folder, "airport")
    names = [(name, None), (f"{core} Airport", "en")]
    short = core
    if city and name_key(core).startswith(name_key(city) + " "):
        short = core[len(city):].strip(" -/")
        names.append((f"{short} Airport", "en"))
    if iata and " " not in short and len(name_key(short)) >= BARE_MIN and name_key(short) != name_key(city):
        names.append((short, None))
    if iata:
        names += [(iata, "iata"), (f"{iata} Airport", "en")]
    names.append((row["icao"].strip(), "icao"))
    return [(n, lang) for n, lang in names if n]


def read_airports(folder: Path) -> Iterator[tuple[dict, list[tuple[str, str | None]]]]:
    """``(place, names)`` per airport with a point."""
    for row in _rows():
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not row["icao"]:
            continue
        place = {
            "id": f"icao:{row['icao']}", "name": row["name"], "lat": lat, "lon": lon,
            "kind": AIRPORT, "feature_code": "S.AIRP", "country_code": row["country"] or None,
            "admin1": row["subd"] or None, "population": 0, "source": "airportsdata",
            "point_source": "airportsdata", "iso_code": row["iata"] or None,
        }
        yield place, airport_names(row, folder)
