"""The seed article (Indonesian, serambinews 2020-10-01): every place mention,
with exact spans, against the real default gazetteer; then the two places the
default gazetteer lacks resolve once a user imports them."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geomap.geoparse import parse

SEED = Path(__file__).resolve().parents[1] / "data" / "serambinews_2020-10-01_karabakh.txt"

RESOLVED = {"Armenia": "Armenia", "Azerbaijan": "Azerbaijan", "Rusia": "Russia", "MOSKWA": "Moscow",
            "Perancis": "France", "Martakert": "Martakert", "Nagorno-Karabakh": "Nagorno-Karabakh",
            "Nagorny Karabakh": "Nagorno-Karabakh"}
#: The village is not in the default gazetteer. The Russian-style spelling is not either, but the
#: article also writes Nagorno-Karabakh (gazetteer/areas/territories.tsv): a spelling of it.
UNRESOLVED = {"Tonashen"}
#: Every place mention of the article, as (start, end, text); nothing else is a place.
EXPECTED_SPANS = [
    (19, 26, "Armenia"), (31, 41, "Azerbaijan"), (59, 64, "Rusia"), (108, 113, "Rusia"),
    (219, 226, "Armenia"), (231, 241, "Azerbaijan"), (259, 265, "MOSKWA"), (268, 273, "Rusia"),
    (379, 386, "Armenia"), (391, 401, "Azerbaijan"), (418, 434, "Nagorny Karabakh"), (475, 480, "Rusia"),
    (568, 584, "Nagorny Karabakh"), (742, 758, "Nagorny Karabakh"), (835, 845, "Azerbaijan"),
    (847, 863, "Nagorno-Karabakh"), (886, 893, "Armenia"), (933, 938, "Rusia"), (1010, 1017, "Armenia"),
    (1022, 1032, "Azerbaijan"), (1056, 1061, "Rusia"), (1129, 1134, "Rusia"), (1191, 1199, "Perancis"),
    (1341, 1346, "Rusia"), (1382, 1389, "Armenia"), (1498, 1508, "Azerbaijan"), (1510, 1517, "Armenia"),
    (1537, 1553, "Nagorny Karabakh"), (1727, 1737, "Azerbaijan"), (1796, 1803, "Armenia"),
    (1825, 1841, "Nagorny Karabakh"), (1900, 1907, "Armenia"), (1986, 1996, "Azerbaijan"),
    (2110, 2117, "Armenia"), (2164, 2172, "Tonashen"), (2180, 2187, "Armenia"), (2241, 2251, "Azerbaijan"),
    (2260, 2269, "Martakert"),
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.integration
def test_seed_spans_are_exactly_the_places(seed_text, default_gazetteer):
    mentions = parse(seed_text, gazetteer=default_gazetteer, doc_id="seed")
    assert [(m.start, m.end, m.text) for m in mentions] == EXPECTED_SPANS
    for m in mentions:
        assert seed_text[m.start:m.end] == m.text
        assert m.doc_id == "seed"


@pytest.mark.integration
def test_seed_resolution(seed_text, default_gazetteer):
    mentions = parse(seed_text, gazetteer=default_gazetteer)
    for m in mentions:
        if m.text in UNRESOLVED:
            assert not m.resolved and m.lat is None and m.name is None, m
            assert m.reason
        else:
            assert m.resolved and m.name == RESOLVED[m.text], m
    country = {m.text: m.country_code for m in mentions}
    assert country["Rusia"] == "RU" and country["MOSKWA"] == "RU" and country["Perancis"] == "FR"
    spelt = [m for m in mentions if m.text == "Nagorny Karabakh"]
    assert spelt and all("spelling of Nagorno-Karabakh" in m.reason and m.confidence < 1 for m in spelt)
    martakert = next(m for m in mentions if m.text == "Martakert")
    assert martakert.lat == pytest.approx(40.21, abs=0.01) and martakert.lon == pytest.approx(46.82, abs=0.01)
    assert martakert.country_code == "AZ"


@pytest.mark.integration
def test_people_and_outlets_are_not_places(seed_text, default_gazetteer):
    texts = {m.text for m in parse(seed_text, gazetteer=default_gazetteer)}
    for word in ("Lavrov", "Putin", "Vladimir", "Macron", "Emmanuel", "Aliyev", "Ilham", "BBC",
                 "SERAMBINEWS", "Media", "Luar", "Kamis", "Rabu", "Minggu", "Presiden", "Menteri"):
        assert word not in texts


@pytest.mark.integration
def test_seed_unresolved_names_resolve_once_imported(seed_text, default_home, tmp_path):
    from geomap.gazetteer import Gazetteer, default_gazetteer_path
    from geomap.gazetteer.importer import import_files

    places = tmp_path / "karabakh.csv"
    with places.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "lat", "lon", "aliases", "country", "kind"])
        writer.writerow(["Nagorno-Karabakh", "39.83", "46.75", "Nagorny Karabakh|Artsakh", "AZ", "region"])
        writer.writerow(["Tonashen", "40.1561", "46.6289", "", "AZ", "city"])
    import_files(default_gazetteer_path(), [places])
    with Gazetteer.open() as gazetteer:
        mentions = parse(seed_text, gazetteer=gazetteer)
    assert [(m.start, m.end, m.text) for m in mentions] == EXPECTED_SPANS
    assert all(m.resolved for m in mentions), [m for m in mentions if not m.resolved]
    karabakh = [m for m in mentions if "Karabakh" in m.text]
    assert {m.name for m in karabakh} == {"Nagorno-Karabakh"} and len(karabakh) == 6
    tonashen = next(m for m in mentions if m.text == "Tonashen")
    assert (tonashen.lat, tonashen.lon) == (40.1561, 46.6289)
