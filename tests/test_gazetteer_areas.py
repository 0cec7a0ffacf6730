"""Seas, oceans, macro-regions and disputed or de-facto territories (gazetteer/areas), against
the real default gazetteer. Reference points: the GeoNames points of the seas and regions
(geonames.org features 630673 Black Sea, 235616 Persian Gulf, 3373405 Atlantic Ocean,
6269133 Middle East, 615318 Caucasus Region, 2425938 Sahel), and for territories their
capitals or the centre of the area as Wikipedia's articles give them, within a tolerance
of the region's size."""
import csv

import pytest

from geomap.gazetteer import haversine_km
from geomap.gazetteer.paths import sources_dir
from geomap.gazetteer.sources import areas
from geomap.geocode import geocode
from geomap.geoparse.pipeline import parse_many

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("name, kind, lat, lon, km", [
    ("Atlantic Ocean", "sea", 10, -25, 50), ("Persian Gulf", "sea", 27, 51, 50),
    ("Teluk Persia", "sea", 27, 51, 50), ("Laut Hitam", "sea", 43.41, 34.30, 50),
    ("Karadeniz", "sea", 43.41, 34.30, 50), ("Pacific", "sea", 3.51, -132.19, 50),
    ("Gulf of Mexico", "sea", 25, -90, 300), ("Bosporus", "sea", 41.1, 29.05, 30),
    ("Middle East", "macroregion", 33.14, 35.86, 50), ("Ближний Восток", "macroregion", 33.14, 35.86, 50),
    ("Caucasus", "macroregion", 42, 45, 50), ("Sahel", "macroregion", 17.31, 2.46, 50),
    ("Balkans", "macroregion", 43.97, 22.12, 50), ("North Africa", "macroregion", 32.95, 9.98, 50),
    ("Nagorno-Karabakh", "region", 39.82, 46.76, 40), ("Dağlıq Qarabağ", "region", 39.82, 46.76, 40),
    ("Donbas", "region", 48.0, 38.5, 200), ("Darfur", "region", 13.0, 24.5, 250),
    ("Kurdistan Region", "region", 36.19, 44.01, 150), ("Golan Heights", "region", 33.0, 35.75, 40),
    ("South Ossetia", "region", 42.23, 43.97, 40), ("Somaliland", "region", 9.56, 44.07, 250),
])
def test_seas_regions_and_territories_resolve(default_gazetteer, name, kind, lat, lon, km):
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


def test_an_area_name_stays_with_the_area_whose_own_name_it_is(default_gazetteer):
    """GeoNames gives the South Atlantic the alias *Atlantic Ocean*; the name stays the ocean's."""
    assert geocode("Atlantic Ocean", gazetteer=default_gazetteer)[0].id == "gn:3373405"


def test_seas_and_regions_in_running_text(default_gazetteer):
    (result,) = parse_many(["Tankers crossed the Black Sea while talks on the Middle East and "
                            "Nagorno-Karabakh went on in the Caucasus."], gazetteer=default_gazetteer, lang="en")
    kinds = {m.text: m.kind for m in result.mentions if m.resolved}
    assert kinds == {"Black Sea": "sea", "Middle East": "macroregion", "Nagorno-Karabakh": "region",
                     "Caucasus": "macroregion"}


def test_every_table_row_reaches_the_gazetteer(default_gazetteer):
    """Each territory's members exist (else it would be left out silently) and every extra
    name's reference is a place that was built."""
    folder = sources_dir()
    for row in areas.read_territories(folder):
        got = geocode(row["name"], gazetteer=default_gazetteer)[0]
        assert got.id == f"area:{row['ref']}", row["name"]
    with open(folder / "areas" / "names.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            best = geocode(row["name"], gazetteer=default_gazetteer)[0]
            assert best.kind in ("sea", "macroregion", "region"), (row, best)


@pytest.mark.parametrize("name, usable", [
    ("PG", False), ("1- khlyj fars", False), ("alshrq alawst", False), ("Karadeniz", True),
    ("Laut Hitam", True), ("الشرق الأوسط", True), ("mer Noire", True),
])
def test_alternate_names_that_are_codes_or_transliterations_are_dropped(name, usable):
    assert areas.usable_name(name) is usable
