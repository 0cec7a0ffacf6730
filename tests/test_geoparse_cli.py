"""`geomap parse`: formats, stdin, HTML, JSON Lines, and bad input that is
reported in one line while the rest of the batch goes on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.cli import main

SEED = Path(__file__).resolve().parents[1] / "data" / "serambinews_2020-10-01_karabakh.txt"


def _parse(gazetteer_path, capsys, *args) -> tuple[int, str, str]:
    code = main(["--quiet", "--gazetteer", str(gazetteer_path), "parse", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.integration
def test_parse_json_lines_fields(default_gazetteer_path, capsys):
    code, out, _ = _parse(default_gazetteer_path, capsys, SEED, "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert {"doc_id", "start", "end", "text", "name", "lat", "lon", "id", "kind", "country_code", "admin1",
            "confidence", "reason", "resolved"} <= set(rows[0])
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    martakert = next(r for r in rows if r["text"] == "Martakert")
    assert martakert["resolved"] and martakert["reason"]
    tonashen = next(r for r in rows if r["text"] == "Tonashen")
    assert tonashen["resolved"] is False and tonashen["lat"] is None


@pytest.mark.integration
def test_parse_geojson_and_table(default_gazetteer_path, capsys, tmp_path):
    target = tmp_path / "out.geojson"
    code, out, _ = _parse(default_gazetteer_path, capsys, SEED, "--geojson", "-o", target)
    assert code == 0 and out == ""
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    moscow = next(f for f in collection["features"] if f["properties"]["text"] == "MOSKWA")
    assert moscow["geometry"]["coordinates"][1] == pytest.approx(55.75, abs=0.05)
    assert any(f["geometry"] is None for f in collection["features"])  # unresolved mentions are kept
    code, out, _ = _parse(default_gazetteer_path, capsys, SEED)
    assert code == 0 and "Martakert" in out and "unresolved" in out


@pytest.mark.integration
def test_parse_output_suffix_picks_the_form(default_gazetteer_path, capsys, tmp_path):
    """`-o mentions.jsonl` without --json writes JSON Lines, `-o x.geojson` GeoJSON, `-o x.txt` the table."""
    for name, check in (("m.jsonl", lambda t: json.loads(t.splitlines()[0])["doc_id"]),
                        ("m.geojson", lambda t: json.loads(t)["type"] == "FeatureCollection"),
                        ("m.txt", lambda t: "Martakert" in t and "conf" in t)):
        code, out, _ = _parse(default_gazetteer_path, capsys, SEED, "-o", tmp_path / name)
        assert code == 0 and out == "" and check((tmp_path / name).read_text(encoding="utf-8")), name


@pytest.mark.integration
def test_parse_stdin_html_and_jsonl(default_gazetteer_path, capsys, tmp_path, monkeypatch):
    import io
    import sys

    html = tmp_path / "page.html"
    html.write_text("<html><head><style>.Paris{}</style><script>var Berlin = 1;</script></head>"
                    "<body><p>Floods hit <b>Jakarta</b> and Bandung.</p></body></html>", encoding="utf-8")
    code, out, _ = _parse(default_gazetteer_path, capsys, html, "--json")
    texts = [json.loads(line)["text"] for line in out.splitlines()]
    assert code == 0 and texts == ["Jakarta", "Bandung"]
    batch = tmp_path / "docs.jsonl"
    batch.write_text(json.dumps({"id": "a", "text": "Protests in Nairobi and Mombasa."}) + "\n"
                     + "{broken\n" + json.dumps({"id": "c", "text": "Хабаровске прошёл митинг."}) + "\n",
                     encoding="utf-8")
    code, out, err = _parse(default_gazetteer_path, capsys, batch, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # one document skipped, the others parsed
    assert [(r["doc_id"], r["name"]) for r in rows] == [("a", "Nairobi"), ("a", "Mombasa"), ("c", "Khabarovsk")]
    assert "docs.jsonl:2" in err and len(err.strip().splitlines()) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Heavy rain in Lagos.".encode())))
    code, out, _ = _parse(default_gazetteer_path, capsys, "-", "--json")
    assert code == 0 and json.loads(out)["name"] == "Lagos"


@pytest.mark.integration
def test_bad_inputs_are_one_line_errors(default_gazetteer_path, capsys, tmp_path):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(("Überschwemmungen in Köln und München am Montag. Die Feuerwehr meldete überflutete "
                        "Straßen, während mehrere Häuser geräumt werden mussten.").encode("cp1252"))
    missing = tmp_path / "missing.txt"
    code, out, err = _parse(default_gazetteer_path, capsys, binary, latin1, missing, "--json")
    assert code == 1
    assert [json.loads(line)["name"] for line in out.splitlines()] == ["Köln", "Munich"]
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "blob.bin" in lines[0] and "binary" in lines[0] and "missing.txt" in lines[1]
    code, out, err = _parse(default_gazetteer_path, capsys, binary)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 2 and lines[1].startswith("geomap: error: no document")
