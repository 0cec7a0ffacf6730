"""Pure parts of the events stage: sentences, dates, datelines, types, tolls, place roles."""
from collections import Counter
from datetime import date

import pytest

from geomap.events.classify import cued_types, event_type, fatalities
from geomap.events.dateline import article_date_from_text, find_dateline
from geomap.events.dates import InvalidDate, find_expressions, parse_published, sentence_date
from geomap.events.lexicon import available_languages, lexicon, load_data
from geomap.events.model import EVENT_TYPES
from geomap.events.places import geo_precision, mention_roles
from geomap.events.sentences import split_sentences
from geomap.geoparse.model import Mention

pytestmark = pytest.mark.unit
THURSDAY = date(2020, 10, 1)


def when(text, lang="id", base=THURSDAY, invalid=None):
    lex = lexicon(lang)
    return sentence_date(text, 0, find_expressions(text, lex), lex, base, invalid)


# -- sentences -------------------------------------------------------------
def test_sentences_keep_offsets_and_abbreviations():
    text = "MOSCOW, Oct. 1 (Reuters) - Russia said. Mr. Smith left.\nClashes began Sept. 27 in Rome!  Then?"
    got = split_sentences(text)
    assert [s.text for s in got] == ["MOSCOW, Oct. 1 (Reuters) - Russia said.", "Mr. Smith left.",
                                     "Clashes began Sept. 27 in Rome!", "Then?"]
    assert all(text[s.start:s.end] == s.text for s in got)


# -- dates -----------------------------------------------------------------
def test_weekday_resolves_to_the_past_and_same_weekday_is_today():
    assert when("Pada Rabu, dia menelepon.").date == date(2020, 9, 30)
    assert when("Pada Kamis, dia menelepon.").date == THURSDAY
    assert when("On Wednesday they met.", "en").date == date(2020, 9, 30)


def test_explicit_date_wins_over_weekday_and_since_opens_a_range():
    found = when("Lebih dari 100 orang telah tewas sejak Minggu (27/9/2020) di wilayah itu.")
    assert (found.date, found.start, found.end, found.precision) == (date(2020, 9, 27), date(2020, 9, 27),
                                                                      THURSDAY, 1)
    assert found.text == "Minggu (27/9/2020)"


def test_relative_phrases_and_precisions():
    assert when("Kemarin terjadi ledakan.").date == date(2020, 9, 30)
    week = when("Pekan lalu terjadi ledakan.")
    assert week.precision == 2 and week.start == date(2020, 9, 21) and week.end == date(2020, 9, 27)
    assert when("3 hari lalu terjadi ledakan.").date == date(2020, 9, 28)
    assert when("Two days ago, troops fought.", "en").date == date(2020, 9, 29)
    month = when("Fighting broke out in September.", "en")
    assert (month.precision, month.start, month.end) == (3, date(2020, 9, 1), date(2020, 9, 30))


def test_no_date_falls_back_to_the_article_week_or_unknown():
    fallback = when("Pasukan bertempur.")
    assert (fallback.date, fallback.precision, fallback.start, fallback.text) == (THURSDAY, 2, date(2020, 9, 25), None)
    unknown = when("Pada Rabu pasukan bertempur.", base=None)
    assert unknown.date is None and unknown.precision == 4


def test_impossible_dates_are_reported_not_used():
    seen = []
    found = when("Bentrokan pada 31/02/2020 dan 1/10/20200.", invalid=seen.append)
    assert [e.core for e in seen] == ["31/02/2020", "1/10/20200"]
    assert found.precision == 2  # fell back to the article week
    with pytest.raises(InvalidDate):
        parse_published("31/02/2020")
    with pytest.raises(InvalidDate):
        parse_published("20200-01-01")


@pytest.mark.parametrize("value", ["2020-10-01", "2020-10-01T23:10:00+07:00", "Thu, 01 Oct 2020 10:00:00 +0000",
                                   "1 October 2020", date(2020, 10, 1)])
def test_published_metadata_formats(value):
    assert parse_published(value) == THURSDAY


# -- the article date from the text ----------------------------------------
def test_indonesian_weekday_date_gives_the_latest_agreeing_day():
    text = ("SERAMBINEWS.COM, MOSKWA - Rusia menawarkan diri.\nDilansir dari BBC pada Kamis (1/10/2020).\n"
            "Tewas sejak Minggu (27/9/2020). Kamis (2/10/2020) salah hari.")
    assert article_date_from_text(text, lexicon("id")) == (THURSDAY, "weekday-date")
    line = find_dateline(text)
    assert line.place == "MOSKWA" and text[line.start:line.end].endswith("MOSKWA")


def test_agency_dateline_takes_its_year_from_the_text():
    text = "MOSCOW, Oct 1 (Reuters) - Fighting that began on Sept. 27, 2020 went on."
    assert article_date_from_text(text, lexicon("en")) == (THURSDAY, "dateline")
    assert article_date_from_text("MOSCOW, Oct 1 (Reuters) - Fighting went on.", lexicon("en")) is None


# -- what happened ---------------------------------------------------------
def test_tolls_read_digits_words_and_separators_but_not_dates():
    id_, en = lexicon("id"), lexicon("en")
    assert fatalities("Lebih dari 100 orang tewas pada Minggu (27/9/2020)", id_) == 100
    assert fatalities("tiga warga sipil tewas", id_) == 3
    assert fatalities("Serangan itu menewaskan sedikitnya 1.200 orang", id_) == 1200
    assert fatalities("penghancuran 2 tank musuh", id_) is None
    assert fatalities("A car bomb killed at least 12 people.", en) == 12
    assert fatalities("The death toll rose to 1,250.", en) == 1250
    assert fatalities("On 27 September they were killed.", en) is None


def test_type_precedence():
    id_ = lexicon("id")
    nothing = Counter()
    talks = cued_types("Presiden Rusia membahas pertempuran itu dengan Presiden Perancis", id_)
    assert event_type(talks, None, nothing) == "diplomacy"
    strike = cued_types("Media mengatakan, 3 warga sipil tewas dalam serangan udara di kota Martakert", id_)
    assert event_type(strike, 3, nothing) == "air_strike"
    assert event_type(cued_types("Dia berjanji untuk terus maju", id_), None, nothing) == "statement"
    assert event_type(set(), 100, Counter(battle=3, air_strike=1)) == "battle"
    assert event_type(set(), 5, Counter()) == "other"
    assert event_type(cued_types("Ini gejolak terburuk dalam beberapa tahun.", id_), None, nothing) is None


# -- where -----------------------------------------------------------------
def mention(text, sentence, kind="country", resolved=True, name=None, confidence=1.0, country_code="AZ"):
    start = sentence.index(text)
    return Mention(doc_id="d", start=start, end=start + len(text), text=text, resolved=resolved,
                   name=name or text, lat=1.0, lon=2.0, id=f"id:{text}" if resolved else None,
                   kind=kind if resolved else None, confidence=confidence, country_code=country_code,
                   reason="exact match" if resolved else "cue word, not in the gazetteer")


def test_roles_from_cue_words_and_conjunctions():
    s = "Dia telah menelepon para menteri luar negeri Armenia dan Azerbaijan bahwa Rusia siap, di dekat Baku."
    ms = [mention(n, s) for n in ("Armenia", "Azerbaijan", "Rusia", "Baku")]
    assert mention_roles(s, 0, ms, lexicon("id")) == ["actor", "actor", "plain", "near"]
    e = "Russia's foreign minister met officials in Armenia"
    assert mention_roles(e, 0, [mention("Russia", e), mention("Armenia", e)], lexicon("en")) == ["actor", "locative"]


def _sentence_events(s, ms, lang="id"):
    """The events of the one sentence ``s`` with place mentions ``ms`` (no dateline)."""
    from geomap.events.attach import sentence_events
    from geomap.events.extract import _context, _sentence_cues
    from geomap.events.sentences import Sentence

    sentence, lex = Sentence(0, len(s), s), lexicon(lang)
    cues = _sentence_cues(s, [sentence], lex)
    return sentence_events(_context(s, lex, None, ms, cues, len(s)), sentence, cues[0], ms)


def test_the_most_specific_place_of_the_trigger_clause_wins():
    s = "Media Armenia mengatakan, 3 warga sipil tewas dalam serangan udara Azerbaijan di kota Martakert pada Rabu."
    ms = [mention("Armenia", s, country_code="AM"), mention("Azerbaijan", s), mention("Martakert", s, "city")]
    (found,) = _sentence_events(s, ms)
    assert (found.kind, found.choice.mention.text, found.fatalities) == ("air_strike", "Martakert", 3)
    assert found.choice.geo_precision == 1 and found.choice.confidence == 1.0


def test_talks_without_venue_or_dateline_go_to_the_speaker_not_the_partner():
    s = "Presiden Rusia Vladimir Putin membahas pertempuran itu dengan Presiden Perancis Emmanuel Macron."
    ms = [mention("Rusia", s, country_code="RU"), mention("Perancis", s, country_code="FR")]
    (found,) = _sentence_events(s, ms)
    assert (found.kind, found.choice.mention.text, found.choice.role) == ("diplomacy", "Rusia", "actor")


def test_unresolved_village_falls_back_to_the_articles_country_at_half_confidence():
    s = "Azerbaijan mengatakan pasukan Armenia menghancurkan 2 tank di dekat desa Tonashen."
    ms = [mention("Azerbaijan", s), mention("Armenia", s, country_code="AM"),
          mention("Tonashen", s, resolved=False)]
    (found,) = _sentence_events(s, ms)
    assert found.kind == "battle" and found.unresolved_place == "Tonashen"
    assert found.choice.mention.text == "Azerbaijan" and found.choice.confidence == 0.4


@pytest.mark.parametrize("kind,role,expected", [("city", "locative", 1), ("city", "near", 2), ("other", "plain", 1),
                                                ("admin2", "plain", 2), ("region", "plain", 3),
                                                ("admin1", "locative", 3), ("country", "plain", 4),
                                                ("continent", "plain", 4)])
def test_acled_geo_precision(kind, role, expected):
    assert geo_precision(kind, role) == expected


# -- data files --------------------------------------------------------------
@pytest.mark.parametrize("lang", available_languages())
def test_every_language_file_is_complete(lang):
    data = load_data(lang)
    assert set(data["event_types"]) == set(EVENT_TYPES)  # every type, openings and sport ("other") too
    assert all(isinstance(w, str) and w.strip() for words in data["event_types"].values() for w in words)
    assert lexicon(lang).weekdays and lexicon(lang).months


def test_languages_without_a_file_use_english_lists():
    lex = lexicon("fi")
    assert lex.is_fallback and lex.data_lang == "en" and "keskiviikko" in lex.weekdays
    assert {"id", "en"} <= set(available_languages())
