"""The online fallback through real geopy and real HTTP, against the
Nominatim-compatible stub in tests/nominatim_stub.py (never the internet)."""
import pytest
from geopy.location import Location

from geomap.errors import InputError
from geomap.geocode.online import (
    OnlineCache, OnlineError, OnlineResolver, cache_path_for, needs_online, place_from_location, settings_from,
)
from geomap.geocode.online.answers import OnlineAnswerError, kind_from_raw
from geomap.geocode.online.provider import constructor_options, geocoder_class, retry_wait, user_agent
from nominatim_stub import PLACES, NominatimStub


@pytest.fixture
def stub():
    with NominatimStub(slow_seconds=1.5) as running:
        yield running


def resolver(stub, tmp_path, **kw):
    options = {"domain": stub.domain, "scheme": "http", "timeout": "1", **kw.pop("options", {})}
    settings = {"min_delay_seconds": 0.0, "backoff_seconds": 0.05, "max_retries": 3, **kw}
    return OnlineResolver("nominatim", options=options, cache_path=tmp_path / "online_cache.sqlite", **settings)


# -- pure parts ---------------------------------------------------------------
@pytest.mark.unit
@pytest.mark.parametrize("raw, kind", [
    ({"addresstype": "village", "place_rank": 19}, "city"),
    ({"addresstype": "country"}, "country"),
    ({"addresstype": "state"}, "admin1"),
    ({"addresstype": "region"}, "region"),
    ({"addresstype": "county"}, "admin2"),
    ({"place_rank": 8}, "admin1"),
    ({"place_rank": 30}, "other"),
    ({}, "other"),
])
def test_kind_from_nominatim_fields(raw, kind):
    assert kind_from_raw(raw) == kind


@pytest.mark.unit
def test_place_from_a_geopy_location_is_marked_as_online():
    raw = PLACES["tonashen"][0]
    place = place_from_location(Location(raw["display_name"], (40.0893, 46.681), raw), provider="nominatim",
                                query="desa Tonashen")
    assert (place.name, place.country_code, place.kind) == ("Tonashen", "AZ", "city")
    assert place.source == "nominatim" and place.match == "online" and place.id == "nominatim:node/9000001"
    assert place.confidence < 1.0 and place.matched_name == "desa Tonashen"


@pytest.mark.unit
@pytest.mark.parametrize("lat, lon", [("91.5", "46.7"), ("40.0", "406.7"), ("nan", "1"), (None, None), ("0", "0")])
def test_impossible_coordinates_are_refused(lat, lon):
    raw = {"place_id": 1, "lat": lat, "lon": lon, "display_name": "x"}
    with pytest.raises(OnlineAnswerError, match="coordinates"):
        place_from_location(Location("x", (10.0, 10.0), raw), provider="nominatim", query="x")


@pytest.mark.unit
def test_backoff_doubles_respects_retry_after_and_is_capped():
    class Limited(Exception):
        retry_after = 7

    assert [retry_wait(ValueError(), n, 2.0) for n in range(3)] == [2.0, 4.0, 8.0]
    assert retry_wait(Limited(), 0, 2.0) == 7
    assert retry_wait(ValueError(), 10, 2.0) == 60.0


@pytest.mark.unit
def test_provider_options_are_checked_and_typed():
    nominatim = geocoder_class("Nominatim")
    options = constructor_options(nominatim, "nominatim", {"domain": "127.0.0.1:8088", "timeout": "2.5"})
    assert options["timeout"] == 2.5 and options["user_agent"].startswith("geomap/")
    with pytest.raises(OnlineError, match="has no option colour"):
        constructor_options(nominatim, "nominatim", {"colour": "red"})
    with pytest.raises(OnlineError, match="needs api_key"):
        constructor_options(geocoder_class("bing"), "bing", {})
    with pytest.raises(OnlineError, match="unknown online provider 'nosuch'"):
        geocoder_class("nosuch")
    assert user_agent("me@example.org") == f"{user_agent(None)} (me@example.org)"


@pytest.mark.unit
def test_needs_online_only_without_an_exact_match():
    from geomap.gazetteer import Place

    common = dict(lat=0.5, lon=0.5, kind="city", feature_code=None, country_code=None, admin1_code=None,
                  admin1=None, population=0, source="geonames")
    exact = Place(id="gn:1", name="A", match="exact", **common)
    fuzzy = Place(id="gn:2", name="B", match="fuzzy", **common)
    assert needs_online([]) and needs_online([fuzzy]) and not needs_online([exact, fuzzy])


# -- settings: off unless asked -------------------------------------------------
@pytest.mark.unit
def test_off_by_default_and_each_way_to_switch_it_on(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert settings_from(env={}, home=home) is None
    assert settings_from(cli_provider="", env={}, home=home).provider == "nominatim"
    assert settings_from(cli_provider="photon", env={"GEOMAP_ONLINE": "nominatim"}, home=home).provider == "photon"
    assert settings_from(env={"GEOMAP_ONLINE": "1"}, home=home).provider == "nominatim"
    assert settings_from(env={"GEOMAP_ONLINE": "0"}, home=home) is None
    assert settings_from(cli_provider="", no_online=True, env={}, home=home) is None
    (home / "geomap.toml").write_text('[online]\nprovider = "photon"\nmin_delay_seconds = 2\n'
                                      '[online.options]\ndomain = "example.org"\n')
    assert settings_from(env={}, home=home) is None  # a config without enabled = true only sets defaults
    settings = settings_from(cli_provider="", cli_options=["domain=127.0.0.1:1", "max_retries=0"], env={}, home=home)
    assert (settings.provider, settings.options, settings.min_delay_seconds, settings.max_retries) == (
        "photon", {"domain": "127.0.0.1:1"}, 2.0, 0)
    (home / "geomap.toml").write_text("[online]\nenabled = true\n")
    assert settings_from(env={}, home=home).provider == "nominatim"
    assert settings_from(env={"GEOMAP_ONLINE": "off"}, home=home) is None


@pytest.mark.unit
@pytest.mark.parametrize("toml, options, message", [
    ("[online\n", [], "not valid TOML"),
    ("[online]\nspeed = 3\n", [], "unknown \\[online\\] key"),
    ("", ["domain"], "KEY=VALUE"),
    ("", ["confidence=high"], "not a number"),
])
def test_bad_settings_are_one_clear_error(tmp_path, toml, options, message):
    (tmp_path / "geomap.toml").write_text(toml)
    with pytest.raises(InputError, match=message):
        settings_from(cli_provider="", cli_options=options, env={}, home=tmp_path)


# -- through HTTP ---------------------------------------------------------------
@pytest.mark.integration
def test_hits_and_misses_are_cached_and_never_asked_twice(stub, tmp_path):
    with resolver(stub, tmp_path) as online:
        tonashen = online.resolve("Tonashen")
        assert online.resolve("Nowhere-qq") is None
        assert online.resolve("tonashen") == tonashen  # same name key: answered from memory
    assert tonashen.lat == pytest.approx(40.0893) and tonashen.source == "nominatim"
    assert stub.asked("Tonashen") == 1 and stub.asked("Nowhere-qq") == 1
    assert "geomap/" in stub.requests[0]["user_agent"]
    with resolver(stub, tmp_path) as again:  # a new run, same cache file
        assert again.resolve("TONASHEN") == tonashen and again.resolve("Nowhere-qq") is None
        assert again.asked == 0 and again.cached == 2
    with OnlineCache(tmp_path / "online_cache.sqlite") as cache:
        assert sorted((a.query, a.found) for a in cache.answers()) == [("Nowhere-qq", False), ("Tonashen", True)]
        assert all(a.asked_at and a.provider == "nominatim" for a in cache.answers())


@pytest.mark.integration
def test_country_context_biases_the_query(stub, tmp_path):
    with resolver(stub, tmp_path) as online:
        armenia = online.resolve("Martuni", countries=["AM"])
        azerbaijan = online.resolve("Martuni", countries=frozenset({"AZ"}))
    assert armenia.country_code == "AM" and azerbaijan.country_code == "AZ"
    assert [r["params"].get("countrycodes") for r in stub.requests] == ["am", "az"]


@pytest.mark.integration
def test_requests_are_rate_limited(stub, tmp_path):
    with resolver(stub, tmp_path, min_delay_seconds=0.4) as online:
        online.resolve_many(["Tonashen", "Martuni", "Nowhere-qq"])
    times = [r["time"] for r in stub.requests]
    assert len(times) == 3 and min(b - a for a, b in zip(times, times[1:])) >= 0.39


@pytest.mark.integration
@pytest.mark.parametrize("failures", [("429",), ("500", "503"), ("slow",), ("429", "slow", "500")])
def test_transient_failures_are_retried(stub, tmp_path, failures):
    stub.script("Tonashen", *failures)
    with resolver(stub, tmp_path) as online:
        assert online.resolve("Tonashen").name == "Tonashen"
        assert online.problems == {}
    assert stub.asked("Tonashen") == len(failures) + 1


@pytest.mark.integration
def test_backoff_waits_longer_each_time(stub, tmp_path):
    stub.script("Tonashen", "500", "500", "500")
    with resolver(stub, tmp_path, backoff_seconds=0.2) as online:
        assert online.resolve("Tonashen") is not None
    times = [r["time"] for r in stub.requests]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps[0] >= 0.19 and gaps[1] >= 0.39 and gaps[2] >= 0.79


@pytest.mark.integration
def test_persistent_timeouts_stop_asking_with_one_message(stub, tmp_path):
    stub.script("Tonashen", *["slow"] * 3)
    with resolver(stub, tmp_path, max_retries=2) as online:
        assert online.resolve("Tonashen") is None
        assert online.resolve("Martuni") is None  # the provider is off for the rest of the run
    assert stub.asked("Tonashen") == 3 and stub.asked("Martuni") == 0
    assert online.report() == [f"online: nominatim (http://{stub.domain}) did not answer in time after 3 tries"]
    with OnlineCache(tmp_path / "online_cache.sqlite") as cache:
        assert list(cache.answers()) == []  # a failure is not an answer: the next run asks again


@pytest.mark.integration
def test_persistent_429_gives_up(stub, tmp_path):
    stub.script("Tonashen", *["429"] * 4)
    with resolver(stub, tmp_path) as online:
        assert online.resolve("Tonashen") is None
    assert "rate-limiting" in online.report()[0] and stub.asked("Tonashen") == 4


@pytest.mark.integration
@pytest.mark.parametrize("behaviour, message", [("garbage", "not valid JSON"),
                                                ("badshape", "without usable coordinates")])
def test_malformed_answers_give_one_message(stub, tmp_path, behaviour, message):
    stub.script("Tonashen", behaviour)
    with resolver(stub, tmp_path) as online:
        assert online.resolve("Tonashen") is None
    assert len(online.report()) == 1 and message in online.report()[0]
    assert stub.asked("Tonashen") == 1  # garbage is not retried


@pytest.mark.integration
def test_out_of_range_coordinates_are_dropped_others_kept(stub, tmp_path):
    with resolver(stub, tmp_path) as online:
        assert online.resolve("Far away") is None and online.resolve("Wrapped") is None
        assert online.resolve("Tonashen") is not None
    assert online.report() == ["online: nominatim answered 'Far away' with coordinates out of range",
                               "online: nominatim answered 'Wrapped' with coordinates out of range (40.0, 406.7)"]


@pytest.mark.integration
@pytest.mark.parametrize("provider, options, message", [
    ("nosuch", {}, "unknown online provider 'nosuch'"),
    ("bing", {}, "needs api_key"),
    ("nominatim", {"colour": "red"}, "has no option colour"),
])
def test_bad_provider_set_up_sends_nothing(stub, tmp_path, provider, options, message):
    online = OnlineResolver(provider, options=options, cache_path=tmp_path / "c.sqlite")
    assert online.resolve("Tonashen") is None
    assert message in online.report()[0] and stub.requests == []
    assert not (tmp_path / "c.sqlite").exists()


@pytest.mark.integration
def test_unreachable_provider(tmp_path):
    online = OnlineResolver("nominatim", options={"domain": "127.0.0.1:9", "scheme": "http"},
                            min_delay_seconds=0, max_retries=1, backoff_seconds=0.01)
    assert online.resolve("Tonashen") is None
    assert online.report() == ["online: cannot reach nominatim (http://127.0.0.1:9) after 2 tries: Connection refused"]


@pytest.mark.integration
def test_cache_is_beside_the_gazetteer_and_refuses_other_files(tmp_path):
    assert cache_path_for(tmp_path / "g" / "gazetteer.sqlite") == tmp_path / "g" / "online_cache.sqlite"
    other = tmp_path / "online_cache.sqlite"
    other.write_bytes(b"not sqlite at all, just text" * 10)
    with pytest.raises(OnlineError, match="not a readable geomap online cache"):
        OnlineCache(other).get("nominatim", "default", "x", "")


@pytest.mark.unit
def test_public_nominatim_is_never_asked_more_than_once_a_second():
    assert OnlineResolver("nominatim", min_delay_seconds=0).min_delay_seconds == 1.0
    assert OnlineResolver("nominatim", options={"domain": "127.0.0.1:1"}, min_delay_seconds=0).min_delay_seconds == 0
