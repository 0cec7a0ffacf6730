"""The build step for seas, macro-regions and territories (``sources/areas.py``).

Kept apart from :mod:`build_steps` because it merges with places those steps built: a
GeoNames region that is a UN M49 region (*Northern Europe*, *Western Asia*) gives that
region its GeoNames point instead of the derived one; a Natural Earth sea only fills a gap;
a territory takes its point from the admin1 units it spans or its seat.
"""
from __future__ import annotations

import json
import math

from .kinds import COUNTRY_OR_WIDER, MACROREGION, REGION, SEA
from .normalize import name_key
from .sources import areas
from .writer import GazetteerWriter


def add_areas(writer: GazetteerWriter, state) -> None:
    """Seas and oceans, macro-regions and territories (see :mod:`.sources.areas`)."""
    extra = areas.extra_names(state.folder)
    rows = list(areas.read_geonames_areas(state.folder))
    primary = {name_key(place["name"]) for place, _ in rows}
    for place, names in rows:
        # GeoNames calls the South Atlantic *Atlantic Ocean* too: a name that is another
        # area's own name stays that area's.
        own = name_key(place["name"])
        names = [(n, lang) for n, lang in names if name_key(n) in (own, "") or name_key(n) not in primary]
        names += extra.get(place["id"], [])
        if place["kind"] == SEA:
            rowid = writer.merge(place, names)
            writer.add_names(rowid, _short_forms(state.folder, [n for n, _ in names], writer, rowid))
            continue
        keys = {name_key(place["name"]), *(name_key(n) for n, _ in names)} - {""}
        if any(_owner(writer, k, STATE_KINDS) for k in keys):  # *America*, *Micronesia*: a country's name
            place = {**place, "kind": REGION}
        same = next(filter(None, (_owner(writer, k, None, "m49:%") for k in keys)), None)
        if same is not None:
            _adopt_point(writer, same, place)
            place = {**place, "id": same}
        rowid = writer.upsert(place, names)
        writer.add_names(rowid, _short_forms(state.folder, [place["name"]], writer, rowid))
    for place, names in areas.read_marine(state.folder):
        if not _owner(writer, name_key(place["name"]), None):
            ref = f"wd:{place['id'].split(':')[1]}"
            writer.merge(place, names + extra.get(ref, []))
    _add_territories(writer, state, extra)


#: Kinds whose names a region never takes (countries and continents; not other macro-regions).
STATE_KINDS = tuple(sorted(COUNTRY_OR_WIDER - {MACROREGION}))


def _owner(writer: GazetteerWriter, key: str, kinds: tuple[str, ...] | None,
           id_like: str = "%", exclude: int = -1) -> str | None:
    """Id of a place (of ``kinds``, any when None; id matching ``id_like``) that has the name
    ``key``: one lookup on the names key, fast before the build's indexes exist."""
    kind_sql = f" AND p.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
    row = writer.conn.execute(
        "SELECT p.id FROM names n JOIN places p ON p.rowid = n.place WHERE n.key = ? AND p.id LIKE ? "
        f"AND n.place != ?{kind_sql} LIMIT 1", (key, id_like, exclude, *(kinds or ()))).fetchone()
    return row[0] if row else None


def _adopt_point(writer: GazetteerWriter, place_id: str, place: dict) -> None:
    """The M49 region takes the GeoNames point, people and kind (its derived point is a mean
    of member countries, which GeoNames' own point of the region supersedes)."""
    writer.conn.execute(
        "UPDATE places SET lat = ?, lon = ?, point_source = 'geonames', kind = ?, "
        "population = MAX(population, ?) WHERE id = ?",
        (place["lat"], place["lon"], place["kind"], place["population"], place_id))


def _short_forms(folder, names: list[str], writer: GazetteerWriter, rowid: int) -> list[tuple[str, str]]:
    """*North Africa* for *Northern Africa*, *Gulf* for *The Gulf* (``areas/region_words.json``),
    unless a country or continent already has that name (*South Africa* stays the country)."""
    words = json.loads((folder / "areas" / "region_words.json").read_text("utf-8"))
    candidates = []
    for lang, table in words["short_forms"].items():
        for long, short in table.items():
            candidates += [(short + n[len(long):], lang) for n in names if n.startswith(long + " ")]
    for lang, articles in words["articles"].items():
        candidates += [(n[len(a) + 1:], lang) for a in articles for n in names if n.startswith(a + " ")]
    return [(alias, lang) for alias, lang in candidates
            if not _owner(writer, name_key(alias), STATE_KINDS, exclude=rowid)]


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
