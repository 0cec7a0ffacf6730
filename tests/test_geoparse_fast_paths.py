"""The fast paths of geoparsing give the answers of the slow ones they replace: inflection
completions from the gazetteer's key table against a sorted copy of the keys, and the
language identifier rebuilt from the unpacked cache against py3langid's own loading."""
from __future__ import annotations

import random

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
        assert type(ident) is langid.LanguageIdentifier
        assert [ident.rank(text)[:3] for text in TEXTS] == expected
    assert [language.detect_language(text) for text in TEXTS] == [e[0][0] for e in expected]
    assert [x[0][0] for x in expected] == ["en", "id", "fr", "ru", "ar", "de"]
