"""Inputs, outputs and the ``geomap events`` command, on real files and the real gazetteer."""
import json
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geomap.cli import main
from geomap.documents import date_in_name, read_inputs

SEED = Path(__file__).resolve().parents[1] / "data" / "serambinews_2020-10-01_karabakh.txt"
STRIKE = "Media Armenia mengatakan, 3 warga sipil tewas dalam serangan udara Azerbaijan di kota Martakert pada Rabu."
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Shelling in Donetsk</title><link>https://example.org/1</link>
<pubDate>Thu, 01 Oct 2020 10:00:00 +0000</pubDate>
<description>&lt;p&gt;Four civilians were killed by shelling in Donetsk on Wednesday.&lt;/p&gt;</description></item>
<item><title></title></item></channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Protest in Yerevan</title><id>urn:1</id><link href="https://example.org/a"/>
<published>2020-10-01T08:00:00Z</published><summary>Thousands protested in Yerevan yesterday.</summary></entry></feed>"""
HTML = """<!doctype html><html><head><title>Strike on Martakert</title>
<meta property="article:published_time" content="2020-10-01T09:00:00+07:00">
<link rel="canonical" href="https://example.org/martakert"><script>var x = "Paris";</script></head>
<body><p>""" + STRIKE + "</p></body></html>"


def collect(paths):
    problems = []
    docs = list(read_inputs(paths, problems.append))
    return docs, [str(p) for p in problems]


@pytest.mark.unit
def test_readers_report_bad_files_and_lines_and_go_on(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "bad.rss").write_text("this is not <xml")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(50_000_000)
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"id": "a", "text": STRIKE, "published": "2020-10-01", "source": "x"}) + "\n{broken\n\n"
        + json.dumps({"title": "no text"}) + "\n" + json.dumps({"text": STRIKE}) + "\n", encoding="utf-8")
    french = "Les combats se poursuivent près de Martakert, a déclaré le ministère arménien à Erevan. " * 8
    (tmp_path / "latin1.txt").write_bytes(french.encode("cp1252"))
    docs, problems = collect(sorted(tmp_path.iterdir()))
    assert [d.doc_id for d in docs] == ["latin1", "a", "news:5"]
    assert docs[1].published == "2020-10-01" and docs[1].origin.endswith("news.jsonl:1")
    assert "déclaré le ministère arménien" in docs[0].text
    joined = "\n".join(problems)
    for expected in ("empty.txt: empty file", "blank.txt: no text", "binary.txt: binary data",
                     "bad.rss: not an RSS or Atom feed", "huge.txt: file too large", "news.jsonl:2: broken JSON",
                     "news.jsonl:4: no text field: looked for text, body, content, article; it has title"):
        assert expected in joined
    assert len(problems) == 7


@pytest.mark.unit
def test_feeds_html_and_directories(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "atom.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sub" / "page_2020-09-30.html").write_text(HTML, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STRIKE)
    docs, problems = collect([tmp_path])
    assert problems == [f"{tmp_path / 'wire.rss'}:5: item 2: has neither title nor text; skipped"]
    atom, page, rss = docs
    assert (atom.doc_id, atom.url, atom.source, atom.published) == ("urn:1", "https://example.org/a", "Atom wire",
                                                                    "2020-10-01T08:00:00Z")
    assert page.doc_id == "sub/page_2020-09-30" and page.title == "Strike on Martakert"
    assert page.url == "https://example.org/martakert" and page.published == "2020-10-01"
    assert page.date_hint == date(2020, 9, 30) and "Paris" not in page.text
    assert rss.text.startswith("Shelling in Donetsk\nFour civilians") and rss.source == "Wire"
    assert date_in_name("x_2020-02-31.txt") is None


def run_cli(*argv):
    return main(["--quiet", *map(str, argv)])


@pytest.mark.integration
@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".parquet", ".gpkg"])
def test_cli_writes_every_format_with_the_same_rows(default_gazetteer_path, tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    assert run_cli("events", SEED, "--gazetteer", default_gazetteer_path, "-o", out) == 0
    frame = pd.read_csv(out) if suffix == ".csv" else \
        gpd.read_parquet(out) if suffix == ".parquet" else gpd.read_file(out)
    assert len(frame) >= 5 and list(frame.columns[:3]) == ["event_id", "doc_id", "date"]
    strike = frame[frame["place"] == "Martakert"].iloc[0]
    assert int(strike["fatalities"]) == 3 and int(strike["geo_precision"]) == 1
    assert str(strike["date"])[:10] == "2020-09-30"
    if suffix != ".csv":
        assert frame.crs.to_epsg() == 4326
        assert frame.geometry.iloc[0].geom_type == "Point"
    unresolved = pd.read_csv(tmp_path / "events.unresolved.csv")
    assert set(unresolved["place_text"]) == {"Tonashen"}
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []


@pytest.mark.integration
def test_cli_batch_with_bad_inputs_reports_each_and_keeps_the_rest(default_gazetteer_path, tmp_path, capsys):
    (tmp_path / "news.jsonl").write_text(
        json.dumps({"id": "ok", "text": STRIKE, "published": "2020-10-01", "url": "https://example.org"}) + "\n"
        + "{broken\n" + json.dumps({"id": "bad-date", "text": STRIKE, "published": "31/02/2020"}) + "\n",
        encoding="utf-8")
    (tmp_path / "bad.rss").write_text("<rss><channel>")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    out = tmp_path / "events.geojson"
    status = main(["events", str(tmp_path / "news.jsonl"), str(tmp_path / "bad.rss"), str(tmp_path / "empty.txt"),
                   str(tmp_path / "wire.rss"), "--gazetteer", str(default_gazetteer_path), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    assert "news.jsonl:2: broken JSON" in err and "bad.rss: not an RSS or Atom feed" in err
    assert "empty.txt: empty file" in err and "'31/02/2020' is not a real date" in err
    frame = gpd.read_file(out)
    assert set(frame["doc_id"]) == {"ok", "bad-date", "https://example.org/1"}
    ok = frame[frame["doc_id"] == "ok"].iloc[0]
    assert str(ok["date"])[:10] == "2020-09-30" and ok["url"] == "https://example.org"
    donetsk = frame[frame["place"] == "Donetsk"]
    assert set(donetsk["event_type"]) == {"shelling"} and donetsk["fatalities"].max() == 4


@pytest.mark.integration
def test_cli_failure_leaves_the_old_output_untouched(default_gazetteer_path, tmp_path, capsys):
    out = tmp_path / "events.csv"
    out.write_text("old\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run_cli("events", tmp_path / "empty.txt", "--gazetteer", default_gazetteer_path, "-o", out) == 2
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "events.csv"]
    assert "no document could be read" in capsys.readouterr().err


@pytest.mark.integration
def test_cli_usage_errors_are_one_line(default_gazetteer_path, tmp_path, capsys):
    assert run_cli("events", SEED, "-o", tmp_path / "x.shp") == 2
    assert run_cli("events", SEED, "--published", "31/02/2020") == 2
    assert run_cli("events", SEED, "--workers", "0") == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("geomap: error:") for line in lines)


@pytest.mark.integration
def test_cli_stdout_geojson_and_workers(default_gazetteer_path, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(6):
        (docs / f"a{n}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("events", docs, "--gazetteer", default_gazetteer_path, "--workers", "2", "--no-merge") == 0
    collection = json.loads(capsys.readouterr().out)
    ids = [f["properties"]["doc_id"] for f in collection["features"]]
    assert sorted(set(ids)) == [f"a{n}" for n in range(6)]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))  # input order kept
    assert run_cli("events", docs, "--gazetteer", default_gazetteer_path, "--workers", "2") == 0
    merged = [f["properties"] for f in json.loads(capsys.readouterr().out)["features"]]
    assert {m["n_reports"] for m in merged} == {6} and len(merged) == len(ids) // 6  # six copies, one event each
