"""GeoNames dump files: the ``geoname`` table (allCountries, country
extracts such as AZ.txt, cities*.txt) and ``alternateNames``/``V2``, read
as streams (allCountries has 13M rows: memory stays constant)."""
from __future__ import annotations

from collections.abc import Iterator

from ..kinds import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, OTHER, REGION, SEA
from ..validate import MAX_NAME, coordinate_problem, country_problem, first_problem, name_problem, population_problem

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
    if feature_class == "H" and feature_code in SEA_CODES:
        return SEA
    return OTHER


#: GeoNames water features that are seas in news (*Black Sea*, *Gulf of Aden*, *Bosporus*);
#: bays, channels and sounds are mostly local features and stay ``other``.
SEA_CODES = frozenset({"OCN", "SEA", "GULF", "STRT"})


def is_geoname_row(fields: list[str]) -> bool:
    return len(fields) == GEONAME_FIELDS and fields[0].isdigit()


def is_alternate_name_row(fields: list[str]) -> bool:
    return len(fields) in (8, 10) and fields[0].isdigit() and fields[1].isdigit()


def parse_geoname(fields: list[str], admin1_names: dict, admin2_names: dict) -> tuple[dict, list]:
    """One row of the geoname table -> ``(place, names)``; raises ValueError on
    bad values (the reason, for the importer's one line per bad row)."""
    gid, name, ascii_name, alternates = fields[0], fields[1], fields[2], fields[3]
    lat, lon = float(fields[4]), float(fields[5])
    fclass, fcode, cc, a1, a2 = fields[6], fields[7], fields[8] or None, fields[10] or None, fields[11] or None
    problem = first_problem(name_problem(name), coordinate_problem(lat, lon), country_problem(cc),
                            population_problem(fields[14]))
    if problem:
        raise ValueError(problem)
    admin1 = admin1_names.get(f"{cc}.{a1}", (None,))[0] if a1 else None
    place = {
        "id": f"gn:{int(gid)}", "name": name, "lat": lat, "lon": lon,
        "kind": kind_of(fclass, fcode), "feature_code": f"{fclass}.{fcode}" if fclass else None,
        "country_code": cc, "admin1_code": a1, "admin1": admin1,
        "population": int(fields[14] or 0), "source": "geonames", "point_source": "geonames",
    }
    # Alternate names that cannot be stored are left out, the place kept
    # (GeoNames allows 400 characters there; the primary name is checked above).
    names = [(n, None) for n in [ascii_name, *alternates.split(",")] if n and not name_problem(n)]
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
    if len(fields[3].strip()) > MAX_NAME:
        return None  # allowed by GeoNames (400), too long to be matched in text
    problem = name_problem(fields[3])
    if problem:
        raise ValueError(problem)
    return int(fields[1]), fields[3], lang


def split_lines(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if line and not line.startswith("#"):
            yield number, line.split("\t")
