"""`geomap eval-events`: the numbers of the shared reference scorer (score_events.py, run as a
subprocess) on the event development set to 0.001, for a system file that gets some events
right, some near, some wrong; and matching rules checked by hand."""
from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.events.score import Scored, day_range, pair_up, score_events
from test_eval import EVAL

GOLD = EVAL / "events_dev.jsonl"
KEYS = [("precision",), ("recall",), ("f1",), ("matched",), ("system_events",), ("type_accuracy",),
        ("place_only", "f1"), ("place_only", "matched"), ("fatalities", "exact_match_rate"),
        ("wrong_place", "share"), ("wrong_place", "count"), ("recall_on_dated_gold", "recall")]


def _system_rows() -> list[dict]:
    """Gold events disturbed as a real system would be: moved 10-300 km, retyped, undated,
    wrong tolls, plus invented events; seeded, so the file is the same every run."""
    rng = random.Random(11)
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for e in doc["events"]:
            if rng.random() < 0.2:
                continue
            shift = rng.choice([0.0, 0.0, 0.1, 0.5, 3.0])
            rows.append({"doc_id": e["doc_id"], "lat": e["lat"] + shift, "lon": e["lon"],
                         "date": e["date"] if rng.random() < 0.7 else rng.choice([None, "2018-04", "2017"]),
                         "date_start": e["date_start"], "date_end": e["date_end"],
                         "event_type": e["type"] if rng.random() < 0.7 else "statement",
                         "fatalities": e["fatalities"] if rng.random() < 0.5 else 3,
                         "start": e["sentence_start"], "end": e["sentence_end"]})
        if rng.random() < 0.5:
            rows.append({"doc_id": doc["doc_id"], "lat": rng.uniform(-60, 60), "lon": rng.uniform(-170, 170),
                         "date": None, "date_start": None, "date_end": None, "event_type": "other",
                         "fatalities": None, "start": None, "end": None})
    rows.append({"doc_id": "not-a-gold-doc", "lat": 1.0, "lon": 1.0, "date": None, "date_start": None,
                 "date_end": None, "event_type": "other", "fatalities": None, "start": None, "end": None})
    return rows


def _write(rows: list[dict], path: Path) -> None:
    if path.suffix == ".geojson":
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                     "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}} for r in rows]
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)


def _get(report: dict, key: tuple):
    for part in key:
        report = report[part]
    return report


@pytest.mark.integration
@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_agrees_with_reference_scorer(suffix, tmp_path, capsys):
    system = tmp_path / f"events{suffix}"
    _write(_system_rows(), system)
    reference = json.loads(subprocess.run(
        [sys.executable, str(EVAL / "score_events.py"), str(GOLD), str(system), "--json"],
        check=True, capture_output=True, text=True).stdout)
    assert main(["eval-events", str(GOLD), str(system), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert 0 < reference["f1"] < 1  # a system neither empty nor perfect
    for key in KEYS:
        want, got = _get(reference, key), _get(ours, key)
        assert (want is None and got is None) or got == pytest.approx(want, abs=1e-3), key
    for corpus, row in reference["per_corpus"].items():
        assert ours["per_corpus"][corpus]["f1"] == pytest.approx(row["f1"], abs=1e-3)
    assert ours["system_events_in_other_docs_ignored"] == 1
    assert set(ours["per_language"]) >= {"en", "zh", "sw"}


@pytest.mark.unit
def test_matching_by_hand():
    gold = [{"lat": 50.0, "lon": 10.0, "place_kind": "city", "date": "2020-01-10", "date_start": None,
             "date_end": None, "type": "battle", "fatalities": 3, "sentence_start": 0, "sentence_end": 10},
            {"lat": 50.0, "lon": 10.0, "place_kind": "country", "date": None, "date_start": None,
             "date_end": "2020-01-10", "type": "statement", "fatalities": None, "sentence_start": 20,
             "sentence_end": 30}]

    def event(lat, when, kind="battle"):
        return Scored(doc_id="x", lat=lat, lon=10.0, days=day_range(when), event_type=kind, fatalities=None,
                      start=None, end=None)
    # 20 km away and a day late: the city event; 400 km away and earlier: the country event
    assert sorted(pair_up([event(50.18, "2020-01-11"), event(53.6, "2019-12-01", "statement")], gold)) == \
        [(0, 0), (1, 1)]
    assert pair_up([event(50.27, "2020-01-10")], gold) == [(0, 1)]  # 30 km: outside a city's 25 km
    assert pair_up([event(50.0, "2020-01-12")], gold) == []  # two days late, and after the open range
    assert pair_up([event(50.0, "2020-01-12")], gold, use_dates=False) == [(0, 0)]
    assert day_range("2020-02") == (day_range("2020-02-01")[0], day_range("2020-02-29")[0])
    report = score_events([{"doc_id": "x", "corpus": "c", "events": gold}], [event(None, None)])
    assert report["wrong_place"]["count"] == 1 and report["wrong_place"]["without_point"] == 1


@pytest.mark.unit
def test_bad_input_is_one_line(tmp_path, capsys):
    broken = tmp_path / "events.geojson"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["eval-events", str(GOLD), str(broken)]) != 0
    assert main(["eval-events", str(GOLD), str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("geomap: error:") for line in err)
