"""Gazetteer and geocode speed: first-run build time and size, exact lookups of
distinct names, a fresh `geomap geocode` process, fuzzy lookups. Prints
numbers; asserts nothing. Wall and CPU seconds both (the machine may be shared:
CPU time says what the code costs, wall time what a user waits on a quiet one).

    python bench/bench_gazetteer.py [--skip-build] [--steps]

Targets (issue 12): build <= 20 s and <= 400 MB on a quiet 2-core machine;
>= 50,000 distinct exact lookups/s; a fresh `geomap geocode NAME` <= 0.3 s; fuzzy lookups
>= 2,000/s and a fresh fuzzy `geomap geocode Stepanakret` <= 0.5 s (once the fuzzy rule's word
table exists; its one-time build is printed apart).
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
    environment may set PYTHONDONTWRITEBYTECODE), then `geomap geocode NAME` five times, and a
    misspelt name (a fuzzy lookup, which reads the fuzzy rule's word table) three times."""
    import compileall

    compileall.compile_dir(ROOT / "geomap", quiet=1)
    env = {**os.environ, "GEOMAP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    for label, names in (("`geomap geocode NAME`", ("Moskwa", "Lisboa", "Nueva York", "Kharkiv", "Heathrow")),
                         ("fuzzy `geomap geocode Stepanakret`", ("Stepanakret", "Stepanakret", "Stepanakret"))):
        walls, cpus = [], []
        for name in names:
            wall, cpu = time.perf_counter(), _children_cpu()
            subprocess.run([sys.executable, "-m", "geomap", "geocode", name], env=env, check=True, capture_output=True)
            walls.append(time.perf_counter() - wall)
            cpus.append(_children_cpu() - cpu)
        mid = len(names) // 2
        print(f"fresh process {label}: median {sorted(walls)[mid]:.2f} s wall (min {min(walls):.2f}), "
              f"median {sorted(cpus)[mid]:.2f} s CPU")


def bench_word_table(home: Path) -> None:
    """The fuzzy rule's word table (geocode/zipf.py) is built once per GEOMAP_HOME, on the first
    fuzzy lookup; made here, apart, so that no lookup below pays for it."""
    env = {**os.environ, "GEOMAP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    wall, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, "-c", "from geomap.geocode.zipf import word_zipf; word_zipf('x')"],
                   env=env, check=True, capture_output=True)
    print(f"fuzzy rule's word table ready: {time.perf_counter() - wall:.1f} s wall, "
          f"{_children_cpu() - cpu:.1f} s CPU (built only if this GEOMAP_HOME had none)")


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
    """Exact lookups of distinct names two ways, each on a freshly opened gazetteer (empty caches):
    one ``rank()`` call per name (what the CLI and ``geocode()`` do), and ``rank_many()``, which
    answers the same names with the same results but reads a batch of them with one SQL statement."""
    from geomap.gazetteer import Gazetteer
    from geomap.geocode import rank, rank_many

    with Gazetteer.open(path) as gazetteer:
        names = sample_names(gazetteer, 20_000)
    with Gazetteer.open(path) as gazetteer:
        cold = _rate(len(names), lambda: [rank(gazetteer, name) for name in names])
        warm = _rate(3 * len(names), lambda: [rank(gazetteer, name) for _ in range(3) for name in names])
    print(f"exact lookups of {len(names):,} distinct names, one rank() call each: {cold[0]:,.0f}/s wall, "
          f"{cold[1]:,.0f}/s CPU; repeated (cached): {warm[0]:,.0f}/s wall, {warm[1]:,.0f}/s CPU")
    with Gazetteer.open(path) as gazetteer:
        batch = _rate(len(names), lambda: rank_many(gazetteer, names))
    print(f"exact lookups of the same {len(names):,} distinct names in one rank_many() call: "
          f"{batch[0]:,.0f}/s wall, {batch[1]:,.0f}/s CPU")
    with Gazetteer.open(path) as gazetteer:
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
        bench_word_table(home)
        bench_process(home)
        bench_lookups(path)


if __name__ == "__main__":
    main()
