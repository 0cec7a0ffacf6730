"""A user's own places: CSV (name, lat, lon[, aliases, country, kind,
population, admin1]) or GeoJSON Point features with the same properties."""
from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from ...errors import InputError
from ..kinds import CITY, KINDS

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


def make_place(props: dict, lat, lon, where: str) -> tuple[dict, list]:
    """Validate one user record; ``where`` names it in errors (file:line)."""
    name = str(props.get("name") or "").strip()
    if not name:
        raise InputError(f"{where}: place has no name")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InputError(f"{where}: latitude/longitude are not numbers ({lat!r}, {lon!r})") from None
    if not -90 <= lat <= 90:
        raise InputError(f"{where}: latitude {lat} out of range (-90..90)")
    if not -180 <= lon <= 180:
        raise InputError(f"{where}: longitude {lon} out of range (-180..180)")
    kind = str(props.get("kind") or CITY).strip().lower()
    if kind not in KINDS:
        raise InputError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
    country = (str(props.get("country") or props.get("country_code") or "").strip().upper() or None)
    ident = hashlib.sha1(f"{name}|{lat:.5f}|{lon:.5f}|{country}".encode()).hexdigest()[:12]
    place = {
        "id": f"user:{ident}", "name": name, "lat": lat, "lon": lon, "kind": kind,
        "feature_code": None, "country_code": country, "admin1": props.get("admin1") or None,
        "population": int(float(props.get("population") or 0)), "source": "user", "point_source": "user",
    }
    return place, [(a, None) for a in _aliases(props.get("aliases"))]


def read_csv(path: Path) -> Iterator[tuple[dict, list]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        if "name" not in columns:
            raise InputError(f"{path}: CSV has no 'name' column (columns: {', '.join(sorted(columns)) or 'none'})")
        if not columns & set(LAT_COLUMNS) or not columns & set(LON_COLUMNS):
            raise InputError(f"{path}: CSV needs latitude and longitude columns (lat/lon)")
        for number, raw in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            yield make_place(row, _pick(row, LAT_COLUMNS), _pick(row, LON_COLUMNS), f"{path.name}:{number}")


def read_geojson(path: Path) -> Iterator[tuple[dict, list]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: not a GeoJSON FeatureCollection")
    for number, feature in enumerate(features, start=1):
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") != "Point":
            raise InputError(f"{path.name}: feature {number} is not a Point")
        coords = geometry.get("coordinates") or [None, None]
        props = {k.lower(): v for k, v in ((feature.get("properties") or {}).items())}
        yield make_place(props, coords[1], coords[0], f"{path.name}: feature {number}")
