"""The dates stage: every date form as data, values against the article date,
non-dates left alone, sentence boundaries of every script, no exception from any text.
Sentences are written for these tests (no corpus text)."""
import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.cli import main
from geomap.dates import find_dates, spot
from geomap.dates.dateline import article_date_from_text
from geomap.dates.forms import available_languages, forms
from geomap.dates.numerals import to_int
from geomap.dates.sentences import split_clauses, split_sentences
from geomap.errors import InputError

pytestmark = pytest.mark.unit
FRIDAY = "2020-10-02"


def values(text, lang, published=FRIDAY):
    found = find_dates(text, published=published, lang=lang)
    assert all(text[m.start:m.end] == m.text for m in found)
    return [(m.text, m.value) for m in found]


# -- CJK ---------------------------------------------------------------------
def test_chinese_year_month_day_in_digits_and_numerals():
    got = values("据报道，2019年3月15日发生地震，二〇二〇年十月一日恢复通车，10月5日再次关闭。", "zh")
    assert got == [("2019年3月15日", "2019-03-15"), ("二〇二〇年十月一日", "2020-10-01"), ("10月5日", "2020-10-05")]


def test_chinese_month_year_and_relative_words():
    got = values("今年1月以来，去年和2018年的记录被打破；昨天又下雨。", "zh")
    assert got == [("今年1月", "2020-01"), ("去年", "2019"), ("2018年", "2018"), ("昨天", "2020-10-01")]
    assert values("It happened in September last year.", "en") == [("September last year", "2019-09")]


def test_chinese_weekdays_with_both_prefixes_and_week_words():
    got = values("星期二开会，周四签约，上周三发生冲突，下周一复会。", "zh")
    assert got == [("星期二", "2020-09-29"), ("周四", "2020-10-01"), ("上周三", "2020-09-23"), ("下周一", "2020-10-05")]


def test_chinese_day_alone_is_a_day_but_a_span_of_days_is_not():
    assert values("当地时间30日晚，车队抵达。", "zh") == [("30日", "2020-09-30")]
    assert values("他在那里住了3日间。", "zh") == []


def test_japanese_and_korean_unit_markers():
    assert values("2020年9月30日に発表された。", "ja") == [("2020年9月30日", "2020-09-30")]
    assert values("정부는 2020년 9월 30일 어제 발표했다.", "ko") == [("2020년 9월 30일", "2020-09-30"),
                                                                ("어제", "2020-10-01")]


@pytest.mark.parametrize("text, number", [("十", 10), ("三十一", 31), ("十五", 15), ("廿一", 21), ("二〇二〇", 2020),
                                          ("٣٠", 30), ("۱۳۹۹", 1399), ("１２", 12), ("十十", None), ("", None)])
def test_numerals(text, number):
    assert to_int(text) == number


# -- digits of other scripts and other calendars -----------------------------------
def test_arabic_indic_and_persian_digits():
    assert values("وقعت الاشتباكات في ٢٨ سبتمبر ٢٠٢٠ قرب الحدود.", "ar") == [("٢٨ سبتمبر ٢٠٢٠", "2020-09-28")]
    assert values("روز ۲۸/۹/۲۰۲۰ اعلام شد", "fa") == [("۲۸/۹/۲۰۲۰", "2020-09-28")]


def test_levantine_month_names_as_data():
    assert values("أعلنت الوزارة في 3 تشرين الأول 2019 عن الخطة.", "ar") == [("3 تشرين الأول 2019", "2019-10-03")]


def test_hijri_dates_are_converted_to_gregorian():
    # 1 Ramadan 1441 AH (Umm al-Qura) is 24 April 2020
    got = find_dates("صدر القرار يوم 1 رمضان 1441 هـ في الرياض.", published=FRIDAY, lang="ar")
    assert [(m.text, m.value, m.resolved_by) for m in got] == [("1 رمضان 1441 هـ", "2020-04-24", "hijri")]
    assert values("Sidang digelar 1 Ramadhan 1441 H di Jakarta.", "id") == [("1 Ramadhan 1441 H", "2020-04-24")]


def test_solar_hijri_dates_are_converted_to_gregorian():
    # 1 Farvardin 1399 SH (Nowruz) is 20 March 2020
    got = find_dates("این قانون در ۱ فروردین ۱۳۹۹ اجرا شد.", published=FRIDAY, lang="fa")
    assert [(m.value, m.resolved_by) for m in got] == [("2020-03-20", "solar-hijri")]


def test_impossible_hijri_date_is_no_date():
    assert values("Pada 31 Muharram 1442 H ada acara.", "id") == []


# -- numeric dates, order by language ---------------------------------------------
def test_numeric_order_follows_the_language_unless_a_part_decides():
    assert values("Signed on 1/10/2020.", "en") == [("1/10/2020", "2020-01-10")]
    assert values("Firmado el 1/10/2020.", "es") == [("1/10/2020", "2020-10-01")]
    assert values("Signed on 1/10/2020.", "en-GB") == [("1/10/2020", "2020-10-01")]
    assert values("Signed on 25/9/2020 and 9/25/2020.", "en") == [("25/9/2020", "2020-09-25"), ("9/25/2020", "2020-09-25")]
    assert values("Am 1.10.2020 und am 2020-09-30.", "de") == [("1.10.2020", "2020-10-01"), ("2020-09-30", "2020-09-30")]


def test_weekday_before_a_numeric_date_in_brackets():
    got = find_dates("Pertemuan digelar Rabu (30/9/2020) di Moskwa.", published=FRIDAY, lang="id")
    assert [(m.text, m.value, m.resolved_by) for m in got] == [("Rabu (30/9/2020)", "2020-09-30", "absolute")]


@pytest.mark.parametrize("text", ["Call 0812-3456-7890 or +62 21 555 1234.", "They won 2-1 and then 3-0.",
                                  "Python 3.10.2 was released; see section 4.2.1.", "Code 96.46.12 was assigned.",
                                  "Account 12/45/2020 is closed.", "Version 1.2.20 ships."])
def test_numbers_that_are_no_dates(text):
    assert values(text, "en") == []


def test_impossible_day_is_left_out_of_find_dates_but_spotted_as_invalid():
    assert values("Due on 31/02/2020.", "en") == []
    assert [c.invalid for c in spot("Due on 31/02/2020 or 1/10/20200.", "en")] == [True, True]


# -- written-out and ordinal forms -------------------------------------------------
def test_ordinals_and_written_out_days():
    assert values("On the first of October 2020 and on October 3rd they met.", "en") == [
        ("first of October 2020", "2020-10-01"), ("October 3rd", "2020-10-03")]
    assert values("Le 1er octobre 2020, puis le premier septembre.", "fr") == [
        ("1er octobre 2020", "2020-10-01"), ("premier septembre", "2020-09-01")]
    assert values("El 1º de octubre de 2020 llegó.", "es") == [("1º de octubre de 2020", "2020-10-01")]


def test_numbers_written_out_before_units_ago():
    assert values("Fighting began three weeks ago.", "en") == [("three weeks ago", "2020-09-07")]
    assert values("Los combates empezaron hace dos días.", "es") == [("hace dos días", "2020-09-30")]


# -- relative to the article date ---------------------------------------------------
def test_relative_units_give_their_own_precision():
    got = find_dates("Last month prices rose; last year too; yesterday they fell; last week was calm.",
                     published=FRIDAY, lang="en")
    assert [(m.value, m.precision) for m in got] == [("2020-09", "month"), ("2019", "year"), ("2020-10-01", "day"),
                                                     ("2020-09-21", "week")]


def test_weekday_last_next_and_today():
    assert values("He left last Friday, returns next Monday and speaks Friday.", "en") == [
        ("last Friday", "2020-09-25"), ("next Monday", "2020-10-05"), ("Friday", "2020-10-02")]
    assert values("Il est parti mercredi dernier.", "fr") == [("mercredi dernier", "2020-09-30")]


def test_weekdays_with_endings_or_a_part_of_the_day_written_on():
    """Turkish writes its weekdays capitalised with endings after them (*Salı günü*, *Salı'ya*);
    German and Dutch write the part of the day onto the weekday (*Mittwochabend*)."""
    assert values("Antakya'da Salı günü bina yıkıldı, Pazartesi sabahı deprem oldu.", "tr", "2023-02-08") == [
        ("Salı günü", "2023-02-07"), ("Pazartesi sabahı", "2023-02-06")]
    assert values("Am Mittwochabend und am Sonntag starben 60 Menschen.", "de", "2021-07-16") == [
        ("Mittwochabend", "2021-07-14"), ("Sonntag", "2021-07-11")]
    assert values("Op woensdagavond brak brand uit.", "nl", "2021-07-16") == [("woensdagavond", "2021-07-14")]
    assert values("Die Mittwochsausgabe erschien.", "de", "2021-07-16") == []


def test_thai_without_spaces_and_in_the_buddhist_era_and_hebrew_with_its_prefix():
    """Thai runs its words together and writes Buddhist Era years (2566 is 2023); Hebrew writes
    *on* as a letter glued to the word (*ביום שבת*, on Saturday; *בינואר*, in January)."""
    assert values("เกิดน้ำท่วมที่เชียงใหม่เมื่อวันอังคาร วันที่ 5 ตุลาคม 2566", "th", "2023-10-08") == [
        ("วันอังคาร", "2023-10-03"), ("5 ตุลาคม 2566", "2023-10-05")]
    assert values("מחבלים חדרו לשדרות ביום שבת. הפיגוע הקודם אירע בינואר 2023.", "he", "2023-10-08") == [
        ("ביום שבת", "2023-10-07"), ("בינואר 2023", "2023-01")]


@pytest.mark.parametrize("text, lang, expected", [
    ("Skottlossningen i Örebro på tisdagen krävde elva liv.", "sv", [("tisdagen", "2024-03-05")]),
    ("A budapesti tüntetésen hétfőn ezrek vettek részt.", "hu", [("hétfőn", "2024-03-04")]),
    ("У Београду су одржани протести у недељу.", "sr", [("недељу", "2024-03-03")]),
    ("சென்னையில் திங்கள்கிழமை கனமழை பெய்தது.", "ta", [("திங்கள்கிழமை", "2024-03-04")]),
])
def test_weekdays_in_the_case_the_sentence_puts_them(text, lang, expected):
    """Swedish definite (*tisdagen*), Hungarian *on* (*hétfőn*), Serbian accusative (*у недељу*),
    Tamil *day* written onto the weekday (*திங்கள்கிழமை*): forms CLDR's names lack, as data."""
    assert values(text, lang, "2024-03-07") == expected


def test_day_and_month_without_year_take_the_nearest_year():
    assert values("On 28 December the talks failed.", "en", "2021-01-03") == [("28 December", "2020-12-28")]
    assert values("On 5 January the talks begin.", "en", "2020-12-30") == [("5 January", "2021-01-05")]


def test_bare_years_but_not_counts_or_decades():
    assert values("In 1998 they met; in the 1990s trade grew; 2000 people marched.", "en") == [("1998", "1998")]


def test_without_published_date_relative_expressions_stay_unresolved():
    got = find_dates("Yesterday the talks ended; on 1 October 2020 a deal was signed.", lang="en")
    assert [(m.value, m.resolved_by) for m in got] == [(None, "unresolved"), ("2020-10-01", "absolute")]


def test_without_published_date_the_dateline_anchors_relative_expressions():
    text = "MOSCOW, Oct 2 (Reuters) - Talks that began on Sept. 28, 2020 ended yesterday."
    assert article_date_from_text(text, "en") == (date(2020, 10, 2), "dateline")
    got = find_dates(text, lang="en")
    assert [(m.text, m.value, m.resolved_by) for m in got][-1] == ("yesterday", "2020-10-01", "relative-to-dateline")


def test_bad_published_date_is_an_input_error():
    with pytest.raises(InputError):
        find_dates("Yesterday.", published="2020-02-31", lang="en")
    with pytest.raises(InputError):
        find_dates(None)


def test_language_is_detected_when_not_given():
    assert [m.value for m in find_dates("Ayer, el 30 de septiembre de 2020, hubo combates en la frontera.",
                                        published=FRIDAY)] == ["2020-10-01", "2020-09-30"]


@pytest.mark.parametrize("lang", available_languages())
def test_every_language_file_compiles_with_calendar_names(lang):
    f = forms(lang)
    assert f.has_data and f.weekdays and f.relative


# -- sentences in every script ---------------------------------------------------
@pytest.mark.parametrize("text, count", [
    ("周三，空袭在马尔塔克特造成三人死亡。俄罗斯外长在莫斯科表示愿意调解。", 2),
    ("「停戦は破られた！」と彼は言った。交渉は続く？", 2),
    ("क्या यह सच है? हमले में तीन लोग मारे गए। सेना ने कहा॥", 3),
    ("هل انتهى القتال؟ قال الوزير إن المحادثات مستمرة.", 2),
    ("တိုက်ပွဲဖြစ်ခဲ့သည်။ စစ်တပ်က ပြောသည်။", 2),
    ("ការប្រយុទ្ធបានកើតឡើង។ កងទ័ពបាននិយាយ។", 2),
    ("Mr. Smith met Gen. Lee on Sept. 27 in Rome. Then he left.", 2),
])
def test_sentences_in_every_script_keep_exact_offsets(text, count):
    got = split_sentences(text)
    assert len(got) == count
    assert all(text[s.start:s.end] == s.text for s in got)


def test_ordinal_full_stop_before_a_month_ends_no_sentence():
    assert len(split_sentences("Am 6. März begann es. Dann endete es.", ("März",))) == 2


def test_the_events_stage_splits_with_the_same_rules():
    from geomap.events.sentences import split_sentences as events_split

    text = "周三，空袭在马尔塔克特造成三人死亡。俄罗斯外长在莫斯科表示愿意调解。"
    assert [s.text for s in events_split(text)] == ["周三，空袭在马尔塔克特造成三人死亡。", "俄罗斯外长在莫斯科表示愿意调解。"]


# -- no exception from any text ------------------------------------------------------
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣۴۵/.-: ,()年月日号周星期一二三十〇 "
                                                  "abcdefghijklmnoprstuvyMOJSDFTWaáéèú'’ofinthe")), max_size=80),
       lang=st.sampled_from([None, "en", "fr", "es", "zh", "ja", "ko", "ar", "fa", "id", "de", "ru", "xx"]),
       published=st.sampled_from([None, "2020-10-02", "1800-01-01", "2026-12-31"]))
def test_no_exception_from_any_text(text, lang, published):
    for m in find_dates(text, published=published, lang=lang or "en"):
        assert text[m.start:m.end] == m.text
        assert m.value is None or len(m.value) in (4, 7, 10)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=60))
def test_no_exception_from_arbitrary_unicode(text):
    for lang in ("en", "zh", "ar"):
        find_dates(text, published="2020-10-02", lang=lang)
    split_sentences(text)


# -- the command -------------------------------------------------------------------
def test_dates_command_json_lines(tmp_path, capsys):
    news = tmp_path / "news.jsonl"
    news.write_text(json.dumps({"id": "a", "text": "周三，空袭造成三人死亡。2020年10月1日，外长表示。",
                                "published": FRIDAY, "lang": "zh"}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "b", "text": "Yesterday the army said it held the town.", "lang": "en"}) + "\n",
                    encoding="utf-8")
    assert main(["--quiet", "dates", str(news), "--json", "--published", "2024-03-06"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc_id"], r["text"], r["value"], r["resolved_by"]) for r in rows] == [
        ("a", "周三", "2020-09-30", "weekday"), ("a", "2020年10月1日", "2020-10-01", "absolute"),
        ("b", "Yesterday", "2024-03-05", "relative-to-published")]


def test_dates_command_bad_input_is_one_line(tmp_path, capsys):
    assert main(["dates", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("geomap: error:") and "Traceback" not in "".join(err)
    assert main(["dates", str(tmp_path), "--published", "2020-13-45"]) == 2


def test_a_future_cue_resolves_weekdays_and_months_forward():
    assert values("The talks ended Monday; they will resume Tuesday.", "en") == [
        ("Monday", "2020-09-28"), ("Tuesday", "2020-10-06")]
    assert values("Le sommet aura lieu en janvier.", "fr") == [("janvier", "2021-01")]
    assert values("Le sommet a eu lieu en janvier.", "fr") == [("janvier", "2020-01")]
    assert values("会谈将于周二举行。", "zh") == [("周二", "2020-10-06")]


def test_clauses_are_cut_at_the_semicolons_of_every_script():
    text = "Talks began on Monday; fighting resumed on Tuesday. 周三会谈；周四交火。"
    sentences = split_sentences(text)
    clauses = [c.text for s in sentences for c in split_clauses(text, s)]
    assert clauses == ["Talks began on Monday;", "fighting resumed on Tuesday.", "周三会谈；", "周四交火。"]


def test_fixed_date_holidays_are_days_in_the_nearest_year():
    assert values("Shops closed on Christmas Eve; they reopen after New Year's Day.", "en", "2020-12-20") == [
        ("Christmas Eve", "2020-12-24"), ("New Year's Day", "2021-01-01")]
    assert values("国庆节期间，游客增加。", "zh") == [("国庆节", "2020-10-01")]


def test_last_and_next_words_around_months_and_dates():
    assert values("El pasado 3 de octubre y en octubre de 2019 hubo protestas.", "es") == [
        ("El pasado 3 de octubre", "2019-10-03"), ("octubre de 2019", "2019-10")]
    assert values("Les élections de juin dernier et de mars prochain.", "fr") == [
        ("juin dernier", "2020-06"), ("mars prochain", "2021-03")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("0123456789/.-, ()年月日周三十abcdefilmnorstuyMOJSWT'")), max_size=60),
       lang=st.sampled_from(["en", "id", "zh", "fr", "de"]))
def test_events_date_wrappers_never_raise(text, lang):
    from geomap.events.dates import find_expressions, sentence_date
    from geomap.events.lexicon import lexicon

    lex = lexicon(lang)
    for base in (None, date(2020, 10, 2)):
        found = sentence_date(text, 0, find_expressions(text, lex), lex, base, on_invalid=lambda expr: None)
        assert found.precision in (1, 2, 3, 4)


def test_dates_command_falls_back_to_the_date_in_the_file_name(tmp_path, capsys):
    article = tmp_path / "wire_2020-10-02_talks.txt"
    article.write_text("The talks ended yesterday.", encoding="utf-8")
    assert main(["--quiet", "dates", str(article), "--json", "--lang", "en"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["value"], row["resolved_by"]) == ("2020-10-01", "relative-to-hint")


def test_this_weekday_is_the_day_of_the_articles_week():
    # Friday 2 October 2020: *este lunes* is the Monday of that week, *este domingo* its Sunday
    assert values("La ley se votó este lunes y se firmará este domingo.", "es") == [
        ("este lunes", "2020-09-28"), ("este domingo", "2020-10-04")]
    assert values("O ministro falou nesta quarta-feira.", "pt") == [("nesta quarta-feira", "2020-09-30")]


def test_a_day_number_after_a_day_cue_is_a_day_of_the_nearest_month():
    assert values("Las elecciones del día 4 y el pasado día 30 de septiembre.", "es") == [
        ("del día 4", "2020-10-04"), ("30 de septiembre", "2020-09-30")]
    assert values("Desde el pasado día 30, y hasta el próximo día 1.", "es") == [
        ("el pasado día 30", "2020-09-30"), ("el próximo día 1", "2020-11-01")]
    assert values("Rapat digelar pada tanggal 5 di gedung nomor 5.", "id") == [("pada tanggal 5", "2020-10-05")]


def test_spanish_written_out_days_months_after_conjunctions_and_parts_of_the_year():
    assert values("Entre el siete de marzo y junio, y a finales del año pasado.", "es") == [
        ("siete de marzo", "2020-03-07"), ("junio", "2020-06"), ("finales del año pasado", "2019")]


def test_chinese_the_identifier_calls_wu_is_read_as_chinese():
    """py3langid answers "wuu" (Wu Chinese) for this Mandarin news sentence; the dates of a
    language geomap knows as "zh" are found without the caller naming the language."""
    from geomap.geoparse.language import detect_language

    text = "周三，空袭在马尔塔克特造成三人死亡。俄罗斯外长在莫斯科表示愿意调解。2020年10月1日"
    assert detect_language(text) == "zh"
    found = {(d.text, d.value) for d in find_dates(text, published="2020-10-01")}
    assert found == {("周三", "2020-09-30"), ("2020年10月1日", "2020-10-01")}
