"""``geomap events`` merging reports across articles: default, --no-merge, --reports, --append (real CLI, real gazetteer)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geomap.cli import main

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
STRIKE = "Media Armenia mengatakan, 3 warga sipil tewas dalam serangan udara Azerbaijan di kota Martakert pada Rabu."
OTHER_DAY = "Media Armenia mengatakan, 2 warga sipil tewas dalam serangan udara Azerbaijan di kota Martakert pada Senin."


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def record(doc_id: str, text: str = STRIKE, outlet: str = "a.example", published: str = "2020-10-01") -> dict:
    return {"id": doc_id, "text": text, "published": published, "lang": "id", "url": f"https://{outlet}/{doc_id}"}


def events(gazetteer, *argv) -> int:
    return main(["--quiet", "events", *map(str, argv), "--gazetteer", str(gazetteer)])


def test_one_strike_from_two_outlets_is_one_event_with_both_reports(default_gazetteer_path, tmp_path):
    source = jsonl(tmp_path / "news.jsonl", [record("r1"), record("r2", outlet="b.example"),
                                             record("r3", OTHER_DAY, outlet="c.example")])
    out = tmp_path / "events.geojson"
    assert events(default_gazetteer_path, source, "-o", out) == 0
    frame = gpd.read_file(out)
    martakert = frame[frame["place"] == "Martakert"].sort_values("date")
    assert len(martakert) == 2  # Wednesday's strike (two reports) and Monday's (one)
    monday, wednesday = martakert.iloc[0], martakert.iloc[1]
    assert str(wednesday["date"])[:10] == "2020-09-30" and str(monday["date"])[:10] == "2020-09-28"
    assert (wednesday["n_reports"], wednesday["n_sources"], monday["n_reports"]) == (2, 2, 1)
    assert {s["doc_id"] for s in json.loads(wednesday["sources"])} == {"r1", "r2"}
    reports = gpd.read_file(tmp_path / "events.reports.geojson")
    assert len(reports) == frame["n_reports"].sum()
    mine = reports[reports["merged_event_id"] == wednesday["event_id"]]
    assert sorted(mine["doc_id"]) == ["r1", "r2"]

    unmerged = tmp_path / "unmerged.csv"
    assert events(default_gazetteer_path, source, "-o", unmerged, "--no-merge") == 0
    assert len(pd.read_csv(unmerged)) == len(reports)
    assert not (tmp_path / "unmerged.reports.csv").exists()


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".parquet"])
def test_append_adds_only_new_articles_and_equals_a_fresh_run(default_gazetteer_path, tmp_path, capsys, suffix):
    first = jsonl(tmp_path / "day1.jsonl", [record("r1"), record("r2", outlet="b.example")])
    second = jsonl(tmp_path / "day2.jsonl", [record("r3", outlet="c.example"), record("r4", OTHER_DAY)])
    out = tmp_path / f"events{suffix}"
    assert events(default_gazetteer_path, first, "-o", out) == 0
    capsys.readouterr()
    assert main(["events", str(first), str(second), "-o", str(out), "--append",
                 "--gazetteer", str(default_gazetteer_path)]) == 0
    assert "2 already in" in capsys.readouterr().err
    fresh = tmp_path / f"fresh{suffix}"
    assert events(default_gazetteer_path, first, second, "-o", fresh) == 0
    appended, scratch = read_events(out), read_events(fresh)
    columns = ["event_id", "place", "date", "n_reports", "n_sources", "report_ids", "fatalities"]
    assert len(appended) == 2 and appended[columns].equals(scratch[columns])
    assert sorted(read_events(tmp_path / f"events.reports{suffix}")["doc_id"]) == ["r1", "r2", "r3", "r4"]


def read_events(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path) if path.suffix == ".csv" else pd.DataFrame(
        gpd.read_parquet(path) if path.suffix == ".parquet" else gpd.read_file(path))
    return frame.drop(columns=[c for c in ("geometry",) if c in frame])


def test_append_without_an_earlier_run_is_one_line(default_gazetteer_path, tmp_path, capsys):
    source = jsonl(tmp_path / "news.jsonl", [record("r1")])
    assert main(["events", str(source), "-o", str(tmp_path / "events.csv"), "--append",
                 "--gazetteer", str(default_gazetteer_path)]) == 2
    err = capsys.readouterr().err
    assert "no reports file to append to" in err and "Traceback" not in err


def test_an_interrupted_append_leaves_the_old_files_intact(default_gazetteer_path, tmp_path):
    out = tmp_path / "events.csv"
    assert events(default_gazetteer_path, jsonl(tmp_path / "old.jsonl", [record("r1"), record("r2")]), "-o", out) == 0
    before = {p.name: p.read_bytes() for p in tmp_path.glob("events*")}
    seed = (ROOT / "data" / "serambinews_2020-10-01_karabakh.txt").read_text("utf-8")
    big = jsonl(tmp_path / "big.jsonl", [record(f"n{i}", seed, outlet=f"o{i}.example") for i in range(3000)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "geomap", "--quiet", "events", str(big), "-o", str(out),
                                "--append", "--gazetteer", str(default_gazetteer_path)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    assert process.poll() is None, "the run ended before it could be interrupted: give it more input"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert {p.name: p.read_bytes() for p in tmp_path.glob("events*") if ".part" not in p.name} == before
