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


def test_where_a_victim_came_from_is_not_where_the_attack_was(default_gazetteer):
    """*a tourist visiting from Canada was killed in Karak*: Karak, not Canada; with no other place
    in the sentence, no event place at all (written for this test)."""
    text = ("Four police officers and a tourist visiting from Canada were killed in an attack in Karak on "
            "Sunday, officials said.\nTwo soldiers and a woman visiting from Canada were killed on Monday.")
    frame = geomap.extract_events(text, published="2018-04-02", gazetteer=default_gazetteer)
    assert "Canada" not in set(frame["place"]) and "Karak" in " ".join(frame["place"].dropna())


def test_a_knife_attack_on_shoppers_is_violence_against_civilians(default_gazetteer):
    frame = geomap.extract_events("Two people were killed in a knife attack at a supermarket in Lyon on Monday.",
                                  published="2018-04-02", gazetteer=default_gazetteer)
    assert list(frame["event_type"]) == ["violence_against_civilians"] and list(frame["fatalities"]) == [2]
