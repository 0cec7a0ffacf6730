"""The report in a real headless Chromium: the table filters the map, rows focus it."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import axe_violations, chromium, open_page  # noqa: F401  (fixtures)
from geomap.maps import read_events
from geomap.report import make_report, write_report

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
pytestmark = pytest.mark.browser


@pytest.fixture
def report_page(tmp_path, open_page):
    path = write_report(make_report(read_events(SEED), tiles="none", title="Karabakh"), tmp_path / "report.html")
    page, log = open_page(path, height=1200, wait_ready=False)
    page.wait_for_selector("body[data-map-ready='1'][data-table-ready='1']", timeout=30_000)
    frame = next(f for f in page.frames if f is not page.main_frame)
    return page, frame, log


def _visible(frame) -> int:
    return frame.evaluate("geomap.layers[0].stats.visibleEvents")


def test_table_filter_filters_the_map(report_page):
    page, frame, log = report_page
    assert page.locator("#geomap-events tbody tr").count() == 6 and _visible(frame) == 6
    page.fill("#geomap-filter", "martakert")
    page.wait_for_function("document.querySelectorAll('#geomap-events tbody tr').length === 1")
    frame.wait_for_function("geomap.layers[0].stats.visibleEvents === 1")
    page.select_option("#geomap-type-filter", label="diplomacy")
    page.fill("#geomap-filter", "")
    frame.wait_for_function("geomap.layers[0].stats.visibleEvents === 2")
    assert page.inner_text("#geomap-table-count") == "2 matching events"
    page.select_option("#geomap-type-filter", value="")
    frame.wait_for_function("geomap.layers[0].stats.visibleEvents === 6")
    assert log.page_errors == [] and log.console_errors == [] and log.dialogs == [] and log.blocked == []


def test_sorting_and_row_click_focus_the_event(report_page):
    page, frame, log = report_page
    page.click("#geomap-events th[data-sort=fatalities]")
    page.click("#geomap-events th[data-sort=fatalities]")  # descending: Karabakh (100) first
    first = page.locator("#geomap-events tbody tr").first
    assert "Nagorno-Karabakh" in first.inner_text()
    page.locator("#geomap-events tbody tr", has_text="Martakert").click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert "<img src=x onerror=alert(1)>" in popup.inner_text() and popup.locator("img").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("#geomap-events").inner_text()
    assert page.locator("#geomap-events img").count() == 0 and log.dialogs == []


def test_an_event_opened_on_the_map_is_picked_out_in_the_table(report_page):
    page, frame, log = report_page
    frame.evaluate("() => { const layer = geomap.layers[0], ev = layer.events;"
                   " const rows = [...Array(ev.count).keys()].filter(i => ev.text('place', i) === 'Moscow');"
                   " layer.openPopup(rows, L.latLng(55.75, 37.6)); }")
    page.wait_for_selector("#geomap-events tbody tr.picked")
    picked = page.locator("#geomap-events tbody tr.picked")
    assert picked.count() == 1 and "Moscow" in picked.inner_text()
    assert page.inner_text("#geomap-table-count") == "1 events picked on the map"
    page.click("#geomap-clear-selection")
    assert page.locator("#geomap-events tbody tr").count() == 6 and page.locator("tr.picked").count() == 0
    assert log.page_errors == []


def test_rows_and_headers_work_from_the_keyboard(report_page):
    page, frame, _ = report_page
    page.locator("#geomap-events th[data-sort=fatalities]").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # descending: the 100-fatality battle first
    first = page.locator("#geomap-events tbody tr").first
    first.focus()
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup-content").wait_for(timeout=20_000)  # a loaded CI machine is slow
    assert "Nagorno-Karabakh" in frame.locator(".leaflet-popup-content").inner_text()


def test_print_shows_map_and_table_without_controls(report_page):
    page, _, _ = report_page
    page.emulate_media(media="print")
    assert page.locator(".filters").is_hidden() and page.locator("#geomap-map-frame").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('#geomap-events thead')).display") == "table-header-group"


def test_axe_finds_no_serious_violation_on_the_report(report_page):
    page, frame, _ = report_page
    assert page.evaluate("document.documentElement.lang") == "en"
    assert axe_violations(page) == []
    assert axe_violations(frame) == []


def test_a_merged_event_row_expands_to_its_reports(tmp_path, open_page):
    import json

    import geopandas

    seed = geopandas.read_file(SEED)
    strike = seed["quote"].str.contains("Martakert", na=False).idxmax()
    seed["n_reports"], seed["n_sources"], seed["sources"] = 1, 1, None
    seed.loc[strike, ["n_reports", "n_sources"]] = [2, 2]
    seed.loc[strike, "sources"] = json.dumps([{"doc_id": "a", "url": "https://a.example/1", "source": "a.example"},
                                              {"doc_id": "b", "url": "javascript:alert(1)", "source": "b.example"}])
    merged = tmp_path / "merged.geojson"
    seed.to_file(merged, driver="GeoJSON")
    path = write_report(make_report(read_events(merged), tiles="none", title="Merged"), tmp_path / "report.html")
    page, log = open_page(path, height=1200, wait_ready=False)
    page.wait_for_selector("body[data-map-ready='1'][data-table-ready='1']", timeout=30_000)
    row = page.locator("#geomap-events tbody tr", has_text="Martakert")
    summary = row.locator("details summary")
    assert summary.inner_text() == "2 reports, 2 sources"
    summary.click()
    links = row.locator("details li a")
    assert links.count() == 1 and links.first.get_attribute("href") == "https://a.example/1"
    assert "b.example" in row.locator("details").inner_text()  # the javascript: link is text, not a link
    assert page.locator("#geomap-events tbody tr", has_text="Moskwa").locator("details").count() == 0
    assert log.page_errors == [] and log.dialogs == []


def test_a_spanish_report_speaks_spanish_on_the_page_and_in_the_map(tmp_path, open_page):
    from geomap.maps.ui_strings import ui_strings

    path = write_report(make_report(read_events(SEED), tiles="none", title="Karabaj", lang="es"), tmp_path / "report.html")
    page, log = open_page(path, height=1200, wait_ready=False)
    page.wait_for_selector("body[data-map-ready='1'][data-table-ready='1']", timeout=30_000)
    frame = next(f for f in page.frames if f is not page.main_frame)
    es, en = ui_strings("es"), ui_strings("en")
    assert page.evaluate("document.documentElement.lang") == "es" and frame.evaluate("document.documentElement.lang") == "es"
    assert page.inner_text("#geomap-table-count") == "6 eventos"
    assert page.inner_text("#geomap-events thead") .split() == " ".join(
        [es["date"], es["place"], es["report_type"], es["fatalities"], es["report_quote"], es["report_source"]]).split()
    page.select_option("#geomap-type-filter", label=es["type_diplomacy"])
    page.wait_for_function("document.querySelector('#geomap-table-count').textContent === '2 eventos coincidentes'")
    body = page.inner_text("body")
    for key in ("report_events_on_map", "report_unresolved", "report_help", "report_event_type"):
        assert es[key] in body and en[key] not in body
    assert frame.inner_text(".geomap-legend-title") == es["event_types"]
    assert axe_violations(page) == [] and log.page_errors == []
