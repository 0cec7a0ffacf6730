"""Names of several words written in an oblique case (Russian *в Чёрном море*, *на Ближнем
Востоке*): each word is put back in its own form by the language's ending table
(``geomap/geoparse/data/lexicon.json``, ``inflections``), not by a list of names."""
from __future__ import annotations

import pytest

from geomap.gazetteer import name_key
from geomap.geoparse.lexicon import lexicon
from geomap.geoparse.pipeline import parse_many
from geomap.geoparse.spotter import _base_forms


@pytest.mark.unit
@pytest.mark.parametrize("word, base", [
    ("Чёрном", "Чёрное"), ("Ближнем", "Ближний"), ("Востоке", "Восток"), ("Саудовской", "Саудовская"),
    ("Аравии", "Аравия"), ("Персидском", "Персидский"), ("заливе", "залив"), ("Эмиратах", "Эмираты"),
])
def test_an_oblique_form_yields_its_own_form(word, base):
    assert name_key(base) in _base_forms(name_key(word), lexicon().inflections_for("ru"))


@pytest.mark.unit
def test_a_related_language_without_a_table_uses_its_relative_s_and_others_have_none():
    assert lexicon().inflections_for("be") == lexicon().inflections_for("ru") != ()
    assert lexicon().inflections_for("uk") not in ((), lexicon().inflections_for("ru"))
    assert lexicon().inflections_for("en") == ()


@pytest.mark.integration
@pytest.mark.parametrize("text, span, place, kind", [
    ("Корабль затонул в Чёрном море во время шторма.", "Чёрном море", "Black Sea", "sea"),
    ("Обстановка на Ближнем Востоке остаётся напряжённой.", "Ближнем Востоке", "Middle East", "macroregion"),
    ("Танкер был задержан в Персидском заливе в понедельник.", "Персидском заливе", "Persian Gulf", "sea"),
    ("Министр прилетел в Саудовскую Аравию с визитом.", "Саудовскую Аравию", "Saudi Arabia", "country"),
    ("Выборы в Новой Зеландии назначены на осень.", "Новой Зеландии", "New Zealand", "country"),
    ("Санкции против Северной Кореи продлены.", "Северной Кореи", "North Korea", "country"),
    ("Пожар в Нижнем Новгороде потушили к утру.", "Нижнем Новгороде", "Nizhniy Novgorod", "city"),
    ("Обстрел в Белгородском районе повредил дома.", "Белгородском районе", "Belgorodskiy Rayon", "admin2"),
    ("Губернатор Курской области ввёл режим ЧС.", "Курской области", "Kursk Oblast", "admin1"),
])
def test_russian_adjective_and_noun_in_an_oblique_case(default_gazetteer, text, span, place, kind):
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="ru")
    found = [(m.text, m.name, m.kind) for m in result.mentions if m.resolved]
    assert found == [(span, place, kind)]


@pytest.mark.integration
@pytest.mark.parametrize("text, span, place", [
    ("Корабель затонув у Чорному морі під час шторму.", "Чорному морі", "Black Sea"),
    ("Президент прибув до Південної Кореї з візитом.", "Південної Кореї", "South Korea"),
    ("Вибори в Новій Зеландії призначено на осінь.", "Новій Зеландії", "New Zealand"),
])
def test_ukrainian_adjective_and_noun_in_an_oblique_case(default_gazetteer, text, span, place):
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="uk")
    assert [(m.text, m.name) for m in result.mentions if m.resolved] == [(span, place)]


@pytest.mark.integration
@pytest.mark.parametrize("text, span, place", [
    ("Statek zatonął na Morzu Czarnym podczas sztormu.", "Morzu Czarnym", "Black Sea"),
    ("Wybory w Wielkiej Brytanii odbędą się jesienią.", "Wielkiej Brytanii", "United Kingdom"),
    ("Ambasador pracuje w Stanach Zjednoczonych od roku.", "Stanach Zjednoczonych", "United States"),
    # *Korei* is also a one-word name (a village in Iran): the longer inflected name wins
    ("Prezydent przyleciał do Korei Południowej w poniedziałek.", "Korei Południowej", "South Korea"),
])
def test_polish_adjective_and_noun_in_an_oblique_case(default_gazetteer, text, span, place):
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="pl")
    assert [(m.text, m.name) for m in result.mentions if m.resolved] == [(span, place)]


@pytest.mark.integration
def test_an_inflected_first_word_is_not_read_as_a_village(default_gazetteer):
    """Before the rule, *Ближнем* alone became the Crimean village Blizhnye and *Чёрном* Cherna."""
    (result,) = parse_many(["Эксперты обсудили ситуацию на Ближнем Востоке и в Чёрном море."],
                           gazetteer=default_gazetteer, lang="ru")
    assert {m.name for m in result.mentions if m.resolved} == {"Middle East", "Black Sea"}


@pytest.mark.integration
def test_an_inflected_phrase_that_names_no_place_stays_unread(default_gazetteer):
    (result,) = parse_many(["Поздравляем всех с Новым годом и желаем счастья."], gazetteer=default_gazetteer, lang="ru")
    assert [m.text for m in result.mentions if m.resolved] == []


@pytest.mark.unit
def test_a_stripped_stem_yields_the_nominatives_of_its_ending_and_its_vowel_alternation():
    """Polish *-ie* comes after a feminine *-a* or a consonant; a Ukrainian stem closes its last
    syllable with *і* in the nominative (*Києва*, *Львова* -> *Київ*, *Львів*): data, not names."""
    lex = lexicon()
    assert lex.stem_forms(name_key("Nys"), name_key("ie"), "pl")[:3] == ["nysia", "nysa", "nys"]
    assert name_key("Київ") in lex.stem_forms(name_key("Києв"), name_key("а"), "uk")
    assert name_key("Львів") in lex.stem_forms(name_key("Львов"), name_key("і"), "uk")
    assert lex.stem_forms("londyn", "ie", "en") == ["londyn"]


@pytest.mark.integration
@pytest.mark.parametrize("text, lang, expected", [
    # the stem *Nys* is also an alias of Nice; Nysa is the Polish town's own name
    ("W Nysie ewakuowano szpital, a w Warszawie zebrał się sztab.", "pl", [("Nysie", "PL"), ("Warszawie", "PL")]),
    # *Kos* + *-owie* (the Greek island) and *Amery* + *-ce* (Wisconsin) are names too
    ("Rozmowy w Kosowie i w Ameryce trwają.", "pl", [("Kosowie", "XK"), ("Ameryce", None)]),
    ("Spotkanie odbyło się w Pradze.", "pl", [("Pradze", "CZ")]),
    # Czech writes h, k as z, c before -e (*v Praze*: Praha) and -o nouns as -ě (*v Brně*: Brno)
    ("Střelba v Praze, pietní akce v Brně a v Ostravě.", "cs", [("Praze", "CZ"), ("Brně", "CZ"), ("Ostravě", "CZ")]),
    # Tamil locative and *also* endings (சென்னையில், கோவையிலும்); Tamil is official in Tamil Nadu, so
    # Madurai in Tamil text is at home, not a foreign word
    ("சென்னையில் கனமழை பெய்தது. மதுரை மற்றும் கோவையிலும் மழை பெய்தது.", "ta",
     [("சென்னையில்", "IN"), ("மதுரை", "IN"), ("கோவையிலும்", "IN")]),
    # Ukrainian softens г to з before -і, and closes the syllable with і in the nominative: *у Кривому Розі*
    # is Kryvyi Rih, *у Ризі* Riga
    ("Пошкоджено підприємство в Кривому Розі та в Ризі.", "uk", [("Кривому Розі", "UA"), ("Ризі", "LV")]),
    # *Львове* is also a village (Lvove); Lviv is the prominent reading of *Львові*
    ("Ракети вдарили по центру Києва. У Києві та у Львові пролунали вибухи.", "uk",
     [("Києва", "UA"), ("Києві", "UA"), ("Львові", "UA")]),
])
def test_an_inflected_single_word_is_read_as_its_likeliest_name(default_gazetteer, text, lang, expected):
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang=lang)
    assert [(m.text, m.country_code) for m in result.mentions if m.resolved] == expected
    if "Києва" in text:
        assert {m.name for m in result.mentions} == {"Kyiv", "Lviv"}
