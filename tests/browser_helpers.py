"""Playwright driving Debian's Chromium with all network blocked, for the browser tests.

Outside CI a missing /usr/bin/chromium skips the tests with a reason; under
CI=true it fails them. Only file: URLs load; every other request is aborted
and recorded, so a page that needs a CDN shows up as a failure.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but no Chromium at {CHROMIUM} (.ci/run installs it with apt-get)")
    pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium to run the browser tests")


#: Events usable, their text decoded and, when the page embeds one, the basemap drawn.
READY_JS = ("window.geomapReady !== undefined && window.geomapTextReady !== undefined && "
            "(!document.getElementById('geomap-basemap') || window.geomapBasemapReady !== undefined)")


@dataclass
class PageLog:
    """What a page did that a test may want to deny: errors, dialogs, network."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")  # not session: each test module imports its own copy, and two sync Playwrights cannot overlap
def chromium():
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """``open_page(path) -> (page, log)``: a fresh page on a file, network blocked."""
    contexts = []

    def opener(path: Path, *, width: int = 1280, height: int = 800, wait_ready: bool = True, touch: bool = False,
               hash: str = ""):
        context = chromium.new_context(viewport={"width": width, "height": height}, has_touch=touch,
                                       accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.page_errors.append(str(e)))

        def on_dialog(dialog):
            log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                log.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.goto(Path(path).resolve().as_uri() + hash)
        if wait_ready:
            page.wait_for_function(READY_JS, timeout=30_000)
        return page, log

    yield opener
    for context in contexts:
        context.close()


def layer_stats(page_or_frame) -> dict:
    return page_or_frame.evaluate("() => Object.assign({}, geomap.layers[0].stats)")


def _axe_script() -> str:
    """axe-core as the ``axe-playwright-python`` package ships it (MPL-2.0; installed with the
    test extra, so nothing is fetched and no copy is kept in this repository)."""
    from importlib.resources import files

    return str(files("axe_playwright_python").joinpath("axe.min.js"))


def axe_violations(page_or_frame, *, impacts=("serious", "critical")) -> list[dict]:
    """axe-core (from an installed package, injected from a file: nothing fetched) run on a page
    or frame; the violations of the given impacts, each as {id, impact, nodes: [target...]}."""
    page_or_frame.add_script_tag(path=_axe_script())
    result = page_or_frame.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                    ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
                                    " nodes: v.nodes.map(n => n.target.join(' '))}))")
    return [v for v in result if v["impact"] in impacts]
