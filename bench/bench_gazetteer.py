"""Gazetteer and geocode speed: build time and size, a fresh `geomap geocode`
process, exact and fuzzy lookups per second. Prints numbers; asserts nothing.

    python bench/bench_gazetteer.py [--skip-build]
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def bench_build(folder: Path) -> Path:
    from geomap.gazetteer.build import build_default

    path = folder / "gazetteer.sqlite"
    start = time.perf_counter()
    build_default(path, progress=False)
    print(f"build: {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e6:.0f} MB on disk")
    return path


def bench_process(home: Path) -> None:
    env = {**os.environ, "GEOMAP_HOME": str(home)}
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geomap", "geocode", "Moskwa"], env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"fresh process `geomap geocode Moskwa`: median {sorted(times)[2]:.2f} s (min {min(times):.2f})")


def sample_names(gazetteer, count: int) -> list[str]:
    """``count`` distinct real names (distinct name keys, so none is a cache hit)."""
    from geomap.gazetteer import name_key

    rows = gazetteer._conn.execute(
        "SELECT DISTINCT name FROM places WHERE kind = 'city' ORDER BY rowid").fetchall()
    random.seed(7)
    by_key = {name_key(r[0]): r[0] for r in random.sample(rows, min(len(rows), count * 2))}
    return list(by_key.values())[:count]


def misspell(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1:]


def bench_lookups(path: Path) -> None:
    from geomap.gazetteer import Gazetteer
    from geomap.geocode import rank

    with Gazetteer.open(path) as gazetteer:
        names = sample_names(gazetteer, 20_000)
        start = time.perf_counter()
        for name in names:
            rank(gazetteer, name)
        cold = len(names) / (time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(3):
            for name in names:
                rank(gazetteer, name)
        warm = 3 * len(names) / (time.perf_counter() - start)
        print(f"exact lookups: {cold:,.0f} names/s first time, {warm:,.0f} names/s warm (cached)")
        rng = random.Random(11)
        typos = [misspell(n, rng) for n in names if len(n) >= 7][:3000]
        start = time.perf_counter()
        found = sum(bool(rank(gazetteer, t)) for t in typos)
        rate = len(typos) / (time.perf_counter() - start)
        print(f"fuzzy lookups (one letter dropped): {rate:,.0f} names/s, {found / len(typos):.0%} answered")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-build", action="store_true", help="use the default gazetteer instead of building")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.skip_build:
            from geomap.gazetteer import default_gazetteer_path

            path = default_gazetteer_path()
            home = path.parent
        else:
            path = bench_build(Path(tmp))
            home = Path(tmp)
        bench_process(home)
        bench_lookups(path)


if __name__ == "__main__":
    main()
