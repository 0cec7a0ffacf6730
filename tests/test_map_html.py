"""``geomap map`` end to end on real files: self-contained, escaped, atomic."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import geopandas
import pytest

from geomap.cli import main
from geomap.maps import MapWarning, make_map, render_html

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
pytestmark = pytest.mark.integration


def _run(*argv: str) -> int:
    return main(list(argv))


def test_map_is_self_contained_and_escapes_article_text(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert _run("map", str(SEED), "-o", str(out), "--tiles", "none", "--title", "<b>Karabakh</b>") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert "skipped 2 of 8 rows: 1 without coordinates, 1 without a usable date" in captured.err
    page = out.read_text("utf-8")
    # nothing is loaded from anywhere: no src/href to a script or stylesheet
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+stylesheet", page)
    assert "L.map(" in page and "geomap.eventMap(" in page
    # the hostile title exists only inside the JSON payload, with its "<" escaped
    assert "<img src=x" not in page
    assert "\\u003cimg src=x onerror=alert(1)>" in page
    assert "javascript:alert(2)" not in page
    assert "<title>&lt;b&gt;Karabakh&lt;/b&gt;</title>" in page


def test_tiles_are_the_only_network_use(tmp_path):
    page = render_html(make_map(geopandas.read_file(SEED).dropna(subset=["date_start", "lat"]), tiles="Esri.WorldGrayCanvas"))
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    tile_templates = {u for u in urls if "{z}" in u}
    assert tile_templates and all("server.arcgisonline.com" in u for u in tile_templates)
    assert not [u for u in urls if u.endswith((".js", ".css"))]


def test_library_warns_about_skipped_rows():
    with pytest.warns(MapWarning, match="skipped 2 of 8 rows"):
        folium_map = make_map(geopandas.read_file(SEED), tiles="none")
    assert "geomap.eventMap(" in folium_map._repr_html_()  # Jupyter shows it inline (iframe srcdoc)


def test_empty_events_still_give_a_valid_map(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("lat,lon,date\n")
    out = tmp_path / "map.html"
    assert _run("map", str(empty), "-o", str(out), "--tiles", "none") == 0
    assert "no events to draw" in capsys.readouterr().err
    assert '"count":0' in out.read_text("utf-8")


@pytest.mark.parametrize(("argv", "message"), [
    (["--lat", "Breite"], "no column 'Breite' for lat"),
    (["--window", "soon"], "bad time window 'soon'"),
    (["--tiles", "Nope"], "unknown tile provider 'Nope'"),
    (["--ui-lang", "xx"], "no map interface language 'xx'"),
])
def test_bad_options_give_one_line_and_no_file(tmp_path, capsys, argv, message):
    out = tmp_path / "map.html"
    assert _run("map", str(SEED), "-o", str(out), *argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("geomap: error: ") and message in err and err.count("\n") == 1
    assert not out.exists() and not list(tmp_path.glob(".*tmp"))


def test_bad_file_keeps_the_previous_map(tmp_path, capsys):
    out = tmp_path / "map.html"
    out.write_text("previous")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"lat,lon,date\n\"1,2")
    assert _run("map", str(broken), "-o", str(out)) == 2
    assert out.read_text() == "previous"
    assert "geomap: error:" in capsys.readouterr().err


def test_embed_prints_an_iframe_for_an_existing_file(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert _run("map", str(SEED), "-o", str(out), "--tiles", "none") == 0
    capsys.readouterr()
    assert _run("map", str(out), "--embed") == 0
    snippet = capsys.readouterr().out.strip()
    assert snippet.startswith('<iframe src="map.html" ') and 'sandbox="allow-scripts' in snippet
    assert _run("map", str(out), "--embed", "--srcdoc") == 0
    inline = capsys.readouterr().out
    assert inline.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert _run("map", str(SEED), "--embed") == 2


def test_geomap_import_stays_light():
    code = "import sys, geomap, geomap.maps; print(sorted(m for m in ('folium', 'pandas', 'geopandas') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_article_text_is_never_run_as_a_template():
    frame = geopandas.read_file(SEED).dropna(subset=["date_start", "lat"])
    frame.loc[frame.index[0], "quote"] = "{{ 7 * 7 }} {% if x %} \u2028 {# c #}"
    page = render_html(make_map(frame, tiles="none", compress=False))
    assert "{{ 7 * 7 }} {% if x %} \\u2028 {# c #}" in page


def test_basemap_is_embedded_by_default_within_its_budget(tmp_path):
    with_map, without = tmp_path / "with.html", tmp_path / "without.html"
    assert _run("map", str(SEED), "-o", str(with_map), "--tiles", "none", "--ui-lang", "es") == 0
    assert _run("map", str(SEED), "-o", str(without), "--tiles", "none", "--no-basemap") == 0
    page, plain = with_map.read_text("utf-8"), without.read_text("utf-8")
    assert 'id="geomap-basemap" data-encoding="gzip+base64"' in page and "geomap-basemap\" data-enc" not in plain
    assert 'id="geomap-basemap"' not in plain
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">') and '<html lang="en">' in plain
    assert 0 < len(page.encode()) - len(plain.encode()) <= 1_000_000
    assert "Basemap: " in page and "Basemap: " not in plain  # the credit goes with the data


def test_map_credits_every_data_source_it_may_show():
    """The licences ask for credit on the map: GeoNames (CC BY), countries-states-cities (ODbL),
    BKG for the German Kreise' points (GeoNutzV / dl-de/by), Natural Earth for the basemap."""
    page = render_html(make_map(geopandas.read_file(SEED).dropna(subset=["date_start", "lat"]), tiles="none"))
    # the attribution travels in the page's JSON options, "<" escaped
    for credit in ("GeoNames\\u003c/a> (CC BY 4.0)", "countries-states-cities\\u003c/a> (ODbL)",
                   "&copy; GeoBasis-DE / BKG", "Basemap: \\u003ca href=\\\"https://www.naturalearthdata.com/"):
        assert credit in page, credit
