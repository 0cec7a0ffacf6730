"""The README's screenshots, taken offline (network blocked, tiles off, embedded basemap on).

    python bench/screenshots.py [docs]

Writes seed-map, map-100k (clusters and hexbin) and report pictures at desktop
(1280x800) and phone (390x844) width into docs/.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def pages(tmp: Path) -> dict[str, Path]:
    import geopandas
    import pandas

    from geomap.maps import make_map, read_events, write_html
    from geomap.report import make_report, write_report
    from make_events import make_events

    seed = geopandas.read_file(ROOT / "tests" / "data" / "events_seed.geojson")
    seed = seed[seed["lat"].notna() & seed["date_start"].notna()]
    big = pandas.DataFrame(make_events(100_000))
    return {
        "seed-map": write_html(make_map(seed, tiles="none", title="Serambinews, 1 Oct 2020: Karabakh"), tmp / "seed.html"),
        "map-100k": write_html(make_map(big, tiles="none", title="100,000 synthetic events"), tmp / "big.html"),
        "report": write_report(make_report(read_events(ROOT / "tests" / "data" / "events_seed.geojson"), tiles="none",
                                           title="Karabakh, 1 Oct 2020"), tmp / "report.html"),
    }


def shoot(browser, path: Path, out: Path, size: tuple[int, int], *, hexbin: bool = False, full: bool = False) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "about:")) else r.abort())
    page.goto(path.as_uri())
    if "report" in path.name:
        page.wait_for_selector("body[data-map-ready='1']", timeout=120_000)
    else:
        page.wait_for_function("window.geomapBasemapReady !== undefined", timeout=120_000)
        if hexbin:
            page.evaluate("geomap.layers[0].setMode('hexbin'); document.querySelector('.geomap-mode').value = 'hexbin'")
    page.wait_for_timeout(600)
    page.screenshot(path=str(out), full_page=full)
    page.close()
    print(out)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    docs = Path((argv or sys.argv[1:] or [str(ROOT / "docs")])[0])
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        made = pages(Path(tmp))
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, path in made.items():
            for size_name, size in SIZES.items():
                shoot(browser, path, docs / f"{name}-{size_name}.png", size, full=name == "report" and size_name == "desktop")
        shoot(browser, made["map-100k"], docs / "map-100k-hexbin-desktop.png", SIZES["desktop"], hexbin=True)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
