"""General recognition and resolution rules, on sentences written for these tests,
against the real default gazetteer (no mocks)."""
from __future__ import annotations

import pytest

from geomap.geoparse import Document, parse, parse_many

pytestmark = pytest.mark.integration


def found(text, gazetteer, **kw):
    return [(m.text, m.name, m.country_code) for m in parse(text, gazetteer=gazetteer, **kw)]


@pytest.mark.parametrize("text, expected", [
    ("Наводнение в Хабаровске затопило сотни домов.", [("Хабаровске", "Khabarovsk", "RU")]),
    ("Tysiące osób protestowały w Warszawie i w Krakowie.",
     [("Warszawie", "Warsaw", "PL"), ("Krakowie", "Kraków", "PL")]),
    ("İzmir'de deprem: Ankara'dan ekipler yola çıktı.", [("İzmir", "İzmir", "TR"), ("Ankara", "Ankara", "TR")]),
    ("وصل الوفد إلى بغداد وبيروت أمس.", [("بغداد", "Baghdad", "IQ"), ("بيروت", "Beirut", "LB")]),
    ("昨天在北京举行了会议，四川发生地震。", [("北京", "Beijing", "CN"), ("四川", "Sichuan", "CN")]),
    ("Lũ lụt ở Hà Nội và Đà Nẵng.", [("Hà Nội", "Hanoi", "VN"), ("Đà Nẵng", "Da Nang", "VN")]),
    ("Mafuriko yamekumba Mombasa na Nairobi.", [("Mombasa", "Mombasa", "KE"), ("Nairobi", "Nairobi", "KE")]),
    ("東京で地震が発生し、大阪でも揺れを観測した。", [("東京", "Tokyo", "JP"), ("大阪", "Osaka", "JP")]),
    ("서울과 부산에서 대규모 시위가 열렸다.", [("서울", "Seoul", "KR"), ("부산", "Busan", "KR")]),
    ("दिल्ली और मुंबई में भारी बारिश हुई।", [("दिल्ली", "Delhi", "IN"), ("मुंबई", "Mumbai", "IN")]),
    ("Σεισμός στην Αθήνα και στη Θεσσαλονίκη.", [("Αθήνα", "Athens", "GR"), ("Θεσσαλονίκη", "Thessaloníki", "GR")]),
    ("הפגנות בתל אביב ובירושלים.", [("תל אביב", "Tel Aviv", "IL"), ("ירושלים", "Jerusalem", "IL")]),
    ("น้ำท่วมที่เชียงใหม่และกรุงเทพฯ", [("เชียงใหม่", "Chiang Mai", "TH"), ("กรุงเทพฯ", "Bangkok", "TH")]),
    ("سیل در تهران و مشهد.", [("تهران", "Tehran", "IR"), ("مشهد", "Mashhad", "IR")]),
    ("Povodně zasáhly Prahu a Brno.", [("Prahu", "Prague", "CZ"), ("Brno", "Brno", "CZ")]),
])
def test_inflected_and_unspaced_scripts(text, expected, default_gazetteer):
    assert [(t, n, c) for t, n, c in found(text, default_gazetteer) if n] == expected


def test_spans_cut_clitics_and_proclitics(default_gazetteer):
    # one language per text: the identifier reads a half-Turkish, half-Arabic sentence as Arabic
    turkish = parse("Saldırı dün akşam İstanbul'da oldu.", gazetteer=default_gazetteer)
    arabic = parse("وبغداد هادئة اليوم بعد أيام من الاحتجاجات.", gazetteer=default_gazetteer)
    assert [m.text for m in turkish] == ["İstanbul"] and [m.text for m in arabic] == ["بغداد"]


def test_abbreviations_and_short_forms(default_gazetteer):
    text = "U.S. officials met their UAE counterparts in Louisville, Ky., on Tuesday."
    assert found(text, default_gazetteer) == [
        ("U.S.", "United States", "US"), ("UAE", "United Arab Emirates", "AE"),
        ("Louisville", "Louisville", "US"), ("Ky.", "Kentucky", "US")]


def test_people_titles_and_organisations_are_not_places(default_gazetteer):
    assert found("President Emmanuel Macron met Vladimir Putin and Mrs Paris Hilton.", default_gazetteer) == []
    # a country stays a place inside a title; the person after it does not
    assert found("Presiden Rusia Vladimir Putin menelepon Presiden Perancis Emmanuel Macron.",
                 default_gazetteer, lang="id") == [("Rusia", "Russia", "RU"), ("Perancis", "France", "FR")]


def test_calendar_words_and_numbers_are_not_places(default_gazetteer):
    assert found("On Saturday, 12 March, the talks resumed.", default_gazetteer) == []


def test_all_capitals_text(default_gazetteer):
    text = "FLOODS HIT JAKARTA AND BANDUNG AFTER DAYS OF RAIN, OFFICIALS SAID ON MONDAY."
    assert [n for _, n, _ in found(text, default_gazetteer)] == ["Jakarta", "Bandung"]


def test_containment_and_one_sense_per_document(default_gazetteer):
    mentions = parse("The band played in Paris, Texas, last week. Paris is a small town.", gazetteer=default_gazetteer)
    paris = [m for m in mentions if m.text == "Paris"]
    assert len(paris) == 2 and {m.country_code for m in paris} == {"US"} and paris[0].id == paris[1].id
    france = parse("Protesters marched in Paris on Sunday.", gazetteer=default_gazetteer)
    assert [(m.text, m.country_code) for m in france] == [("Paris", "FR")]


def test_document_context_picks_the_candidate(default_gazetteer):
    canada = parse("Police in Ontario said the crash near London closed Highway 401 west of Toronto.",
                   gazetteer=default_gazetteer)
    assert {m.text: m.country_code for m in canada}["London"] == "CA"
    england = parse("Police in London said the crash closed the M25.", gazetteer=default_gazetteer)
    assert {m.text: m.country_code for m in england}["London"] == "GB"


def test_a_country_next_to_the_documents_focus_beats_a_namesake_state_of_another_named_country(default_gazetteer):
    text = ("Azerbaijan said its troops shelled Stepanakert overnight, and Armenia said two villages near Goris "
            "were hit. Georgia offered to host talks in Tbilisi, the US said on Friday.")
    mentions = {m.text: m for m in parse(text, gazetteer=default_gazetteer)}
    assert (mentions["Georgia"].kind, mentions["Georgia"].country_code) == ("country", "GE")
    us = parse("Storms hit Atlanta and Savannah. Georgia asked the US for help.", gazetteer=default_gazetteer)
    assert {m.text: m.country_code for m in us}["Georgia"] == "US"


def test_a_word_is_not_a_country_whose_native_name_it_is_only_without_marks(default_gazetteer):
    english = parse("Ferries to Fire Island stopped after the storm hit Long Island on Monday.", gazetteer=default_gazetteer)
    assert all(m.country_code != "IS" for m in english)
    german = parse("Die Regierung von Island sagte am Montag, der Vulkan sei ruhig.", gazetteer=default_gazetteer)
    assert [(m.text, m.country_code) for m in german] == [("Island", "IS")]
    spanish = parse("Las lluvias afectaron a Andalucía el martes.", gazetteer=default_gazetteer)
    assert [(m.text, m.kind) for m in spanish] == [("Andalucía", "admin1")]


def test_demonyms_are_optional(default_gazetteer):
    assert found("Russian troops left the area.", default_gazetteer) == [("Russian", "Russia", "RU")]
    assert found("Russian troops left the area.", default_gazetteer, demonyms=False) == []


def test_region_demonyms_stand_for_their_regions(default_gazetteer):
    mentions = parse("Middle Eastern and Latin American envoys met West African ministers.", gazetteer=default_gazetteer)
    assert [(m.text, m.kind) for m in mentions] == [("Middle Eastern", "macroregion"), ("Latin American", "region"),
                                                    ("West African", "region")]
    assert [m.id for m in mentions][1:] == ["m49:419", "m49:011"]


def test_cue_words_report_unknown_places(default_gazetteer):
    mentions = parse("Shelling hit the village of Xqwertyvo overnight.", gazetteer=default_gazetteer)
    assert [(m.text, m.resolved) for m in mentions] == [("Xqwertyvo", False)]


def test_empty_and_odd_texts(default_gazetteer):
    assert parse("", gazetteer=default_gazetteer) == []
    assert parse("   \n\t ", gazetteer=default_gazetteer) == []
    assert parse("12345 !!! ???", gazetteer=default_gazetteer) == []
    mixed = parse("Rain in Lagos. Дождь в Москве. 雨在上海。 مطر في القاهرة.", gazetteer=default_gazetteer)
    assert {m.name for m in mixed} >= {"Lagos", "Moscow", "Shanghai", "Cairo"}


def test_batch_reports_bad_documents_and_goes_on(default_gazetteer):
    results = parse_many([Document(doc_id="a", text="Floods in Jakarta."), 42, Document(doc_id="c", text="bin\x00ary"),
                          ("d", "Fire in Nairobi.")], gazetteer=default_gazetteer)
    assert [r.doc_id for r in results] == ["a", "doc1", "c", "d"]
    assert [m.name for m in results[0].mentions] == ["Jakarta"]
    assert results[1].mentions is None and "int" in results[1].error
    assert results[2].mentions is None and "binary" in results[2].error
    assert [m.name for m in results[3].mentions] == ["Nairobi"]


def test_workers_give_the_same_result(default_gazetteer):
    docs = [Document(doc_id=str(i), text=text) for i, text in enumerate(
        ["Floods in Jakarta.", "Fire in Nairobi.", "Протесты в Москве.", "Séisme à Nice."] * 3)]
    one = parse_many(docs, gazetteer=default_gazetteer)
    two = parse_many(docs, gazetteer=default_gazetteer, workers=2)
    assert [r.mentions for r in one] == [r.mentions for r in two]


def test_long_text_is_linear_and_exact(default_gazetteer):
    sentence = "Heavy rain hit Jakarta and Bandung on Monday. "
    text = sentence * 20000  # ~0.9 M characters, several chunks
    mentions = parse(text, gazetteer=default_gazetteer)
    assert len(mentions) == 40000
    assert all(text[m.start:m.end] == m.text for m in mentions[::997])


@pytest.mark.parametrize("text, lang, name", [
    ("Floods killed 45 people in the village of Tonashen Wednesday.", "en", "Tonashen"),
    ("Mafuriko yameua watu 45 katika mji wa Nakuru Jumatano.", "sw", "Nakuru"),
])
def test_a_weekday_after_a_cue_named_place_is_no_part_of_its_name(default_gazetteer, text, lang, name):
    """Swahili capitalises its weekdays as English does; the name after *the village of* ends before one."""
    from geomap.geoparse import parse

    assert [m.text for m in parse(text, lang=lang, gazetteer=default_gazetteer)] == [name]


@pytest.mark.parametrize("text, lang, name", [
    ("Tonashen köyünde Salı günü çatışma çıktı.", "tr", "Tonashen"),
    ("ओडिशा के बालासोर जिले में ट्रेन हादसा हुआ।", "hi", "बालासोर"),
])
def test_a_name_before_a_kind_word_that_follows_names(default_gazetteer, text, lang, name):
    """Turkish and Hindi write the kind of place after its name; the name is reported even when
    the gazetteer lacks it. A common word before the kind word (*इस जिले में*, in this district) is none."""
    from geomap.geoparse import parse

    assert name in [m.text for m in parse(text, lang=lang, gazetteer=default_gazetteer) if not m.resolved]
    assert parse("इस जिले में बारिश हुई।", lang="hi", gazetteer=default_gazetteer) == []


@pytest.mark.parametrize("text, lang, gone, kept", [
    ("Hare hare ya mvua kubwa yamesababisha mafuriko mjini Dar es Salaam.", "sw", "Hare", "Dar es Salaam"),
    ("Crystal meth is spreading in London. The crystal trade grows.", "en", "Crystal", "London"),
])
def test_a_capital_only_the_sentence_gives_to_a_word_written_lower_elsewhere(default_gazetteer, text, lang, gone, kept):
    """The word the text also writes in lower case is a word, not the town it happens to name
    (*Hare* was Halle, Germany; *Crystal* a Minnesota city); a country or region keeps its name."""
    from geomap.geoparse import parse

    found = [m.text for m in parse(text, lang=lang, gazetteer=default_gazetteer)]
    assert gone not in found and kept in found
    assert "Turkey" in [m.text for m in parse("Turkey said the roast turkey was fine.", lang="en",
                                               gazetteer=default_gazetteer)]



@pytest.mark.parametrize("text, gone, kept", [
    ("Bush's spokeswoman, Kristy Campbell, denied any involvement in Austin.", "Bush", "Austin"),
    ("Labor minister Fátima Báñez revived a proposal in Madrid.", "Labor", "Madrid"),
    ("Marine Gen. John Kelly arrived in Kabul.", "Marine", "Kabul"),
    ("Police warn of rising youth crime in Far North Queensland.", None, "Queensland"),
])
def test_a_name_that_belongs_to_a_person_or_a_portfolio_is_no_town(default_gazetteer, text, gone, kept):
    """A word before a title (*Labor minister*) or, in the possessive, before a word for a person's
    relations (*Bush's spokeswoman*: Būsh, Egypt, before) names no town; a compass name of another
    country's region (*Far North*, Cameroon) stays unresolved beside *Queensland*."""
    from geomap.geoparse import parse

    found = {m.text: m for m in parse(text, lang="en", gazetteer=default_gazetteer)}
    assert gone not in found and found[kept].resolved
    assert all(m.country_code != "CM" for m in found.values())
    russia = parse("Russia's spokeswoman Maria Zakharova said so.", lang="en", gazetteer=default_gazetteer)
    assert [m.name for m in russia] == ["Russia"]


@pytest.mark.parametrize("text, gone, kept", [
    # an all-capital word that is only some place's alias is an acronym (AMLO: an alias of Amloh, India)
    ("Mexico's president-elect, widely known as AMLO, spoke in Oaxaca. AMLO promised new refineries.", "AMLO", "Oaxaca"),
    # a surname after a first name is a person throughout, though a big city has it as an alias (Chenzhou)
    ("Prosecutors charged Charlie Chen, 48, in Boston on Monday. The indictment said Chen traded on tips.", "Chen", "Boston"),
    # a family-name particle between the first name and the surname (Abdi, Chad)
    ("The speaker of the house, Rachid El Abdi, received the delegation in Rabat. El Abdi praised the ties.", "Abdi", "Rabat"),
])
def test_a_person_or_acronym_is_no_place_anywhere_in_the_text(default_gazetteer, text, gone, kept):
    from geomap.geoparse import parse

    found = [m for m in parse(text, lang="en", gazetteer=default_gazetteer)]
    assert gone not in {m.text for m in found}
    assert any(m.text == kept and m.resolved for m in found)


def test_a_place_before_a_business_name_stays_a_place(default_gazetteer):
    """*Riverdale Lukoil* (a petrol station) is named after the place: a rare capitalised word after
    a name does not make the name a person's throughout the text."""
    from geomap.geoparse import parse

    text = ("The winning ticket was sold at Riverdale Lukoil, New Jersey, on Friday. "
            "Customers of the Riverdale gas station cheered.")
    found = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == "Riverdale"]
    assert found and all(m.resolved for m in found)


@pytest.mark.parametrize("text, name, lat", [
    ("The rally moves to Newport, Shropshire next week.", "Newport", 52.77),        # not the Isle of Wight's
    ("The fire was in Richmond, North Yorkshire.", "Richmond", 54.40),              # not London's
    ("The meeting was held in Ashford, Surrey.", "Ashford", 51.43),                 # not Kent's
    ("Police were called to Sutton, Cambridgeshire.", "Sutton", 52.39),             # not London's
])
def test_a_town_written_with_its_county_is_the_one_in_that_county(default_gazetteer, text, name, lat):
    """England is one first-level region: every English namesake was "inside" the county written after
    the town. A second-level region also holds its places by their distance to its point."""
    from geomap.geoparse import parse

    (town,) = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == name]
    assert town.country_code == "GB" and abs(town.lat - lat) < 0.05


def test_a_place_in_a_county_makes_that_county_the_one_meant(default_gazetteer):
    """*Le Mars in Plymouth County*: the word *in* (data ``within``) says which of the namesake
    counties holds the town, as a comma would (*Le Mars, Plymouth County*)."""
    text = "A fire destroyed a barn near Le Mars in Plymouth County on Sunday, the sheriff said."
    mentions = {m.text: m for m in parse(text, lang="en", gazetteer=default_gazetteer)}
    assert (mentions["Le Mars"].admin1, mentions["Plymouth County"].admin1) == ("Iowa", "Iowa")
    assert mentions["Plymouth County"].kind == "admin2"


@pytest.mark.parametrize("text, bare, expected", [
    ("Police in Suffolk County searched a house in Riverhead on Monday. Suffolk detectives said the "
     "remains were found in the basement.", "Suffolk", ("admin2", "New York")),
    ("Los Angeles County supervisors voted on Tuesday to extend the eviction moratorium. Renters in "
     "Los Angeles welcomed the decision.", "Los Angeles", ("city", "California")),
])
def test_a_county_named_in_full_is_what_its_bare_name_means(default_gazetteer, text, bare, expected):
    """News names a county once in full, then by its bare name: *Suffolk* is then the county, not
    Suffolk, Virginia, though the word alone would not make the county a candidate. Not where a town
    of the name lies inside the county (*Los Angeles* stays the city)."""
    (mention,) = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == bare]
    assert (mention.kind, mention.admin1) == expected


@pytest.mark.parametrize("text, expected", [
    ("Air pollution forced South Korea's baseball league to postpone games in Seoul and Incheon on Friday. "
     "The Korea Baseball Organization said the games will be played later.", "KR"),
    ("North Korea fired two missiles from near Pyongyang on Friday, and the army in Wonsan was put on alert. "
     "Korea's state media called the launch a test.", "KP"),
])
def test_a_name_two_countries_bear_is_the_documents_focus_country(default_gazetteer, text, expected):
    """*Korea* names both Koreas: the one the document is about, not its neighbour (the neighbour
    rule alone gave North Korea in a text about South Korea)."""
    (korea,) = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == "Korea"]
    assert korea.country_code == expected


def test_local_news_names_places_close_to_each_other(default_gazetteer):
    """Both New Milfords are near Danbury (400 km), only Connecticut's is close to it (50 km): the
    close namesake wins over the more populous one (New Jersey's, 16,000 people against 6,500)."""
    text = ("A crash on Route 7 in Danbury sent two people to hospital on Friday. The driver, a man from "
            "New Milford, was charged with reckless driving, police said.")
    (town,) = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == "New Milford"]
    assert town.admin1 == "Connecticut"


@pytest.mark.parametrize("text, name, expected", [
    ("Inflation in the UK rose to 3 percent in March. Rents in England rose fastest, while prices in Japan fell.",
     "England", ("admin1", "GB")),
    ("A bomb exploded near a police checkpoint in Cairo on Friday. A group calling itself Soldiers of Misr "
     "claimed the attack, Egyptian media said.", "Misr", ("country", "EG")),
])
def test_a_country_called_by_a_parts_name_does_not_hide_the_part(default_gazetteer, text, name, expected):
    """The UK is also called *England*: with the UK named, *England* is still England (it was the UK,
    whose cities and regions get no bonus for being in a country that itself bears the name). *Misr*,
    an alias of Egypt and of Cairo, no candidate's own name, stays the country."""
    (mention,) = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == name]
    assert (mention.kind, mention.country_code) == expected
