"""Reading speed of geomap.documents, printed as numbers (run by hand).

    .venv/bin/python bench/bench_documents.py [--docs 20000]

Writes the seed article N times as JSON Lines, CSV and (N/100) HTML pages
(the saved news page of the tests) into a temporary directory and times
``read_inputs`` over each: documents/s and MB/s. Also times reading one
document of ``MAX_CHARS`` characters (the documented limit). No gazetteer.
"""
from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(paths, label: str) -> None:
    from geomap.documents import read_inputs

    problems: list = []
    size = sum(Path(p).stat().st_size for p in paths)
    start = time.perf_counter()
    n = sum(1 for _ in read_inputs(paths, problems.append))
    seconds = time.perf_counter() - start
    print(f"{label:<28} {n:>7} docs  {n / seconds:>9.0f} docs/s  {size / 1e6 / seconds:>7.1f} MB/s  "
          f"{len(problems)} problems")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    args = parser.parse_args()
    from geomap.documents import MAX_CHARS

    seed = (ROOT / "data" / "serambinews_2020-10-01_karabakh.txt").read_text(encoding="utf-8")
    page = (ROOT / "tests" / "data" / "news_page_serambinews.html").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with open(tmp / "docs.jsonl", "w", encoding="utf-8") as out:
            for n in range(args.docs):
                out.write(json.dumps({"id": f"d{n}", "text": seed, "date": "2020-10-01"}, ensure_ascii=False) + "\n")
        with open(tmp / "docs.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "body", "pubDate"])
            writer.writerows([f"d{n}", seed, "2020-10-01"] for n in range(args.docs))
        pages = tmp / "pages"
        pages.mkdir()
        for n in range(max(1, args.docs // 100)):
            (pages / f"p{n}.html").write_text(page, encoding="utf-8")
        (tmp / "long.txt").write_text((seed * (MAX_CHARS // len(seed) + 1))[:MAX_CHARS], encoding="utf-8")
        timed([tmp / "docs.jsonl"], "JSON Lines")
        timed([tmp / "docs.csv"], "CSV")
        timed([pages], "HTML pages (trafilatura)")
        timed([tmp / "long.txt"], f"one text of {MAX_CHARS:,} chars")


if __name__ == "__main__":
    main()
