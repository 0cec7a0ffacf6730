"""A user's own places: CSV (name, lat, lon[, aliases, country, kind,
population, admin1]) or GeoJSON Point features with the same properties."""
from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from ..kinds import CITY, KINDS
from ..validate import coordinate_problem, country_problem, first_problem, name_problem, population_problem

LAT_COLUMNS = ("lat", "latitude", "y")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "x")


def _pick(row: dict, names: tuple[str, ...]):
    for name in names:
        if row.get(name) not in (None, ""):
            return row[name]
    return None


def _aliases(value) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if not value:
        return []
    for sep in ("|", ";"):
        if sep in str(value):
            return [v.strip() for v in str(value).split(sep) if v.strip()]
    return [str(value).strip()]


@dataclass(frozen=True, slots=True)
class BadRow:
    """A record that cannot be imported, and why (the reader goes on, so every
    bad row of a file is reported at once)."""

    where: str
    reason: str


def make_place(props: dict, lat, lon, where: str) -> tuple[dict, list] | BadRow:
    """Validate one user record; ``where`` names it in errors (file:line)."""
    name = props.get("name")
    name = name.strip() if isinstance(name, str) else name
    if name in (None, ""):
        return BadRow(where, "place has no name")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return BadRow(where, f"latitude/longitude are not numbers ({lat!r:.40}, {lon!r:.40})")
    kind = str(props.get("kind") or CITY).strip().lower()
    country = props.get("country") or props.get("country_code") or ""
    country = country.strip().upper() or None if isinstance(country, str) else country
    aliases = _aliases(props.get("aliases"))
    admin1 = props.get("admin1") or None
    problem = first_problem(
        name_problem(name), coordinate_problem(lat, lon), country_problem(country),
        None if kind in KINDS else f"unknown kind {kind[:40]!r} (one of {', '.join(KINDS)})",
        *(name_problem(a, "alias") for a in aliases), admin1 and name_problem(admin1, "admin1"),
        population_problem(props.get("population")))
    if problem:
        return BadRow(where, problem)
    ident = hashlib.sha1(f"{name}|{lat:.5f}|{lon:.5f}|{country}".encode()).hexdigest()[:12]
    place = {
        "id": f"user:{ident}", "name": name, "lat": lat, "lon": lon, "kind": kind,
        "feature_code": None, "country_code": country, "admin1": admin1,
        "population": int(float(props.get("population") or 0)), "source": "user", "point_source": "user",
    }
    return place, [(a, None) for a in aliases]


def read_csv(path: Path) -> Iterator[tuple[dict, list] | BadRow]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {(c or "").strip().lower() for c in reader.fieldnames or []}
        if "name" not in columns:
            raise InputError(f"{path}: CSV has no 'name' column (columns: {', '.join(sorted(columns))[:200] or 'none'})")
        if not columns & set(LAT_COLUMNS) or not columns & set(LON_COLUMNS):
            raise InputError(f"{path}: CSV needs latitude and longitude columns (lat/lon)")
        try:
            for number, raw in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): _cell(v) for k, v in raw.items()}
                yield make_place(row, _pick(row, LAT_COLUMNS), _pick(row, LON_COLUMNS), f"{path.name}:{number}")
        except csv.Error as exc:
            raise InputError(f"{path}:{reader.line_num}: not readable as CSV ({exc})") from exc


def _cell(value) -> str:
    """A CSV cell; extra cells beyond the header arrive as a list."""
    return ",".join(value).strip() if isinstance(value, list) else (value or "").strip()


def read_geojson(path: Path) -> Iterator[tuple[dict, list] | BadRow]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: JSON nested too deeply") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        where = f"{path.name}: feature {number}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            yield BadRow(where, "not a Point")
        elif not isinstance(coords, list) or len(coords) < 2:
            yield BadRow(where, "a Point needs [longitude, latitude]")
        else:
            properties = feature.get("properties")
            props = {str(k).lower(): v for k, v in (properties.items() if isinstance(properties, dict) else ())}
            yield make_place(props, coords[1], coords[0], where)
