"""Benchmark: the events stage on Dask (LocalCluster) against one process.

Builds N articles from the development corpora texts (/work/shared/eval/*.jsonl,
never copied into the repo): each article is 3-12 sentences drawn, with a
fixed seed, from all the corpora's texts, so no two articles are the same.
Prints articles/s for the single-process path (``geomap.events.iter_events``)
and for ``geomap.dask.run_events_dask`` on LocalCluster(workers), and the peak
memory (max RSS) of every worker at each input size, to show it stays flat.

    .venv/bin/python bench/bench_dask.py                      # 100,000 articles
    .venv/bin/python bench/bench_dask.py --articles 4000 --sizes 1000,4000
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import tempfile
import time
from pathlib import Path


def corpus_sentences(pattern: str) -> list[str]:
    sentences = []
    for path in sorted(glob.glob(pattern)):
        for line in open(path, encoding="utf-8"):
            text = json.loads(line)["text"]
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20]
    if not sentences:
        raise SystemExit(f"no texts in {pattern}")
    return sentences


def write_articles(path: Path, n: int, sentences: list[str], seed: int = 8) -> int:
    rng = random.Random(seed)
    size = 0
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(3, 12)))
            line = json.dumps({"id": f"bench{i}", "text": text, "published": f"2020-{1 + i % 12:02d}-15"},
                              ensure_ascii=False)
            size += handle.write(line + "\n")
    return size


def single_process(path: Path, limit: int, gazetteer) -> float:
    """Articles/s of iter_events in this process (index built before the clock starts)."""
    from geomap.events import iter_events
    from geomap.geoparse.index import name_index

    name_index(gazetteer)
    records = [json.loads(line) for _, line in zip(range(limit), open(path, encoding="utf-8"))]
    list(iter_events(records[:100], gazetteer=gazetteer))  # warm the lexicons, as the cluster's warm-up
    started = time.perf_counter()
    n = sum(1 for _ in iter_events(records, gazetteer=gazetteer))
    return n / (time.perf_counter() - started)


def peak_rss_mb(dask_worker=None) -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def on_cluster(path: Path, outdir: Path, workers: int, blocksize: int, gazetteer_path: str, warmup: Path) -> dict:
    """One run on a fresh LocalCluster: its workers first warm up on a small
    batch (gazetteer, name index, lexicons, dateparser: the one-time cost
    per worker process, reported apart), then the timed run; peak RSS per worker."""
    import logging

    from distributed import Client, LocalCluster

    from geomap.dask import run_events_dask
    from geomap.distributed.worker import check_worker

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        from geomap.dask import gazetteer_identity

        started = time.perf_counter()
        client.run(check_worker, *gazetteer_identity(gazetteer_path))  # each worker opens its gazetteer
        run_events_dask([str(warmup)], outdir.with_name(outdir.name + "-warmup"), scheduler=cluster.scheduler_address,
                        gazetteer_path=gazetteer_path, blocksize=max(warmup.stat().st_size // (4 * workers), 1))
        warm = time.perf_counter() - started
        started = time.perf_counter()
        summary = run_events_dask([str(path)], outdir, scheduler=cluster.scheduler_address,
                                  gazetteer_path=gazetteer_path, blocksize=blocksize)
        seconds = time.perf_counter() - started
        peaks = sorted(client.run(peak_rss_mb).values())
    return {"summary": summary, "seconds": seconds, "warm": warm, "peaks": peaks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sizes", help="comma-separated input sizes for the memory check (default N/10,N)")
    parser.add_argument("--single", type=int, default=2000, help="articles for the single-process rate")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--blocksize", type=int, default=2**20, help="bytes per input partition")
    parser.add_argument("--corpora", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "*.jsonl"))
    parser.add_argument("--gazetteer", help="gazetteer file (default: the per-user one)")
    args = parser.parse_args()

    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(args.gazetteer)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [max(args.articles // 10, 1), args.articles]
    sentences = corpus_sentences(args.corpora)
    print(f"corpus: {len(sentences)} sentences from {args.corpora}; cpu cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="geomap-bench-dask-") as tmp:
        inputs = {0: Path(tmp) / "warmup.jsonl"}
        write_articles(inputs[0], 100, sentences, seed=1)
        for n in sorted(set(sizes + [args.single])):
            inputs[n] = Path(tmp) / f"articles-{n}.jsonl"
            mb = write_articles(inputs[n], n, sentences) / 2**20
            print(f"built {n:,} articles ({mb:.1f} MB)")
        rate = single_process(inputs[args.single], args.single, gazetteer)
        print(f"single process (iter_events): {rate:.1f} articles/s over {args.single:,} articles")
        for n in sizes:
            run = on_cluster(inputs[n], Path(tmp) / f"out-{n}", args.workers, args.blocksize, str(gazetteer.path),
                             inputs[0])
            s = run["summary"]
            print(f"dask LocalCluster({args.workers} workers) on {n:,} articles: {n / run['seconds']:.1f} articles/s "
                  f"({run['seconds']:.1f} s; start-up and warm-up {run['warm']:.1f} s), {s.partitions} partitions, "
                  f"{s.events:,} events, {s.unresolved:,} unresolved; peak RSS per worker: "
                  + ", ".join(f"{mb:.0f} MB" for mb in run["peaks"]))
            print(f"  speed-up over one process: {n / run['seconds'] / rate:.2f}x "
                  f"(per worker: {n / run['seconds'] / args.workers:.1f} articles/s)")


if __name__ == "__main__":
    main()
