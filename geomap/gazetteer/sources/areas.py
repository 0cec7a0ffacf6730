"""Seas, oceans, gulfs, straits, macro-regions and disputed or de-facto territories,
from the tables in ``gazetteer/areas/`` (provenance: ``gazetteer/areas/SOURCES.md``).

Contract: like every source, each reader yields ``(place, names)`` with ``place`` a dict of
:data:`geomap.gazetteer.schema.PLACE_COLUMNS` and ``names`` a list of ``(name, lang)``;
territories yield their definition instead (their point is derived from places already
built, see :mod:`geomap.gazetteer.build_areas`).

- ``geonames_areas.tsv``: every GeoNames feature outside any country (GeoNames'
  ``no-country`` extract) that is an ocean, sea, gulf, strait, bay, channel, sound (``H.*``)
  or a region (``L.RGN``): GeoNames points and alternate names (CC BY 4.0).
- ``natural_earth_marine.tsv``: the named marine areas of Natural Earth's 10m marine
  polygons (public domain; via OpenGeographyRegions, CC0), one label point each inside the
  polygon; each row cites its Wikidata item. They fill gaps (seas inside a country's waters,
  which the no-country extract lacks: *Gulf of Mexico*, *English Channel*, *Bosporus*).
- ``territories.tsv``: de-facto states and disputed or named regions that no GeoNames
  country or admin1 stands for, each defined by the admin1 units it spans or its seat,
  with the Wikipedia article that defines it.
- ``names.tsv``: names in more languages, by reference (``gn:<id>``, ``wd:<QID>`` or a
  territory's ``ref``), each row citing where the name is written.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..kinds import MACROREGION, SEA

#: GeoNames feature codes read as seas (the rest of the table are regions, ``L.RGN``).
WATER_CODES = frozenset({"H.OCN", "H.SEA", "H.GULF", "H.STRT", "H.BAY", "H.CHN", "H.SD"})
#: An alternate name shorter than this is a code or an abbreviation (*PG*), not a name.
MIN_NAME = 4


def version() -> str:
    return "GeoNames no-country areas + Natural Earth marine (gazetteer/areas)"


def _table(folder: Path, name: str) -> Iterator[dict]:
    path = folder / "areas" / name
    if not path.is_file():
        from ...errors import GazetteerError

        raise GazetteerError(f"gazetteer source table missing: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def usable_name(name: str) -> bool:
    """Whether an alternate name is a name people write: not a code (*PG*), not a name with
    digits (GeoNames' ``1- khlyj fars``), not an all-lower-case automatic transliteration."""
    name = name.strip()
    if len(name) < MIN_NAME or any(ch.isdigit() for ch in name):
        return False
    return not (name.isascii() and name == name.lower())


def read_geonames_areas(folder: Path) -> Iterator[tuple[dict, list[tuple[str, str | None]]]]:
    """Water bodies and regions outside any country, GeoNames points."""
    for row in _table(folder, "geonames_areas.tsv"):
        water = row["feature_code"] in WATER_CODES
        place = {
            "id": f"gn:{row['geonameid']}", "name": row["name"], "lat": float(row["lat"]),
            "lon": float(row["lon"]), "kind": SEA if water else MACROREGION,
            "feature_code": row["feature_code"], "population": int(row["population"] or 0),
            "source": "geonames", "point_source": "geonames",
        }
        names = [(n, None) for n in row["alternatenames"].split("|") if usable_name(n)]
        yield place, names


def read_marine(folder: Path) -> Iterator[tuple[dict, list[tuple[str, str | None]]]]:
    """Natural Earth marine areas with a Wikidata item (a row without one is not cited)."""
    for row in _table(folder, "natural_earth_marine.tsv"):
        if not row["wikidata"]:
            continue
        place = {
            "id": f"ne:{row['wikidata']}:{row['name']}", "name": row["name"], "lat": float(row["lat"]),
            "lon": float(row["lon"]), "kind": SEA, "feature_code": f"H.{row['featureclass'].upper()}",
            "source": "naturalearth", "point_source": "naturalearth",
        }
        yield place, []


def read_territories(folder: Path) -> Iterator[dict]:
    """``{ref, name, kind, members, seat, source}``: ``members`` are GeoNames ids of admin1
    units (the point is their mean), ``seat`` a GeoNames city id (the point is the seat's)."""
    for row in _table(folder, "territories.tsv"):
        yield {
            "ref": row["ref"], "name": row["name"], "kind": row["kind"],
            "members": [f"gn:{m}" for m in row["admin1_members"].split("|") if m],
            "seat": f"gn:{row['seat']}" if row["seat"] else None, "source": row["source"],
        }


def extra_names(folder: Path) -> dict[str, list[tuple[str, str | None]]]:
    """``ref -> [(name, lang)]`` from ``names.tsv``."""
    out: dict[str, list[tuple[str, str | None]]] = {}
    for row in _table(folder, "names.tsv"):
        out.setdefault(row["ref"], []).append((row["name"], row["lang"] or None))
    return out
