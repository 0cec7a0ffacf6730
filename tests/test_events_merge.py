"""Cross-article merging of report rows (geomap.events.merge), on rows shaped as `geomap events` writes them."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from geomap.events.merge import credible_fatalities, merge_reports, source_of

pytestmark = pytest.mark.unit

MARTAKERT = (40.20, 46.81)
STEPANAKERT = (39.82, 46.75)  # ~42 km from Martakert
TERTER = (40.34, 47.15)       # ~32 km from Martakert


def report(event_id, *, day="2020-09-30", kind="air_strike", where=MARTAKERT, geo=1, time=1, country="AZ",
           admin1="Karabakh", fatalities=None, url=None, doc=None, end=None):
    return {"event_id": event_id, "doc_id": doc or f"doc-{event_id}", "event_type": kind, "lat": where[0],
            "lon": where[1], "geo_precision": geo, "time_precision": time, "date": day, "date_start": day,
            "date_end": end or day, "country_code": country, "admin1": admin1, "fatalities": fatalities,
            "url": url or f"https://www.outlet-{event_id}.example/{event_id}", "place": "P", "quote": "q"}


def merged(rows):
    events, reports = merge_reports(pd.DataFrame(rows))
    return events, reports


def test_one_strike_reported_by_three_outlets_is_one_event():
    events, reports = merged([report("a", fatalities=3), report("b", fatalities=3, day="2020-10-01"),
                              report("c", where=(40.21, 46.80), kind="shelling")])
    assert len(events) == 1
    event = events.iloc[0]
    assert event["n_reports"] == 3 and event["n_sources"] == 3
    assert sorted(json.loads(event["report_ids"])) == ["a", "b", "c"]
    assert event["fatalities"] == 3
    assert set(reports["merged_event_id"]) == {event["event_id"]}


def test_two_strikes_in_one_town_on_different_days_stay_two():
    events, _ = merged([report("a", day="2020-09-27"), report("b", day="2020-10-03")])
    assert len(events) == 2


def test_different_types_or_far_places_stay_apart():
    events, _ = merged([report("a"), report("b", kind="protest"), report("c", where=(41.7, 44.8), country="GE")])
    assert len(events) == 3


def test_distance_threshold_follows_precision():
    near_town = [report("a"), report("b", where=STEPANAKERT)]  # 42 km apart, both town-level: 25 km radius
    assert len(merged(near_town)[0]) == 2
    coarse = [report("a"), report("b", where=STEPANAKERT, geo=2)]  # one is "near a town": 50 km
    assert len(merged(coarse)[0]) == 1


def test_best_placed_report_gives_the_place_and_best_dated_gives_the_date():
    rows = [report("country", geo=4, where=(40.5, 47.5), day="2020-09-28", end="2020-10-04", time=2),
            report("town", geo=1, day="2020-09-30", time=1)]
    rows[0]["place"], rows[1]["place"] = "Azerbaijan", "Martakert"
    events, _ = merged(rows)
    assert len(events) == 1
    assert events.iloc[0]["place"] == "Martakert"
    assert str(events.iloc[0]["date"]) == "2020-09-30"


def test_a_vague_report_that_fits_two_events_joins_neither():
    rows = [report("a", where=MARTAKERT), report("b", where=(39.0, 45.5)),
            report("vague", geo=4, where=(40.5, 47.5), time=2, day="2020-09-28", end="2020-10-04")]
    events, reports = merged(rows)
    assert len(events) == 3
    assert reports.set_index("event_id").loc["vague", "merged_event_id"] == "vague"


def test_undated_reports_never_merge():
    rows = [report("a", day=None), report("b", day=None)]
    for row in rows:
        row["date_end"] = None
    assert len(merged(rows)[0]) == 2


def test_every_report_can_be_recovered_from_its_event():
    rows = [report(str(i), where=(40.2 + (i % 3) * 0.5, 46.8), day=f"2020-10-0{1 + i % 4}") for i in range(24)]
    events, reports = merged(rows)
    recovered = sorted(i for ids in events["report_ids"] for i in json.loads(ids))
    assert recovered == sorted(r["event_id"] for r in rows)
    assert events["n_reports"].sum() == len(rows)


def test_credible_fatalities_prefers_a_figure_two_outlets_confirm():
    group = pd.DataFrame([report("a", fatalities=3), report("b", fatalities=3), report("c", fatalities=30),
                          report("d", fatalities=5)])
    figure, givers, alternatives = credible_fatalities(group)
    assert figure == 3 and givers == ["outlet-a.example", "outlet-b.example"]
    assert alternatives == {"5": ["outlet-d.example"], "30": ["outlet-c.example"]}


def test_unconfirmed_figures_give_the_most_conservative():
    group = pd.DataFrame([report("a", fatalities=12), report("b", fatalities=7)])
    assert credible_fatalities(group)[0] == 7


def test_one_outlet_repeating_a_figure_does_not_confirm_it():
    group = pd.DataFrame([report("a", fatalities=40, url="https://x.example/1"),
                          report("b", fatalities=40, url="https://www.x.example/2"), report("c", fatalities=9)])
    assert credible_fatalities(group)[0] == 9


def test_source_is_the_outlet_host():
    assert source_of("https://www.Example.org/a?b", None, "d") == "example.org"
    assert source_of(None, "Reuters", "d") == "Reuters"
    assert source_of(None, None, "d") == "doc:d"


def test_merging_is_independent_of_row_order():
    rows = [report(str(i), where=(40.2 + (i % 5) * 0.1, 46.8), day=f"2020-10-{1 + i % 9:02d}",
                   geo=1 + i % 4) for i in range(60)]
    first = merged(rows)[1].set_index("event_id")["merged_event_id"]
    second = merged(list(reversed(rows)))[1].set_index("event_id")["merged_event_id"]
    assert first.sort_index().equals(second.sort_index())


def test_year_dated_reports_never_merge_and_month_dated_join_only_one_fit():
    rows = [report("a", day="2020-01-01", end="2020-12-31", time=4), report("b", day="2020-01-01", end="2020-12-31", time=4)]
    assert len(merged(rows)[0]) == 2
    month = dict(day="2020-09-01", end="2020-09-30", time=3)
    one_fit = [report("strike", day="2020-09-30"), report("vague", **month)]
    assert len(merged(one_fit)[0]) == 1
    two_fits = [report("s1", day="2020-09-03"), report("s2", day="2020-09-20"), report("vague", **month)]
    assert len(merged(two_fits)[0]) == 3


def test_the_on_disk_merge_gives_the_in_memory_merge_and_leaves_no_file():
    """``geomap events`` merges through the spool (memory flat in the feed); it must agree row for row."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from bench_merge import reports as synthetic
    from geomap.events.merge_spool import ReportSpool

    frame = synthetic(2_000, seed=5)
    frame = pd.concat([frame, frame.iloc[:300]], ignore_index=True)  # an input read twice: ids repeat
    events, reports = merge_reports(frame)
    with ReportSpool() as spool:
        spool.add_frame(frame)
        assert spool.merge() == len(events) < len(frame)
        spooled = pd.DataFrame(list(spool.events()), columns=spool.event_columns())
        assigned = [r["merged_event_id"] for r in spool.reports()]
        path = Path(spool.path)
    assert not path.exists()
    for column in ("date", "date_start", "date_end"):  # the spool keeps days as datetime.date, as Event does
        spooled[column] = pd.to_datetime(spooled[column])
    pd.testing.assert_frame_equal(events.reset_index(drop=True), spooled[events.columns], check_dtype=False)
    assert assigned == list(reports["merged_event_id"])
