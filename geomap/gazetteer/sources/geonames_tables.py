"""GeoNames reference tables shipped in ``gazetteer/``: countryInfo,
admin1/admin2 codes, feature codes, and GeoNames' own points for countries
and admin1 regions (``geonames_points/``) when present."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso: str
    iso3: str
    name: str
    capital: str
    population: int
    continent: str
    geonameid: int


def read_country_info(folder: Path) -> list[CountryRow]:
    rows = []
    with open(folder / "countryInfo.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 17 or not f[16].strip():
                continue
            rows.append(CountryRow(f[0], f[1], f[4], f[5], int(f[7] or 0), f[8], int(f[16])))
    return rows


def read_admin_codes(path: Path) -> dict[str, tuple[str, str, int]]:
    """``{"US.NY": (name, ascii name, geonameid)}`` for admin1 or admin2 files."""
    codes = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 4 and f[3].isdigit():
                codes[f[0]] = (f[1], f[2], int(f[3]))
    return codes


def read_points(folder: Path, filename: str) -> dict[int, tuple[float, float]]:
    """GeoNames' own points by geonameid from ``geonames_points/FILE`` ({} if absent)."""
    path = folder / "geonames_points" / filename
    if not path.is_file():
        return {}
    points = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                points[int(row["geonameid"])] = (float(row["lat"]), float(row["lon"]))
            except (KeyError, TypeError, ValueError):
                continue
    return points
