"""German Landkreise and Kreise (issue 12): the committed extract ``gazetteer/kreise/kreise.tsv``
(BKG VG250 centroids, Destatis populations), the names each Kreis gets, and how they rank
against the towns of the same name in the real default gazetteer."""
from __future__ import annotations

import csv
import json

import pytest

from geomap.gazetteer import haversine_km
from geomap.gazetteer.paths import sources_dir
from geomap.gazetteer.sources import kreise
from geomap.geocode import geocode, rank
from geomap.geoparse.pipeline import parse_many

FOLDER = sources_dir() / "kreise"


def _table() -> list[dict]:
    with open(FOLDER / "kreise.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.unit
def test_extract_has_every_kreis_once_inside_germany_under_a_known_land():
    rows = _table()
    laender = json.loads((FOLDER / "laender.json").read_text("utf-8"))
    assert len(rows) == len({r["ags"] for r in rows}) >= 400
    assert {r["type"] for r in rows} == {"Landkreis", "Kreis", "Kreisfreie Stadt", "Stadtkreis"}
    for r in rows:
        assert 47.2 < float(r["lat"]) < 55.1 and 5.8 < float(r["lon"]) < 15.1, r
        assert r["land"] == laender["ags"][r["ags"][:2]] and r["land"] in laender["geonames_admin1"]


@pytest.mark.unit
def test_designated_forms_of_a_landkreis():
    names = kreise.kreis_names("Harburg", "Landkreis", kreise.forms(sources_dir()))
    assert names.display == "Landkreis Harburg"
    assert {"Landkreis Harburg", "Kreis Harburg", "LK Harburg", "Harburg (Landkreis)"} <= set(names.designated)
    assert names.bare == ("Harburg",)


@pytest.mark.unit
def test_abbreviations_written_out_and_short_form_before_the_qualifier():
    data = kreise.forms(sources_dir())
    names = kreise.kreis_names("Pfaffenhofen a.d. Ilm", "Landkreis", data)
    assert {"Landkreis Pfaffenhofen an der Ilm", "Landkreis Pfaffenhofen"} <= set(names.designated)
    assert "Landkreis Nienburg" in kreise.kreis_names("Nienburg (Weser)", "Landkreis", data).designated
    assert "Landkreis Landsberg" in kreise.kreis_names("Landsberg am Lech", "Landkreis", data).designated


@pytest.mark.unit
@pytest.mark.parametrize("name, bare", [
    ("Ostalbkreis", ("Ostalbkreis",)), ("Rhein-Sieg-Kreis", ("Rhein-Sieg-Kreis",)),
    ("Region Hannover", ("Region Hannover", "Hannover")),
])
def test_a_name_that_says_it_is_a_kreis_gets_no_designator(name, bare):
    names = kreise.kreis_names(name, "Landkreis", kreise.forms(sources_dir()))
    assert names.display == name and names.designated == () and names.bare == bare


@pytest.mark.integration
@pytest.mark.parametrize("name, ags, admin1", [
    ("Landkreis Harburg", "03353", "Lower Saxony"), ("Kreis Harburg", "03353", "Lower Saxony"),
    ("LK Harburg", "03353", "Lower Saxony"), ("Kreis Borken", "05554", "North Rhine-Westphalia"),
    ("Landkreis München", "09184", "Bavaria"), ("Landkreis Rostock", "13072", "Mecklenburg-Vorpommern"),
    ("Ostalbkreis", "08136", "Baden-Wurttemberg"), ("Landkreis Pfaffenhofen an der Ilm", "09186", "Bavaria"),
])
def test_designated_names_find_the_kreis(default_gazetteer, name, ags, admin1):
    best = geocode(name, gazetteer=default_gazetteer)[0]
    assert (best.id, best.kind, best.country_code, best.admin1) == (f"ags:{ags}", "admin2", "DE", admin1)


@pytest.mark.integration
def test_kreis_point_is_its_polygon_centroid(default_gazetteer):
    best = geocode("Landkreis Harburg", gazetteer=default_gazetteer)[0]
    assert haversine_km(best.lat, best.lon, 53.32, 9.96) < 5  # Winsen/Buchholz area, south of Hamburg


@pytest.mark.integration
@pytest.mark.parametrize("name", ["Harburg", "Borken", "München", "Rostock", "Hannover", "Pfaffenhofen an der Ilm"])
def test_bare_name_of_a_kreis_named_after_a_town_is_the_town(default_gazetteer, name):
    ranked = rank(default_gazetteer, name)
    assert ranked[0].kind == "city"
    assert not any(p.id.startswith("ags:") for p in ranked)


@pytest.mark.integration
@pytest.mark.parametrize("name", ["Emsland", "Ostalbkreis", "Vorpommern-Greifswald"])
def test_bare_name_of_a_kreis_no_town_bears_is_the_kreis(default_gazetteer, name):
    best = rank(default_gazetteer, name)[0]
    assert best.id.startswith("ags:") and best.kind == "admin2"


@pytest.mark.integration
def test_kreisfreie_staedte_are_not_duplicated(default_gazetteer):
    assert not any(p.id == "ags:09162" for p in rank(default_gazetteer, "München"))
    assert default_gazetteer.place("ags:09162") is None


@pytest.mark.integration
def test_kreis_points_are_marked_by_source(default_gazetteer):
    info = default_gazetteer.info()
    assert "admin2:vg250" in info["points_by_source"]
    assert "VG250" in info["point_policy"] and "gazetteer/kreise" in info["sources"]


@pytest.mark.integration
def test_kreise_in_german_news_text(default_gazetteer):
    text = ("Im Landkreis Harburg brannte am Montag eine Scheune. Auch im Kreis Borken gab es "
            "Einsätze. In Harburg blieb es ruhig.")
    result = parse_many([text], gazetteer=default_gazetteer)[0]
    found = {m.text: m for m in result.mentions if m.resolved}
    assert found["Landkreis Harburg"].id == "ags:03353"
    assert found["Kreis Borken"].id == "ags:05554"
    assert found["Harburg"].kind == "city"
