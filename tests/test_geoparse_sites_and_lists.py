"""Facilities and streets named after a place stand where the text puts them; the region after a place holds
it; a list names places of one kind. Sentences written for these tests, against the real default
gazetteer (no mocks)."""
from __future__ import annotations

import pytest

from geomap.geoparse import parse

pytestmark = pytest.mark.integration


def resolved(text, gazetteer):
    return {m.text: (m.name, m.kind, m.country_code) for m in parse(text, gazetteer=gazetteer)}


@pytest.mark.parametrize("text, name, site", [
    ("She teaches at Loyola University in Los Angeles and lives in Pasadena.", "Loyola", "Los Angeles"),
    ("The shop on Collins Avenue in Miami Beach reopened on Friday.", "Collins", "Miami Beach"),
    ("A professor at the University of St. Thomas in Houston said prices will rise.", "St. Thomas", "Houston"),
    ("A bomb went off at the Saint Peter and Saint Paul Coptic Orthodox Church in Cairo on Sunday.", "Saint Peter",
     "Cairo"),
])
def test_a_facility_named_after_a_place_is_where_the_text_puts_it(text, name, site, default_gazetteer):
    got = resolved(text, default_gazetteer)
    assert got[name][0] == site
    assert got[site][0] == site


def test_a_country_in_an_institutions_name_stays_the_country(default_gazetteer):
    got = resolved("Visitors to the Museum of Ireland in Dublin doubled.", default_gazetteer)
    assert got["Ireland"][:2] == ("Ireland", "country")


def test_a_list_of_facilities_is_not_a_facility_and_its_site(default_gazetteer):
    got = resolved("He applied to Florida Atlantic University, California State University and Yale.",
                   default_gazetteer)
    assert got["Florida"][:2] == ("Florida", "admin1")


def test_the_region_after_a_place_is_the_region_holding_it(default_gazetteer):
    got = resolved("Fans came from Olympia, Washington and from Miami, Orlando and Tampa.", default_gazetteer)
    assert got["Washington"] == ("Washington", "admin1", "US")


def test_a_town_before_its_state_stays_the_town(default_gazetteer):
    got = resolved("Plants in Washington, Pennsylvania, Ohio and Michigan closed.", default_gazetteer)
    assert got["Washington"][1] == "city" and got["Pennsylvania"][:2] == ("Pennsylvania", "admin1")


def test_an_item_of_a_list_of_states_is_a_state(default_gazetteer):
    got = resolved("Jobs are leaving states such as California or Washington for Texas.", default_gazetteer)
    assert got["Washington"] == ("Washington", "admin1", "US")


def test_a_street_the_text_does_not_locate_is_in_the_town_it_named_before(default_gazetteer):
    got = resolved("Police in Saskatoon said a man with a gun was seen on Northumberland Avenue on Sunday.",
                   default_gazetteer)
    assert got["Northumberland"][:2] == ("Saskatoon", "city")


def test_a_place_owning_a_street_stays_that_place(default_gazetteer):
    got = resolved("Visitors from Chicago crowded Boston's Newbury Street on Saturday.", default_gazetteer)
    assert got["Boston"][:2] == ("Boston", "city")
    assert got["Newbury"][0] == "Boston"


def test_a_sure_place_spelt_like_a_named_one_is_that_place(default_gazetteer):
    mentions = parse("Shelling hit the town of Mariupoll overnight, and officials in Mariupol said two people "
                     "died. Troops also entered the village of Qwertzhen.", gazetteer=default_gazetteer)
    got = {m.text: m for m in mentions}
    assert got["Mariupoll"].name == "Mariupol" and "spelling of Mariupol" in got["Mariupoll"].reason
    assert got["Mariupoll"].confidence < got["Mariupol"].confidence
    assert not got["Qwertzhen"].resolved  # like nothing the text names: stays a place the gazetteer lacks


@pytest.mark.parametrize("text", [
    "In the Belgian province of Luxembourg, hundreds of homes were flooded after heavy rain.",
    "Belgium's province of Luxembourg was flooded on Sunday.",
])
def test_a_country_written_before_the_cue_word_holds_the_place(text, default_gazetteer):
    got = resolved(text, default_gazetteer)
    assert got["Luxembourg"][2] == "BE" and got["Luxembourg"][1] != "country"


def test_a_country_that_holds_the_place_only_by_force_does_not_move_it(default_gazetteer):
    got = resolved("Troops from Belgium entered Luxembourg. The Russian-held city of Kherson was shelled.",
                   default_gazetteer)
    assert got["Luxembourg"][:2] == ("Luxembourg", "country") and got["Kherson"][2] == "UA"


def test_a_saints_name_in_a_facility_is_no_town_of_that_name(default_gazetteer):
    """*St. Mary's Hospital*, *the Saint Peter and Saint Paul Church*: named after a saint; the facility
    stands in the town the text named before it (else nowhere known), not in St Peter, Jersey."""
    from geomap.geoparse import parse

    alone = parse("Doctors at St. Mary's Hospital said he was stable.", lang="en", gazetteer=default_gazetteer)
    assert [(m.text, m.resolved) for m in alone] == [("St. Mary", False)]
    church = parse("In Cairo, a bomb exploded at the Saint Peter and Saint Paul Coptic Orthodox Church.",
                   lang="en", gazetteer=default_gazetteer)
    assert {m.text: m.name for m in church} == {"Cairo": "Cairo", "Saint Peter": "Cairo"}
    town = parse("He lives in St. Paul, Minnesota.", lang="en", gazetteer=default_gazetteer)
    assert town[0].name == "Saint Paul" and town[0].country_code == "US"
