"""Do exact and fuzzy lookups still give the same answers? A check to run by hand around a
change to the lookup code: it ranks the names bench/bench_gazetteer.py times (20,000 real names
of distinct keys, and each of them of 7+ letters with one letter dropped), through ``rank()``
one name per call and through ``rank_many()``, and writes every ranked answer in full (every
field of every candidate, in order) to a JSON file; ``--against`` an earlier file names each
answer that differs and exits 1.

    GEOMAP_HOME=... python bench/check_lookups.py --save before.json
    ... change the code ...
    GEOMAP_HOME=... python bench/check_lookups.py --save after.json --against before.json

Why a script and not a test: the answers depend on the full default gazetteer, and what is
compared is the code before a change with the code after it.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gazetteer import misspell, sample_names  # noqa: E402


def answers(path: Path) -> dict[str, list]:
    """``{label: [ranked answer of each name, as lists of Place dicts]}`` for the bench's names."""
    from geomap.gazetteer import Gazetteer
    from geomap.geocode import rank, rank_many

    with Gazetteer.open(path) as gazetteer:
        names = sample_names(gazetteer, 20_000)
    rng = random.Random(11)
    typos = [misspell(n, rng) for n in names if len(n) >= 7]
    as_dicts = lambda found: [[p.to_dict() for p in places] for places in found]  # noqa: E731
    out: dict[str, list] = {"names": names, "typos": typos}
    for label, queries in (("exact", names), ("fuzzy", typos)):
        with Gazetteer.open(path) as gazetteer:  # fresh caches for each way of asking
            out[f"{label} rank"] = as_dicts([rank(gazetteer, q) for q in queries])
        with Gazetteer.open(path) as gazetteer:
            out[f"{label} rank_many"] = as_dicts(rank_many(gazetteer, queries))
        with Gazetteer.open(path) as gazetteer:  # names asked a second time: answered from the cache
            rank_many(gazetteer, queries[::2])
            out[f"{label} rank_many after cache"] = as_dicts(rank_many(gazetteer, queries))
    return out


def compare(new: dict[str, list], old: dict[str, list]) -> int:
    """Print each answer that differs; the number of differences."""
    differ = 0
    for label, found in new.items():
        before = old.get(label)
        if before is None:
            print(f"{label}: not in the earlier file")
            differ += 1
            continue
        if len(before) != len(found):
            print(f"{label}: {len(found)} answers, {len(before)} before")
            differ += 1
            continue
        for i, (a, b) in enumerate(zip(found, before)):
            if a != b:
                differ += 1
                if differ <= 20:
                    print(f"{label} #{i}: {json.dumps(a)[:300]}\n   before: {json.dumps(b)[:300]}")
    return differ


def main() -> None:
    from geomap.gazetteer import default_gazetteer_path

    parser = argparse.ArgumentParser()
    parser.add_argument("--save", type=Path, required=True, help="write the answers here (JSON)")
    parser.add_argument("--against", type=Path, help="an earlier --save file to compare with")
    args = parser.parse_args()
    found = answers(default_gazetteer_path())
    # Every way of asking gives what one rank() call per name gives.
    inner = sum(compare({k: found[k]}, {k: found[k.split(" rank")[0] + " rank"]})
                for k in found if " rank_many" in k)
    args.save.write_text(json.dumps(found, ensure_ascii=False))
    print(f"{len(found['names']):,} names, {len(found['typos']):,} misspellings; "
          f"rank_many differs from rank in {inner} answers")
    if args.against is not None:
        differ = compare(found, json.loads(args.against.read_text()))
        print(f"against {args.against}: {differ} answers differ")
        sys.exit(1 if differ or inner else 0)
    sys.exit(1 if inner else 0)


if __name__ == "__main__":
    main()
