"""The public Python API as the README shows it, and the gazetteer's caches:
real processes, a real gazetteer."""
from __future__ import annotations

from pathlib import Path

import pytest

import geomap

pytestmark = pytest.mark.integration

ROOT = Path(geomap.__file__).resolve().parents[1]

_API_SCRIPT = """
import sys
import geomap
first = geomap.geocode("Moskwa")
{between}
second = geomap.geocode("Moskwa")
from geomap import geocode
third = geocode("Moskwa", limit=2)
assert first == second == third[:1] and first[0].country_code == "RU", (first, second, third)
print("ok", first[0].id)
"""


@pytest.mark.parametrize("between", [
    "",  # the README's two calls
    "import geomap.geocode.core, geomap.geoparse",  # a stage imports the geocode subpackage meanwhile
    "geomap.parse('Sie fuhren nach Moskwa.', lang='de')",  # the pipeline imports it for real
])
def test_geomap_geocode_works_every_time_in_a_fresh_process(default_home, between):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "GEOMAP_HOME": str(default_home)}
    out = subprocess.run([sys.executable, "-c", _API_SCRIPT.format(between=between)], capture_output=True,
                         text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok gn:")


def test_a_closed_gazetteer_never_answers_from_its_caches(default_gazetteer_path):
    from geomap.errors import GazetteerError
    from geomap.gazetteer import Gazetteer
    from geomap.geocode import rank

    gazetteer = Gazetteer.open(default_gazetteer_path)
    answer = rank(gazetteer, "Moskwa")
    assert answer and rank(gazetteer, "Moskwa") == answer  # the second answer is the cached one
    gazetteer.close()
    for ask in (lambda: rank(gazetteer, "Moskwa"), lambda: gazetteer.lookup("Moskwa"),
                lambda: gazetteer.place(answer[0].id), lambda: list(gazetteer.iter_keys())):
        with pytest.raises(GazetteerError, match="is closed"):
            ask()
    with Gazetteer.open(default_gazetteer_path) as again:  # a new gazetteer answers afresh
        assert rank(again, "Moskwa") == answer


def test_a_memo_kept_across_close_raises_instead_of_answering(default_gazetteer_path):
    """A later stage may hold a memo (Gazetteer.memoized) and call it after the gazetteer closed:
    the cache was emptied by close(), and the miss says the gazetteer is closed."""
    from geomap.errors import GazetteerError
    from geomap.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(default_gazetteer_path)
    calls = []
    memo = gazetteer.memoized(lambda g, key: calls.append(key) or len(key), maxsize=8)  # reads nothing itself
    assert memo("Moskwa") == memo("Moskwa") == 6 and calls == ["Moskwa"]  # the second answer is the cached one
    gazetteer.close()
    with pytest.raises(GazetteerError, match="is closed"):
        memo("Moskwa")
    assert calls == ["Moskwa"]


def test_one_shared_gazetteer_per_path_and_process(default_home):
    from geomap.gazetteer import shared_gazetteer
    from geomap.geocode import default_gazetteer

    first = shared_gazetteer()
    assert default_gazetteer() is first and shared_gazetteer(default_home / "gazetteer.sqlite") is first
    first.close()
    reopened = shared_gazetteer()
    assert reopened is not first and not reopened.closed and reopened.lookup("Moskwa")
    reopened.close()
