"""Geoparsing speed and memory over the development corpora (news, ~2,000 characters).

Prints: the first document of a fresh process (wall and CPU seconds, interpreter start
included), documents/s with 1 and N worker processes on a warm parent (wall, and CPU
ms/document of parent and workers together, the measure to compare on a shared machine),
CPU ms/document per stage, peak RSS of the parent and of the largest worker, the peak memory
(PSS) of all the processes of a run together, and two long texts (spotting stays linear).
Run by hand:

    python bench/bench_parse.py [--workers N] [--repeat K] [--gazetteer PATH]
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

CORPORA = [Path("/work/shared/eval") / f"{name}.jsonl" for name in ("trnews", "geowebnews", "multilingual_dev")]

_FIRST_DOCUMENT = """
import json, resource, sys, time
w0, c0 = time.perf_counter(), time.process_time()
from geomap.gazetteer import Gazetteer
from geomap.geoparse import Document, parse_many
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
(result,) = parse_many([Document(doc_id="first", text=text)], gazetteer=Gazetteer.open(sys.argv[2] or None))
print(json.dumps({"wall": time.perf_counter() - w0, "cpu": time.process_time() - c0,
                  "mentions": len(result.mentions or []),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def first_document(gazetteer: str | None) -> None:
    """A fresh interpreter parses one news article: what a user waits for on the first call."""
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _FIRST_DOCUMENT, str(CORPORA[0]), gazetteer or ""],
                         capture_output=True, text=True, check=True)
    total = time.perf_counter() - t0
    got = json.loads(out.stdout)
    print(f"first document, fresh process: {total:.2f} s wall from launch ({got['wall']:.2f} s wall, "
          f"{got['cpu']:.2f} s CPU after interpreter start), {got['mentions']} mentions, RSS {got['rss_mb']:.0f} MB")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _pss_mb(pid: int) -> float:
    """Proportional set size of one process (shared pages split among their sharers), Linux only."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            return next((int(line.split()[1]) / 1024 for line in f if line.startswith("Pss:")), 0.0)
    except OSError:
        return 0.0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(k) for k in f.read().split()]
    except OSError:
        return []


class PeakMemory:
    """The largest total PSS of this process and its workers, sampled every 100 ms while in use:
    what the machine really gives the run (RSS counts the pages workers share with the parent in each)."""

    def __init__(self):
        import threading

        self.peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        import os

        while not self._stop.is_set():
            pids = [os.getpid(), *_children(os.getpid())]
            self.peak = max(self.peak, sum(map(_pss_mb, pids)))
            self._stop.wait(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def throughput(docs, gazetteer, workers: int) -> None:
    from geomap.geoparse import parse_many

    chars = sum(len(d.text) for d in docs)
    w0, (p0, k0) = time.perf_counter(), _cpu()
    results = parse_many(docs, gazetteer=gazetteer, workers=workers)
    wall, (p1, k1) = time.perf_counter() - w0, _cpu()
    mentions = sum(len(r.mentions or []) for r in results)
    per = 1000 / len(docs)
    print(f"workers={workers}: {len(docs)} docs ({chars / len(docs):.0f} chars avg) in {wall:.2f} s = "
          f"{len(docs) / wall:.0f} docs/s, {chars / wall / 1e6:.2f} M chars/s; CPU ms/doc: parent "
          f"{(p1 - p0) * per:.2f}, workers {(k1 - k0) * per:.2f}; {mentions} mentions")


def peak_memory(docs, gazetteer, workers: int) -> None:
    """A run of its own (sampling costs the parent CPU, so not the timed one)."""
    from geomap.geoparse import parse_many

    with PeakMemory() as memory:
        parse_many(docs, gazetteer=gazetteer, workers=workers)
    print(f"peak memory of a run with {workers} worker(s), PSS of all its processes: {memory.peak:.0f} MB")


def stages(docs, gazetteer) -> None:
    """CPU ms/document of each stage of :func:`geomap.geoparse.core.parse_text`, warm."""
    from geomap.geoparse import core, filters
    from geomap.geoparse.cues import cue_spans
    from geomap.geoparse.evidence import hashtags
    from geomap.geoparse.index import name_index
    from geomap.geoparse.lexicon import demonyms, lexicon
    from geomap.geoparse.spotter import spot
    from geomap.geoparse.tokens import case_blind, sentence_starts, title_case_tokens, tokenize

    index, lex = name_index(gazetteer), lexicon()
    spent = dict.fromkeys(("language", "tokens", "spot", "filters+cues", "recognise (all)", "resolve"), 0.0)
    clock = time.process_time
    for d in docs:
        t = [clock()]
        lang = core.detect_language(d.text)
        t.append(clock())
        upper, tokens = case_blind(d.text), tokenize(d.text)
        starts = frozenset(sentence_starts(d.text, tokens) | title_case_tokens(d.text, tokens))
        view = filters.DocView(d.text, tokens, starts, upper, lang, lex, hashtags(d.text, tokens))
        t.append(clock())
        spots = spot(d.text, tokens, index, lex, lang, demonyms(lang), case_matters=not upper)
        t.append(clock())
        kept, _ = core._filtered(view, spots, gazetteer)
        cue_spans(view, kept)
        t.append(clock())
        found = core.recognise(d.text, 0, lang, upper, gazetteer, index, lex)  # the three before, and the rest
        t.append(clock())
        core.resolve_all(d.text, d.doc_id, found, gazetteer)
        t.append(clock())
        for name, before, after in zip(spent, t, t[1:]):
            spent[name] += after - before
    n = len(docs)
    print("CPU ms/doc by stage (warm, 1 process): " + ", ".join(f"{name} {dt / n * 1000:.2f}" for name, dt in spent.items())
          + f"; parse = language + recognise (all) + resolve = "
          f"{(spent['language'] + spent['recognise (all)'] + spent['resolve']) / n * 1000:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="pass over the corpora this many times")
    ap.add_argument("--gazetteer", default=None)
    args = ap.parse_args()

    first_document(args.gazetteer)
    from geomap.gazetteer import Gazetteer
    from geomap.geoparse import Document, parse_many

    gazetteer = Gazetteer.open(args.gazetteer)
    corpus = [Document(doc_id=d["id"], text=d["text"])
              for path in CORPORA for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    t0, c0 = time.perf_counter(), time.process_time()
    parse_many(corpus, gazetteer=gazetteer)
    print(f"first pass of this process: {len(corpus)} docs in {time.perf_counter() - t0:.2f} s "
          f"({time.process_time() - c0:.2f} s CPU: loading the index, language identifier, word lists; "
          f"gazetteer look-ups of names not seen before)")
    rss_parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages(corpus, gazetteer)
    docs = corpus * args.repeat
    for workers in sorted({1, args.workers}):
        # Each run starts alike: the process warm (index, identifier, word lists: workers fork from
        # it), the gazetteer's look-up caches empty (a worker opens its own connection and caches).
        with Gazetteer.open(args.gazetteer) as fresh:
            throughput(docs, fresh, workers)
    for workers in sorted({1, args.workers}):
        with Gazetteer.open(args.gazetteer) as fresh:
            peak_memory(docs, fresh, workers)
    print(f"peak RSS: parent {max(rss_parent, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024):.0f} MB, "
          f"largest worker {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB "
          "(workers share the parent's pages copy-on-write; RSS counts shared pages in each)")
    long_text = " ".join(d.text for d in docs[:200])
    for factor in (1, 4):
        text = long_text * factor
        t0 = time.process_time()
        parse_many([Document(doc_id="long", text=text, lang="en")], gazetteer=gazetteer)
        dt = time.process_time() - t0
        print(f"one document of {len(text) / 1e6:.1f} M chars: {dt:.2f} s CPU ({len(text) / dt / 1e6:.2f} M chars/s)")


if __name__ == "__main__":
    main()
