"""One way in for documents (geomap.documents): every reader, the field names
real exports use, and bad input reported one line each while the rest of the
batch goes on -- on real files, and the same for parse, events and Dask."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from geomap.documents import MAX_CHARS, ReadOptions, read_inputs

DATA = Path(__file__).resolve().parent / "data"
PAGE = DATA / "news_page_serambinews.html"
SEED = Path(__file__).resolve().parents[1] / "data" / "serambinews_2020-10-01_karabakh.txt"
STRIKE = "Media Armenia mengatakan, 3 warga sipil tewas dalam serangan udara Azerbaijan di kota Martakert pada Rabu."
#: Place names in the saved page's menus, related stories and footer, none of them in its article.
BOILERPLATE_PLACES = {"Banda Aceh", "Lhokseumawe", "Bireuen", "Meulaboh", "Medan", "Jakarta", "Surabaya",
                      "Simeulue", "Pekanbaru", "Padang", "Makassar", "Tokyo", "London", "Madrid", "Kuala Lumpur",
                      "Nairobi", "Langsa"}


def read(paths, options: ReadOptions = ReadOptions(), stdin=None):
    problems = []
    docs = list(read_inputs([str(p) for p in paths], problems.append, options=options, stdin=stdin))
    return docs, problems


def write_jsonl(path: Path, records, extra: list[bytes] = ()) -> Path:
    with open(path, "wb") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
        for raw in extra:
            handle.write(raw + b"\n")
    return path


# -- metadata under the names real exports use ------------------------------
@pytest.mark.unit
@pytest.mark.parametrize("field, value, expected", [
    ("published", "2020-10-01T09:00:00+07:00", "2020-10-01T09:00:00+07:00"),
    ("date", "2020-10-01", "2020-10-01"),
    ("pubDate", "Thu, 01 Oct 2020 10:00:00 +0000", "Thu, 01 Oct 2020 10:00:00 +0000"),
    ("publish_date", "2020-10-01 08:30:00", "2020-10-01 08:30:00"),
    ("datePublished", "2020-10-01", "2020-10-01"),
    ("timestamp", 1601553600, "2020-10-01T12:00:00+00:00"),
    ("timestamp", 1601553600000, "2020-10-01T12:00:00+00:00"),
    ("created_at", "Thu Oct 01 12:00:00 +0000 2020", "Thu Oct 01 12:00:00 +0000 2020"),
    ("seendate", "20201001T120000Z", "2020-10-01T12:00:00"),
    ("DATE", "20201001", "2020-10-01"),
])
def test_date_fields_of_real_exports(tmp_path, field, value, expected):
    path = write_jsonl(tmp_path / "export.jsonl", [{"text": STRIKE, field: value}])
    (doc,), problems = read([path])
    assert problems == []
    assert doc.published == expected and doc.published_source == field


@pytest.mark.unit
def test_id_text_and_title_fields_and_overrides(tmp_path):
    records = [
        {"doc_id": "d1", "body": STRIKE, "headline": "Strike", "date": "2020-10-01"},
        {"url": "https://example.org/2", "content": STRIKE, "title": "Two", "published": "2020-09-30",
         "date": "2020-01-01"},
        {"article": STRIKE, "Language": "id", "focus": "AZ", "source": {"id": "x", "name": "Wire"}},
        {"id": 7, "text": STRIKE, "story": "Floods in Lagos.", "first_seen": "2020-10-02"},
    ]
    path = write_jsonl(tmp_path / "mixed.jsonl", records)
    docs, problems = read([path])
    assert problems == []
    assert [d.doc_id for d in docs] == ["d1", "https://example.org/2", "mixed:3", "7"]
    assert [d.title for d in docs] == ["Strike", "Two", None, None]
    assert docs[1].published == "2020-09-30" and docs[1].url == "https://example.org/2"  # published before date
    assert (docs[2].lang, docs[2].focus, docs[2].source) == ("id", "AZ", "Wire")
    assert (docs[0].path, docs[0].line, docs[3].line) == (str(path), 1, 4)
    docs, problems = read([path], ReadOptions(text_field="story", date_field="first_seen", lang="en"))
    assert [d.text for d in docs] == ["Floods in Lagos."]
    assert (docs[0].published, docs[0].published_source, docs[0].lang) == ("2020-10-02", "first_seen", "en")
    assert [(p.line, p.message) for p in problems] == [
        (n, f"no text field: looked for 'story' (--text-field); it has {', '.join(r)}")
        for n, r in enumerate(records[:3], 1)]


@pytest.mark.unit
def test_published_option_fills_only_documents_without_a_date(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": STRIKE, "date": "2020-09-29"}, {"text": STRIKE}])
    docs, _ = read([path], ReadOptions(published="2020-10-01"))
    assert [(d.published, d.published_source) for d in docs] == [("2020-09-29", "date"),
                                                                ("2020-10-01", "--published")]


# -- CSV ---------------------------------------------------------------------
@pytest.mark.unit
def test_csv_with_the_usual_names_any_delimiter_and_encoding(tmp_path):
    rows = [["id", "Headline", "Body", "pubDate"],
            ["k1", "Köln", "Überschwemmungen in Köln und München am Montag; die Feuerwehr meldete Schäden.",
             "2020-10-01"],
            ["k2", "Leer", "", "2020-10-02"],
            ["k3", "Zürich", "Proteste in Zürich,\nmit Zeilenumbruch.", "kein Datum"]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    docs, problems = read([path])
    assert [d.doc_id for d in docs] == ["k1", "k3"]
    assert docs[0].text.startswith("Überschwemmungen in Köln") and docs[0].title == "Köln"
    assert docs[0].published == "2020-10-01" and docs[1].published == "kein Datum"
    assert docs[1].text == "Proteste in Zürich,\nmit Zeilenumbruch." and docs[1].line == 4
    assert [str(p) for p in problems] == [f"{path}:3: empty Body (0 characters)"]


@pytest.mark.unit
def test_csv_without_a_text_column_is_one_line_naming_its_columns(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,lat,lon\nMartakert,40.21,46.82\nBaku,40.41,49.87\n", encoding="utf-8")
    other = write_jsonl(tmp_path / "ok.jsonl", [{"text": STRIKE}])
    docs, problems = read([path, other])
    assert [d.doc_id for d in docs] == ["ok:1"]
    assert [str(p) for p in problems] == [
        f"{path}: no text column: looked for text, body, content, article; it has name, lat, lon"]


# -- JSON Lines: one bad line is one line -------------------------------------
@pytest.mark.unit
def test_jsonl_nul_line_skips_that_line_only(tmp_path):
    good = [{"id": "a", "text": STRIKE}, {"id": "c", "text": "Floods in Lagos."}]
    path = tmp_path / "news.jsonl"
    path.write_bytes(json.dumps(good[0]).encode() + b"\n" + b'{"id": "b", "text": "x\x00y"}\n'
                     + json.dumps(good[1]).encode() + b"\n")
    docs, problems = read([path])
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert [(p.line, p.message) for p in problems] == [(2, "line holds NUL bytes: binary data, not JSON; skipped")]


@pytest.mark.unit
def test_jsonl_bad_records_each_one_line(tmp_path):
    french = {"id": "fr", "text": "Les combats se poursuivent près de Martakert, a déclaré le ministère arménien "
                                  "à Erevan. " * 8}  # an article's length: enough for an encoding guess
    path = write_jsonl(tmp_path / "bad.jsonl", [{"id": "ok", "text": STRIKE}, {"id": "empty", "text": ""},
                                                {"id": "blank", "text": " \n "}, {"id": "num", "text": 42},
                                                {"id": "nul", "text": "a\u0000b"}, [1, 2]],
                       extra=[b"{broken", json.dumps(french, ensure_ascii=False).encode("cp1252"),
                              json.dumps({"id": "long", "text": "a" * (MAX_CHARS + 1)}).encode()])
    docs, problems = read([path])
    assert [d.doc_id for d in docs] == ["ok", "fr"]
    assert "déclaré le ministère arménien" in docs[1].text  # a cp1252 line decoded as any other file
    assert [(p.line, p.message) for p in problems] == [
        (2, "empty text (0 characters)"), (3, "no text (text is only white space)"),
        (4, "field 'text' is int, not text"), (5, "text holds NUL characters: binary data, not text"),
        (6, "not an object with a text field but list"), (7, "broken JSON (Expecting property name enclosed in "
                                                             "double quotes at column 2)"),
        (9, f"text too long (10,000,001 characters; at most {MAX_CHARS:,}): split it")]


@pytest.mark.unit
def test_binary_file_and_empty_file_are_one_line_each(tmp_path):
    (tmp_path / "blob.jsonl").write_bytes(bytes(range(256)) * 400)
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "empty.csv").write_bytes(b"")
    docs, problems = read(sorted(tmp_path.iterdir()))
    assert docs == []
    assert [(Path(p.path).name, p.message) for p in problems] == [
        ("blob.jsonl", "binary data, not JSON Lines"), ("empty.csv", "empty file (0 bytes)"),
        ("empty.jsonl", "empty file (0 bytes)")]


@pytest.mark.unit
def test_stdin_text_jsonl_and_empty():
    docs, problems = read(["-"], stdin=io.BytesIO(STRIKE.encode()))
    assert [(d.doc_id, d.text, d.path) for d in docs] == [("stdin", STRIKE, "stdin")] and problems == []
    lines = (json.dumps({"id": "a", "text": STRIKE}) + "\n{broken\n" + json.dumps({"text": "Floods."})).encode()
    docs, problems = read(["-"], stdin=io.BytesIO(b"\n" + lines))
    assert [d.doc_id for d in docs] == ["a", "stdin:4"] and [str(p) for p in problems][0].startswith("stdin:3: ")
    assert read(["-"], stdin=io.BytesIO(b""))[1][0].message == "empty input (0 bytes)"


# -- HTML: the article, not the page ------------------------------------------
@pytest.mark.unit
def test_html_page_gives_its_article_title_date_and_url(tmp_path):
    (doc,), problems = read([PAGE])
    assert problems == []
    assert doc.title.startswith("Perang Armenia dan Azerbaijan Terus Berlanjut")
    assert doc.url.startswith("https://aceh.tribunnews.com/2020/10/01/perang-armenia")
    assert (doc.published, doc.published_source) == ("2020-10-01", "html")
    assert STRIKE in doc.text and "Tonashen" in doc.text
    for name in BOILERPLATE_PLACES | {"Berita Terkait", "Pedoman Media Siber", "dataLayer"}:
        assert name not in doc.text


@pytest.mark.unit
def test_html_page_without_article_text_is_one_line(tmp_path):
    menu = tmp_path / "front.html"
    menu.write_text("<!doctype html><html><head><title>Serambinews</title></head><body><nav><ul>"
                    + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in sorted(BOILERPLATE_PLACES))
                    + "</ul></nav><footer>&copy; 2020</footer></body></html>", encoding="utf-8")
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body>   </body></html>", encoding="utf-8")
    docs, problems = read([menu, blank, SEED])
    assert [d.doc_id for d in docs] == [SEED.stem]
    assert [str(p) for p in problems] == [
        f"{menu}: HTML page with no article text (only menus, links or boilerplate)",
        f"{blank}: HTML page with no article text (only menus, links or boilerplate)"]


@pytest.mark.unit
def test_html_in_a_jsonl_record_gives_its_article(tmp_path):
    path = write_jsonl(tmp_path / "crawl.jsonl", [{"url": "https://example.org/x", "html": PAGE.read_text()},
                                                  {"id": "frag", "text": "<p>Floods hit <b>Jakarta</b>.</p>"}])
    (page, fragment), problems = read([path])
    assert problems == [] and STRIKE in page.text and "Lhokseumawe" not in page.text
    assert page.doc_id == "https://example.org/x" and page.published == "2020-10-01"
    assert fragment.text == "Floods hit Jakarta."


@pytest.mark.unit
def test_feed_item_dates_and_sizes(tmp_path):
    rss = tmp_path / "wire.rss"
    rss.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
                   "<item><title>Shelling in Donetsk</title><guid>g1</guid>"
                   "<pubDate>Thu, 01 Oct 2020 10:00:00 +0000</pubDate></item></channel></rss>", encoding="utf-8")
    (item,), problems = read([rss])
    assert (item.doc_id, item.source, item.published_source, item.line) == ("g1", "Wire", "pubDate", 1)
    assert problems == []


# -- every command reads the same file the same way ---------------------------
def cli(gazetteer_path, capsys, *argv) -> tuple[int, str, str]:
    from geomap.cli import main

    code = main(["--quiet", "--gazetteer", str(gazetteer_path), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def mixed_batch(tmp_path: Path) -> Path:
    """A JSON Lines export with an id-less record, a NUL line, an empty text and a garbage date."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"doc_id": "strike", "body": STRIKE, "seendate": "20201001T120000Z"}).encode(),
        b'{"id": "nul", "text": "Floods in Lagos\x00."}',
        json.dumps({"id": "empty", "text": ""}).encode(),
        json.dumps({"id": "garbage-date", "text": STRIKE, "date": "next blursday"}).encode(),
        json.dumps({"url": "https://example.org/lagos", "content": "Floods hit Lagos on 30 September 2020."}).encode(),
    ]) + b"\n")
    return path


@pytest.mark.integration
def test_parse_events_and_dask_read_a_batch_alike(default_gazetteer_path, capsys, tmp_path):
    from geomap.distributed.inputs import count_line_starts, number_partitions, plan_partitions, read_partition

    path = mixed_batch(tmp_path)
    expected_ids = ["strike", "garbage-date", "https://example.org/lagos"]
    skipped = [f"{path}:2: line holds NUL bytes", f"{path}:3: empty text (0 characters)"]
    code, out, err = cli(default_gazetteer_path, capsys, "parse", "--json", path)
    assert code == 1 and "Traceback" not in err
    assert sorted({json.loads(line)["doc_id"] for line in out.splitlines()}) == sorted(expected_ids)
    lines = err.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith(f"geomap: skipped {s}") for line, s in zip(lines, skipped))
    events = tmp_path / "events.csv"
    code, _, err = cli(default_gazetteer_path, capsys, "events", path, "-o", events)
    lines = err.strip().splitlines()
    assert code == 1 and "Traceback" not in err
    assert all(line.startswith(f"geomap: error: {s}") for line, s in zip(lines, skipped))
    assert sum("is not a real date" in line for line in lines) == 1  # the garbage date: one line ...
    import pandas as pd

    frame = pd.read_csv(events)
    assert set(frame["doc_id"]) == set(expected_ids)  # ... and its document still processed
    assert set(frame.loc[frame["doc_id"] == "strike", "date"].str[:10]) == {"2020-09-30"}  # GDELT seendate read
    parts = plan_partitions([str(path)], blocksize=64)
    parts = number_partitions(parts, [count_line_starts(p) for p in parts])
    docs, problems = [], []
    for part in parts:
        read_docs, read_problems = read_partition(part)
        docs += read_docs
        problems += read_problems
    local, local_problems = read([path])
    assert docs == local and problems == local_problems and [d.doc_id for d in docs] == expected_ids


@pytest.mark.integration
def test_documents_without_a_date_are_said_once_with_the_count(default_gazetteer_path, capsys, tmp_path):
    path = write_jsonl(tmp_path / "undated.jsonl", [
        {"id": f"u{n}", "text": "Three people were killed in an air strike on Martakert."} for n in range(4)]
        + [{"id": "dated", "text": STRIKE, "pubDate": "Thu, 01 Oct 2020 10:00:00 +0000"}])
    code, _, err = cli(default_gazetteer_path, capsys, "events", path, "-o", tmp_path / "events.geojson")
    undated = [line for line in err.splitlines() if "no article date" in line]
    assert code == 0 and len(undated) == 1
    assert undated[0].startswith("geomap: warning: 4 of 5 documents have no article date")
    assert "--date-field" in undated[0]


@pytest.mark.integration
def test_empty_files_fail_the_same_way_everywhere(default_gazetteer_path, capsys, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    for argv in (["parse", empty], ["events", empty, "-o", tmp_path / "e.geojson"], ["eval", empty]):
        code, out, err = cli(default_gazetteer_path, capsys, *argv)
        lines = err.strip().splitlines()
        assert code == 2 and out == "" and "Traceback" not in err, argv
        assert any(str(empty) in line and "empty" in line for line in lines), argv
        assert lines[-1].startswith("geomap: error:"), argv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.jsonl"]


@pytest.mark.integration
def test_html_page_boilerplate_is_not_parsed(default_gazetteer, default_gazetteer_path, capsys):
    from geomap.documents.text import html_to_text
    from geomap.geoparse import parse

    every_string = {m.name for m in parse(html_to_text(PAGE.read_text()), gazetteer=default_gazetteer)}
    assert len(every_string & BOILERPLATE_PLACES) >= 8  # the page's menus and footer do name places
    code, out, _ = cli(default_gazetteer_path, capsys, "parse", "--json", PAGE)
    names = {json.loads(line)["name"] for line in out.splitlines()}
    texts = {json.loads(line)["text"] for line in out.splitlines()}
    assert code == 0 and {"Martakert", "Armenia", "Azerbaijan"} <= names and "Tonashen" in texts
    assert names & BOILERPLATE_PLACES == set()


@pytest.mark.integration
def test_text_over_the_limit_is_one_line_and_the_batch_goes_on(default_gazetteer_path, capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Floods in Lagos. " * (MAX_CHARS // 17) + "x" * (MAX_CHARS % 17 + 1), encoding="utf-8")
    code, out, err = cli(default_gazetteer_path, capsys, "parse", "--json", big, SEED)
    assert code == 1 and {json.loads(line)["doc_id"] for line in out.splitlines()} == {SEED.stem}
    assert err.strip() == (f"geomap: skipped {big}: text too long ({MAX_CHARS + 1:,} characters; "
                           f"at most {MAX_CHARS:,}): split it")


@pytest.mark.unit
def test_json_exports_lists_wrapped_lists_and_one_record(tmp_path):
    api = tmp_path / "newsapi.json"
    api.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Wire"}, "title": "Strike", "url": "https://example.org/s",
         "publishedAt": "2020-10-01T09:00:00Z", "content": STRIKE},
        {"title": "No text", "url": "https://example.org/n"}]}), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"headline": "Floods", "body": "Floods hit Lagos.", "datePublished": "2020-10-02"}))
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "x"},\n {broken}]')
    docs, problems = read([api, one, broken], ReadOptions(date_field="publishedAt"))
    assert [(d.doc_id, d.source, d.published) for d in docs] == [
        ("https://example.org/s", "Wire", "2020-10-01T09:00:00Z"), ("one", None, None)]
    assert docs[1].title == "Floods" and docs[1].text == "Floods hit Lagos."
    assert [str(p) for p in problems] == [
        f"{api}: item 2: no text field: looked for text, body, content, article; it has title, url",
        f"{broken}:2: broken JSON (Expecting property name enclosed in double quotes at column 3)"]
