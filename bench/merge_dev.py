"""A development check of cross-article merging, built from the events development set.

How the set is made (no hand labels needed): every document of
``events_dev.jsonl`` (60 articles, 18 languages) is republished three times
by other outlets with small edits —

* ``copy``: same text, another id and domain, a reporter's line added;
* ``trimmed``: the last paragraph dropped;
* ``retitled``: a sentence-initial word of the lead changed to another case
  and a wire credit prepended;

and once more **two weeks later** (``later``: same text, published 14 days
on, so every relative date — "on Wednesday", "yesterday" — lands two weeks
later: the "same town, another day" case, which must stay apart; an
absolute date in it still names the original day, and merging it is right).
Truth key of a report: (original document, event type, place id, date): two
reports are one occurrence when they come from versions of one article and
say the same thing happened at the same place on the same day. Pairwise
precision and recall of merging are printed. Reports of one occurrence in
two *different* original articles count as distinct here, so precision is
a lower bound.

    python bench/merge_dev.py [GAZETTEER.sqlite]
"""
from __future__ import annotations

import itertools
import json
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")


def originals() -> list[dict]:
    texts = {}
    for name in ("geowebnews.jsonl", "multilingual_dev.jsonl"):
        for line in (EVAL / name).read_text("utf-8").splitlines():
            record = json.loads(line)
            texts[record["id"]] = record
    docs = []
    for number, line in enumerate((EVAL / "events_dev.jsonl").read_text("utf-8").splitlines()):
        gold = json.loads(line)
        # an undated article gets a day of its own, so unrelated articles never share a date by construction
        published = gold.get("publication_date") or (date(2015, 1, 1) + timedelta(days=40 * number)).isoformat()
        docs.append({"id": gold["doc_id"], "text": texts[gold["doc_id"]]["text"], "published": published,
                     "lang": texts[gold["doc_id"]].get("lang")})
    return docs


def versions(doc: dict) -> list[dict]:
    day = date.fromisoformat(doc["published"][:10])
    paragraphs = doc["text"].rstrip().split("\n")
    trimmed = "\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else doc["text"]
    base = {"lang": doc["lang"], "original": doc["id"]}
    return [
        {**base, "id": doc["id"], "text": doc["text"], "published": day, "url": f"https://a.example/{doc['id']}",
         "later": False},
        {**base, "id": doc["id"] + "~copy", "text": doc["text"] + "\n\nReporting by a staff writer.",
         "published": day, "url": f"https://b.example/{doc['id']}", "later": False},
        {**base, "id": doc["id"] + "~trimmed", "text": trimmed, "published": day,
         "url": f"https://c.example/{doc['id']}", "later": False},
        {**base, "id": doc["id"] + "~retitled", "text": "(Wire) " + doc["text"], "published": day,
         "url": f"https://d.example/{doc['id']}", "later": False},
        {**base, "id": doc["id"] + "~later", "text": doc["text"], "published": day + timedelta(days=14),
         "url": f"https://e.example/{doc['id']}", "later": True},
    ]


def merged_reports(gazetteer_path: str | None):
    """Extract events from every version, merge them; returns (reports with merged_event_id, versions by id)."""
    import pandas as pd

    from geomap.events import extract_events_many
    from geomap.events.merge import merge_reports
    from geomap.gazetteer import Gazetteer

    docs = [v for doc in originals() for v in versions(doc)]
    inputs = [{k: d[k] for k in ("id", "text", "published", "lang", "url")} for d in docs]
    gazetteer_path = gazetteer_path or str(next((ROOT / ".geomap-test").glob("default-*.sqlite")))
    with Gazetteer.open(gazetteer_path) as gazetteer:
        frame = pd.DataFrame(extract_events_many(inputs, gazetteer=gazetteer).drop(columns="geometry"))
    frame = frame[frame["date"].notna()].reset_index(drop=True)
    return merge_reports(frame)[1], {d["id"]: d for d in docs}


def main(gazetteer_path: str | None) -> None:
    reports, meta = merged_reports(gazetteer_path)
    truth = [_truth_key(row, meta[row["doc_id"]]) for _, row in reports.iterrows()]
    later = [meta[d]["later"] for d in reports["doc_id"]]
    _print_scores(truth, list(reports["merged_event_id"]), later)


def _truth_key(row, version: dict) -> tuple:
    return (version["original"], row["event_type"], row["place_id"], pd_day(row["date"]))


def pd_day(value) -> date:
    return value.date() if hasattr(value, "date") else date.fromisoformat(str(value)[:10])


def _print_scores(truth: list, predicted: list, later: list) -> None:
    same_truth = same_pred = both = 0
    later_merged = 0
    for i, j in itertools.combinations(range(len(truth)), 2):
        t, p = truth[i] == truth[j], predicted[i] == predicted[j]
        same_truth += t
        same_pred += p
        both += t and p
        later_merged += p and later[i] != later[j] and truth[i][:3] == truth[j][:3] and truth[i][3] != truth[j][3]
    precision = both / same_pred if same_pred else 1.0
    recall = both / same_truth if same_truth else 1.0
    print(f"reports {len(truth)}, merged events {len(set(predicted))}, true occurrences {len(set(truth))}")
    print(f"pairwise merge precision {precision:.3f}, recall {recall:.3f} "
          f"({both} of {same_pred} merged pairs true; {both} of {same_truth} true pairs merged)")
    print(f"'two weeks later' reports (another day) wrongly merged with their original: {later_merged} pairs")




def explain(gazetteer_path: str | None = None) -> None:
    """Print why merged pairs are not true pairs (development aid)."""
    import collections

    reports, meta = merged_reports(gazetteer_path)
    reasons = collections.Counter()
    for _, group in reports.groupby("merged_event_id"):
        rows = list(group.iterrows())
        for (_, a), (_, b) in itertools.combinations(rows, 2):
            ka, kb = _truth_key(a, meta[a["doc_id"]]), _truth_key(b, meta[b["doc_id"]])
            if ka != kb:
                names = ("original", "type", "place", "day")
                reasons[tuple(n for n, x, y in zip(names, ka, kb) if x != y)] += 1
    for reason, count in reasons.most_common():
        print(count, reason)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
