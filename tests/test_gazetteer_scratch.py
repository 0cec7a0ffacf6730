"""The bulk copy of a scratch file (the cities500 helper's output) into a gazetteer gives what
upserting the same places one by one gives: rowids in order, names, merges of known ids."""
from __future__ import annotations

import sqlite3

import pytest

from geomap.gazetteer.schema import PLACE_COLUMNS, SCRATCH_DDL
from geomap.gazetteer.writer import GazetteerWriter, keyed_names, sort_scratch, write_keys

KNOWN = {"id": "gn:1", "name": "Known", "lat": 1.0, "lon": 1.0, "kind": "country", "country_code": "AA",
         "population": 5, "source": "geonames", "point_source": "csc"}


def _city(seq: int, name: str, aliases: list[str]) -> tuple[dict, list]:
    place = {"id": f"gn:{seq}", "name": name, "lat": float(seq), "lon": 2.0, "kind": "city", "feature_code": "P.PPL",
             "country_code": "AA", "population": seq * 10, "source": "geonames", "point_source": "geonames"}
    return place, keyed_names([(name, None), *((a, None) for a in aliases)])


CITIES = [_city(5, "Five", ["Fünf", "Cinq"]), _city(1, "Known Town", ["Known"]), _city(7, "Seven", ["Sept", "Seven"])]


def _writer(path) -> GazetteerWriter:
    writer = GazetteerWriter(sqlite3.connect(path))
    writer.upsert(KNOWN)
    return writer


def _dump(conn) -> tuple[list, list]:
    return (conn.execute("SELECT rowid, * FROM places ORDER BY rowid").fetchall(),
            conn.execute("SELECT * FROM names ORDER BY key, place, name").fetchall())


def test_scratch_copy_equals_one_by_one_upserts(tmp_path):
    one_by_one = _writer(tmp_path / "a.sqlite")
    for place, keyed in CITIES:
        one_by_one.upsert(place, keyed=keyed)
    scratch = sqlite3.connect(tmp_path / "scratch.sqlite")
    for statement in SCRATCH_DDL.split(";")[:-1]:
        scratch.execute(statement)
    for seq, (place, keyed) in enumerate(CITIES):
        scratch.execute(f"INSERT INTO places VALUES ({', '.join('?' * (len(PLACE_COLUMNS) + 3))})",
                        (seq, *(place.get(c) for c in PLACE_COLUMNS), keyed[0][0], 0))
        scratch.executemany("INSERT INTO raw_names VALUES (?, ?, ?, ?)",
                            [(seq, key, name, lang) for key, name, lang in keyed])
    sort_scratch(scratch)
    scratch.commit()
    scratch.close()
    bulk = _writer(tmp_path / "b.sqlite")
    bulk.conn.commit()
    bulk.conn.execute("ATTACH DATABASE ? AS scratch", (str(tmp_path / "scratch.sqlite"),))
    rowids = bulk.add_scratch("scratch")
    bulk.flush()
    assert rowids == {0: 2, 1: 1, 2: 3}  # the known id merged into place 1, new places in order
    assert _dump(bulk.conn) == _dump(one_by_one.conn)
    assert (bulk.places_added, bulk.names_added) == (one_by_one.places_added, one_by_one.names_added)


def _keys_dump(conn) -> tuple[list, list, list]:
    return (conn.execute("SELECT * FROM keys ORDER BY key").fetchall(),
            conn.execute("SELECT length, key FROM keys INDEXED BY keys_length_key ORDER BY length, key").fetchall(),
            conn.execute("SELECT length, rkey FROM keys INDEXED BY keys_length_rkey ORDER BY length, rkey").fetchall())


def _scratch_file(path, cities=CITIES, first_seq: int = 0) -> None:
    scratch = sqlite3.connect(path)
    for statement in SCRATCH_DDL.split(";")[:-1]:
        scratch.execute(statement)
    for seq, (place, keyed) in enumerate(cities, start=first_seq):
        scratch.execute(f"INSERT INTO places VALUES ({', '.join('?' * (len(PLACE_COLUMNS) + 3))})",
                        (seq, *(place.get(c) for c in PLACE_COLUMNS), keyed[0][0], 0))
        scratch.executemany("INSERT INTO raw_names VALUES (?, ?, ?, ?)", [(seq, *entry) for entry in keyed])
    sort_scratch(scratch)
    scratch.commit()
    scratch.close()


def test_key_file_copy_equals_keys_made_from_the_names(tmp_path):
    """The build's helper keys the cities' names in a file of its own (write_keys) and the
    writer copies it and adds the keys of its other names: the same key table and indexes as
    the keys finish() makes from every name."""
    _scratch_file(tmp_path / "scratch.sqlite")
    made = {}
    for label, key_file in (("from names", None), ("copied", tmp_path / "keys.sqlite")):
        writer = GazetteerWriter(sqlite3.connect(tmp_path / f"{label}.sqlite"), keep_keys=True)
        writer.upsert(KNOWN, [("Fünf", "de"), ("Connu", "fr")])  # Fünf: a key the cities have too
        writer.conn.commit()
        writer.conn.execute("ATTACH DATABASE ? AS scratch", (str(tmp_path / "scratch.sqlite"),))
        writer.add_scratch("scratch")
        writer.conn.commit()
        writer.conn.execute("DETACH DATABASE scratch")
        writer.add_names(1, [("Known Land", None)])
        if key_file is not None:
            assert write_keys(str(tmp_path / "scratch.sqlite"), str(key_file)) == [str(key_file)]
            writer.copy_keys(str(key_file))
        writer.finish({})
        made[label] = _keys_dump(writer.conn)
    assert made["copied"] == made["from names"]
    assert {"connu", "known land", "funf", "sept"} <= {row[0] for row in made["copied"][0]}


def test_key_file_copy_refuses_a_writer_without_its_keys(tmp_path):
    _scratch_file(tmp_path / "scratch.sqlite")
    write_keys(str(tmp_path / "scratch.sqlite"), str(tmp_path / "keys.sqlite"))
    writer = _writer(tmp_path / "a.sqlite")  # made without keep_keys: it kept no keys to add
    with pytest.raises(ValueError, match="keep_keys"):
        writer.copy_keys(str(tmp_path / "keys.sqlite"))


def test_scratch_files_in_parts_copy_as_one(tmp_path):
    """The build copies cities500's parts (numbered from part * PART_SEQ) in one add_scratch: the
    same rows, rowids and merges as upserting every city in file order."""
    from geomap.gazetteer.sources.cities500 import PART_SEQ

    one_by_one = _writer(tmp_path / "a.sqlite")
    for place, keyed in CITIES:
        one_by_one.upsert(place, keyed=keyed)
    bulk = _writer(tmp_path / "b.sqlite")
    bulk.conn.commit()
    for part, cities in enumerate((CITIES[:2], CITIES[2:])):
        path = tmp_path / f"part{part}.sqlite"
        _scratch_file(path, cities, part * PART_SEQ)
        bulk.conn.execute(f"ATTACH DATABASE ? AS part{part}", (str(path),))
    assert bulk.add_scratch("part0", "part1") == {0: 2, 1: 1, PART_SEQ: 3}
    bulk.flush()
    assert _dump(bulk.conn) == _dump(one_by_one.conn)
    assert (bulk.places_added, bulk.names_added) == (one_by_one.places_added, one_by_one.names_added)
