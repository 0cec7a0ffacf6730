"""Disputed and de-facto territories, IHO S-23 seas and oceans and CIA World Factbook regions
(gazetteer/areas), against the real default gazetteer. Reference points: their capitals or the
centre of the area as Wikipedia's articles give them, within a tolerance of the area's size.
Seas from a GeoNames dump the user imports: the real GeoNames feature-code rule. (That every
sea point lies in water is checked against Natural Earth's land by bench/check_sea_points.py.)"""
import csv

import pytest

from geomap.gazetteer import haversine_km
from geomap.gazetteer.paths import sources_dir
from geomap.gazetteer.sources import areas
from geomap.geocode import geocode
from geomap.geoparse.pipeline import parse_many

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name, kind, lat, lon, km", [
    ("Nagorno-Karabakh", "region", 39.82, 46.76, 40), ("Dağlıq Qarabağ", "region", 39.82, 46.76, 40),
    ("Donbas", "region", 48.0, 38.5, 200), ("Darfur", "region", 13.0, 24.5, 250),
    ("Kurdistan Region", "region", 36.19, 44.01, 150), ("Golan Heights", "region", 33.0, 35.75, 40),
    ("South Ossetia", "region", 42.23, 43.97, 40), ("Somaliland", "region", 9.56, 44.07, 250),
    ("Kashmir", "macroregion", 34.5, 75.5, 350),
])
def test_territories_resolve(default_gazetteer, name, kind, lat, lon, km):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert best.kind == kind, best
    assert haversine_km(best.lat, best.lon, lat, lon) < km, best


@pytest.mark.parametrize("name, kind", [
    ("Western Sahara", "country"), ("Transnistria", "admin1"), ("Abkhazia", "admin1"), ("Crimea", "admin1"),
])
def test_territories_geonames_already_has_stay_its_places(default_gazetteer, name, kind):
    assert geocode(name, gazetteer=default_gazetteer)[0].kind == kind


def test_a_country_keeps_its_name_before_a_region_of_that_name(default_gazetteer):
    assert geocode("Micronesia", gazetteer=default_gazetteer)[0].kind == "country"
    assert geocode("South Africa", gazetteer=default_gazetteer)[0].kind == "country"


def test_territories_in_running_text(default_gazetteer):
    (result,) = parse_many(["Talks on Nagorno-Karabakh and the Golan Heights went on while fighting "
                            "spread in Darfur."], gazetteer=default_gazetteer, lang="en")
    kinds = {m.text: m.kind for m in result.mentions if m.resolved}
    assert kinds == {"Nagorno-Karabakh": "region", "Golan Heights": "region", "Darfur": "region"}


@pytest.mark.parametrize("name, kind, lat, lon, km", [
    # The names of the issue, in English and in the languages it quotes.
    ("Atlantic Ocean", "sea", 0.0, -30.0, 2500), ("Persian Gulf", "sea", 26.0, 52.0, 300),
    ("Black Sea", "sea", 44.0, 35.0, 300), ("Middle East", "macroregion", 29.0, 42.0, 1500),
    ("Laut Hitam", "sea", 44.0, 35.0, 300), ("Teluk Persia", "sea", 26.0, 52.0, 300),
    ("Ближний Восток", "macroregion", 29.0, 42.0, 1500),
    ("Red Sea", "sea", 20.0, 38.5, 400), ("Gulf of Aden", "sea", 12.5, 48.0, 300),
    ("Strait of Gibraltar", "sea", 35.97, -5.5, 50), ("South China Sea", "sea", 12.0, 113.0, 600),
    ("Sea of Azov", "sea", 46.0, 36.5, 150), ("Mittelmeer", "sea", 35.0, 18.0, 800),
    ("Mer Noire", "sea", 44.0, 35.0, 300), ("خلیج فارس", "sea", 26.0, 52.0, 300),
    ("Pacific Ocean", "sea", 0.0, -160.0, 4000), ("Indian Ocean", "sea", -20.0, 80.0, 3000),
])
def test_seas_and_regions_resolve(default_gazetteer, name, kind, lat, lon, km):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert best.kind == kind, best
    assert haversine_km(best.lat, best.lon, lat, lon) < km, best


def test_a_sea_beats_the_province_named_after_it(default_gazetteer):
    """*Red Sea* is a state of Sudan and a governorate of Egypt; a news text naming it alone
    means the water."""
    assert geocode("Red Sea", gazetteer=default_gazetteer)[0].kind == "sea"


def test_seas_in_running_text_and_common_words_not(default_gazetteer):
    (result,) = parse_many(["Tankers crossing the gulf slowed as the sea grew rough, officials in the region "
                            "said. Warships in the Black Sea and the Persian Gulf were put on alert, and a storm "
                            "over the ocean moved towards the Middle East."], gazetteer=default_gazetteer, lang="en")
    kinds = {m.text: m.kind for m in result.mentions if m.resolved}
    assert kinds == {"Black Sea": "sea", "Persian Gulf": "sea", "Middle East": "macroregion"}


def test_seas_in_other_languages_in_running_text(default_gazetteer):
    texts = ["Kapal perang berlayar di Laut Hitam, sementara ketegangan di Teluk Persia meningkat.",
             "Ближний Восток снова в центре внимания.", "La situation au Moyen-Orient reste tendue."]
    results = parse_many(texts, gazetteer=default_gazetteer)
    found = [{m.text: m.kind for m in r.mentions if m.resolved} for r in results]
    assert found == [{"Laut Hitam": "sea", "Teluk Persia": "sea"}, {"Ближний Восток": "macroregion"},
                     {"Moyen-Orient": "macroregion"}]


@pytest.mark.parametrize("text, lang, names", [
    ("Des navires ont été attaqués en mer Rouge, puis dans le golfe Persique.", "fr", {"mer Rouge", "golfe Persique"}),
    ("Ils ont franchi le détroit de Gibraltar avant le golfe d'Aden.", "fr", {"détroit de Gibraltar", "golfe d'Aden"}),
    ("Los buques cruzaron el mar Rojo hacia el océano Índico.", "es", {"mar Rojo", "océano Índico"}),
    ("Le navi sono entrate nel mar Nero.", "it", {"mar Nero"}),
    ("Корабли вошли в Чёрное море, танкер прошёл через Персидский залив.", "ru", {"Чёрное море", "Персидский залив"}),
])
def test_a_sea_name_with_its_generic_word_in_lower_case(default_gazetteer, text, lang, names):
    """French, Spanish, Italian write *mer*, *mar*, *golfe* in lower case before the name, Russian
    *море*, *залив* after it (geoparse data lexicon.json, water_words)."""
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang=lang)
    found = {m.text: m.kind for m in result.mentions if m.resolved}
    assert found == {name: "sea" for name in names}


def test_a_lower_case_generic_word_alone_is_no_place(default_gazetteer):
    (result,) = parse_many(["La mer était calme et le golfe restait désert."], gazetteer=default_gazetteer, lang="fr")
    assert [m.text for m in result.mentions] == []


@pytest.mark.parametrize("name, lat, lon, km", [
    ("Yorkshire", 53.96, -1.08, 80), ("West Yorkshire", 53.80, -1.55, 30), ("Greater Manchester", 53.48, -2.24, 25),
    ("Berkshire", 51.45, -0.97, 35), ("Cheshire", 53.19, -2.89, 40), ("Merseyside", 53.41, -2.98, 20),
])
def test_english_counties_no_geonames_division_is_named_for(default_gazetteer, name, lat, lon, km):
    """Reference points: the county towns or main cities (York, Leeds, Manchester, Reading, Chester,
    Liverpool). The US towns Yorkshire (Virginia) and Berkshire County (Massachusetts) come after."""
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert (best.kind, best.country_code) == ("admin2", "GB"), best
    assert haversine_km(best.lat, best.lon, lat, lon) < km, best


def test_a_place_listed_after_its_english_county(default_gazetteer):
    (result,) = parse_many(["Rounds at Oulton Park, Cheshire, then Croft, Yorkshire, in June."],
                           gazetteer=default_gazetteer, lang="en")
    assert {m.text: m.country_code for m in result.mentions if m.resolved}.get("Yorkshire") == "GB"
    assert {m.text: m.country_code for m in result.mentions if m.resolved}.get("Cheshire") == "GB"


def test_sea_and_region_tables_are_whole_and_cited():
    """Every row has a point on the globe and cites IHO S-23 or the CIA World Factbook; refs are unique."""
    folder = sources_dir()
    refs = []
    for table, source in (("seas.tsv", ("IHO S-23", "CIA World Factbook")), ("regions.tsv", ("CIA World Factbook",))):
        for row in areas.read_points(folder, table):
            assert -90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180, row
            assert row["source"].startswith(source), row
            refs.append(row["ref"])
    assert len(refs) == len(set(refs))
    assert len(refs) > 100


@pytest.mark.parametrize("feature, kind", [
    (("H", "SEA"), "sea"), (("H", "OCN"), "sea"), (("H", "GULF"), "sea"), (("H", "STRT"), "sea"),
    (("H", "CHN"), "other"), (("H", "BAY"), "other"), (("P", "PPL"), "city"), (("L", "RGN"), "region"),
])
def test_an_imported_geonames_dump_brings_its_seas(feature, kind):
    from geomap.gazetteer.sources.geonames_dump import kind_of

    assert kind_of(*feature) == kind


def test_every_table_row_reaches_the_gazetteer(default_gazetteer):
    """Each territory's members exist (else it would be left out silently) and every extra
    name's reference is a place that was built."""
    folder = sources_dir()
    for table in ("territories.tsv", "counties.tsv"):
        for row in areas.read_territories(folder, table):
            got = geocode(row["name"], gazetteer=default_gazetteer)[0]
            assert got.id == f"area:{row['ref']}", row["name"]
    for table in ("seas.tsv", "regions.tsv"):
        for row in areas.read_points(folder, table):
            got = geocode(row["name"], gazetteer=default_gazetteer)[0]
            assert got.id == row["ref"], (row["name"], got)
    with open(folder / "areas" / "names.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            best = geocode(row["name"], gazetteer=default_gazetteer)[0]
            assert best.kind in ("sea", "macroregion", "region"), (row, best)
