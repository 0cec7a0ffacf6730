"""What an analyst does with a map, in a real headless Chromium with the network blocked:
reading vague places, paging stacked events, the time range, filters, downloads, links,
phone width, print, keyboard and accessibility (axe-core from the axe-playwright-python package)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geopandas
import pandas
import pytest

from browser_helpers import axe_violations, chromium, layer_stats, open_page  # noqa: F401  (fixtures)
from geomap.maps import make_map, write_html

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_events():
    frame = geopandas.read_file(SEED)
    return frame[frame["lat"].notna() & frame["date_start"].notna()]


def _stacked(seed_events) -> pandas.DataFrame:
    """The seed events plus two more reported at Martakert's exact point (same place, other articles)."""
    martakert = seed_events[seed_events["place"] == "Martakert"]
    extra = pandas.concat([martakert, martakert]).assign(event_type=["shelling", "protest"], fatalities=[1, None],
                                                           event_id=["x1", "x2"])
    return pandas.DataFrame(pandas.concat([seed_events, extra], ignore_index=True).drop(columns="geometry"))


def _timeline() -> pandas.DataFrame:
    """60 events over 2009, one typo'd into 1884 and one historical (a 1950 anniversary)."""
    days = pandas.date_range("2009-01-01", periods=60, freq="6D")
    rows = [{"lat": 50.45 + k * 0.01, "lon": 30.52, "date": d.date().isoformat(), "event_type": "protest",
             "place": "Kyiv", "country": "Ukraine", "country_code": "UA", "geo_precision": 1,
             "fatalities": k % 4, "historical": "false"} for k, d in enumerate(days)]
    rows.append({**rows[0], "date": "1884-05-02", "event_type": "battle"})
    rows.append({**rows[1], "date": "1950-06-25", "historical": "true", "event_type": "battle", "place": "Seoul",
                 "lat": 37.57, "lon": 126.98, "country": "South Korea", "country_code": "KR"})
    rows.append({**rows[2], "event_type": "crime", "place": "Lviv", "lat": 49.84, "lon": 24.03,
                 "quote": '=HYPERLINK("http://x") "quoted", comma'})
    return pandas.DataFrame(rows)


def _write(tmp_path, events, name="map.html", **options) -> Path:
    return write_html(make_map(events, **{"tiles": "none", **options}), tmp_path / name)


def _open_stack(page):
    """Click the drawn group that holds Martakert's stacked events until its popup opens."""
    for _ in range(8):
        target = page.evaluate("""() => {
            const layer = geomap.layers[0], ev = layer.events;
            const c = layer.clusters.find(c => c.members.filter(i => ev.text('place', i) === 'Martakert').length === 3);
            return c && {x: c.x, y: c.y};
        }""")
        assert target, "Martakert's three events are not drawn together"
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        page.wait_for_timeout(400)
        if page.locator(".geomap-pager").count():
            return page.locator(".leaflet-popup-content")
    raise AssertionError("no popup with a pager opened")


def test_country_level_event_is_drawn_hollow_and_said_vaguely(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events))
    from test_map_browser import _screen_pixels

    color = page.evaluate("geomap.COLORS.diplomacy")
    moscow, russia = _screen_pixels(page, [[55.75222, 37.61556], seed_events[seed_events["place"] == "Russia"]
                                           [["lat", "lon"]].iloc[0].tolist()])
    target = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
    assert max(abs(a - b) for a, b in zip(moscow, target)) < 40  # a town: a filled dot of its type colour
    assert min(russia) > 200  # the country centroid: hollow, the land shows through
    page.evaluate("() => { const layer = geomap.layers[0], ev = layer.events;"
                  " layer.openPopup([...Array(ev.count).keys()].filter(i => ev.text('place', i) === 'Russia'), L.latLng(60, 100)); }")
    assert "somewhere in Russia (country-level)" in page.locator(".leaflet-popup-content").inner_text()
    assert log.page_errors == []


def test_paging_stacked_events_by_mouse_keyboard_touch_and_list(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, _stacked(seed_events)), touch=True)
    popup = _open_stack(page)
    label = popup.locator(".geomap-page-label")
    assert label.inner_text() == "1 of 3 events here"
    popup.locator(".geomap-page-next").click()
    assert page.locator(".leaflet-popup").count() == 1 and label.inner_text() == "2 of 3 events here"
    page.keyboard.press("ArrowRight")
    assert label.inner_text() == "3 of 3 events here" and popup.locator(".geomap-page-next").is_disabled()
    popup.locator(".geomap-page-back").tap()
    assert page.locator(".leaflet-popup").count() == 1 and label.inner_text() == "2 of 3 events here"
    popup.locator(".geomap-list-toggle").click()
    items = popup.locator(".geomap-popup-list .geomap-list-item")
    assert items.count() == 3
    items.nth(0).click()
    assert label.inner_text() == "1 of 3 events here" and page.locator(".leaflet-popup").count() == 1
    assert log.page_errors == []


def test_time_range_leaves_out_historical_and_outliers_and_legend_follows(tmp_path, open_page):
    page, log = open_page(_write(tmp_path, _timeline()))
    slider = page.locator(".geomap-slider")
    first = page.evaluate("geomap.layers[0].events.data.firstDay")
    day = lambda iso: (pandas.Timestamp(iso) - pandas.Timestamp("1970-01-01")).days - first  # noqa: E731
    assert (int(slider.get_attribute("min")), int(slider.get_attribute("max"))) == (day("2009-01-01"), day("2009-12-21"))
    assert "1884-05-02" in page.locator(".geomap-outliers").inner_text()
    assert layer_stats(page)["visibleEvents"] == 62  # the 1884 outlier counts in the cumulative view, 1950 does not
    page.locator(".geomap-tools > summary").click()
    page.locator(".geomap-show-historical").check()
    assert layer_stats(page)["visibleEvents"] == 63
    page.locator(".geomap-window-select").select_option("30")
    stats = layer_stats(page)
    counts = page.locator(".geomap-legend .geomap-count").all_inner_texts()
    assert sum(int(c.replace(",", "")) for c in counts) == stats["visibleEvents"] < 10
    assert page.locator(".geomap-histogram").bounding_box()["height"] >= 40
    assert log.page_errors == []


def test_filters_search_downloads_and_the_link(tmp_path, open_page):
    path = _write(tmp_path, _timeline())
    page, log = open_page(path)
    page.locator(".geomap-tools > summary").click()
    page.select_option(".geomap-country", "Ukraine")
    page.fill(".geomap-min-fatalities", "3")
    assert layer_stats(page)["visibleEvents"] == 15  # 60 protests with k % 4 == 3, none of the others
    page.fill(".geomap-min-fatalities", "0")
    page.fill(".geomap-search", "lviv")
    page.wait_for_function("geomap.layers[0].stats.visibleEvents === 1")
    with page.expect_download() as download:
        page.locator(".geomap-download-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert len(rows) == 1 and rows[0]["place"] == "Lviv"
    assert rows[0]["quote"] == '\'=HYPERLINK("http://x") "quoted", comma'  # a spreadsheet shows it, never runs it
    with page.expect_download() as download:
        page.locator(".geomap-download-geojson").click()
    features = json.loads(Path(download.value.path()).read_text("utf-8"))["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[24.03, 49.84]]
    with page.expect_download() as download:
        page.locator(".geomap-save-png").click()
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.wait_for_function("location.hash.includes('q=lviv')")
    link = page.evaluate("location.hash")
    again, _ = open_page(path, hash=link)
    assert layer_stats(again)["visibleEvents"] == 1 and again.locator(".geomap-search").input_value() == "lviv"
    assert again.evaluate("geomap.layers[0]._map.getZoom()") == page.evaluate("geomap.layers[0]._map.getZoom()")
    assert log.page_errors == [] and log.blocked == []


def test_hexbin_mode_and_keyboard_list(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events))
    page.locator(".geomap-tools > summary").click()
    page.select_option(".geomap-mode", "hexbin")
    assert layer_stats(page)["drawnClusters"] > 0 and page.locator(".geomap-density-key").is_visible()
    page.select_option(".geomap-mode", "clusters")
    page.locator(".geomap-event-list summary").click()
    items = page.locator(".geomap-event-list .geomap-list-item")
    page.wait_for_function("document.querySelectorAll('.geomap-event-list .geomap-list-item').length === 6",
                           timeout=10_000)  # the list fills on the next frame
    items.first.focus()
    page.keyboard.press("Enter")
    assert "2020-09-27" in page.locator(".leaflet-popup-content").inner_text()
    assert log.page_errors == []


def test_phone_width_collapses_the_legend_and_keeps_popups_inside(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, _stacked(seed_events)), width=390, height=740)
    assert page.locator(".geomap-legend-body").is_hidden()
    page.locator(".geomap-collapse").click()
    assert page.locator(".geomap-legend-body").is_visible()
    _open_stack(page)
    page.wait_for_timeout(400)  # the popup pans the map into view
    box = page.locator(".leaflet-popup").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0
    assert log.page_errors == []


def test_print_hides_controls(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, seed_events))
    page.emulate_media(media="print")
    assert page.locator(".leaflet-control-zoom").is_hidden() and page.locator(".geomap-slider").is_hidden()
    assert page.locator(".geomap-tools").is_hidden() and page.locator(".geomap-legend").is_visible()


def test_spanish_interface(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, seed_events, lang="es"))
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator(".geomap-legend-title").inner_text() == "Tipos de evento"
    assert page.locator(".geomap-range-label").inner_text() == "hasta 2020-10-01 \u00b7 6 eventos"


def test_axe_finds_no_serious_violation_on_the_map(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, _stacked(seed_events)))
    _open_stack(page)
    page.locator(".geomap-tools > summary").click()
    assert axe_violations(page) == []
    # the check can fail: text a reader cannot see is caught
    page.evaluate("() => { const p = document.createElement('p'); p.textContent = 'faint';"
                  " p.style.cssText = 'color:#d0d0d0;background:#fff;position:fixed;top:0;left:300px;z-index:9999';"
                  " document.body.appendChild(p); }")
    assert "color-contrast" in [v["id"] for v in axe_violations(page)]


def test_the_densest_place_stands_out_in_both_modes(tmp_path, open_page):
    """3,000 events in one town among 2,000 spread over a continent: its ring is the biggest
    and, as hexagons, its cell alone has the darkest colour on screen."""
    import numpy

    rng = numpy.random.default_rng(7)
    spread = pandas.DataFrame({"lat": rng.uniform(-30, 30, 2000), "lon": rng.uniform(-15, 45, 2000)})
    hotspot = pandas.DataFrame({"lat": 9.03 + rng.normal(0, 0.05, 3000), "lon": 38.74 + rng.normal(0, 0.05, 3000)})
    frame = pandas.concat([spread, hotspot], ignore_index=True).assign(
        date=[f"2021-{1 + k % 12:02d}-{1 + k % 28:02d}" for k in range(5000)], event_type="protest")
    page, log = open_page(_write(tmp_path, frame))
    biggest = page.evaluate("() => { const cs = geomap.layers[0].clusters.slice().sort((a, b) => b.radius - a.radius);"
                            " const m = geomap.layers[0]._map.containerPointToLatLng([cs[0].x, cs[0].y]);"
                            " return [m.lat, m.lng, cs[0].radius, cs[1].radius]; }")
    assert abs(biggest[0] - 9.03) < 3 and abs(biggest[1] - 38.74) < 3 and biggest[2] > 1.5 * biggest[3]
    page.evaluate("geomap.layers[0].setMode('hexbin')")
    from test_map_browser import _close, _screen_pixels

    darkest = page.evaluate("geomap.DENSITY[geomap.DENSITY.length - 1]")  # drawn at 85% over the land
    (at_hotspot,) = _screen_pixels(page, [[9.03, 38.74]], patch=3)
    assert _close(at_hotspot, darkest, tolerance=40)
    elsewhere = _screen_pixels(page, [[lat, lon] for lat in (-20, 0, 20) for lon in (0, 20)], patch=3)
    assert all(sum(rgb) - sum(at_hotspot) > 150 for rgb in elsewhere), elsewhere
    assert log.page_errors == []
