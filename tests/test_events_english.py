"""An English wire-style article: place cues three words before the name,
drone strikes, relative dates against the article date in the first sentence."""
import pytest

import geomap

pytestmark = pytest.mark.integration

ARTICLE = (
    "KYIV, Ukraine (AP) — Russian drones struck the southern city of Odesa overnight, killing four people "
    "and damaging port infrastructure, regional governor Oleh Kiper said on Tuesday, March 5, 2024.\n"
    "On Monday, shelling in the town of Kupiansk in the Kharkiv region wounded two civilians, officials said.\n"
    "Thousands of protesters marched in Tbilisi yesterday against the government.\n"
)


@pytest.fixture(scope="module")
def events(default_gazetteer):
    frame = geomap.extract_events(ARTICLE, gazetteer=default_gazetteer)
    return {row.place: row for row in frame.itertuples()}


def test_drone_strike_on_odesa(events):
    odesa = events["Odesa"]
    assert (odesa.event_type, odesa.fatalities, odesa.geo_precision) == ("air_strike", 4, 1)


def test_the_town_named_after_three_cue_words_is_the_event_place(events):
    assert "Kupyansk" in events and "Kharkiv" not in events
    assert events["Kupyansk"].event_type == "shelling"
    assert str(events["Kupyansk"].date.date()) == "2024-03-04"


def test_yesterday_is_the_day_before_the_article(events):
    assert events["Tbilisi"].event_type == "protest"
    assert str(events["Tbilisi"].date.date()) == "2024-03-04"
