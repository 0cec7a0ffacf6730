"""Recognition where capitals say nothing: per-language evidence, hashtags, glued forms and
the confidence per mention (evidence.py), on sentences written for these tests, against
the real default gazetteer."""
from __future__ import annotations

import pytest

from geomap.geoparse import parse
from geomap.geoparse.evidence import Context, confidence, hashtags, logit
from geomap.geoparse.tokens import case_blind, tokenize


def found(text, gazetteer, lang=None):
    return [(m.text, m.name) for m in parse(text, gazetteer=gazetteer, lang=lang)]


# -- pure evidence terms ------------------------------------------------------------------
def test_prominence_outweighs_word_frequency_and_context_adds():
    plain = logit(7.0, 4.0, Context())
    assert plain > 0 > logit(5.0, 4.0, Context())          # a big city may be a common word, a town may not
    assert logit(5.0, 4.0, Context(preposition=True)) > logit(5.0, 4.0, Context())
    assert logit(5.0, 4.0, Context(cue=True)) > 0
    assert logit(7.0, 4.0, Context(hashtag="compound")) < 0  # a topic hashtag (#floods_X)
    assert logit(7.0, 4.0, Context(), respelt=True) < plain


def test_confidence_is_a_probability_rising_with_evidence():
    assert 0.0 < confidence(-3.0) < 0.5 < confidence(0.5) < confidence(3.0) <= 1.0


def test_hashtag_tokens_map_to_their_hashtag():
    text = "news #one_two and #three"
    tags = hashtags(text, tokenize(text))
    assert tags == {1: (1, 2), 2: (1, 2), 4: (4, 4)}


def test_lower_case_and_capital_text_are_case_blind():
    assert case_blind("banjir besar melanda kota itu kemarin sore menurut warga")
    assert case_blind("FLOODS HIT THE CAPITAL AGAIN ON MONDAY MORNING")
    assert not case_blind("Floods hit the capital again on Monday morning.")


# -- end to end ---------------------------------------------------------------------------
@pytest.mark.integration
def test_arabic_common_word_is_not_a_big_city_without_evidence(default_gazetteer):
    # سيول: torrents, also a spelling of Seoul
    assert found("سيول جارفة تضرب القرى بعد الأمطار الغزيرة", default_gazetteer, "ar") == []
    with_context = found("وصل الوفد إلى سيول لحضور القمة مع رئيس كوريا الجنوبية", default_gazetteer, "ar")
    assert ("سيول", "Seoul") in with_context


@pytest.mark.integration
def test_compound_hashtag_is_a_topic_unless_it_designates_the_place(default_gazetteer):
    assert found("تغطية مباشرة #فيضانات_بغداد", default_gazetteer, "ar") == []
    assert found("تغطية مباشرة #بغداد", default_gazetteer, "ar") == [("بغداد", "Baghdad")]
    assert found("وصلت الطائرة إلى #مطار_بغداد صباحا", default_gazetteer, "ar") == [("بغداد", "Baghdad")]


@pytest.mark.integration
def test_glued_and_underscored_names(default_gazetteer):
    assert found("عطلة طويلة في شرمالشيخ هذا الصيف", default_gazetteer, "ar") == [("شرمالشيخ", "Sharm el-Sheikh")]
    assert found("banjir melanda di_Jakarta pagi ini", default_gazetteer, "id") == [("Jakarta", "Jakarta")]
    assert found("Stuck in traffic near #Kuala_Lumpur again", default_gazetteer, "en") == [
        ("Kuala_Lumpur", "Kuala Lumpur")]


@pytest.mark.integration
def test_lower_case_text_is_read_by_evidence_not_capitals(default_gazetteer):
    assert found("banjir besar melanda jakarta dan bandung kemarin sore menurut warga", default_gazetteer, "id") == [
        ("jakarta", "Jakarta"), ("bandung", "Bandung")]
    # kata (word) and saat (moment) are names of Qatar and Chad only in other languages
    assert found("kata dia saat itu kepada wartawan bahwa harga beras naik lagi", default_gazetteer, "id") == []


@pytest.mark.integration
def test_name_after_a_facility_cue_is_a_mention(default_gazetteer):
    mentions = parse("وقع الانفجار قرب مستشفى الأمل صباح اليوم", gazetteer=default_gazetteer, lang="ar")
    assert [(m.text, m.resolved) for m in mentions] == [("الأمل", False)]


@pytest.mark.integration
def test_every_mention_carries_a_recognition_confidence(default_gazetteer):
    cased = parse("Floods hit Jakarta on Monday.", gazetteer=default_gazetteer, lang="en")
    caseless = parse("floods hit jakarta on monday and the rain kept falling across the region",
                     gazetteer=default_gazetteer, lang="en")
    assert [m.name for m in cased] == [m.name for m in caseless] == ["Jakarta"]
    assert 0.5 < caseless[0].recognition <= cased[0].recognition <= 1.0
    assert "recognition" in cased[0].to_dict()


@pytest.mark.integration
def test_a_common_word_is_not_a_proclitic_on_a_name(default_gazetteer):
    # كبير (big) is not ك + a place; وبيروت is و (and) + Beirut
    assert found("الانفجار يتسبب في دمار كبير في المدرسة", default_gazetteer, "ar") == []
    assert ("بيروت", "Beirut") in found("وصل الوفد إلى بغداد وبيروت أمس", default_gazetteer, "ar")


@pytest.mark.integration
def test_a_languages_own_names_for_places_are_data(default_gazetteer):
    # Indonesian news writes provinces by their abbreviation and the UK as Inggris
    assert found("Banjir melanda Jatim dan Kalteng, sementara delegasi tiba dari Inggris.", default_gazetteer,
                 "id") == [("Jatim", "East Java"), ("Kalteng", "Central Kalimantan"), ("Inggris", "United Kingdom")]
    assert found("banjir melanda jatim sejak senin pagi menurut warga setempat", default_gazetteer, "id") == [
        ("jatim", "East Java")]


@pytest.mark.integration
def test_indonesian_facility_and_landmark_cues_report_the_name(default_gazetteer):
    mentions = parse("Massa berkumpul di Stadion Kanjuruhan lalu bergerak ke Jalan Diponegoro.",
                     gazetteer=default_gazetteer, lang="id")
    assert [m.text for m in mentions if not m.resolved] == ["Kanjuruhan", "Diponegoro"]


@pytest.mark.integration
def test_a_name_after_a_verb_of_saying_written_before_it_is_the_speaker(default_gazetteer):
    # Indonesian puts the verb first: *kata Ahmad.*; Ahmad is also a town (Al Ahmadi)
    assert found("Harga beras naik lagi, kata Ahmad.", default_gazetteer, "id") == []
    assert found("Harga beras naik lagi di Ahmadi.", default_gazetteer, "id") != []


@pytest.mark.integration
def test_a_name_listed_with_places_is_a_place_but_not_an_apposition(default_gazetteer):
    listed = parse("Wilayahnya meliputi Bayat, Cawas, Trucuk, Klaten dan Pedan.", gazetteer=default_gazetteer, lang="id")
    assert [m.text for m in listed if not m.resolved] == ["Cawas", "Pedan"]
    assert all(m.reason.startswith("listed with places") for m in listed if not m.resolved)
    # a name after a bare comma closing the list is an apposition, and one place makes no list
    assert found("Headquartered in Visbek, Germany, Ewnutra has labs.", default_gazetteer, "en") == [
        ("Visbek", "Visbek"), ("Germany", "Germany")]
    assert found("Presiden Joko Widodo dan Prabowo tiba di Bandung.", default_gazetteer, "id") == [
        ("Bandung", "Bandung")]


@pytest.mark.integration
def test_an_english_word_quoted_in_other_language_news_is_not_a_town(default_gazetteer):
    # *Best* (a town of 29,000 in the Netherlands) in an English award title inside Indonesian text
    assert found("Band ini memenangkan penghargaan untuk Best New Artist di Jakarta.", default_gazetteer, "id") == [
        ("Jakarta", "Jakarta")]


@pytest.mark.integration
def test_a_small_foreign_place_needs_evidence_in_other_language_news(default_gazetteer):
    # Cosgrove is a hamlet in England and in Australia; in Indonesian news, alone and without a preposition, a person
    assert found("Selama kampanye itu, Cosgrove mengadakan forum tentang kepresidenan.", default_gazetteer, "id") == []
    assert [name for _, name in found("Ia lahir di Cosgrove pada tahun 1954.", default_gazetteer, "id")] == ["Cosgrove"]
    # English news reads it as before
    assert found("During the campaign, Cosgrove hosted a forum.", default_gazetteer, "en") != []


@pytest.mark.integration
def test_indonesian_di_is_a_preposition_not_an_organisation_connector(default_gazetteer):
    # Italian *di* joins a name (*Camera di Commercio*); Indonesian *di* is *in*
    assert [text for text, _ in found("Kantor KPU di Bayat ditutup sejak pagi.", default_gazetteer, "id")] == ["Bayat"]


@pytest.mark.integration
def test_a_domestic_seat_right_after_a_title_is_a_place(default_gazetteer):
    # the office's seat, then the officer: the place stays, the officer's name does not become one
    assert found("Wali Kota Bandung Ridwan Kamil dan Bupati Brebes Idza Priyanti hadir.", default_gazetteer, "id") == [
        ("Kota Bandung", "Bandung"), ("Brebes", "Brebes")]
    assert found("Presiden Vladimir Putin hadir.", default_gazetteer, "id") == []


@pytest.mark.integration
def test_a_name_after_a_cue_may_open_with_common_words_if_a_rarer_one_follows(default_gazetteer):
    mentions = parse("Pesawat itu mendarat di Bandara Internasional Supadio pagi ini.", gazetteer=default_gazetteer,
                     lang="id")
    assert [(m.text, m.resolved) for m in mentions] == [("Internasional Supadio", False)]
    assert parse("Julukan Desa Wisata diberikan kepada kampung itu.", gazetteer=default_gazetteer, lang="id") == []


@pytest.mark.integration
def test_two_cues_in_a_row_give_one_mention(default_gazetteer):
    # *hutan* (forest) and *gunung* (mountain) both announce the name: one mention, the longest
    mentions = parse("Kawasan hutan Gunung Sahuwai ditetapkan sebagai kawasan konservasi.",
                     gazetteer=default_gazetteer, lang="id")
    assert [(m.text, m.resolved) for m in mentions] == [("Gunung Sahuwai", False)]
