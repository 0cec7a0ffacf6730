"""Property-based tests (hypothesis): random Unicode through the public API
finds no exception other than the documented :class:`geomap.GeomapError`
subclasses for bad input. Profiles in conftest.py: ``ci`` (CI=true: few
examples, no deadline) and ``dev`` (more examples)."""
import importlib
import warnings

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from geomap.errors import GeomapError

pytestmark = pytest.mark.integration

#: Every code point, lone surrogates and controls included.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
#: Words that reach the deeper paths (a place, a date, an event verb, numbers, markup).
WORDS = ["Paris", "Kabul", "killed", "people", "in", "on", "3 March 2021", "yesterday", "12", "1 200", "الموصل",
         "Москва", "<script>alert(1)</script>", "&amp;", "\n\n", "St.", "Mr.", "—", "(", ")", ",", "."]
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(ANY_CHAR, max_size=8)), max_size=40).map(" ".join),
)
LANGS = st.one_of(st.none(), st.sampled_from(["en", "fr", "ar", "ru", "zh", "xx", "", "EN"]), st.text(max_size=5))


#: Where each public function of ``import geomap`` lives.
PUBLIC = {"geocode": "geomap.geocode", "parse": "geomap.geoparse", "extract_events": "geomap.events",
          "make_map": "geomap.maps"}


def api(name):
    """The README's public function, from the module ``geomap`` exports it from."""
    return getattr(importlib.import_module(PUBLIC[name]), name)


def documented(call):
    """Run ``call``; a GeomapError is a documented answer to bad input, anything else a bug."""
    try:
        return call()
    except GeomapError as exc:
        assert str(exc).strip(), "a GeomapError needs a message"
        return None


@given(name=TEXT, country=st.one_of(st.none(), st.text(ANY_CHAR, max_size=4), st.lists(st.text(max_size=3), max_size=3)),
       limit=st.integers(-2, 5))
def test_geocode_random_unicode(default_gazetteer, name, country, limit):
    places = documented(lambda: api("geocode")(name, country=country, limit=limit, gazetteer=default_gazetteer))
    if places is not None:
        assert len(places) <= limit
        for p in places:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180


@given(text=TEXT, lang=LANGS)
def test_parse_random_unicode(default_gazetteer, text, lang):
    mentions = documented(lambda: api("parse")(text, lang=lang, gazetteer=default_gazetteer))
    for m in mentions or []:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text


@given(text=TEXT, lang=LANGS, published=st.one_of(st.none(), st.text(ANY_CHAR, max_size=30),
                                                   st.sampled_from(["2021-03-04", "4 March 2021", "0000-00-00"])))
def test_extract_events_random_unicode(default_gazetteer, text, lang, published):
    frame = documented(lambda: api("extract_events")(text, lang=lang, published=published, gazetteer=default_gazetteer))
    if frame is not None:
        assert frame.crs.to_epsg() == 4326
        assert frame["lat"].between(-90, 90).all() and frame["lon"].between(-180, 180).all()


NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-1000, 1000),
                   st.text(ANY_CHAR, max_size=6), st.none())
ROW = st.fixed_dictionaries({
    "lat": NUMBER, "lon": NUMBER,
    "date": st.one_of(st.text(ANY_CHAR, max_size=20), st.dates().map(str), st.none()),
    "place": st.one_of(TEXT, st.none()), "quote": TEXT, "event_type": st.one_of(TEXT, st.sampled_from(["battle", "protest"])),
    "url": st.one_of(st.sampled_from(["javascript:alert(1)", "https://example.org/a?b=<c>"]), TEXT),
    "title": TEXT, "fatalities": NUMBER,
})


@given(rows=st.lists(ROW, max_size=8), title=st.one_of(st.none(), TEXT), window=st.sampled_from([None, "7D", "1M"]))
@example(rows=[{"lat": 1.0, "lon": 2.0, "date": "\ud800", "place": "", "quote": "", "event_type": "battle", "url": "",
                "title": "", "fatalities": None}], title=None, window="1M")  # a lone surrogate as the date
def test_make_map_random_unicode(rows, title, window):
    import pandas

    from geomap.maps import MapWarning, render_html

    frame = pandas.DataFrame(rows, columns=["lat", "lon", "date", "place", "quote", "event_type", "url", "title",
                                            "fatalities"], dtype=object)  # any Python str, lone surrogates too
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MapWarning)  # rows left off the map: documented, counted
        folium_map = documented(lambda: api("make_map")(frame, title=title, window=window, tiles="none"))
    if folium_map is not None:
        page = render_html(folium_map)
        assert "<script>alert(1)</script>" not in page
        assert "javascript:alert(1)" not in page

