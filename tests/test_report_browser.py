"""The report in a real headless Chromium: the table filters the map, rows focus it."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import chromium, open_page  # noqa: F401  (fixtures)
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
