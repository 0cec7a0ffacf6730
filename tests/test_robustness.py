"""Inputs other stages' tests found to break the pipeline (regressions)."""
import json

import pytest

import geomap

pytestmark = pytest.mark.integration


def test_language_dateparser_does_not_know(default_gazetteer):
    """A detected language outside dateparser's list must not end the run."""
    frame = geomap.extract_events("Three people were killed in Kabul yesterday.", lang="tg",
                                  published="2020-10-01", gazetteer=default_gazetteer)
    assert list(frame["place"]) == ["Kabul"]
    assert str(frame["date"].iloc[0].date()) == "2020-09-30"


def test_jsonl_text_with_line_separator_stays_one_record(tmp_path, default_home):
    import subprocess
    import sys

    doc = {"id": "a", "text": "Floods hit Jakarta\u2028on Monday. Rescue teams reached Bogor."}
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n" + json.dumps({"id": "b", "text": "Paris"}) + "\n",
                    encoding="utf-8")
    import os

    out = subprocess.run([sys.executable, "-m", "geomap", "parse", "--json", str(path)], capture_output=True,
                         env={**os.environ, "GEOMAP_HOME": str(default_home)}, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert {r["doc_id"] for r in rows} == {"a", "b"}
    assert {"Jakarta", "Bogor"} <= {r["text"] for r in rows if r["doc_id"] == "a"}
