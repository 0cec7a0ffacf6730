"""One news sentence per language with its own events keyword file
(geomap/events/data/<lang>.json): type, death toll, place and date, read
against an article of Thursday 7 March 2024."""
import pytest

import geomap

pytestmark = pytest.mark.integration

PUBLISHED = "2024-03-07"

CASES = [
    # lang, sentence, event_type, fatalities, place, date
    ("es", "Tres civiles murieron el miércoles en un ataque con drones contra una base militar en Jamundí, "
           "según las autoridades.", "air_strike", 3, "Jamundí", "2024-03-06"),
    ("es", "En el ataque contra la ciudad de Cali murieron al menos 12 personas el martes.",
     "battle", 12, "Cali", "2024-03-05"),
    ("fr", "Trois civils ont été tués mercredi dans une frappe de drone sur la ville de Goma, selon les autorités.",
     "air_strike", 3, "Goma", "2024-03-06"),
    ("ru", "Три мирных жителя погибли в результате удара беспилотника по Белгороду 6 марта, сообщил губернатор "
           "области.", "air_strike", 3, "Belgorod", "2024-03-06"),
    ("ar", "قتل ثلاثة مدنيين يوم الأربعاء في غارة جوية على مدينة حلب، وفقا للمرصد السوري لحقوق الإنسان.",
     "air_strike", 3, "Aleppo", "2024-03-06"),
    ("de", "Bei schweren Unwettern und Hochwasser sind am Mittwoch in Passau drei Menschen ums Leben gekommen, "
           "teilte die Polizei mit.", "disaster", 3, "Passau", "2024-03-06"),
    ("pt", "Pelo menos cinco civis foram mortos na quarta-feira num ataque de insurgentes em Mocímboa da Praia, "
           "segundo as autoridades locais.", "violence_against_civilians", 5, "Mocímboa da Praia", "2024-03-06"),
    ("uk", "Троє мирних жителів загинули внаслідок удару дрона по Харкову 6 березня, повідомив голова обласної "
           "адміністрації.", "air_strike", 3, "Kharkiv", "2024-03-06"),
    # the verb before the noun and the count (Swahili *yameua watu 45*: have killed people 45)
    ("sw", "Mafuriko yameua watu 45 katika mji wa Nakuru Jumatano.", "disaster", 45, "Nakuru", "2024-03-06"),
    ("pt", "As chuvas em Porto Alegre já deixaram 83 mortos na quarta-feira.", "disaster", 83, "Porto Alegre",
     "2024-03-06"),
    # the postposition after the name says where (Turkish *Antakya ilçesinde*), the weekday capitalised
    ("tr", "Depremin ardından Antakya ilçesinde Çarşamba günü 12 kişi öldü.", "disaster", 12, "Antakya",
     "2024-03-06"),
    # unspaced scripts: the count sits between Han letters (造成三人死亡, 3人が死亡)
    ("zh", "周三，空袭在阿勒颇造成三人死亡，当局表示。", "air_strike", 3, "Aleppo", "2024-03-06"),
    ("ja", "6日、輪島市で地震があり、3人が死亡した。", "disaster", 3, "Wajima", "2024-03-06"),
    # vowel signs are inside a word: *बम* (bomb) is no cue at the start of *बमुश्किल* (barely)
    ("hi", "मुंबई में बुधवार को भारी बारिश के कारण पांच लोगों की मौत हो गई।", "disaster", 5, "Mumbai", "2024-03-06"),
    ("ko", "6일 부산에서 폭우로 최소 3명이 숨졌다.", "disaster", 3, "Busan", "2024-03-06"),
    ("cs", "Při výbuchu v Ostravě ve středu zemřeli nejméně tři lidé, uvedla policie.", "shelling", 3, "Ostrava",
     "2024-03-06"),
    ("ro", "Cel puțin cinci persoane au murit miercuri în inundațiile de la Galați, potrivit ISU.", "disaster", 5,
     "Galaţi", "2024-03-06"),
    ("el", "Τουλάχιστον πέντε νεκροί από τις πλημμύρες στη Λάρισα την Τετάρτη, ανακοίνωσε η πυροσβεστική.",
     "disaster", 5, "Lárisa", "2024-03-06"),
    ("ur", "کراچی میں بدھ کے روز دھماکے میں پانچ افراد ہلاک ہو گئے۔", "shelling", 5, "Karachi", "2024-03-06"),
    ("sv", "Minst tre personer omkom i en trafikolycka nära Uppsala i onsdags, meddelade polisen.", "accident", 3,
     "Uppsala", "2024-03-06"),
    ("ha", "Harin bindiga ya kashe mutane biyar a Kano ranar Laraba, in ji rundunar yan sanda.", "battle", 5, "Kano",
     "2024-03-06"),
    ("am", "በአዲስ አበባ ረቡዕ ዕለት በደረሰ የትራፊክ አደጋ አምስት ሰዎች ሞቱ።", "accident", 5, "Addis Ababa", "2024-03-06"),
    # the locative ending inside the mention (ঢাকায়: in Dhaka), digits of the script (৫০)
    ("bn", "ঢাকায় বুধবার সংঘর্ষে অন্তত ৫০ জন নিহত হয়েছে।", "battle", 50, "Dhaka", "2024-03-06"),
    # letters glued before a word (בתאונת: in an accident; המשטרה: the police, the speaker)
    ("he", "חמישה בני אדם נהרגו ביום רביעי בתאונת דרכים ליד חיפה, מסרה המשטרה.", "accident", 5, "Haifa",
     "2024-03-06"),
]


@pytest.mark.parametrize("lang, text, event_type, fatalities, place, day", CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES])
def test_sentence_in_language(default_gazetteer, lang, text, event_type, fatalities, place, day):
    frame = geomap.extract_events(text, published=PUBLISHED, lang=lang, gazetteer=default_gazetteer)
    assert len(frame) == 1
    row = next(frame.itertuples())
    assert (row.event_type, row.fatalities, row.place) == (event_type, fatalities, place)
    assert str(row.date.date()) == day
    assert row.lang == lang


@pytest.mark.parametrize("lang, text", [
    ("fr", "Au moins 1 200 personnes ont été tuées dans le séisme à Agadir mercredi."),
    ("ru", "Не менее 1 200 человек погибли при землетрясении в Иркутске в среду."),
    ("es", "Más de 1.200 personas murieron en el terremoto en Agadir el miércoles."),
    ("en", "At least 1,200 people were killed in the earthquake in Agadir on Wednesday."),
])
def test_death_toll_with_the_language_digit_grouping(default_gazetteer, lang, text):
    frame = geomap.extract_events(text, published=PUBLISHED, lang=lang, gazetteer=default_gazetteer)
    assert list(frame["fatalities"]) == [1200]
    assert list(frame["event_type"]) == ["disaster"]


@pytest.mark.parametrize("lang, text, place", [
    ("ru", "Три мирных жителя погибли в среду при обстреле Белгорода.", "Belgorod"),
    ("uk", "Троє цивільних загинули у середу внаслідок обстрілу Херсона.", "Kherson"),
])
def test_weekday_in_the_form_news_uses(default_gazetteer, lang, text, place):
    """*в среду* / *у середу* (accusative), not the dictionary form CLDR lists."""
    frame = geomap.extract_events(text, published=PUBLISHED, lang=lang, gazetteer=default_gazetteer)
    row = next(frame.itertuples())
    assert (row.place, row.fatalities, str(row.date.date()), row.time_precision) == (place, 3, "2024-03-06", 1)


@pytest.mark.parametrize("lang, text, place, date_text", [
    ("es", "Tres civiles murieron el 6 de marzo de 2024 en un ataque con drones en Cali.", "Cali", "6 de marzo de 2024"),
    ("pt", "Cinco civis foram mortos em 6 de março em Pemba.", "Pemba", "6 de março"),
    ("de", "Drei Menschen starben am 6. März bei einem Erdbeben in Passau.", "Passau", "6. März"),
])
def test_day_and_month_as_each_language_writes_them(default_gazetteer, lang, text, place, date_text):
    frame = geomap.extract_events(text, published=PUBLISHED, lang=lang, gazetteer=default_gazetteer)
    row = next(frame.itertuples())
    assert (row.place, str(row.date.date()), row.time_precision, row.date_text) == (place, "2024-03-06", 1, date_text)


def test_a_sentence_may_end_with_a_number_before_a_month_in_english():
    from geomap.events.extract import split_sentences
    from geomap.events.lexicon import lexicon

    text = "Police said the toll rose to 12. March was the worst month."
    months = lexicon("en").months if lexicon("en").ordinal_day_dot else ()
    assert len(split_sentences(text, months)) == 2


def test_a_cue_is_a_whole_word_in_scripts_with_vowel_signs(default_gazetteer):
    frame = geomap.extract_events("बमुश्किल वह बुधवार को दिल्ली में पहुंचा।", published=PUBLISHED, lang="hi",
                                  gazetteer=default_gazetteer)
    assert len(frame) == 0


def test_a_village_the_gazetteer_lacks_named_before_its_kind_word(default_gazetteer):
    """Hindi puts the kind of place after the name (*बालासोर जिले में*, in Balasore district): the
    district the gazetteer lacks stays named on the event, placed at the state the sentence names."""
    frame = geomap.extract_events("ओडिशा के बालासोर जिले में बुधवार शाम तीन ट्रेनों की टक्कर में 288 लोगों की मौत हो गई।",
                                  published=PUBLISHED, lang="hi", gazetteer=default_gazetteer)
    row = next(frame.itertuples())
    assert (row.event_type, row.fatalities, row.place, row.unresolved_place) == ("accident", 288, "Odisha", "बालासोर")

