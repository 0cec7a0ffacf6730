"""`geomap run`, the README's main command, end to end on the seed article."""
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def test_run_takes_the_seed_article_to_map_and_report(default_home, tmp_path):
    env = {**os.environ, "GEOMAP_HOME": str(default_home)}
    out = subprocess.run([sys.executable, "-m", "geomap", "--quiet", "run", "--tiles", "none"], cwd=tmp_path,
                         env=env, capture_output=True, timeout=600)
    assert out.returncode == 0, out.stderr.decode()
    output = tmp_path / "output"
    events = json.loads((output / "events.geojson").read_text())
    places = {f["properties"]["place"] for f in events["features"]}
    assert "Martakert" in places
    unresolved = (output / "events.unresolved.csv").read_text()
    assert "Tonashen" in unresolved
    report = (output / "report.html").read_text()
    assert "Tonashen" in report and "Martakert" in report
    assert "<script src=" not in (output / "map.html").read_text()
    assert sorted(p.name for p in output.iterdir()) == [
        "events.geojson", "events.unresolved.csv", "map.html", "report.html"]


def test_run_reports_a_missing_input_in_one_line(default_home, tmp_path):
    env = {**os.environ, "GEOMAP_HOME": str(default_home)}
    out = subprocess.run([sys.executable, "-m", "geomap", "run", str(tmp_path / "missing.txt")], cwd=tmp_path,
                         env=env, capture_output=True, timeout=600)
    assert out.returncode == 2
    assert b"Traceback" not in out.stderr and b"missing.txt" in out.stderr


def test_run_writes_where_o_says(default_home, tmp_path):
    env = {**os.environ, "GEOMAP_HOME": str(default_home)}
    out = subprocess.run([sys.executable, "-m", "geomap", "-q", "run", "--tiles", "none", "-o", "maps/karabakh"],
                         cwd=tmp_path, env=env, capture_output=True, timeout=600)
    assert out.returncode == 0, out.stderr.decode()
    assert (tmp_path / "maps" / "karabakh" / "map.html").is_file() and not (tmp_path / "output").exists()
