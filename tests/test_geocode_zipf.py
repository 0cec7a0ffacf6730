"""The fuzzy rule's word table (geomap/geocode/zipf.py) and the batched lookups, against the real
gazetteer and wordfreq itself: the table must give wordfreq's Zipf values wherever the rule can
tell them apart, and a batch must give what one call per name gives."""
import random

import pytest

from geomap.gazetteer import name_key
from geomap.geocode import geocode, geocode_many, rank, rank_many
from geomap.geocode.core import misspelling_of
from geomap.geocode.zipf import WordTable, floor, process_table, rules, word_zipf

pytestmark = pytest.mark.integration

#: Single words, several words, other scripts, digits, misspellings.
KEYS = ["commerce", "hospital", "darfur", "donbas", "new york", "the hague", "la paz", "москва", "київ",
        "стол", "القاهرة", "istanbul", "route 66", "10th street", "2020", "stepanakret", "moskwaa", "salt lake city",
        "rio de janeiro", "sao paulo", "ab", "x"]


def _sample_keys(gazetteer, count: int) -> list[str]:
    keys = [k for (k,) in gazetteer._conn.execute("SELECT key FROM keys LIMIT 200000")]
    return random.Random(4).sample(keys, count)


def test_word_zipf_is_wordfreqs_wherever_the_rule_can_tell(default_gazetteer):
    """At or above the floor, wordfreq's own value; below it, below it (the rule compares with
    thresholds at or above the floor only)."""
    from wordfreq import zipf_frequency

    at = floor()
    keys = KEYS + _sample_keys(default_gazetteer, 300)
    above = 0
    for key in keys:
        expected = max(zipf_frequency(key, lang) for lang in rules()["languages"])
        got = word_zipf(key)
        if expected >= at or got >= at:
            assert got == expected, key
            above += 1
    assert above >= 20  # the check compared real values, not only zeros


def test_plain_keys_are_split_as_wordfreq_splits_them(default_gazetteer):
    """The table's shortcut (split at spaces) is wordfreq's tokenizer for plain keys."""
    from wordfreq.tokens import lossy_tokenize

    from geomap.geocode.zipf import _PLAIN

    assert process_table().plain
    plain = [k for k in KEYS + _sample_keys(default_gazetteer, 2000) if _PLAIN.fullmatch(k)]
    assert len(plain) > 500
    for lang in rules()["languages"]:
        assert [lossy_tokenize(k, lang) for k in plain] == [k.split() for k in plain], lang


def test_the_rule_still_refuses_a_frequent_word_and_keeps_a_rare_name(default_gazetteer):
    """*Comerce* is the word *commerce* misspelt, not Commerce, Texas (4.9 Zipf); *Stepanakret*
    is Stepanakert. With a wrong or empty table both would flip."""
    assert word_zipf("commerce") >= rules()["frequent_word_zipf"]
    small = [p for p in default_gazetteer.candidates("commerce") if p.population < rules()["prominent_population"]]
    assert small and not any(misspelling_of("comerce", "commerce", p) for p in small)
    assert rank(default_gazetteer, "Comerce") == []
    assert rank(default_gazetteer, "Hospitl") == []
    best = geocode("Stepanakret", gazetteer=default_gazetteer)[0]
    assert best.match == "fuzzy" and best.country_code == "AZ"


def test_a_corrupt_or_foreign_table_is_rebuilt_not_read():
    """On a small language (Indonesian): the built table gives wordfreq's values; a file of junk
    or another cache's file under the table's name is replaced, not trusted."""
    from wordfreq import zipf_frequency

    words = ["rumah", "rumah sakit", "jakarta", "kota baru", "yang", "2020", "abc123", "zzqx"]
    expected = {w: zipf_frequency(w, "id") for w in words}
    table = WordTable.open(("id",), floor())
    path = table.path
    assert {w: table.zipf(w) for w in words if expected[w] >= floor()} == \
        {w: v for w, v in expected.items() if v >= floor()}
    assert expected["rumah"] > 4 and expected["rumah sakit"] >= floor()
    table.conn.close()

    with open(path, "wb") as f:
        f.write(b"SQLite format 3\x00" + b"\x07" * 5000)
    rebuilt = WordTable.open(("id",), floor())
    assert rebuilt.path == path and rebuilt.zipf("rumah") == expected["rumah"]
    rebuilt.conn.close()

    import sqlite3

    conn = sqlite3.connect(path)  # a valid database that is not this cache
    conn.execute("DELETE FROM cache_ident")
    conn.execute("INSERT INTO cache_ident VALUES ('something else')")
    conn.commit()
    conn.close()
    again = WordTable.open(("id",), floor())
    assert again.zipf("yang") == expected["yang"]
    again.conn.close()


def test_batched_lookups_answer_as_one_call_per_name(default_gazetteer):
    """Same candidates, same order, same confidence and matched name; names repeated, misspelt,
    filtered by country; across batch boundaries."""
    from geomap.gazetteer import Gazetteer

    rows = default_gazetteer._conn.execute("SELECT name FROM names LIMIT 400000").fetchall()
    names = [r[0] for r in random.Random(9).sample(rows, 600)]
    names += ["Paris", "Lisboa", "Victoria", "Georgia", "Moskwaa", "Stepanakret", "Xqzvbn", "paris", "PARIS"]
    names += names[:50]
    with Gazetteer.open(default_gazetteer.path) as fresh:
        one = [rank(fresh, n) for n in names]
    with Gazetteer.open(default_gazetteer.path) as fresh:
        assert rank_many(fresh, names) == one
        assert [[p.to_dict() for p in r] for r in rank_many(fresh, names)] == [[p.to_dict() for p in r] for r in one]
    with Gazetteer.open(default_gazetteer.path) as fresh:
        us = frozenset({"US"})
        assert rank_many(fresh, names[:300], countries=us) == [rank(default_gazetteer, n, countries=us) for n in names[:300]]
    assert geocode_many(["Paris", "Moskwa"], country="US", gazetteer=default_gazetteer) == \
        [geocode("Paris", country="US", gazetteer=default_gazetteer), geocode("Moskwa", country="US", gazetteer=default_gazetteer)]


def test_batched_lookups_leave_the_garbage_collector_as_they_found_it(default_gazetteer):
    import gc

    assert gc.isenabled()
    rank_many(default_gazetteer, ["Paris", "Lisboa"])
    assert gc.isenabled()
    gc.disable()
    try:
        rank_many(default_gazetteer, ["Paris", "Kharkiv"])
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):  # an error while paused still turns it back on
        rank_many(default_gazetteer, ["Paris", "Kharkiv"], countries=5)
    assert gc.isenabled()


def test_similar_keys_same_first_is_the_filter_it_replaces(default_gazetteer):
    for name in ["Stepanakret", "Marsielle", "Washingon", "Moskwaa", "Kharkov", "Jerusalam"]:
        key = name_key(name)
        wide = default_gazetteer.similar_keys(key, block=3, slack=2)
        assert default_gazetteer.similar_keys(key, block=3, slack=2, same_first=True) == \
            [k for k in wide if k[0] == key[0] and k != key]
