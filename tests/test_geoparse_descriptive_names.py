"""A name made of describing words (*West Coast*, *the Gulf*, *Middle*) is a region of a country
only in a text about that country. Sentences written for these tests, against the real default
gazetteer (no mocks)."""
from __future__ import annotations

import pytest

from geomap.geoparse import parse

pytestmark = pytest.mark.integration


def mention(text, surface, gazetteer):
    return next(m for m in parse(text, gazetteer=gazetteer) if m.text == surface)


@pytest.mark.parametrize("text, surface", [
    ("The prince spent the week on the West Coast after visiting New York and Boston.", "West Coast"),
    ("Saudi Arabia and Qatar are rivals in the Gulf, officials in Riyadh said.", "Gulf"),
    ("Prices rose in the Middle of the year, said officials in Leeds.", "Middle"),
])
def test_a_descriptive_name_is_no_region_of_a_country_the_text_is_not_about(text, surface, default_gazetteer):
    m = mention(text, surface, default_gazetteer)
    assert not m.resolved and m.lat is None
    assert "describes" in m.reason


def test_a_descriptive_name_is_the_region_of_the_country_the_text_names(default_gazetteer):
    m = mention("Floods hit the West Coast of New Zealand; Greymouth was cut off.", "West Coast", default_gazetteer)
    assert (m.name, m.kind, m.country_code) == ("West Coast", "admin1", "NZ")
