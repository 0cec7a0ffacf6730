"""Events-stage throughput and memory, printed as numbers (run by hand).

    .venv/bin/python bench/bench_events.py [--docs 2000] [--gazetteer PATH]

Corpus: the seed article and three English wire-style paragraphs, cycled,
each copy with its own id and article date (so per-date caches do not flatter
the numbers). Prints: events-stage cost alone (mentions precomputed),
end-to-end articles/s with 1 and 2 workers after the one-off name-index
build, the `geomap events` command wall time, and peak memory for a small and
a 4x larger batch (flat means streaming works).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = [
    "MOSCOW, Oct 1 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Wednesday he had phoned his "
    "counterparts in Armenia and Azerbaijan. Clashes near Stepanakert killed at least 12 soldiers last week.",
    "KYIV (AP) - Shelling in Donetsk killed four civilians on Tuesday, officials said. Protesters rallied in "
    "Kharkiv two days ago. The ministry said talks would resume in Minsk.",
    "An earthquake struck near Izmir on Friday, killing 25 people, the disaster agency said. Rescue teams "
    "searched collapsed buildings in Bayrakli. Greece offered help after the quake hit Samos.",
]


def corpus(n: int):
    seed = (ROOT / "data" / "serambinews_2020-10-01_karabakh.txt").read_text(encoding="utf-8")
    texts = [seed, *ENGLISH]
    for i in range(n):
        published = date(2020, 1, 1) + timedelta(days=i % 365)
        yield {"id": f"d{i}", "text": texts[i % len(texts)], "published": published.isoformat()}


def write_jsonl(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in corpus(n):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def stage_alone(gazetteer, n: int) -> float:
    from geomap.events import as_document, document_events
    from geomap.geoparse import parse

    docs = [as_document(r) for r in corpus(n)]
    parsed = {}
    for d in docs[:8]:
        parsed[d.text] = parse(d.text, gazetteer=gazetteer, doc_id=d.doc_id)
    start = time.perf_counter()
    for d in docs:
        document_events(d, parsed[d.text], None, gazetteer.version)
    return (time.perf_counter() - start) / n


def end_to_end(gazetteer, n: int, workers: int) -> float:
    from geomap.events import iter_events

    start = time.perf_counter()
    count = sum(len(r.events) for r in iter_events(corpus(n), gazetteer=gazetteer, workers=workers))
    assert count > 0
    return n / (time.perf_counter() - start)


def peak_rss_mb(jsonl: Path, gazetteer: str, out: Path) -> float:
    code = ("import resource, sys; from geomap.cli import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, "--quiet", "events", str(jsonl), "--gazetteer", gazetteer,
                           "-o", str(out)], capture_output=True, text=True, check=True)
    return float(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--gazetteer", help="gazetteer file (default: the per-user default)")
    args = parser.parse_args()
    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(args.gazetteer)
    start = time.perf_counter()
    from geomap.geoparse import parse

    parse("Warm-up in Paris.", gazetteer=gazetteer)
    print(f"name index build (once per process): {time.perf_counter() - start:.2f} s")
    per_doc = stage_alone(gazetteer, args.docs)
    print(f"events stage alone (mentions given): {per_doc * 1000:.2f} ms/article = {1 / per_doc:.0f} articles/s")
    for workers in (1, 2):
        rate = end_to_end(gazetteer, args.docs, workers)
        print(f"end to end, iter_events, workers={workers}: {rate:.0f} articles/s ({args.docs} articles)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small, large = tmp / "small.jsonl", tmp / "large.jsonl"
        write_jsonl(small, args.docs // 4)
        write_jsonl(large, args.docs)
        for workers in (1, 2):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "geomap", "--quiet", "events", str(large), "--gazetteer",
                            str(gazetteer.path), "--workers", str(workers), "-o", str(tmp / "e.parquet")], check=True)
            wall = time.perf_counter() - start
            print(f"`geomap events` {args.docs} articles -> GeoParquet, workers={workers}: {wall:.1f} s wall "
                  f"= {args.docs / wall:.0f} articles/s including start-up and index build")
        a = peak_rss_mb(small, str(gazetteer.path), tmp / "s.geojson")
        b = peak_rss_mb(large, str(gazetteer.path), tmp / "l.geojson")
        print(f"peak memory: {a:.0f} MB for {args.docs // 4} articles, {b:.0f} MB for {args.docs} articles")
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
