"""The fast paths of geoparsing give the answers of the slow ones they replace: inflection
completions from the gazetteer's key table against a sorted copy of the keys, the
language identifier rebuilt from the unpacked cache against py3langid's own loading, and
its vectorised feature counting against py3langid's byte-by-byte walk, the ASCII word pattern
against the general one, and the abbreviation prefilter against the lexicon's abbreviations."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from geomap.geoparse import language
from geomap.geoparse.index import NameIndex, name_index

pytestmark = pytest.mark.integration

TEXTS = [
    "The floods in the north of the country forced thousands from their homes on Tuesday.",
    "Banjir melanda beberapa kecamatan di Jakarta Timur sejak Selasa pagi, kata petugas.",
    "Les inondations ont frappé plusieurs villages du sud de la France mardi soir.",
    "Наводнение затронуло несколько районов Краснодарского края во вторник.",
    "غمرت السيول عدة أحياء في مدينة جدة يوم الثلاثاء بحسب الدفاع المدني",
    "Die Überschwemmungen trafen am Dienstag mehrere Dörfer in Bayern.",
]


def test_completions_from_the_key_table_match_a_sorted_copy(default_gazetteer):
    index = name_index(default_gazetteer)
    assert index.complete is not None
    plain = NameIndex(index.keys, index.prefixes, index.version)  # no gazetteer: sorts its own copy
    rng = random.Random(14)
    stems = [key[:n] for key in rng.sample(sorted(index.keys), 400) for n in (3, 4, 6) if len(key) > n]
    stems += ["mosk", "warsz", "ameri", "jakart", "x", "zzzz"]
    answers = [index.completions(stem, 2) for stem in stems]
    assert answers == [plain.completions(stem, 2) for stem in stems]
    assert sum(map(len, answers)) > 100  # the sample reaches real completions, not only empty lists


def test_identifier_from_the_cache_answers_like_py3langid(monkeypatch):
    from py3langid import langid

    own = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
    expected = [own.rank(text)[:3] for text in TEXTS]
    monkeypatch.setattr(language, "_IDENTIFIER", None)
    first = language.identifier()  # unpacks the model into this test's cache directory
    monkeypatch.setattr(language, "_IDENTIFIER", None)
    again = language.identifier()  # built from the files the first call wrote
    assert first is not again
    assert again.nb_ptc.dtype == "float32"  # built from the unpacked cache, not py3langid's own loading
    from geomap.gazetteer.paths import geomap_home

    assert sorted(p.suffix for p in (geomap_home() / "cache").glob("py3langid-*")) == [".npy", ".npz"]
    for ident in (first, again):
        assert isinstance(ident, langid.LanguageIdentifier)
        assert [ident.rank(text)[:3] for text in TEXTS] == expected
    assert [language.detect_language(text) for text in TEXTS] == [e[0][0] for e in expected]
    assert [x[0][0] for x in expected] == ["en", "id", "fr", "ru", "ar", "de"]


def _sync_depth(nm, rows, limit: int = 12, block: int = 2048) -> int | None:
    """Steps after which the automaton started from any state agrees with it started from
    the start state, whatever the bytes: pairs (state from anywhere, state from the start)
    are followed over all 256 bytes until none differ."""
    import numpy as np

    byte = np.arange(256, dtype=np.int64)
    n = len(rows)
    pairs = np.stack([np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int64)], 1)
    for step in range(1, limit + 1):
        found = []
        for k in range(0, len(pairs), block):
            p = pairs[k:k + block]
            a = nm[(rows[p[:, 0]][:, None] + byte).ravel()].astype(np.int64)
            b = nm[(rows[p[:, 1]][:, None] + byte).ravel()].astype(np.int64)
            differ = a != b
            found.append(np.unique(a[differ] * n + b[differ]))
        codes = np.unique(np.concatenate(found))
        if not len(codes):
            return step
        pairs = np.stack([codes // n, codes % n], 1)
    return None


def test_vectorised_counting_is_exact_for_this_py3langid():
    """SYNC_DEPTH is a property of the installed model, proved here (not on a user's first run)."""
    from importlib.metadata import version

    import numpy as np
    from py3langid import langid

    ident = language.identifier()
    depth = language.SYNC_DEPTH.get(version("py3langid"))
    assert depth is not None, "a new py3langid: work out its SYNC_DEPTH with _sync_depth and add it"
    assert _sync_depth(np.asarray(ident.tk_nextmove), np.asarray(ident._rowbase, dtype=np.int64)) == depth
    rng = random.Random(14)
    samples = [t.encode() for t in TEXTS] + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 900)))
                                              for _ in range(200)]
    for data in samples:
        counts = langid.visit_counts(ident.tk_nextmove, ident._rowbase, ident.tk_output, data)
        fast = language.feature_sequence(ident._nm, ident._rows, ident._out, data, depth).tolist()
        assert list((counts or Counter()).items()) == list(Counter(fast).items())  # same counts, same order
        assert np.array_equal(ident._raw_score(data), langid.LanguageIdentifier._raw_score(ident, data))


ASCII_LETTER_TEXTS = [
    "Canada's rock'n'roll isn''t O’Brien’s: 'quoted' words, don`t stop; 3.5 km, A-1, x'y'z' and 'a.",
    "“Smart quotes” — dashes – and ellipses… around Port-au-Prince, St. Louis and U.S.-based firms.",
    "Trailing apostrophe' and ’leading ones, double '' marks, 12'34 and 'n'",
]


def test_ascii_word_pattern_splits_like_the_unicode_one():
    """The possessive ASCII pattern (``tokens._ascii_splitter``) cuts text whose letters are ASCII
    exactly where the general pattern does."""
    from geomap.geoparse.tokens import _ascii_splitter, _plain_letters, _splitter

    for text in ASCII_LETTER_TEXTS + TEXTS[:1]:
        assert _plain_letters(text)
        general = _splitter().split(text)
        assert _ascii_splitter().split(text) == [p for k, p in enumerate(general) if k % 3 != 1]


def test_abbreviation_prefilter_lets_every_abbreviation_through():
    """``abbreviations._opens_abbreviation`` only skips words no abbreviation of the lexicon can start at."""
    from geomap.geoparse.lexicon import lexicon
    from geomap.geoparse.abbreviations import _abbreviations_by_first_char, _opens_abbreviation
    from geomap.geoparse.tokens import tokenize

    table = _abbreviations_by_first_char(lexicon())
    for written in lexicon().abbreviations:
        first = tokenize(written + " ")[0]
        assert first.start == 0 and _opens_abbreviation(first.surface, table), written
    assert "U" in table and not _opens_abbreviation("Ukraine", table)  # (*U.S.*, *UAE* start with U)
