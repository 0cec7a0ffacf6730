"""The map in a real headless Chromium with all network blocked."""
from __future__ import annotations

from pathlib import Path

import geopandas
import pytest

from browser_helpers import chromium, layer_stats, open_page  # noqa: F401  (fixtures)
from geomap.maps import make_map, write_html

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
OUTPUT = Path(__file__).resolve().parents[1] / "output"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_events():
    frame = geopandas.read_file(SEED)
    return frame[frame["lat"].notna() & frame["date_start"].notna()]


def _write(tmp_path, events, **options) -> Path:
    return write_html(make_map(events, **{"tiles": "none", **options}), tmp_path / "map.html")


def _click_event(page, quote_part: str):
    """Click the drawn marker or cluster holding the event whose quote contains ``quote_part``."""
    target = page.evaluate("""(part) => {
        const layer = geomap.layers[0], ev = layer.events;
        const row = [...Array(ev.count).keys()].find(i => (ev.text('quote', i) || '').includes(part));
        const c = layer.clusters.find(c => c.members.includes(row));
        return c && {x: c.x, y: c.y};
    }""", quote_part)
    assert target, f"no drawn marker for {quote_part!r}"
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])


def _open_popup(page, quote_part: str) -> None:
    """Click towards the event until its popup opens (clusters zoom in when clicked)."""
    for _ in range(6):
        _click_event(page, quote_part)
        page.wait_for_timeout(350)
        if page.locator(".leaflet-popup-content").count():
            return


def test_seed_map_loads_offline_without_errors_and_draws_every_event(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events))
    assert log.console_errors == [] and log.page_errors == [] and log.blocked == []
    stats = layer_stats(page)
    assert stats["visibleEvents"] == 6
    # Martakert, Nagorno-Karabakh and Azerbaijan's country point are within a cluster's reach at the fitted zoom
    assert stats["drawnMarkers"] + sum(
        len(c) for c in page.evaluate("geomap.layers[0].clusters.filter(c => c.count > 1).map(c => c.members)")) == 6
    assert page.locator(".geomap-legend input[type=checkbox]").count() == 4
    assert page.locator(".geomap-range-label").inner_text() == "until 2020-10-01 \u00b7 6 events"


def test_slider_and_type_toggles_change_what_is_drawn(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, seed_events, window="1D"))
    assert page.locator(".geomap-range-label").inner_text() == "2020-10-01 \u2013 2020-10-01 \u00b7 2 events"
    page.locator(".geomap-step-back").click()  # 2020-09-30: Martakert, Azerbaijan, Russia, Armenia, Karabakh week
    assert layer_stats(page)["visibleEvents"] == 5
    page.locator(".geomap-slider").fill("0")  # 2020-09-27: only the week-long Karabakh battle
    assert layer_stats(page)["visibleEvents"] == 1
    assert page.locator(".geomap-range-label").inner_text().startswith("2020-09-27 \u2013 2020-09-27")
    page.locator(".geomap-legend input[data-type=battle]").uncheck()
    assert layer_stats(page)["visibleEvents"] == 0
    page.locator(".geomap-window-select").select_option("0")
    assert layer_stats(page)["visibleEvents"] == 0  # cumulative up to 09-27: no non-battle event yet
    page.locator(".geomap-slider").fill("4")
    assert layer_stats(page)["visibleEvents"] == 4


def test_play_runs_to_the_last_day(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, seed_events, window="1D"))
    page.locator(".geomap-speed-select").select_option("4")
    page.locator(".geomap-play").click()  # at the end: restarts from the first day
    page.wait_for_function("geomap.layers[0].windowEnd === 4 && document.querySelector('.geomap-play').textContent === '\u25b6'",
                           timeout=10_000)


def test_popup_shows_the_hostile_title_as_text_and_runs_nothing(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events))
    page.evaluate("() => { window.__pwned = false; window.alert = () => { window.__pwned = true; }; }")
    _open_popup(page, "Martakert pada Rabu")
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert popup.locator("img").count() == 0
    assert popup.locator("mark").inner_text() == "Martakert"
    assert "air strike" in text and "Fatalities: 3" in text and "2020-09-30 (day)" in text
    assert popup.locator("a").count() == 0  # its javascript: URL was dropped, so no link at all
    assert log.dialogs == [] and page.evaluate("window.__pwned") is False
    assert log.page_errors == []


def test_source_link_opens_safely(tmp_path, open_page, seed_events):
    page, _ = open_page(_write(tmp_path, seed_events))
    page.evaluate("geomap.layers[0].openPopup([geomap.layers[0].events.data.text.quote.values.findIndex("
                  "q => q.startsWith('SERAMBINEWS.COM, MOSKWA'))], L.latLng(55.75, 37.6))")
    link = page.locator(".leaflet-popup-content a")
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("href").startswith("https://aceh.tribunnews.com/2020/10/01/")
    assert page.locator(".leaflet-popup-content mark").inner_text() == "MOSKWA"


def test_compressed_payload_gives_the_same_map(tmp_path, open_page, seed_events):
    digest = ("() => { const ev = geomap.layers[0].events, f = (a) => a ? Array.from(a) : null;"
              " return JSON.stringify({lat: f(ev.lat), lon: f(ev.lon), day: f(ev.day), end: f(ev.end), type: f(ev.type),"
              " fatal: f(ev.fatalities), gp: f(ev.geoPrecision), text: ev.data.text},"
              " (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v); }")
    plain, _ = open_page(_write(tmp_path, seed_events))
    page, log = open_page(_write(tmp_path, seed_events, compress=True))
    assert 'data-encoding="gzip+base64"' in (tmp_path / "map.html").read_text()
    assert layer_stats(page)["visibleEvents"] == 6 and log.page_errors == []
    assert page.evaluate(digest) == plain.evaluate(digest)
    _open_popup(page, "Martakert")  # the hostile quote, unpacked from bytes, is still only text
    assert "<img src=x onerror=alert(1)>" in page.locator(".leaflet-popup-content").inner_text()
    assert page.locator(".leaflet-popup-content img").count() == 0 and log.dialogs == []


def test_empty_map_says_so(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events.iloc[0:0]))
    assert "No events to show" in page.locator(".geomap-notice").inner_text()
    assert log.page_errors == [] and log.console_errors == []


def test_tiles_are_the_only_requests(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events, tiles="OpenStreetMap.Mapnik"))
    assert log.blocked and all("tile.openstreetmap.org" in url for url in log.blocked)
    assert log.page_errors == []


def test_seed_map_screenshot(tmp_path, open_page, seed_events):
    """output/seed_map.png: the seed article's events, for people to look at."""
    OUTPUT.mkdir(exist_ok=True)
    path = write_html(make_map(seed_events, tiles="none", title="Serambinews, 1 Oct 2020: Karabakh"),
                      OUTPUT / "seed_map.html")
    page, _ = open_page(path)
    page.screenshot(path=str(OUTPUT / "seed_map.png"))
    assert (OUTPUT / "seed_map.png").stat().st_size > 10_000


def _screen_pixels(page, points, *, patch=0):
    """RGB of the screenshot at each (lat, lon): what a person sees, not what the DOM says.
    With ``patch`` > 0, the most common colour of the (2 patch + 1)² square around it."""
    import io
    from collections import Counter

    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    where = page.evaluate("(points) => points.map(p => { const c = geomap.layers[0]._map.latLngToContainerPoint(p);"
                          " return [Math.round(c.x), Math.round(c.y)]; })", points)
    return [Counter(image.getpixel((x + dx, y + dy)) for dx in range(-patch, patch + 1)
                    for dy in range(-patch, patch + 1)).most_common(1)[0][0] for x, y in where]


def _close(rgb, hex_color, tolerance=12):
    target = tuple(int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target))


def test_offline_basemap_shows_land_sea_and_borders_in_the_right_places(tmp_path, open_page, seed_events):
    page, log = open_page(_write(tmp_path, seed_events))
    assert log.blocked == [] and log.page_errors == []
    style = page.evaluate("geomap.BASEMAP_STYLE")
    # the seed map fits the Caucasus and Siberia: the Black Sea and the Caspian are water, the steppe is land
    black_sea, caspian, kazakh_steppe, west_siberia = _screen_pixels(
        page, [[43.3, 34.0], [42.0, 50.8], [48.0, 67.0], [60.0, 75.0]], patch=6)
    assert _close(black_sea, style["sea"]) and _close(caspian, style["sea"])
    assert _close(kazakh_steppe, style["land"]) and _close(west_siberia, style["land"])
    # along 45.5°E from the Caucasus north to the Russian plain the line crosses borders: darker pixels
    line = _screen_pixels(page, [[lat / 10, 45.5] for lat in range(405, 440)])
    land = tuple(int(style["land"][i:i + 2], 16) for i in (1, 3, 5))
    assert any(sum(land) - sum(rgb) > 60 for rgb in line), line
    assert page.evaluate("geomap.basemap.stats.labels") > 5


def test_no_basemap_leaves_a_plain_background(tmp_path, open_page, seed_events):
    page, _ = open_page(write_html(make_map(seed_events, tiles="none", basemap=False), tmp_path / "plain.html"))
    (steppe,) = _screen_pixels(page, [[48.0, 67.0]], patch=6)
    assert page.evaluate("geomap.basemap === undefined") and _close(steppe, "#e9eef2", tolerance=2)


def test_a_merged_event_lists_its_reports_and_grows_with_them(tmp_path, open_page, seed_events):
    import json

    events = seed_events.copy()
    strike = events["quote"].str.contains("Martakert", na=False).idxmax()
    events["n_reports"], events["n_sources"], events["sources"] = 1, 1, None
    events.loc[strike, ["n_reports", "n_sources"]] = [3, 2]
    events.loc[strike, "sources"] = json.dumps([
        {"doc_id": "a", "url": "https://a.example/1", "source": "a.example"},
        {"doc_id": "b", "url": "https://b.example/2", "source": "b.example"},
        {"doc_id": "c", "url": "javascript:alert(1)", "source": "<b>b.example</b>"}])
    page, log = open_page(_write(tmp_path, events))
    radius = page.evaluate("""(part) => { const ev = geomap.layers[0].events;
        const i = [...Array(ev.count).keys()].find(i => (ev.text('quote', i) || '').includes(part));
        return [ev.radius(i), ev.reports[i]]; }""", "Martakert")
    assert radius[1] == 3 and radius[0] > 5 + 2 * 3 ** 0.5  # larger than the same toll reported once
    _open_popup(page, "Martakert pada Rabu")
    popup = page.locator(".leaflet-popup-content")
    assert "3 reports from 2 sources" in popup.inner_text()
    links = popup.locator(".geomap-popup-sources a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["https://a.example/1",
                                                                                   "https://b.example/2"]
    assert popup.locator(".geomap-popup-sources li").nth(2).inner_text() == "<b>b.example</b>"  # text, not markup
    assert log.page_errors == [] and log.blocked == []


def _corner_events():
    """Deadly events at the four corners of a box: the fit puts them at the edges of the free space."""
    import pandas

    return pandas.DataFrame({"lat": [10.0, 10.0, 50.0, 50.0], "lon": [0.0, 80.0, 0.0, 80.0], "date": ["2020-01-01"] * 4,
                             "event_type": ["battle"] * 4, "fatalities": [100] * 4})


@pytest.mark.parametrize("which", ["seed", "corners"])
@pytest.mark.parametrize(("width", "height"), [(1200, 800), (1280, 800), (800, 600), (390, 844)])
def test_fitted_view_keeps_every_marker_clear_of_the_controls(tmp_path, open_page, seed_events, width, height, which):
    events = seed_events if which == "seed" else _corner_events()
    page, _ = open_page(_write(tmp_path, events, title="Serambinews, 1 Oct 2020: Karabakh"), width=width, height=height)
    overlaps = page.evaluate("""() => {
        const map = geomap.layers[0]._map, box = map.getContainer().getBoundingClientRect(), out = [];
        const controls = [...map.getContainer().querySelectorAll('.leaflet-control')].map(c => [c.className, c.getBoundingClientRect()]);
        for (const c of geomap.layers[0].clusters) {
            // the marker's disc, and under a ring the line of its total fatalities
            const left = box.left + c.x - c.radius, right = box.left + c.x + c.radius;
            const top = box.top + c.y - c.radius, bottom = box.top + c.y + c.radius + (c.fatalLabel ? 14 : 0);
            if (left < box.left || right > box.right || top < box.top || bottom > box.bottom) out.push(['outside', c.x, c.y]);
            for (const [name, r] of controls) {
                if (r.width && left < r.right && right > r.left && top < r.bottom && bottom > r.top) out.push([name, c.x, c.y]);
            }
        }
        return out;
    }""")
    assert page.evaluate("geomap.layers[0].clusters.length") >= 2
    assert overlaps == []


def test_us_state_lines_and_names_show_from_zoom_five(tmp_path, open_page):
    import pandas

    events = pandas.DataFrame({"lat": [39.74, 39.10], "lon": [-104.99, -94.58], "date": ["2020-01-01", "2020-01-02"],
                               "event_type": ["protest", "protest"]})
    page, log = open_page(_write(tmp_path, events))
    page.evaluate("geomap.layers[0]._map.setView([38.5, -99], 5, {animate: false})")
    page.wait_for_function("geomap.basemap.fine !== null && geomap.basemap.stats.regions > 0", timeout=20_000)
    # the Colorado-Kansas line (102.05°W) is a state line, dashed: many pixels along it are darker than land
    assert _darker_than_land(page, [[lat / 20, -102.05] for lat in range(745, 790)]) >= 10
    # and halfway across Kansas there is none
    assert _darker_than_land(page, [[lat / 20, -98.5] for lat in range(745, 790)]) == 0
    assert page.evaluate("geomap.basemap.stats.regions") >= 5 and log.page_errors == []
    page.evaluate("geomap.layers[0]._map.setView([38.5, -99], 3, {animate: false})")
    assert page.evaluate("geomap.basemap.stats.regions") == 0  # no region names on a continent view


def test_first_level_lines_of_the_world_show_from_zoom_five(tmp_path, open_page):
    """Outside the US the lines come from Natural Earth: the Alberta-Saskatchewan border (110°W) is
    drawn, the middle of Saskatchewan is not crossed by one."""
    import pandas

    events = pandas.DataFrame({"lat": [53.55, 52.13], "lon": [-113.49, -106.67], "date": ["2020-01-01", "2020-01-02"],
                               "event_type": ["protest", "protest"]})
    page, log = open_page(_write(tmp_path, events))
    page.evaluate("geomap.layers[0]._map.setView([54.5, -108], 5, {animate: false})")
    page.wait_for_function("geomap.basemap.fine !== null && geomap.basemap.admin1.length >= 2", timeout=20_000)
    page.wait_for_timeout(300)
    assert _darker_than_land(page, [[lat / 10, -110.0] for lat in range(505, 585)]) >= 10
    assert _darker_than_land(page, [[lat / 10, -106.0] for lat in range(505, 585)]) == 0
    assert log.page_errors == []


def _darker_than_land(page, points) -> int:
    """How many of these map points are drawn clearly darker than land (a boundary line on them)."""
    style = page.evaluate("geomap.BASEMAP_STYLE")
    land = sum(int(style["land"][i:i + 2], 16) for i in (1, 3, 5))
    return sum(land - sum(rgb) > 60 for rgb in _screen_pixels(page, points, patch=0))
