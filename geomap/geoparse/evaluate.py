"""Scoring a geoparser against a gold corpus (JSON Lines: id, text, toponyms, ignore).

Recognition: predicted and gold spans pair one-to-one when they overlap,
largest overlap first (ties: smallest boundary difference); an unpaired
prediction touching an ``ignore`` span counts neither way. Resolution over
the paired gold toponyms: great-circle error (a paired prediction without
coordinates counts as the largest possible error), Acc@161km, median and
mean, and the AUC of sorted ln(1 + error) (Gritta et al. 2019). End to end
adds every unpaired gold toponym at the largest error.
"""
from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..gazetteer import haversine_km

WORST_KM = 20039.0
def auc(errors: list[float]) -> float | None:
    """Normalised area under sorted ln(1 + km), clipped at ln(WORST_KM): 0 best, 1 worst."""
    if not errors:
        return None
    ceiling = math.log(WORST_KM)
    logs = sorted(min(math.log1p(e), ceiling) for e in errors)
    if len(logs) == 1:
        return logs[0] / ceiling
    trapezoids = sum(a + b for a, b in zip(logs, logs[1:])) / 2
    return trapezoids / (ceiling * (len(logs) - 1))


def pair_spans(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap pairing ``{predicted index: gold index}``."""
    options = []
    for i, (ps, pe) in enumerate(predicted):
        for j, (gs, ge) in enumerate(gold):
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                options.append((-shared, abs(ps - gs) + abs(pe - ge), i, j))
    options.sort()
    pairs: dict[int, int] = {}
    taken = set()
    for _, _, i, j in options:
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def summary(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    overlap: Tally = field(default_factory=Tally)
    exact: Tally = field(default_factory=Tally)
    errors: list[float] = field(default_factory=list)
    gold_total: int = 0
    without_coords: int = 0
    on_ignore: int = 0
    documents: int = 0

    def add_document(self, gold: list[dict], ignore: list[dict], predicted: list[dict]) -> None:
        self.documents += 1
        self.gold_total += len(gold)
        g_spans = [(g["start"], g["end"]) for g in gold]
        p_spans = [(p["start"], p["end"]) for p in predicted]
        i_spans = [(g["start"], g["end"]) for g in ignore]
        gs, ps, ig = set(g_spans), set(p_spans), set(i_spans)
        self.exact.tp += len(ps & gs)
        self.exact.fn += len(gs - ps)
        self.exact.fp += len(ps - gs - ig)
        pairs = pair_spans(p_spans, g_spans)
        self.overlap.tp += len(pairs)
        self.overlap.fn += len(gold) - len(pairs)
        for i, (s, e) in enumerate(p_spans):
            if i not in pairs:
                if any(min(e, ie) > max(s, is_) for is_, ie in i_spans):
                    self.on_ignore += 1
                else:
                    self.overlap.fp += 1
        for i, j in pairs.items():
            self.errors.append(self._error(predicted[i], gold[j]))

    def _error(self, pred: dict, gold: dict) -> float:
        lat, lon = pred.get("lat"), pred.get("lon")
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            lat = lon = None
        if lat is None or not (math.isfinite(lat) and math.isfinite(lon)):
            self.without_coords += 1
            return WORST_KM
        return haversine_km(gold["lat"], gold["lon"], lat, lon)

    def report(self) -> dict:
        end_to_end = self.errors + [WORST_KM] * (self.gold_total - len(self.errors))
        return {"documents": self.documents, "gold_toponyms": self.gold_total,
                "predictions_on_ignore_spans": self.on_ignore,
                "recognition_overlap": self.overlap.summary(), "recognition_exact": self.exact.summary(),
                "resolution_recognised": {**distance_stats(self.errors), "matched_without_coordinates": self.without_coords},
                "resolution_end_to_end": distance_stats(end_to_end)}


def distance_stats(errors: list[float]) -> dict:
    if not errors:
        return {"n": 0, "acc@161km": None, "median_km": None, "mean_km": None, "auc": None}
    return {"n": len(errors), "acc@161km": sum(e <= 161.0 for e in errors) / len(errors),
            "median_km": statistics.median(errors), "mean_km": statistics.fmean(errors), "auc": auc(errors)}


def read_gold(path: str | Path) -> list[dict]:
    """Gold documents; a malformed line is a one-line error naming the line."""
    docs = []
    try:
        with open(path, encoding="utf-8") as handle:
            for n, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                    doc["id"], doc["text"] = str(doc["id"]), doc["text"]
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise InputError(f"{path}:{n}: not a gold document ({exc})") from exc
                docs.append(doc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})") from exc
    return docs


def score_predictions(gold_docs: list[dict], predictions: dict[str, list[dict]]) -> dict:
    """Score ``predictions`` (doc id -> [{start, end, lat, lon}]) against ``gold_docs``."""
    scores = Scores()
    for doc in gold_docs:
        n = len(doc["text"])
        preds = [p for p in predictions.get(doc["id"], []) if _valid(p, n)]
        scores.add_document(doc.get("toponyms") or [], doc.get("ignore") or [], preds)
    return scores.report()


def _valid(p: dict, n: int) -> bool:
    try:
        return 0 <= int(p["start"]) < int(p["end"]) <= n
    except (KeyError, TypeError, ValueError):
        return False
