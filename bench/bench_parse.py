"""Geoparsing speed and memory: documents/s over the development corpora, index build
time, peak RSS. Run by hand: python bench/bench_parse.py [--workers N] [--repeat K]."""
from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

CORPORA = [Path("/work/shared/eval") / f"{name}.jsonl" for name in ("trnews", "geowebnews", "multilingual_dev")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="pass over the corpora this many times")
    ap.add_argument("--gazetteer", default=None)
    args = ap.parse_args()

    from geomap.gazetteer import Gazetteer
    from geomap.geoparse import Document, parse_many
    from geomap.geoparse.index import name_index

    gazetteer = Gazetteer.open(args.gazetteer)
    t0 = time.perf_counter()
    index = name_index(gazetteer)
    build = time.perf_counter() - t0
    rss_index = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    docs = []
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs.append(Document(doc_id=d["id"], text=d["text"]))
    docs = docs * args.repeat
    chars = sum(len(d.text) for d in docs)
    corpus_docs = len(docs) // args.repeat
    t0 = time.perf_counter()
    parse_many(docs[:corpus_docs], gazetteer=gazetteer)  # cold: loads language model, word lists, caches
    dt = time.perf_counter() - t0
    print(f"cold first pass: {corpus_docs} docs in {dt:.2f} s = {corpus_docs / dt:.0f} docs/s "
          f"(one-time loading of py3langid, wordfreq lists per language, gazetteer rows)")
    for workers in sorted({1, args.workers}):  # warm: workers are forked from the warm parent
        t0 = time.perf_counter()
        results = parse_many(docs, gazetteer=gazetteer, workers=workers)
        dt = time.perf_counter() - t0
        mentions = sum(len(r.mentions or []) for r in results)
        print(f"workers={workers}: {len(docs)} docs ({chars / len(docs):.0f} chars avg) in {dt:.2f} s = "
              f"{len(docs) / dt:.0f} docs/s, {chars / dt / 1e6:.2f} M chars/s, {mentions} mentions")
    print(f"index: {len(index.keys):,} keys, {len(index.prefixes):,} prefixes, built in {build:.2f} s; "
          f"RSS after index {rss_index:.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          f"(parent; workers share the index copy-on-write)")
    long_text = " ".join(d.text for d in docs[:200])
    for factor in (1, 4):
        text = long_text * factor
        t0 = time.perf_counter()
        parse_many([Document(doc_id="long", text=text, lang="en")], gazetteer=gazetteer)
        dt = time.perf_counter() - t0
        print(f"one document of {len(text) / 1e6:.1f} M chars: {dt:.2f} s ({len(text) / dt / 1e6:.2f} M chars/s)")


if __name__ == "__main__":
    main()
