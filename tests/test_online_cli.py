"""`geomap ... --online` as a user runs it: real processes, the real default
gazetteer, the Nominatim stub on 127.0.0.1 (never the internet)."""
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.geocode.online import OnlineCache
from nominatim_stub import NominatimStub

pytestmark = pytest.mark.integration
SEED = Path(__file__).resolve().parents[1] / "data" / "serambinews_2020-10-01_karabakh.txt"


def geomap(*args, env, **kw):
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, env=env, timeout=300, **kw)


@pytest.fixture
def stub():
    with NominatimStub() as running:
        yield running


@pytest.fixture
def env(default_home):
    env = {**os.environ, "GEOMAP_HOME": str(default_home)}
    env.pop("GEOMAP_ONLINE", None)
    return env


def online_args(stub):
    return ["--online", "--online-option", f"domain={stub.domain}", "--online-option", "scheme=http",
            "--online-option", "min_delay_seconds=0"]


def rows(out):
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_geocode_online_only_for_what_the_gazetteer_lacks(env, stub, default_home):
    out = geomap("geocode", "--json", "Tonashen", "Moskwa", "Nowhere-qq", *online_args(stub), env=env)
    assert out.returncode == 1, out.stderr  # Nowhere-qq is found nowhere
    tonashen, moscow, nowhere = rows(out)
    assert tonashen["source"] == "nominatim" and tonashen["match"] == "online" and tonashen["confidence"] < 1
    assert tonashen["id"] == "nominatim:node/9000001" and tonashen["lat"] == pytest.approx(40.0893)
    assert moscow["name"] == "Moscow" and moscow["source"] != "nominatim" and nowhere["found"] is False
    assert stub.asked("Moskwa") == 0 and stub.asked("Tonashen") == 1
    assert (default_home / "online_cache.sqlite").is_file()
    again = geomap("geocode", "--json", "Tonashen", "Nowhere-qq", *online_args(stub), env=env)
    assert rows(again)[0] == tonashen and len(stub.requests) == 2  # hit and miss both cached
    offline = geomap("geocode", "Tonashen", env=env)
    assert offline.returncode == 1 and len(stub.requests) == 2  # no --online: no network, no cache answers


def test_bad_provider_still_prints_offline_results(env, stub):
    out = geomap("geocode", "--json", "Moskwa", "--online=nosuch", env=env)
    assert out.returncode == 2 and rows(out)[0]["name"] == "Moscow"
    assert out.stderr.decode().count("\n") == 1 and b"unknown online provider 'nosuch'" in out.stderr
    out = geomap("geocode", "--json", "Moskwa", "--online=bing", env=env)
    assert out.returncode == 2 and rows(out)[0]["name"] == "Moscow" and b"needs api_key" in out.stderr
    swallowed = geomap("geocode", "--online", "Tonashen", env=env, stdin=subprocess.DEVNULL)
    assert swallowed.returncode == 2 and b"--online=PROVIDER" in swallowed.stderr
    assert b"Traceback" not in swallowed.stderr and len(swallowed.stderr.splitlines()) == 1


def test_unreachable_provider_is_one_warning(env):
    out = geomap("geocode", "--json", "Tonashen", "Martakert", "--online", "--online-option", "domain=127.0.0.1:9",
                 "--online-option", "scheme=http", "--online-option", "max_retries=1",
                 "--online-option", "backoff_seconds=0.01", env=env)
    assert out.returncode == 1 and [r.get("name") for r in rows(out)] == [None, "Martakert"]
    assert out.stderr.decode().splitlines()[0] == (
        "geomap: warning: online: cannot reach nominatim (http://127.0.0.1:9) after 2 tries: Connection refused")


def test_env_and_config_file_switch_it_on(env, stub, default_home):
    (default_home / "geomap.toml").write_text(
        f'[online]\nmin_delay_seconds = 0\nuser_agent = "tester@example.org"\n'
        f'[online.options]\ndomain = "{stub.domain}"\nscheme = "http"\n')
    assert geomap("geocode", "Tonashen", env=env).returncode == 1 and stub.requests == []
    out = geomap("geocode", "--json", "Tonashen", env={**env, "GEOMAP_ONLINE": "1"})
    assert rows(out)[0]["source"] == "nominatim"
    assert stub.requests[0]["user_agent"] == "geomap/0.1.0 (tester@example.org)"
    (default_home / "geomap.toml").write_text((default_home / "geomap.toml").read_text().replace(
        "[online]\n", "[online]\nenabled = true\n"))
    assert geomap("geocode", "Nowhere-qq", env=env).returncode == 1 and stub.asked("Nowhere-qq") == 1
    assert geomap("geocode", "Nowhere-zz", "--no-online", env=env).returncode == 1 and stub.asked("Nowhere-zz") == 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_mid_batch_keeps_every_answer_received(env, stub, default_home, sig):
    stub.script("Nowhere-qq", "hang")
    # Tonashen and Talish: villages the default gazetteer lacks and the stub knows.
    proc = subprocess.Popen([sys.executable, "-m", "geomap", "geocode", "--json", "Tonashen", "Talish",
                             "Nowhere-qq", *online_args(stub), "--online-option", "timeout=300"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not stub.asked("Nowhere-qq") and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert stub.asked("Nowhere-qq") == 1, proc.stderr.read() if proc.poll() is not None else "no request"
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=30)
    if sig == signal.SIGINT:  # Ctrl-C: one line, the usual status
        assert proc.returncode == 130 and stderr == b"geomap: error: interrupted\n"
    with OnlineCache(default_home / "online_cache.sqlite") as cache:
        assert sorted(a.query for a in cache.answers()) == ["Talish", "Tonashen"]
    out = geomap("geocode", "--json", "Tonashen", "Talish", "Nowhere-qq", *online_args(stub), env=env)
    assert [r.get("source") for r in rows(out)] == ["nominatim", "nominatim", None]
    assert (stub.asked("Tonashen"), stub.asked("Talish"), stub.asked("Nowhere-qq")) == (1, 1, 2)


def test_cache_list_export_clear_and_import_from_cache(env, stub, default_home, tmp_path):
    geomap("geocode", "Tonashen", "Talish", "Nowhere-qq", *online_args(stub), env=env)
    listing = geomap("gazetteer", "cache", "list", env=env)
    assert listing.returncode == 0 and len(listing.stdout.splitlines()) == 3
    assert b"2 hits, 1 misses" in listing.stderr
    exported = tmp_path / "answers.csv"
    assert geomap("gazetteer", "cache", "export", "-o", str(exported), env=env).returncode == 0
    records = list(csv.DictReader(io.StringIO(exported.read_text())))
    assert {r["name"] for r in records} == {"Tonashen", "Talish"} and records[0]["source"] == "nominatim"
    jsonl = geomap("gazetteer", "cache", "export", "--format", "jsonl", env=env)
    assert sorted(json.loads(l)["found"] for l in jsonl.stdout.splitlines()) == [False, True, True]
    cleared = geomap("gazetteer", "cache", "clear", "--misses", env=env)
    assert b"removed 1 answers" in cleared.stderr
    out = geomap("gazetteer", "import", "--from-cache", env=env)
    assert out.returncode == 0 and b"+2 places" in out.stderr, out.stderr
    found = rows(geomap("geocode", "--json", "Tonashen", env=env))[0]  # offline now, still marked
    assert found["source"] == "nominatim" and found["id"] == "nominatim:node/9000001" and found["match"] == "exact"
    info = json.loads(geomap("gazetteer", "info", "--json", env=env).stdout)
    assert "online_cache.sqlite (online answers: +2 places" in info["imports"]
    assert geomap("gazetteer", "import", env=env).returncode == 2


def test_parse_online_resolves_what_the_gazetteer_lacks(env, stub):
    out = geomap("-q", "parse", "--json", str(SEED), *online_args(stub), env=env)
    assert out.returncode == 0, out.stderr
    mentions = rows(out)
    tonashen = [m for m in mentions if m["text"] == "Tonashen"]
    assert tonashen and all(m["resolved"] and m["source"] == "nominatim" for m in tonashen)
    assert all(m["reason"].startswith("online: nominatim") for m in tonashen)
    assert all(m["source"] != "nominatim" for m in mentions if not m["reason"].startswith("online:"))
    asked = {r["q"] for r in stub.requests}
    resolved_offline = {m["text"] for m in mentions if m["resolved"] and m["source"] != "nominatim"}
    assert asked and not asked & resolved_offline  # only unresolved mentions go online
    # the document's countries restrict the first question
    first = next(r for r in stub.requests if r["q"] == "Tonashen")
    assert "AZ" in first["params"]["countrycodes"].upper()
    offline = rows(geomap("-q", "parse", "--json", str(SEED), env=env))
    assert [m for m in offline if m["text"] == "Tonashen"][0]["resolved"] is False


def test_events_online_places_what_the_gazetteer_lacks(env, stub, tmp_path):
    events = tmp_path / "events.geojson"
    out = geomap("-q", "events", str(SEED), "-o", str(events), *online_args(stub), env=env)
    assert out.returncode == 0, out.stderr
    rows_ = [f["properties"] for f in json.loads(events.read_text())["features"]]
    online = [r for r in rows_ if r["place_id"].startswith("nominatim:")]
    assert "Tonashen" in [r["place_text"] for r in online] and all(r["confidence"] < 1 for r in online)
    unresolved = (tmp_path / "events.unresolved.csv").read_text()
    # Nagorny Karabakh is the article's own Nagorno-Karabakh, spelt otherwise: resolved offline, never asked
    assert "Tonashen" not in unresolved and "Nagorny Karabakh" not in unresolved
    assert "Nagorny Karabakh" not in {r["q"] for r in stub.requests}
    offline = tmp_path / "offline.geojson"
    geomap("-q", "events", str(SEED), "-o", str(offline), env=env)
    assert "Tonashen" in (tmp_path / "offline.unresolved.csv").read_text()
