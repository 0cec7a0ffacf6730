"""The build step for the hand-kept areas (``sources/areas.py``): disputed and de-facto
territories, the seas and oceans of IHO S-23, the CIA World Factbook's regions.

Kept apart from :mod:`build_steps` because a territory takes its point from places those
steps built: the admin1 units it spans, or its seat. Seas and regions carry their own point.
"""
from __future__ import annotations

import math

from .kinds import MACROREGION, REGION, SEA
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
    for row in areas.read_territories(state.folder):
        ids = row["members"] or [row["seat"]]
        marks = ",".join("?" * len(ids))
        found = writer.conn.execute(
            f"SELECT lat, lon, population, country_code FROM places WHERE id IN ({marks})", ids).fetchall()
        if len(found) != len(ids):
            continue  # a member is not in this build (a test extract): no point to derive
        lat, lon = _spherical_mean([(a, o) for a, o, _, _ in found])
        countries = {cc for *_, cc in found}
        writer.upsert({  # an area across borders (*Kashmir*, *Kurdistan*) is a macro-region
            "id": f"area:{row['ref']}", "name": row["name"], "lat": lat, "lon": lon,
            "kind": MACROREGION if len(countries) > 1 else REGION,
            "feature_code": "L.TERR", "country_code": countries.pop() if len(countries) == 1 else None,
            "population": sum(p for _, _, p, _ in found) if row["members"] else 0,
            "source": "areas", "point_source": "derived",
        }, extra.get(row["ref"], []))


def _spherical_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    x = sum(math.cos(math.radians(a)) * math.cos(math.radians(o)) for a, o in points)
    y = sum(math.cos(math.radians(a)) * math.sin(math.radians(o)) for a, o in points)
    z = sum(math.sin(math.radians(a)) for a, _ in points)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
