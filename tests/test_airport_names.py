"""Which names an airport gets, on rows copied from the airportsdata package
(tests/data/airportsdata_extract.csv; provenance in tests/data/README.md)."""
import csv

import pytest

from geomap.gazetteer.paths import sources_dir
from geomap.gazetteer.sources.airports import airport_names

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def rows():
    from conftest import DATA

    with open(DATA / "airportsdata_extract.csv", encoding="utf-8", newline="") as handle:
        return {row["icao"]: row for row in csv.DictReader(handle)}


def names(rows, icao):
    return {name for name, _lang in airport_names(rows[icao], sources_dir())}


def test_bare_one_word_names_of_scheduled_airports(rows):
    assert {"Heathrow", "Heathrow Airport", "London Heathrow Airport", "LHR", "EGLL"} <= names(rows, "EGLL")
    assert {"Schiphol", "Schiphol Airport"} <= names(rows, "EHAM")  # "Airport" inside the name
    assert {"Sheremetyevo", "Sheremetyevo Airport"} <= names(rows, "UUEE")


def test_several_word_names_only_with_the_designator(rows):
    jfk = names(rows, "KJFK")
    assert {"JFK", "JFK Airport", "John F Kennedy Airport"} <= jfk and "John F Kennedy" not in jfk
    assert "Charles de Gaulle" not in names(rows, "LFPG")


def test_no_bare_name_without_an_iata_code(rows):
    strip = names(rows, "00AA")
    assert "Aero B Ranch" not in strip and "Aero B Ranch Airport" in strip
    assert "Tunduru" not in names(rows, "HTTU")


def test_codes_carry_their_pseudo_language(rows):
    langs = dict(airport_names(rows["KORD"], sources_dir()))
    assert langs["ORD"] == "iata" and langs["KORD"] == "icao"
