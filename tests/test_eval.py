"""`geomap eval` and the scorer: the numbers of the shared reference scorer,
on the development corpora, to 0.001; and hand-checked metric values."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.geoparse.evaluate import WORST_KM, auc, pair_spans, score_predictions

def _eval_dir() -> Path:
    """The development corpora: ``shared/eval`` beside the checkout (as in CI), or GEOMAP_EVAL_DIR."""
    import os

    if os.environ.get("GEOMAP_EVAL_DIR"):
        return Path(os.environ["GEOMAP_EVAL_DIR"])
    return Path(__file__).resolve().parents[2] / "shared" / "eval"


EVAL = _eval_dir()
METRICS = [("recognition_overlap", k) for k in ("precision", "recall", "f1", "tp", "fp", "fn")] + \
    [("recognition_exact", k) for k in ("precision", "recall", "f1")] + \
    [(part, k) for part in ("resolution_recognised", "resolution_end_to_end")
     for k in ("n", "acc@161km", "median_km", "mean_km", "auc")]


@pytest.mark.unit
def test_pairing_is_one_to_one_largest_overlap_first():
    # prediction 0 overlaps both golds; gold 1 shares more with it; prediction 1 then takes gold 0
    assert pair_spans([(0, 10), (0, 3)], [(0, 4), (2, 10)]) == {0: 1, 1: 0}
    assert pair_spans([(0, 2)], [(5, 8)]) == {}


@pytest.mark.unit
def test_metrics_by_hand():
    gold = [{"id": "a", "text": "Paris and Lyon and Nice", "ignore": [{"start": 19, "end": 23}],
             "toponyms": [{"start": 0, "end": 5, "lat": 48.85, "lon": 2.35},
                          {"start": 10, "end": 14, "lat": 45.75, "lon": 4.85}]}]
    preds = {"a": [{"start": 0, "end": 5, "lat": 48.85, "lon": 2.35},       # exact, 0 km
                   {"start": 10, "end": 13, "lat": None, "lon": None},     # overlap, no coordinates
                   {"start": 19, "end": 23, "lat": 0.0, "lon": 0.0}]}      # on an ignore span
    r = score_predictions(gold, preds)
    assert r["recognition_overlap"]["tp"] == 2 and r["recognition_overlap"]["fp"] == 0
    assert r["recognition_exact"]["tp"] == 1 and r["recognition_exact"]["fp"] == 1
    assert r["predictions_on_ignore_spans"] == 1
    res = r["resolution_recognised"]
    assert res["acc@161km"] == 0.5 and res["matched_without_coordinates"] == 1
    assert res["mean_km"] == pytest.approx(WORST_KM / 2)
    assert auc([0.0, WORST_KM]) == pytest.approx(0.5 * math.log1p(WORST_KM) / math.log(WORST_KM) + 0.0, rel=1e-3)


def _reference(corpus: Path, predictions: Path) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), str(corpus), str(predictions), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.mark.integration
@pytest.mark.parametrize("corpus", ["trnews", "geowebnews", "multilingual_dev"])
def test_eval_agrees_with_reference_scorer(corpus, default_gazetteer_path, tmp_path, capsys):
    gold = EVAL / f"{corpus}.jsonl"
    if not gold.exists():
        pytest.fail(f"development corpus missing: {gold}")
    predictions = tmp_path / "predictions.jsonl"
    code = main(["--quiet", "--gazetteer", str(default_gazetteer_path), "eval", str(gold), "--json",
                 "--predictions", str(predictions), "--workers", "2"])
    assert code == 0
    ours = json.loads(capsys.readouterr().out)
    theirs = _reference(gold, predictions)
    for part, key in METRICS:
        assert ours[part][key] == pytest.approx(theirs[part][key], abs=0.001), (part, key)
    assert ours["recognition_overlap"]["tp"] > 0


@pytest.mark.integration
def test_eval_text_report_and_bad_gold(default_gazetteer_path, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "1", "text": "Floods hit Jakarta on Monday.",
                                "toponyms": [{"start": 11, "end": 18, "name": "Jakarta",
                                              "lat": -6.21462, "lon": 106.84513}]}) + "\n", encoding="utf-8")
    assert main(["--quiet", "--gazetteer", str(default_gazetteer_path), "eval", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "P=1.000 R=1.000 F1=1.000" in out and "acc@161km=100.0%" in out
    gold.write_text("{not json\n", encoding="utf-8")
    assert main(["--quiet", "--gazetteer", str(default_gazetteer_path), "eval", str(gold)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("geomap: error:") and "gold.jsonl:1" in err and len(err.strip().splitlines()) == 1
