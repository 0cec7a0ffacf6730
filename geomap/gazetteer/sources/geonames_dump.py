"""GeoNames dump files: the ``geoname`` table (allCountries, country
extracts such as AZ.txt, cities*.txt) and ``alternateNames``/``V2``, read
as streams (allCountries has 13M rows: memory stays constant)."""
from __future__ import annotations

from collections.abc import Iterator

from ...errors import InputError
from ..kinds import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, OTHER, REGION

GEONAME_FIELDS = 19
#: alternateNames "languages" that are not names at all.
NOT_NAMES = {"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "fr_1793", "phon", "piny"}


def kind_of(feature_class: str, feature_code: str) -> str:
    """geomap kind for a GeoNames feature class/code."""
    if feature_class == "A":
        if feature_code.startswith("PCL") or feature_code == "TERR":
            return COUNTRY
        if feature_code == "ADM1":
            return ADMIN1
        if feature_code == "ADM2":
            return ADMIN2
        return REGION
    if feature_class == "P":
        return CITY
    if feature_class == "L" and feature_code == "CONT":
        return CONTINENT
    if feature_class == "L" and feature_code in ("RGN", "RGNE", "AREA", "RGNH"):
        return REGION
    return OTHER


def is_geoname_row(fields: list[str]) -> bool:
    return len(fields) == GEONAME_FIELDS and fields[0].isdigit()


def is_alternate_name_row(fields: list[str]) -> bool:
    return len(fields) in (8, 10) and fields[0].isdigit() and fields[1].isdigit()


def parse_geoname(fields: list[str], admin1_names: dict, admin2_names: dict) -> tuple[dict, list]:
    """One row of the geoname table -> ``(place, names)``; raises ValueError (an
    :class:`~geomap.errors.InputError` for values out of range) on bad values."""
    gid, name, ascii_name, alternates = fields[0], fields[1], fields[2], fields[3]
    lat, lon = float(fields[4]), float(fields[5])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"coordinates out of range ({lat}, {lon})")
    fclass, fcode, cc, a1, a2 = fields[6], fields[7], fields[8] or None, fields[10] or None, fields[11] or None
    admin1 = admin1_names.get(f"{cc}.{a1}", (None,))[0] if a1 else None
    place = {
        "id": f"gn:{int(gid)}", "name": name, "lat": lat, "lon": lon,
        "kind": kind_of(fclass, fcode), "feature_code": f"{fclass}.{fcode}" if fclass else None,
        "country_code": cc, "admin1_code": a1, "admin1": admin1,
        "population": int(fields[14] or 0), "source": "geonames", "point_source": "geonames",
    }
    names = [(ascii_name, None)] + [(n, None) for n in alternates.split(",") if n]
    if place["kind"] == ADMIN2 and a2:
        entry = admin2_names.get(f"{cc}.{a1}.{a2}")
        if entry:
            names.append((entry[0], None))
    return place, names


def parse_alternate_name(fields: list[str]) -> tuple[int, str, str | None] | None:
    """``(geonameid, name, lang)`` or None for rows that are links, codes or historic."""
    lang = fields[2] or None
    if lang in NOT_NAMES:
        return None
    historic = len(fields) >= 8 and fields[7] == "1"
    if historic:
        return None
    return int(fields[1]), fields[3], lang


def split_lines(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if line and not line.startswith("#"):
            yield number, line.split("\t")
