"""Recognition P/R/F1 on location-tagged NER corpora, per corpus and language.

Run by hand: ``python bench/bench_recognition.py [--gazetteer PATH] [--errors N]``.
Every mention geomap reports (resolved or not) is a predicted location; a
predicted and a gold span pair one-to-one when they overlap (the pairing
``geomap eval`` uses). False positives are also counted by the corpus tag they fall on
(a place inside an organisation name is an ORG span there, a person's name PER; O is untagged,
and "O, a country" a country name the corpus leaves untagged, as IDNer2k does for countries as actors). The corpora are the extracts in ``shared/eval/ner/`` beside the checkout
(data from public repositories is kept in shared/, never committed; see its README.md for provenance)
(see its README for sources and licences); their text is the corpus's own
tokens joined by single spaces.
"""
from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the shared folder sits beside the main checkout, one level higher for a worktree
DATA = next((p for p in (ROOT.parent / "shared/eval/ner", ROOT.parents[1] / "shared/eval/ner") if p.is_dir()),
            ROOT.parent / "shared/eval/ner")
#: corpus file stem -> (language, what it is)
CORPORA = {
    "id_nerp_valid": ("id", "NERP (IndoNLU) validation, Indonesian news, lower-cased, tag PLC"),
    "id_nerp_test": ("id", "NERP (IndoNLU) test, Indonesian news, lower-cased, tag PLC"),
    "id_nergrit_valid": ("id", "NERGrit (IndoNLU) validation, Indonesian Wikipedia/news, cased, tag PLACE"),
    "id_nergrit_test": ("id", "NERGrit (IndoNLU) test, Indonesian Wikipedia/news, cased, tag PLACE"),
    "id_idner2k_dev": ("id", "IDNer2k (Khairunnisa et al. 2020) dev, Indonesian online news, cased, tag LOC"),
    "id_idner2k_test": ("id", "IDNer2k (Khairunnisa et al. 2020) test, Indonesian online news, cased, tag LOC"),
}


def score_corpus(path: Path, lang: str, gazetteer, errors: int = 0) -> dict:
    from geomap.geoparse import Document, parse_many
    from geomap.geoparse.evaluate import pair_spans

    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = parse_many([Document(doc_id=d["id"], text=d["text"], lang=lang) for d in docs], gazetteer=gazetteer)
    tp = fp = fn = 0
    wrong, missed, by_tag = collections.Counter(), collections.Counter(), collections.Counter()
    for doc, result in zip(docs, results):
        predicted = [(m.start, m.end) for m in result.mentions or []]
        gold = [(g["start"], g["end"]) for g in doc["locations"]]
        pairs = pair_spans(predicted, gold)
        tp += len(pairs)
        fp += len(predicted) - len(pairs)
        fn += len(gold) - len(pairs)
        wrong.update(doc["text"][s:e] for k, (s, e) in enumerate(predicted) if k not in pairs)
        for k, (s, e) in enumerate(predicted):
            if k not in pairs:
                tag = next((x["tag"] for x in doc.get("entities", ()) if x["start"] < e and s < x["end"]), "O")
                country = tag == "O" and result.mentions[k].kind in ("country", "continent")
                by_tag["O, a country" if country else tag] += 1
        missed.update(doc["text"][s:e] for k, (s, e) in enumerate(gold) if k not in set(pairs.values()))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    out = {"sentences": len(docs), "gold": tp + fn, "precision": round(p, 3), "recall": round(r, 3),
           "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn,
           "fp_by_corpus_tag": dict(by_tag.most_common())}
    if errors:
        out["false_positives"] = wrong.most_common(errors)
        out["missed"] = missed.most_common(errors)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gazetteer", default=None)
    ap.add_argument("--errors", type=int, default=0, help="also list the N commonest errors")
    args = ap.parse_args()
    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(args.gazetteer)
    for stem, (lang, about) in CORPORA.items():
        result = score_corpus(DATA / f"{stem}.jsonl", lang, gazetteer, args.errors)
        print(f"{stem} [{lang}] {about}")
        print("  " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
