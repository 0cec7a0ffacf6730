"""countries-states-cities (ODbL), from the countrystatecity-countries package:
countries with translations, first-level subdivisions with ISO 3166-2 codes
and points, and extra cities GeoNames' cities500 lacks (Martakert, Hadrut)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"countrystatecity-countries {dist_version('countrystatecity-countries')}"


def _data_dir() -> Path:
    return Path(str(resources.files("countrystatecity_countries") / "data"))


def _point(record: dict) -> tuple[float, float] | None:
    try:
        lat, lon = float(record["latitude"]), float(record["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon


def read_countries() -> Iterator[tuple[str, tuple[float, float] | None, list[tuple[str, str | None]]]]:
    """``(iso2, point, names)`` per country; names include translations and native."""
    with open(_data_dir() / "countries.json", encoding="utf-8") as handle:
        countries = json.load(handle)
    for c in countries:
        names = [(c["name"], "en")]
        if c.get("native"):
            names.append((c["native"], None))
        for lang, name in (c.get("translations") or {}).items():
            names.append((name, lang.split("-")[0]))
        yield c["iso2"], _point(c), names


def read_states(iso2: str) -> list[dict]:
    path = _data_dir() / "by-country" / iso2 / "states.json"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def read_cities(iso2: str) -> Iterator[dict]:
    folder = _data_dir() / "by-country" / iso2 / "states"
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*/cities.json")):
        with open(path, encoding="utf-8") as handle:
            yield from json.load(handle)


def state_point(state: dict) -> tuple[float, float] | None:
    return _point(state)


def city_point(city: dict) -> tuple[float, float] | None:
    return _point(city)


def city_rows(isos: list[str]) -> Iterator[tuple[str, int, str, str, str | None, str | None, tuple[float, float]]]:
    """``(iso2, id, name, name key, state code, state name, point)`` of every city with a
    point and a name key, country by country in the order given (a build reader: see
    :mod:`geomap.gazetteer.parallel`)."""
    from ..normalize import name_key

    for iso in isos:
        state_names = {s.get("state_code"): s["name"] for s in read_states(iso)}
        for city in read_cities(iso):
            point, key = city_point(city), name_key(city["name"])
            if point is not None and key:
                code = city.get("state_code")
                yield iso, city["id"], city["name"], key, code, state_names.get(code), point
