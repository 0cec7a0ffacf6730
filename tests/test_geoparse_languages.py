"""Languages outside the development set: case endings and prepositions written
on the name, in scripts whose words carry vowel signs (data in lexicon.json)."""
import pytest

from geomap.geoparse import parse

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("text, lang, expected", [
    ("ঢাকায় ভারী বৃষ্টিতে চট্টগ্রাম ও খুলনায় বন্যা দেখা দিয়েছে।", "bn", {"Dhaka", "Chattogram", "Khulna"}),
    ("서울에서 대규모 시위가 열렸고 부산에서도 수천 명이 참가했다.", "ko", {"Seoul", "Busan"}),
    ("በአዲስ አበባ ከፍተኛ ዝናብ ጣለ።", "am", {"Addis Ababa"}),
    ("मुंबई और दिल्ली में भारी बारिश के कारण बाढ़ आ गई।", "hi", {"Mumbai", "Delhi"}),
])
def test_places_with_endings_and_prepositions(default_gazetteer, text, lang, expected):
    mentions = parse(text, lang=lang, gazetteer=default_gazetteer)
    assert {m.name for m in mentions if m.resolved} == expected
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_kind_word_after_a_name_picks_that_kind(default_gazetteer):
    """*the Kharkiv region* is the oblast; plain *Kharkiv* in the same text stays the city."""
    text = "Shelling in the Kharkiv region wounded two people. Later, trains from Kharkiv resumed."
    first, second = [m for m in parse(text, lang="en", gazetteer=default_gazetteer) if m.text == "Kharkiv"]
    assert first.kind == "admin1" and "cue" in first.reason
    assert second.kind == "city" and second.name == "Kharkiv"


def test_chinese_names_run_together_are_one_word_not_two_places(default_gazetteer):
    """马尔塔克特 (Martakert) is not 马尔 (Marl, Germany) then 塔克 (Tucker, US); 中国北京 is China
    and Beijing, which holds it. Sentences written for this test."""
    from geomap.geoparse import parse

    strike = {m.text: m.name for m in parse("周三，空袭在马尔塔克特造成三人死亡。俄罗斯外长在莫斯科表示愿意调解。",
                                            lang="zh", gazetteer=default_gazetteer)}
    assert strike == {"俄罗斯": "Russia", "莫斯科": "Moscow"}
    quake = [(m.text, m.name) for m in parse("中国北京发生地震。", lang="zh", gazetteer=default_gazetteer)]
    assert quake == [("中国", "China"), ("北京", "Beijing")]


def test_japanese_kanji_inside_a_longer_word_is_no_name(default_gazetteer):
    """Kana mark a kanji word's edges: 登地 (a Chinese name of Dundee) inside 能登地方 (the Noto
    region) has kanji on both sides and is no name; 北海道札幌市 is Hokkaido then Sapporo, the
    second name starting where the first ends. Sentences written for this test."""
    from geomap.geoparse import parse

    quake = {m.text: m.country_code for m in parse(
        "石川県能登地方を震源とする地震があり、輪島市で震度7を観測した。金沢市でも強い揺れがあった。",
        lang="ja", gazetteer=default_gazetteer) if m.resolved}
    assert "登地" not in quake and set(quake.values()) == {"JP"} and {"石川県", "金沢市"} <= set(quake)
    north = [m.text for m in parse("北海道札幌市で大雪が降った。", lang="ja", gazetteer=default_gazetteer)]
    assert north == ["北海道", "札幌市"]


def test_persian_writes_two_words_of_a_name_as_one(default_gazetteer):
    """*سرپل ذهاب* (Sarpol-e Zahab), the gazetteer's *سر پل ذهاب*; *سرپل* alone is also a town in
    Afghanistan, so the longer reading must win. Sentence written for this test."""
    from geomap.geoparse import parse

    found = parse("در شهر سرپل ذهاب چند ساختمان آسیب دید.", lang="fa", gazetteer=default_gazetteer)
    assert [(m.text, m.country_code) for m in found] == [("سرپل ذهاب", "IR")]
