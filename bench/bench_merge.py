"""Cross-article merging speed and memory: N synthetic report rows shaped as `geomap events` writes them.

Occurrences are drawn in a few hotspots and across countries (skewed like
real conflict data); each is reported 1-12 times by different outlets, one
or two days apart, some at region or country precision.

    python bench/bench_merge.py 10000 100000
"""
from __future__ import annotations

import resource
import sys
import time

import numpy as np
import pandas as pd

from geomap.events.merge import merge_reports

TYPES = ["battle", "air_strike", "shelling", "protest", "statement", "crime", "disaster"]


def reports(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    occurrences = max(1, n // 4)
    country = rng.integers(0, 40, occurrences)
    hot = rng.random(occurrences) < 0.4
    lat = np.where(hot, 48.0 + rng.normal(0, 0.3, occurrences), -30 + country * 1.5 + rng.normal(0, 3, occurrences))
    lon = np.where(hot, 37.8 + rng.normal(0, 0.3, occurrences), -60 + country * 4.0 + rng.normal(0, 3, occurrences))
    day = rng.integers(0, 730, occurrences)
    kind = rng.integers(0, len(TYPES), occurrences)
    which = rng.integers(0, occurrences, n)
    geo = rng.choice([1, 1, 1, 2, 3, 4], n)
    start = pd.Timestamp("2022-01-01") + pd.to_timedelta(day[which] + rng.integers(0, 2, n), unit="D")
    return pd.DataFrame({
        "event_id": [f"r{i}" for i in range(n)], "doc_id": [f"d{i}" for i in range(n)],
        "event_type": [TYPES[k] for k in kind[which]],
        "lat": lat[which] + rng.normal(0, 0.02, n), "lon": lon[which] + rng.normal(0, 0.02, n),
        "geo_precision": geo, "time_precision": rng.choice([1, 1, 1, 2], n),
        "date": start, "date_start": start, "date_end": start,
        "country_code": np.where(hot[which], "UA", [f"C{c}" for c in country[which]]),
        "admin1": [f"A{c}" for c in country[which]], "fatalities": rng.choice([None, 0, 1, 3, 10], n),
        "url": [f"https://outlet{i % 500}.example/{i}" for i in range(n)], "place": "P", "quote": "q",
    })


def main(sizes: list[int]) -> None:
    for n in sizes:
        frame = reports(n)
        started = time.perf_counter()
        events, _ = merge_reports(frame)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>8,} reports -> {len(events):>8,} events in {seconds:6.2f} s "
              f"({n / seconds:,.0f} reports/s), peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
