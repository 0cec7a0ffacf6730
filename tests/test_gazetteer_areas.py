"""Disputed and de-facto territories (gazetteer/areas), against the real default gazetteer.
Reference points: their capitals or the centre of the area as Wikipedia's articles give them,
within a tolerance of the region's size. Seas from a GeoNames dump the user imports: the real
GeoNames feature-code rule."""
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
    for row in areas.read_territories(folder):
        got = geocode(row["name"], gazetteer=default_gazetteer)[0]
        assert got.id == f"area:{row['ref']}", row["name"]
    with open(folder / "areas" / "names.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            best = geocode(row["name"], gazetteer=default_gazetteer)[0]
            assert best.kind in ("sea", "macroregion", "region"), (row, best)
