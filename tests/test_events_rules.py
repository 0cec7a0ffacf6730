"""The rules that make an event one a user can trust, each on sentences written for the test
(never taken from the development or seed corpora), through the real default gazetteer."""
from __future__ import annotations

import pandas as pd
import pytest

from geomap.events import extract_events
from geomap.events.classify import toll_of
from geomap.events.dateline import find_dateline
from geomap.events.lexicon import lexicon
from geomap.events.places import not_a_place
from geomap.geoparse.model import Mention

PUBLISHED = "2020-06-03"


@pytest.fixture(scope="module")
def events(default_gazetteer):
    def run(text: str, lang: str = "en", published: str = PUBLISHED):
        return extract_events(text, gazetteer=default_gazetteer, published=published, lang=lang)
    return run


# -- places that are places ---------------------------------------------------------------
@pytest.mark.integration
@pytest.mark.parametrize("text, not_at", [
    ("Man booked after a fight at a petrol station on Friday night.", "IM"),
    ("Police stopped a black Ford truck on the highway and arrested the driver.", None),
    ("A man of Arab nationality was arrested on Monday.", None),
])
def test_words_that_are_not_places_in_their_sentence_make_no_event(events, text, not_at):
    frame = events(text)
    assert frame.empty, frame[["place", "event_type"]].to_dict("records")


@pytest.mark.integration
def test_a_person_named_like_a_town_is_not_the_place(events):
    frame = events("Linda Daily was arrested in Boston on Tuesday.")
    assert list(frame["place"]) == ["Boston"] and list(frame["event_type"]) == ["crime"]


@pytest.mark.integration
def test_containment_wins(events):
    (row,) = events("A man was arrested in Dublin, Ohio, on Monday after a robbery.").itertuples()
    assert row.country_code == "US" and row.lat == pytest.approx(40.1, abs=0.2) and row.geo_precision == 1


@pytest.mark.unit
def test_not_a_place_reasons():
    lex = lexicon("en")
    text = "We met Campbell Davis. A Leeds man was held. COAS met them. Wedding guests came."

    def mention(word, **kw):
        start = text.index(word)
        base = dict(doc_id="d", start=start, end=start + len(word), text=word, resolved=True, name=word,
                    lat=1.0, lon=1.0, id="x", kind="city", population=5000, confidence=0.9, reason="exact match")
        return Mention(**{**base, **kw})
    edges = set()
    assert not_a_place(text, mention("Davis"), 0, lex, edges) == "inside a longer name"
    assert not_a_place(text, mention("Leeds"), 21, lex, edges) == "where a person is from"
    assert not_a_place(text, mention("COAS"), 43, lex, edges) == "an acronym"
    assert not_a_place(text, mention("Leeds", confidence=0.3), 21, lex, edges) == "doubtful"
    assert not_a_place(text, mention("Wedding"), text.index("Wedding"), lex, edges) == "common word"
    assert not_a_place(text, mention("Campbell", reason="demonym match"), 0, lex, edges) == "demonym"
    assert not_a_place(text, mention("Campbell"), 0, lex, edges) == "inside a longer name"
    assert not_a_place("They live in Leeds now.", mention("Leeds", start=13, end=18), 0, lex, edges) is None


# -- a trigger and an attached place --------------------------------------------------------
@pytest.mark.integration
def test_a_verb_of_saying_with_a_place_is_no_event(events):
    assert events("Residents in Lyon said the buses were late again.").empty
    assert events("Germany said it would send more aid.").empty


@pytest.mark.integration
def test_statement_goes_to_the_dateline_not_the_country(events):
    (row,) = events("PARIS (Reuters) - The French foreign ministry said on Monday it would summon "
                    "the ambassador.").itertuples()
    assert (row.place, row.event_type, row.geo_precision) == ("Paris", "statement", 1)


@pytest.mark.integration
def test_unresolved_cue_place_yields_the_event_at_the_containing_region(events):
    frame = events("Troops clashed near the village of Brezhnovka in the Kharkiv region on Tuesday.")
    (row,) = frame.itertuples()
    assert row.event_type == "battle" and row.country_code == "UA" and row.geo_precision == 3
    assert row.unresolved_place == "Brezhnovka"


@pytest.mark.integration
def test_the_same_occurrence_is_one_event_with_its_mentions_counted(events):
    (row,) = events("Floods hit Passau. The floods in Passau closed schools on Monday.").itertuples()
    assert row.mentions == 2 and row.date_source == "text" and row.date_text == "Monday"


# -- numbers that are this event's -----------------------------------------------------------
@pytest.mark.unit
@pytest.mark.parametrize("sentence, toll, cumulative", [
    ("A bomb blast killed 12 people in Mosul on Sunday.", 12, None),
    ("Since March, 70,000 people have been killed in the war.", None, 70000),
    ("So far 300 people have died of the disease in the province.", None, 300),
    ("A pandemic could kill 320,000 people, a planning scenario says.", None, None),
    ("Bird flu killed 160,000 chickens on a farm.", None, None),
    ("Between 10 and 20 people were killed in the blast.", None, None),
    ("10-20 people were killed in the blast.", None, None),
])
def test_tolls_of_this_event_only(sentence, toll, cumulative):
    assert toll_of(sentence, lexicon("en")) == (toll, cumulative)


@pytest.mark.unit
def test_tolls_in_other_languages_use_their_cue_words():
    assert toll_of("Sejak Senin, 40 orang tewas di provinsi itu.", lexicon("id")) == (None, 40)
    assert toll_of("Bir patlamada 7 kişi öldü.", lexicon("tr")) == (7, None)


# -- dates ----------------------------------------------------------------------------------
@pytest.mark.integration
def test_old_events_are_historical_and_every_row_says_where_its_date_came_from(events):
    frame = events("On 5 May 1946 a flood destroyed the old bridge in Passau. "
                   "A new bridge was opened in Passau.")
    old = frame[frame["quote"].str.startswith("On 5 May 1946")].iloc[0]
    assert old["historical"] and old["date_source"] == "text"
    new = frame[frame["quote"].str.startswith("A new bridge")].iloc[0]
    assert not new["historical"] and new["date_source"] == "metadata" and new["event_type"] == "other"
    undated = events("A new bridge was opened in Passau.", published=None)
    assert list(undated["date_source"]) == ["none"] and pd.isna(undated["date"]).all()


# -- language data --------------------------------------------------------------------------
@pytest.mark.unit
def test_stems_match_in_agglutinative_languages_and_substrings_in_unspaced_scripts():
    tr = lexicon("tr")
    assert ("politics" in {label for _, label in tr.cue_words.find("Yerel seçimlerde muhalefet kazandı.")})
    assert not lexicon("en").cue_words.find("The electionsxyz went on.")
    zh = lexicon("zh")
    assert "disaster" in {label for _, label in zh.cue_words.find("昨天该县发生地震。")}


@pytest.mark.unit
@pytest.mark.parametrize("text, place", [
    ("BOSTON (AP) A fire destroyed a warehouse.", "BOSTON"),
    ("LIMA—Protesters marched through the capital.", "LIMA"),
    ("Accra (GNA) – The minister opened a school.", "Accra"),
    ("KUALA LUMPUR: Floods forced hundreds from their homes.", "KUALA LUMPUR"),
    ("The police (PSNI) say nothing.", None),
])
def test_datelines_as_agencies_write_them(text, place):
    found = find_dateline(text)
    assert (found.place if found else None) == place


@pytest.mark.parametrize("text, lang, capital", [
    ("KOMPAS.COM, MOSKWA - Rusia menawarkan diri menjadi penengah untuk mengakhiri perang antara Armenia dan "
     "Azerbaijan.\n\nMenteri itu menelepon kedua pemerintah.", "id", "Moscow"),
    ("KYIV (Reuters) - Heavy fighting raged overnight between the two armies, the ministry reported.", "en", "Kyiv"),
])
def test_fighting_is_never_placed_at_the_dateline(events, text, lang, capital):
    """War news filed from a capital: the capital is where the reporter was, not where the fighting is."""
    frame = events(text, lang=lang)
    assert not ((frame["place"] == capital) & frame["event_type"].isin(["battle", "air_strike", "shelling"])).any()


@pytest.mark.parametrize("lang, text, toll", [
    ("zh", "空袭造成至少三人死亡。", 3), ("zh", "地震已造成1,200人遇难。", 1200), ("ja", "死者は少なくとも12人に上った。", 12),
    ("zh", "2020年10月1日有人死亡。", None), ("zh", "第3天死亡。", None), ("zh", "3只鸡死亡。", None),
])
def test_tolls_in_unspaced_scripts_and_the_numbers_that_are_none(lang, text, toll):
    """Han letters count as word letters: the spaced languages' word boundaries found no Chinese
    toll at all. A day (1日), a day count (第3天) or animals (只鸡) are no toll."""
    assert toll_of(text, lexicon(lang))[0] == toll


def test_the_speaker_of_a_statement_is_no_event_of_its_own(default_gazetteer):
    """*police said* attributes the accident; the police are no crime, so the toll stays the accident's."""
    frame = extract_events("Five people were killed on Wednesday in a road accident near Haifa, police said.",
                           published="2024-03-07", lang="en", gazetteer=default_gazetteer)
    assert list(zip(frame.event_type, frame.fatalities)) == [("accident", 5)]



@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen attacked the town of Macomia, in Cabo Delgado, on Saturday."),
    ("pt", "Grupos armados atacaram no sábado a vila de Macomia, em Cabo Delgado."),
])
def test_a_place_written_just_before_the_region_it_lies_in_is_where(default_gazetteer, lang, text):
    """*Macomia, in Cabo Delgado*: the town, the more specific place, not the province."""
    frame = extract_events(text, published="2024-03-07", lang=lang, gazetteer=default_gazetteer)
    assert list(frame.place) == ["Macomia"]


def test_where_a_suspect_is_from_is_no_event_place(default_gazetteer):
    frame = extract_events("A woman was arrested in Ottawa on Monday. She and the male suspect are both from Quebec.",
                           published="2017-06-14", lang="en", gazetteer=default_gazetteer)
    assert list(frame.place) == ["Ottawa"]
    charged = extract_events("A man from Clacton, Essex, was charged with fraud on Monday.",
                             published="2017-06-14", lang="en", gazetteer=default_gazetteer)
    assert "Clacton-on-Sea" not in list(charged.place)



@pytest.mark.parametrize("text, kind", [
    ("A gas explosion at a curry restaurant in Taichung left one person dead on Monday.", "accident"),
    ("One woman has died after being struck by a vehicle in Glasgow on Monday.", "accident"),
    ("A bomb explosion in Kabul killed three people on Monday.", "shelling"),
])
def test_the_words_of_a_phrase_are_no_cues_of_their_own(default_gazetteer, text, kind):
    """*gas explosion* is an accident; its *explosion* alone would have made it shelling."""
    frame = extract_events(text, published="2017-06-14", lang="en", gazetteer=default_gazetteer)
    assert list(frame.event_type) == [kind]
