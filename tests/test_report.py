"""``geomap report`` on the seed events: numbers, escaping, isolation, unresolved places."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.maps import read_events
from geomap.report.summary import summarize

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
pytestmark = pytest.mark.integration


def test_summary_numbers_of_the_seed_events():
    summary = summarize(read_events(SEED))
    assert (summary.events, summary.documents, summary.places, summary.fatalities, summary.skipped) == (6, 1, 6, 103, 2)
    assert (summary.first_day.isoformat(), summary.last_day.isoformat()) == ("2020-09-27", "2020-10-01")
    assert [(t.event_type, t.events, t.fatalities) for t in summary.by_type] == [
        ("battle", 2, 100), ("diplomacy", 2, 0), ("air_strike", 1, 3), ("statement", 1, 0)]
    assert summary.unresolved == (("Tonashen", 1),)


def test_report_is_one_escaped_self_contained_file(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(SEED), "-o", str(out), "--tiles", "none", "--title", "Karabakh <script>x</script>"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    page = out.read_text("utf-8")
    assert "<h1>Karabakh &lt;script&gt;x&lt;/script&gt;</h1>" in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"?https?:", page)
    srcdoc = re.search(r'<iframe id="geomap-map-frame"[^>]*srcdoc="([^"]*)"', page)
    assert srcdoc, "map is not embedded as srcdoc"
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"' in page
    inner = html.unescape(srcdoc.group(1))
    assert inner.startswith("<!DOCTYPE html>") and "geomap.eventMap(" in inner
    assert "<img src=x" not in page and "<img src=x" not in inner
    assert "<li>Tonashen</li>" in page
    assert "2020-09-27 – 2020-10-01" in page


def test_report_of_a_file_without_events_is_still_a_page(tmp_path, capsys):
    empty = tmp_path / "none.csv"
    empty.write_text("lat,lon,date,place_text\n,,2020-10-01,Tonashen\n")
    out = tmp_path / "report.html"
    assert main(["report", str(empty), "-o", str(out), "--tiles", "none"]) == 0
    assert "no events to draw" in capsys.readouterr().err
    page = out.read_text("utf-8")
    assert "<b>0</b> events on the map" in page and "no dates" in page and "<li>Tonashen</li>" in page


def test_located_events_without_a_date_are_listed_not_lost(tmp_path, capsys):
    undated = tmp_path / "undated.csv"
    undated.write_text("lat,lon,date,place,event_type,fatalities,quote,url\n"
                       "12.6,-7.98,,Bamako,battle,12,\"Attack <img src=x onerror=alert(1)> near Bamako\","
                       "javascript:alert(1)\n"
                       "48.85,2.35,2020-10-01,Paris,protest,,Crowds marched,https://example.org/a\n", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(undated), "-o", str(out), "--tiles", "none"]) == 0
    assert "1 without a usable date" in capsys.readouterr().err
    page = out.read_text("utf-8")
    section = page[page.index('<section id="geomap-undated">'):]
    section = section[:section.index("</section>")]
    assert "Events without a date (1)" in section and "<td>Bamako</td>" in section and "<td>12</td>" in section
    assert "&lt;img src=x onerror=alert(1)&gt;" in section and "<img" not in section
    assert "javascript:" not in section and "Paris" not in section  # the dated one is on the map


def test_every_word_of_the_report_page_comes_from_the_strings_file(tmp_path):
    """Each language's page has the same markup; only the words of ui_strings.json differ, and
    a language that is not there is refused before anything is written."""
    from geomap.maps.ui_strings import languages, ui_strings
    from geomap.report import make_report

    table = read_events(SEED)
    pages = {lang: make_report(table, tiles="none", title="T", lang=lang) for lang in languages()}
    for lang, page in pages.items():
        body = page.split("</footer>")[0]
        words = re.sub(r"<[^>]+>", " ", body.split("<iframe")[0] + body.split("</iframe>")[1])
        strings = ui_strings(lang)
        for key in ("report_events_on_map", "report_unresolved", "report_credits"):
            assert html.escape(strings[key], quote=False) in page
        assert f'<html lang="{lang}">' in page
        if lang != "en":
            english = ui_strings("en")
            assert not [k for k in ("report_events_on_map", "report_help", "report_unresolved_help")
                        if english[k] in words]
    assert main(["report", str(SEED), "-o", str(tmp_path / "r.html"), "--ui-lang", "xx"]) == 2
    assert not (tmp_path / "r.html").exists()
