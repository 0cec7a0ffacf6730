"""Gazetteer and geocode speed: first-run build time and size, exact lookups of
distinct names, a fresh `geomap geocode` process, fuzzy lookups. Prints
numbers; asserts nothing. Wall and CPU seconds both (the machine may be shared:
CPU time says what the code costs, wall time what a user waits on a quiet one).

    python bench/bench_gazetteer.py [--skip-build] [--steps]

Targets (issue 12): build <= 20 s and <= 400 MB on a quiet 2-core machine;
>= 50,000 distinct exact lookups/s; a fresh `geomap geocode NAME` <= 0.3 s.
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_build(folder: Path, *, steps: bool) -> Path:
    from geomap.gazetteer.build import build_default

    if steps:  # the build logs each step's wall and CPU seconds at DEBUG
        logging.basicConfig(format="  %(message)s")
        logging.getLogger("geomap.gazetteer.build").setLevel(logging.DEBUG)
    path = folder / "gazetteer.sqlite"
    wall, cpu, helper = time.perf_counter(), time.process_time(), _children_cpu()
    build_default(path, progress=False)
    wall, cpu, helper = time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - helper
    peak, helper_peak = (resource.getrusage(who).ru_maxrss / 1e3 for who in (resource.RUSAGE_SELF,
                                                                             resource.RUSAGE_CHILDREN))
    print(f"build: {wall:.1f} s wall, {cpu:.1f} s CPU main + {helper:.1f} s CPU helper processes, "
          f"{path.stat().st_size / 1e6:.0f} MB on disk; peak memory {peak:.0f} MB main, "
          f"{helper_peak:.0f} MB largest helper; load average {os.getloadavg()[0]:.1f}")
    return path


def bench_process(home: Path) -> None:
    """A fresh process as a user runs it: modules byte-compiled (as pip installs them; this
    environment may set PYTHONDONTWRITEBYTECODE), then `geomap geocode NAME` five times."""
    import compileall

    compileall.compile_dir(ROOT / "geomap", quiet=1)
    env = {**os.environ, "GEOMAP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    walls, cpus = [], []
    for name in ("Moskwa", "Lisboa", "Nueva York", "Kharkiv", "Heathrow"):
        wall, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([sys.executable, "-m", "geomap", "geocode", name], env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - wall)
        cpus.append(_children_cpu() - cpu)
    print(f"fresh process `geomap geocode NAME`: median {sorted(walls)[2]:.2f} s wall (min {min(walls):.2f}), "
          f"median {sorted(cpus)[2]:.2f} s CPU")


def sample_names(gazetteer, count: int) -> list[str]:
    """``count`` real names with distinct name keys (so none is a cache hit)."""
    from geomap.gazetteer import name_key

    rows = gazetteer._conn.execute(
        "SELECT DISTINCT name FROM places WHERE kind = 'city' ORDER BY rowid").fetchall()
    random.seed(7)
    by_key = {name_key(r[0]): r[0] for r in random.sample(rows, min(len(rows), count * 2))}
    return list(by_key.values())[:count]


def misspell(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1:]


def _rate(count: int, fn) -> tuple[float, float]:
    """(per second of wall, per second of CPU) for ``count`` calls made by ``fn``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return count / (time.perf_counter() - wall), count / max(time.process_time() - cpu, 1e-9)


def bench_lookups(path: Path) -> None:
    from geomap.gazetteer import Gazetteer
    from geomap.geocode import rank

    with Gazetteer.open(path) as gazetteer:
        names = sample_names(gazetteer, 20_000)
        cold = _rate(len(names), lambda: [rank(gazetteer, name) for name in names])
        warm = _rate(3 * len(names), lambda: [rank(gazetteer, name) for _ in range(3) for name in names])
        print(f"exact lookups of {len(names):,} distinct names: {cold[0]:,.0f}/s wall, {cold[1]:,.0f}/s CPU; "
              f"repeated (cached): {warm[0]:,.0f}/s wall, {warm[1]:,.0f}/s CPU")
        rng = random.Random(11)
        typos = [misspell(n, rng) for n in names if len(n) >= 7][:3000]
        found = []
        rate = _rate(len(typos), lambda: found.extend(bool(rank(gazetteer, t)) for t in typos))
        print(f"fuzzy lookups (one letter dropped): {rate[0]:,.0f}/s wall, {rate[1]:,.0f}/s CPU, "
              f"{sum(found) / len(typos):.0%} answered")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-build", action="store_true", help="use the default gazetteer instead of building")
    parser.add_argument("--steps", action="store_true", help="print each build step's seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.skip_build:
            from geomap.gazetteer import default_gazetteer_path

            path = default_gazetteer_path()
            home = path.parent
        else:
            path = bench_build(Path(tmp), steps=args.steps)
            home = Path(tmp)
        bench_process(home)
        bench_lookups(path)


if __name__ == "__main__":
    main()
