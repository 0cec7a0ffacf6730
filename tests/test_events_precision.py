"""Rules that keep events real and in the right place on news whose wording differs from the
keyword lists: aftermath words, names that hold a cue word, nested places, elections. Sentences
written for the test (never taken from the development or seed corpora), through the real
default gazetteer."""
from __future__ import annotations

import pytest

from geomap.events import extract_events

pytestmark = pytest.mark.integration
PUBLISHED = "2021-03-10"


@pytest.fixture(scope="module")
def events(default_gazetteer):
    def run(text: str, lang: str = "en"):
        frame = extract_events(text, gazetteer=default_gazetteer, published=PUBLISHED, lang=lang)
        return sorted(zip(frame["place"], frame["event_type"]))
    return run


# -- an evacuation or damage is the aftermath of the incident the document reports ----------
@pytest.mark.parametrize("text, lang, expected", [
    ("Heavy floods hit southern Bavaria on Monday. In Straubing, hundreds of residents were evacuated.", "en",
     ("Straubing", "disaster")),
    ("A missile strike hit Kharkiv overnight. In Poltava, a school was damaged.", "en", ("Poltava", "shelling")),
    ("Powódź nawiedziła południe kraju. W Krakowie ewakuowano mieszkańców.", "pl", ("Kraków", "disaster")),
    ("Das Hochwasser erreichte am Montag die Donau. In Straubing wurden Keller geräumt.", "de",
     ("Straubing", "disaster")),
    ("Ракетний удар вразив Харків уночі. У Полтаві пошкоджено школу.", "uk", ("Poltava", "shelling")),
])
def test_aftermath_takes_the_type_of_the_documents_incident(events, text, lang, expected):
    assert expected in events(text, lang)


def test_aftermath_without_an_incident_is_no_violence_or_disaster(events):
    assert events("Visitors were evacuated from a museum in Leeds on Monday.") == [("Leeds", "other")]
