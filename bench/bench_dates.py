"""Dates on hand-annotated TIMEX3 news corpora: the share of calendar DATE values
(YYYY-MM-DD, YYYY-MM, YYYY) that ``geomap.find_dates`` finds and resolves right,
each document read with its creation time (DCT) as the published date.

    python bench/bench_dates.py [CORPUS.jsonl ...] [--misses N]

Corpora are JSON Lines ``{"id", "lang", "published", "text", "timex": [{"start",
"end", "text", "type", "value"}]}``; by default every ``*.jsonl`` of the shared
development folder ``shared/eval/timex`` and its subfolders (see its README for sources and licences).
A gold date counts as right when a found expression overlaps it and has its value.
Documents are split in two halves by position (even: dev, odd: held out) so a
rule tuned on one half shows on the other. Also printed: expressions found where
the annotators marked no time expression at all (a precision check), and speed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def default_corpora() -> list[Path]:
    for folder in (ROOT.parent / "shared/eval/timex", ROOT.parents[1] / "shared/eval/timex"):
        if folder.is_dir():
            return sorted(folder.rglob("*.jsonl"))  # a language may have a folder of its own (timex/zh/)
    return []


def score(docs, misses: int):
    from geomap.dates import find_dates

    totals = defaultdict(Counter)
    examples = defaultdict(list)
    chars, seconds = 0, 0.0
    started = time.perf_counter()
    for lang in sorted({d["lang"] for d in docs}):  # compiling a language's forms is paid once
        find_dates("", published="2000-01-01", lang=lang)
    print(f"first call (forms compiled): {time.perf_counter() - started:.2f} s")
    for n, doc in enumerate(docs):
        half = "dev" if n % 2 == 0 else "held-out"
        started = time.perf_counter()
        found = find_dates(doc["text"], published=doc["published"], lang=doc["lang"])
        seconds += time.perf_counter() - started
        chars += len(doc["text"])
        gold = [t for t in doc["timex"] if t["type"] == "DATE" and CALENDAR.fullmatch(t["value"] or "")]
        for key in (half, "all"):
            t = totals[key]
            t["gold"] += len(gold)
            t["found"] += len(found)
            t["outside"] += sum(1 for f in found if not any(f.start < x["end"] and x["start"] < f.end
                                                              for x in doc["timex"]))
        for g in gold:
            over = [f for f in found if f.start < g["end"] and g["start"] < f.end]
            right = any(f.value == g["value"] for f in over)
            for key in (half, "all"):
                totals[key]["spotted"] += bool(over)
                totals[key]["right"] += right
            if not right and len(examples[half]) < misses:
                examples[half].append((doc["id"], doc["published"], g["text"], g["value"],
                                       [(f.text, f.value) for f in over]))
    return totals, examples, chars, seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--misses", type=int, default=0, help="print up to N missed dates per half")
    args = parser.parse_args(argv)
    corpora = args.corpora or default_corpora()
    if not corpora:
        print("no corpora given and no shared/eval/timex folder found", file=sys.stderr)
        return 2
    for path in corpora:
        docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        totals, examples, chars, seconds = score(docs, args.misses)
        langs = ",".join(sorted({d["lang"] for d in docs}))
        for key in ("dev", "held-out", "all"):
            t = totals[key]
            share = t["right"] / t["gold"] if t["gold"] else float("nan")
            print(f"{path.name} [{langs}] {key:8s} calendar DATE values right {t['right']}/{t['gold']} = {share:.3f}"
                  f"  (spotted {t['spotted']}; found {t['found']} expressions, {t['outside']} outside any TIMEX3)")
        print(f"{path.name}: {len(docs)} documents, {chars / max(seconds, 1e-9) / 1e6:.2f} M characters/s "
              f"({seconds * 1000 / max(len(docs), 1):.2f} ms a document)")
        for half, rows in examples.items():
            for row in rows:
                print(f"  miss {half}: {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
