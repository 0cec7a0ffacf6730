"""Pure functions of the geoparser: tokens, filters' thresholds, resolution scoring."""
from __future__ import annotations

import pytest

from geomap.gazetteer import Place
from geomap.documents.text import decode_bytes, html_to_text, looks_like_html
from geomap.geoparse.resolve import Context, choose, first_pass
from geomap.geoparse.tokens import mostly_upper, sentence_starts, title_case_tokens, tokenize

pytestmark = pytest.mark.unit


def place(pid, name, kind, cc, lat, lon, pop=0, admin1_code=None):
    return Place(id=pid, name=name, lat=lat, lon=lon, kind=kind, feature_code=None, country_code=cc,
                 admin1_code=admin1_code, admin1=None, population=pop, source="test", matched_name=name)


def test_tokens_keep_offsets_keys_and_joins():
    text = "Nagorno-Karabakh, St. Louis and Selanik'te\nNew York"
    tokens = tokenize(text)
    assert [text[t.start:t.end] for t in tokens] == ["Nagorno", "Karabakh", "St", "Louis", "and", "Selanik'te",
                                                     "New", "York"]
    assert [t.key for t in tokens][:2] == ["nagorno", "karabakh"]
    joined = {t.surface: t.joined for t in tokens}
    assert joined["Karabakh"] and joined["Louis"] and joined["York"]
    assert not joined["St"] and not joined["New"]  # after a comma, after a newline


def test_unspaced_runs_are_one_token():
    tokens = tokenize("昨天在北京举行 Tokyo")
    assert [(t.surface, t.unspaced) for t in tokens] == [("昨天在北京举行", True), ("Tokyo", False)]


def test_case_helpers():
    assert mostly_upper("FLOODS HIT JAKARTA AND BANDUNG AFTER DAYS OF RAIN")
    assert not mostly_upper("Floods hit Jakarta and Bandung after days of rain")
    text = "Perang Armenia Dan Azerbaijan Terus Berlanjut\nRusia menawarkan diri menjadi tuan rumah."
    tokens = tokenize(text)
    headline = title_case_tokens(text, tokens)
    assert headline == set(range(6))
    assert 6 in sentence_starts(text, tokens)


def test_word_frequency_of_clitics_and_unknown_words():
    """A word the list lacks is weighed by the word before its apostrophe (*Canada’s*, *d'Italia*);
    an unknown word without one, most often a name, weighs nothing (answered without the split)."""
    from geomap.geoparse.frequency import zipf

    assert zipf("canada’s", "en") == zipf("canada", "en") > 4.0    # the curly apostrophe: not in the list
    assert zipf("canada's", "en") != zipf("canada", "en")          # the list's own entry wins
    assert zipf("d'italia", "en") == zipf("d", "en") > 0.0
    assert zipf("xqzvbnm", "en") == zipf("xqzvbnm's", "en") == 0.0
    assert zipf("canada", "xx") == 0.0


def test_html_and_encodings():
    assert looks_like_html("<!doctype html><html><body>x</body></html>")
    assert not looks_like_html("a < b and c > d")
    assert html_to_text("<p>A<script>B</script><style>C</style></p><div>D</div>") == "A\nD"
    assert decode_bytes("Köln".encode(), "x") == "Köln"
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x00\x01\x02" * 100, "blob")


def test_document_countries_decide_between_namesakes():
    martakert_az = place("a", "Martakert", "city", "AZ", 40.21, 46.82)
    martakert_xx = place("b", "Martakert", "city", "XX", 10.0, 10.0, pop=5000)
    armenia = place("c", "Armenia", "country", "AM", 40.25, 45.0, pop=3_000_000)
    azerbaijan = place("d", "Azerbaijan", "country", "AZ", 40.5, 47.5, pop=10_000_000)
    candidates = {"armenia": [armenia], "azerbaijan": [azerbaijan], "martakert": [martakert_az, martakert_xx]}
    ctx = first_pass(candidates)
    choice = choose(candidates["martakert"], "martakert", ctx)
    assert choice.place.id == "a" and "AZ" in choice.reason
    alone = choose(candidates["martakert"], "martakert", first_pass({"martakert": candidates["martakert"]}))
    assert alone.place.id == "b"  # without context the bigger namesake wins


def test_a_name_never_vouches_for_itself():
    london_gb = place("gb", "London", "city", "GB", 51.5, -0.13, pop=8_900_000)
    london_ca = place("ca", "London", "city", "CA", 42.98, -81.23, pop=420_000)
    ctx = first_pass({"london": [london_gb, london_ca]})
    assert choose([london_gb, london_ca], "london", ctx).place.id == "gb"
    toronto = place("t", "Toronto", "city", "CA", 43.7, -79.4, pop=2_800_000)
    ctx = first_pass({"london": [london_gb, london_ca], "toronto": [toronto]})
    assert choose([london_gb, london_ca], "london", ctx).place.id == "ca"


def test_a_country_named_in_the_text_beats_its_own_region():
    mexico = place("mx", "Mexico", "country", "MX", 23.0, -102.0, pop=126_000_000)
    state = place("st", "México", "admin1", "MX", 19.3, -99.6, admin1_code="15")
    city = place("cdmx", "Mexico City", "city", "MX", 19.4, -99.1, pop=12_000_000)
    ctx = Context({"MX": frozenset({"mexico", "guadalajara"})}, {}, ())
    assert choose([mexico, state, city], "mexico", ctx).place.id == "mx"
