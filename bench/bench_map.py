"""Map speed and size on synthetic events (bench/make_events.py), in headless Chromium.

    python bench/bench_map.py [10000 100000 250000] [--window cumulative]

Prints, per size: generate (GeoDataFrame -> HTML string, median of 3 after a warm-up), HTML size
(MB), time to interactive (navigation start -> events drawn and controls
ready, ms), one time step (slider input -> canvas redrawn, ms; median and
worst of 30 steps, plus the median to the next painted frame), and pan/zoom
frames (time between painted frames while the mouse drags the map and while
it zooms in and out with animation: 95th percentile and worst, ms; and the
longest main-thread task then, which is what the page itself costs: a worst
frame far above it is the machine, not the page), and when the basemap is
drawn and when the events' text (popups, search, countries) is decoded (ms after
navigation start; both come after the events are usable: a click or a search in
between waits for the text). Network is
blocked and tiles are off (the embedded basemap is on), as on an offline
machine. The machine's load is printed: numbers on a shared machine are high.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_events import make_events  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STEP_JS = """async (count) => {
    const slider = document.querySelector('.geomap-slider'), layer = geomap.layers[0];
    const sync = [], frame = [];
    for (let k = 0; k < count; k++) {
        const started = performance.now();
        slider.value = String(Math.max(0, +slider.max - 3 * k));
        slider.dispatchEvent(new Event('input'));
        sync.push(performance.now() - started);
        await new Promise(requestAnimationFrame);
        frame.push(performance.now() - started);
    }
    return {sync, frame, visible: layer.stats.visibleEvents, drawn: layer.stats.drawnMarkers + layer.stats.drawnClusters};
}"""


FRAMES_START_JS = """() => { window.__frames = []; let last = performance.now();
    const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__recording) requestAnimationFrame(tick); };
    window.__recording = true; requestAnimationFrame(tick); }"""


def pan_zoom_frames(page) -> list[float]:
    """Frame intervals (ms) while dragging the map around and zooming in and out."""
    box = page.locator(".folium-map").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 3
    page.evaluate(FRAMES_START_JS)
    for dx, dy in ((200, 0), (0, 150), (-200, 0), (0, -150)):
        page.mouse.move(x, y)
        page.mouse.down()
        for k in range(1, 11):
            page.mouse.move(x + dx * k / 10, y + dy * k / 10)
        page.mouse.up()
        page.wait_for_timeout(150)
    for method in ("zoomIn", "zoomIn", "zoomOut", "zoomOut"):
        page.evaluate(f"geomap.layers[0]._map.{method}()")
        page.wait_for_timeout(450)
    page.evaluate("window.__recording = false")
    return page.evaluate("window.__frames.slice(1)")


def bench(count: int, window: str, browser) -> dict:
    import geopandas
    import pandas

    from geomap.maps import make_map, render_html

    frame = pandas.DataFrame(make_events(count))
    events = geopandas.GeoDataFrame(frame, geometry=geopandas.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326")
    render_html(make_map(events.head(10), tiles="none"))  # imports and asset reads are paid once per process
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        page_html = render_html(make_map(events, tiles="none", window=window))
        timings.append(time.perf_counter() - started)
    generate = statistics.median(timings)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, "utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:")) else r.abort())
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_function("window.geomapReady !== undefined", timeout=120_000)
        interactive = page.evaluate("window.geomapReady")
        page.wait_for_function("window.geomapBasemapReady !== undefined && window.geomapTextReady !== undefined",
                               timeout=120_000)
        basemap_ms, text_ms = page.evaluate("[window.geomapBasemapReady, window.geomapTextReady]")
        page.evaluate("() => { window.__long = []; new PerformanceObserver(l => l.getEntries().forEach("
                      "e => window.__long.push(e.duration))).observe({entryTypes: ['longtask']}); }")
        steps = page.evaluate(STEP_JS, 30)
        page.evaluate("geomap.layers[0].setWindow(geomap.layers[0].events.rangeEnd)")
        frames = sorted(pan_zoom_frames(page))
        longest = max(page.evaluate("window.__long"), default=0)
        page.close()
    return {"events": count, "generate_s": generate, "html_mb": len(page_html.encode()) / 1e6,
            "interactive_ms": interactive, "step_ms": statistics.median(steps["sync"]),
            "step_worst_ms": max(steps["sync"]), "step_frame_ms": statistics.median(steps["frame"]),
            "visible": steps["visible"], "drawn": steps["drawn"], "errors": errors,
            "frame_p95_ms": frames[int(0.95 * (len(frames) - 1))] if frames else float("nan"),
            "frame_worst_ms": frames[-1] if frames else float("nan"), "basemap_ms": basemap_ms, "text_ms": text_ms,
            "longest_task_ms": longest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--window", default="cumulative")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    import os

    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"{'events':>8} {'generate s':>10} {'HTML MB':>8} {'interactive ms':>14} {'step ms':>8} "
          f"{'worst':>6} {'to frame':>8} {'visible':>8} {'drawn':>6} {'pan/zoom p95':>12} {'worst':>6} {'longest task':>12} "
          f"{'basemap ms':>10} {'text ms':>8}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for count in args.counts:
            r = bench(count, args.window, browser)
            print(f"{r['events']:>8,} {r['generate_s']:>10.2f} {r['html_mb']:>8.1f} {r['interactive_ms']:>14.0f} "
                  f"{r['step_ms']:>8.1f} {r['step_worst_ms']:>6.1f} {r['step_frame_ms']:>8.1f} {r['visible']:>8,} {r['drawn']:>6,}"
                  f" {r['frame_p95_ms']:>12.1f} {r['frame_worst_ms']:>6.0f} {r['longest_task_ms']:>12.0f} {r['basemap_ms']:>10.0f} {r['text_ms']:>8.0f}"
                  + (f"  ERRORS: {r['errors']}" if r["errors"] else ""), flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
