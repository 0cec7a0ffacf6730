"""Namesakes inside one country: the document's focus region decides (geoparse/namesakes.py).
Sentences written for these tests."""
import pytest

from geomap.geoparse.pipeline import parse_many


@pytest.mark.parametrize("text, county, state", [
    ("The sheriff of Montgomery County said flooding closed roads between Villisca and Stanton on Tuesday. "
     "Crews from Shenandoah and Clarinda, Iowa, helped clear the bridge near Red Oak.", "Montgomery County", "Iowa"),
    ("Voters in McLean County will pick a new judge in May. The candidates met in Owensboro and Calhoun, "
     "Kentucky, on Friday, and will speak again in Livermore.", "McLean County", "Kentucky"),
])
def test_a_county_of_a_local_story_is_the_one_in_its_state(default_gazetteer, text, county, state):
    """The most populous county of the name lies in another state; the story's towns say which state."""
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert result.focus.name == state
    (mention,) = [m for m in result.mentions if m.text == county]
    assert (mention.kind, mention.country_code, mention.admin1) == ("admin2", "US", state)
    (alone,) = parse_many([text.split(". ")[0] + "."], gazetteer=default_gazetteer, lang="en")
    assert alone.mentions[0].admin1 != state  # without the story's towns, the most populous county


def test_a_place_the_text_locates_keeps_its_region(default_gazetteer):
    """*Springfield, Mass.* in a story about Illinois is in Massachusetts, as written."""
    text = ("Flooding closed roads near Springfield, Mass., on Tuesday, the governor said in Peoria. "
            "Crews from Decatur and Champaign, Illinois, were sent to Bloomington.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert result.focus.admin1_code == "IL"
    (springfield,) = [m for m in result.mentions if m.text == "Springfield"]
    assert springfield.admin1 == "Massachusetts"


def test_a_namesake_abroad_is_not_moved(default_gazetteer):
    """Only namesakes inside the focus country move: the focus is a region of that country."""
    text = ("Officials in Baton Rouge and Shreveport said on Monday that Lafayette would get more money "
            "for roads. The mayor then flew to Paris for a conference.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert result.focus.admin1_code == "LA"
    (paris,) = [m for m in result.mentions if m.text == "Paris"]
    assert paris.country_code == "FR"


def test_a_name_vouches_for_the_country_it_was_resolved_to(default_gazetteer):
    """The most prominent Ballina is in Australia, but in a story about Tipperary it is resolved
    to Ireland's; it then vouches for Ireland, not Australia, and Newport beside it is Irish too
    (geoparse/vouch.py)."""
    text = ("Flooding closed the road between Ballina and Newport on Tuesday, Tipperary County Council said. "
            "Nenagh was spared.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    places = {m.text: m for m in result.mentions}
    assert places["Ballina"].country_code == "IE"
    assert places["Newport"].country_code == "IE" and places["Newport"].admin1 == "Munster"


def test_a_city_written_under_its_own_name_is_not_moved_to_a_village_of_the_focus(default_gazetteer):
    """New York state has a village called Boston; a New York story's *Boston* is still the city."""
    text = ("The mayor toured Brooklyn, Queens and Yonkers on Monday before flying to Boston for a conference "
            "on housing. He returns to Albany on Friday.")
    (result,) = parse_many([text], gazetteer=default_gazetteer, lang="en")
    assert result.focus.admin1_code == "NY"
    (boston,) = [m for m in result.mentions if m.text == "Boston"]
    assert boston.admin1 == "Massachusetts"
