"""Cross-article merging speed and memory: N synthetic report rows shaped as `geomap events` writes them.

Occurrences are drawn in a few hotspots and across countries (skewed like
real conflict data); each is reported 1-12 times by different outlets, one
or two days apart, some at region or country precision.

Each size runs in a fresh process, the way ``geomap events`` merges: report
records arrive in chunks, wait in the on-disk spool, are merged and written
(events and reports GeoJSON) — so the peak RSS printed is the merge's own,
and it stays flat as N grows. ``--memory`` times the in-memory
``merge_reports`` on a DataFrame instead, for comparison.

    python bench/bench_merge.py 10000 100000 [--memory]
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from geomap.events.merge import merge_reports
from geomap.events.merge_io import plain_cell

TYPES = ["battle", "air_strike", "shelling", "protest", "statement", "crime", "disaster"]


def reports(n: int, seed: int = 7) -> pd.DataFrame:
    """All N report rows as one DataFrame (tests and the in-memory comparison)."""
    rng = np.random.default_rng(seed)
    return _rows(_occurrences(n, rng), rng, 0, n)


def _occurrences(n: int, rng) -> dict:
    occurrences = max(1, n // 4)
    country = rng.integers(0, 40, occurrences)
    hot = rng.random(occurrences) < 0.4
    return {"country": country, "hot": hot,
            "lat": np.where(hot, 48.0 + rng.normal(0, 0.3, occurrences), -30 + country * 1.5 + rng.normal(0, 3, occurrences)),
            "lon": np.where(hot, 37.8 + rng.normal(0, 0.3, occurrences), -60 + country * 4.0 + rng.normal(0, 3, occurrences)),
            "day": rng.integers(0, 730, occurrences), "kind": rng.integers(0, len(TYPES), occurrences)}


def _rows(occ: dict, rng, begin: int, end: int) -> pd.DataFrame:
    """Report rows ``begin``..``end``: each reports a random occurrence."""
    n = end - begin
    which = rng.integers(0, len(occ["day"]), n)
    geo = rng.choice([1, 1, 1, 2, 3, 4], n)
    start = pd.Timestamp("2022-01-01") + pd.to_timedelta(occ["day"][which] + rng.integers(0, 2, n), unit="D")
    country, hot = occ["country"][which], occ["hot"][which]
    ids = range(begin, end)
    return pd.DataFrame({
        "event_id": [f"r{i}" for i in ids], "doc_id": [f"d{i}" for i in ids],
        "event_type": [TYPES[k] for k in occ["kind"][which]],
        "lat": occ["lat"][which] + rng.normal(0, 0.02, n), "lon": occ["lon"][which] + rng.normal(0, 0.02, n),
        "geo_precision": geo, "time_precision": rng.choice([1, 1, 1, 2], n),
        "date": start, "date_start": start, "date_end": start,
        "country_code": np.where(hot, "UA", [f"C{c}" for c in country]),
        "admin1": [f"A{c}" for c in country], "fatalities": rng.choice([None, 0, 1, 3, 10], n),
        "url": [f"https://outlet{i % 500}.example/{i}" for i in ids], "place": "P", "quote": "q",
    })


def plain_chunks(n: int, seed: int = 7, rows: int = 5_000):
    """N report rows as plain records (what ``Event.to_dict()`` gives), made a chunk at a time, so
    the bench holds at most ``rows`` records besides the occurrences' arrays (N/4 numbers each)."""
    rng = np.random.default_rng(seed)
    occ = _occurrences(n, rng)
    for begin in range(0, n, rows):
        part = _rows(occ, rng, begin, min(n, begin + rows))
        yield [{k: plain_cell(k, v) for k, v in record.items()} for record in part.to_dict("records")]


def spooled(n: int) -> None:
    """Merge N reports the way ``geomap events`` does and print time and peak RSS (run in its own process)."""
    from geomap.events.merge_io import write_streams
    from geomap.events.merge_spool import ReportSpool

    started, cpu = time.perf_counter(), time.process_time()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    making = 0.0  # time spent making the synthetic records, not merging them
    with tempfile.TemporaryDirectory() as folder, ReportSpool() as spool:
        chunks = plain_chunks(n)
        while True:
            t = time.process_time()
            chunk = next(chunks, None)
            making += time.process_time() - t
            if chunk is None:
                break
            spool.add(chunk)
        events = spool.merge()
        write_streams((spool.events(), spool.event_columns(), Path(folder) / "events.geojson"),
                      (spool.reports(), spool.report_columns(), Path(folder) / "events.reports.geojson"))
    seconds, cpu = time.perf_counter() - started - making, time.process_time() - cpu - making
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:>8,} reports -> {events:>8,} events in {seconds:6.2f} s, {cpu:.2f} s CPU ({n / seconds:,.0f} reports/s, "
          f"spooled, merged and both files written), peak RSS {peak:,.0f} MB (after imports {base:,.0f} MB); making the records took {making:.1f} s more")


def in_memory(n: int) -> None:
    frame = reports(n)
    started = time.perf_counter()
    events, _ = merge_reports(frame)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:>8,} reports -> {len(events):>8,} events in {seconds:6.2f} s "
          f"({n / seconds:,.0f} reports/s, in memory), peak RSS {peak:,.0f} MB")


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        (in_memory if argv[2] == "memory" else spooled)(int(argv[1]))
        return
    mode = "memory" if "--memory" in argv else "spool"
    sizes = [int(a) for a in argv if not a.startswith("--")] or [10_000, 100_000]
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n), mode], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
