"""The build step for the hand-kept areas (``sources/areas.py``): disputed and de-facto
territories, the seas and oceans of IHO S-23, the CIA World Factbook's regions.

Kept apart from :mod:`build_steps` because a territory takes its point from places those
steps built: the admin1 units it spans, or its seat. Seas and regions carry their own point.
"""
from __future__ import annotations

import math

from .kinds import ADMIN2, MACROREGION, REGION, SEA
from .sources import areas
from .writer import GazetteerWriter


#: The tables whose rows carry their own point: (table, kind, GeoNames-style feature code).
POINT_TABLES = (("seas.tsv", SEA, "H.SEA"), ("regions.tsv", MACROREGION, "L.RGN"))


def add_areas(writer: GazetteerWriter, state) -> None:
    """Territories, seas and regions (see :mod:`.sources.areas`)."""
    extra = areas.extra_names(state.folder)
    _add_territories(writer, state, extra)
    for table, kind, feature in POINT_TABLES:
        for row in areas.read_points(state.folder, table):
            writer.upsert({  # in no country: a sea or a region of several countries
                "id": row["ref"], "name": row["name"], "lat": row["lat"], "lon": row["lon"],
                "kind": kind, "feature_code": feature, "country_code": None, "population": 0,
                "source": "areas", "point_source": "hand",
            }, extra.get(row["ref"], []))


def _add_territories(writer: GazetteerWriter, state, extra) -> None:
    for table in ("territories.tsv", "counties.tsv"):
        for row in areas.read_territories(state.folder, table):
            _add_territory(writer, row, extra, county=table == "counties.tsv")


def _add_territory(writer: GazetteerWriter, row: dict, extra, *, county: bool) -> None:
    """One area, its point the spherical mean of its members' (or its seat's); a county of
    second-level divisions is itself a second-level division of its country."""
    ids = row["members"] or [row["seat"]]
    marks = ",".join("?" * len(ids))
    found = writer.conn.execute(
        f"SELECT lat, lon, population, country_code, admin1_code, admin1 FROM places WHERE id IN ({marks})",
        ids).fetchall()
    if len(found) != len(ids):
        return  # a member is not in this build (a test extract): no point to derive
    lat, lon = _spherical_mean([(f[0], f[1]) for f in found])
    countries = {f[3] for f in found}
    kind = ADMIN2 if county else MACROREGION if len(countries) > 1 else REGION
    writer.upsert({  # an area across borders (*Kashmir*, *Kurdistan*) is a macro-region
        "id": f"area:{row['ref']}", "name": row["name"], "lat": lat, "lon": lon, "kind": kind,
        "feature_code": "A.ADM2" if county else "L.TERR",
        "country_code": countries.pop() if len(countries) == 1 else None,
        "admin1_code": found[0][4] if county else None, "admin1": found[0][5] if county else None,
        "population": sum(f[2] for f in found) if row["members"] else 0,
        "source": "areas", "point_source": "derived",
    }, extra.get(row["ref"], []))


def _spherical_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    x = sum(math.cos(math.radians(a)) * math.cos(math.radians(o)) for a, o in points)
    y = sum(math.cos(math.radians(a)) * math.sin(math.radians(o)) for a, o in points)
    z = sum(math.sin(math.radians(a)) for a, _ in points)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
