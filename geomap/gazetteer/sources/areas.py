"""Disputed and de-facto territories, named regions of conflict, seas and oceans and
macro-regions, from the hand-kept tables in ``gazetteer/areas/`` (provenance:
``gazetteer/areas/SOURCES.md``).

Contract: territories yield their definition, not a point (the point is derived from
places already built, see :mod:`geomap.gazetteer.build_areas`).

- ``territories.tsv``: de-facto states and disputed or named regions that no GeoNames
  country or admin1 stands for, each defined by the admin1 units it spans or its seat,
  with the Wikipedia article that defines it.
- ``seas.tsv``: every sea area of the IHO's *Limits of Oceans and Seas* (S-23, 1953) and the
  five oceans, each with a point written by hand inside the water (checked by
  ``bench/check_sea_points.py``) and the S-23 section it comes from.
- ``regions.tsv``: the CIA World Factbook's "Map references" regions that no continent or
  UN M49 region of the build already is (*Middle East*), each with a conventional centre.
- ``counties.tsv``: the ceremonial counties of England (Lieutenancies Act 1997, Schedule 1) that
  no GeoNames second-level division stands for under that name (*Berkshire*, *West Yorkshire*,
  *Greater Manchester*), and the historic county of Yorkshire, each defined by the GeoNames
  second-level divisions it is made of.
- ``names.tsv``: names in more languages, by the row's ``ref`` (territory, sea or region),
  each row citing where the name is written.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

def version() -> str:
    return ("territories, IHO S-23 seas, CIA World Factbook regions, English ceremonial counties "
            "(gazetteer/areas, hand-kept)")


def _table(folder: Path, name: str) -> Iterator[dict]:
    path = folder / "areas" / name
    if not path.is_file():
        from ...errors import GazetteerError

        raise GazetteerError(f"gazetteer source table missing: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def read_territories(folder: Path, table: str = "territories.tsv") -> Iterator[dict]:
    """``{ref, name, kind, members, seat, source}``: ``members`` are GeoNames ids of admin1
    (``counties.tsv``: admin2) units, the point is their mean; ``seat`` a GeoNames city id (the
    point is the seat's)."""
    for row in _table(folder, table):
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


def read_points(folder: Path, name: str) -> Iterator[dict]:
    """Rows of a table whose rows carry their own point (``seas.tsv``, ``regions.tsv``):
    ``{ref, name, lat, lon, source}``."""
    for row in _table(folder, name):
        yield {"ref": row["ref"], "name": row["name"], "lat": float(row["lat"]), "lon": float(row["lon"]),
               "source": row["source"]}
