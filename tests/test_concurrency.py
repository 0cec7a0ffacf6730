"""One gazetteer, several users: real processes reading while another imports,
and two imports at once (issue 15). The gazetteer is a tiny real one built
from the GeoNames Andorra extract (tests/data/AD.txt)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.importer import import_files
from processes import wait_for

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def geomap(*args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "geomap", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, **kw)


def finish(proc, timeout=600):
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out.decode(), err.decode()


@pytest.fixture
def corpus(tmp_path):
    """Articles naming Andorran places and one place the gazetteer lacks until imported."""
    path = tmp_path / "docs.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(300):
            out.write(json.dumps({"id": f"d{i}", "published": "2020-10-02",
                                  "text": f"Shelling killed {i + 2} people in Zorvakend on 1 October 2020. "
                                          "Floods also hit Encamp and Canillo in Andorra."}) + "\n")
    places = tmp_path / "mine.csv"
    places.write_text("name,lat,lon,country,kind\nZorvakend,40.1,46.7,AZ,city\n", encoding="utf-8")
    return path, places


def _copy(src: Path, dst: Path) -> Path:
    """A whole copy of a gazetteer, its write-ahead log included (a byte copy of the main file may miss it)."""
    import sqlite3

    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    source.close()
    target.close()
    return dst


def _wal_grows(path: Path, size=64 * 1024):
    wal = path.with_name(path.name + "-wal")
    return lambda: wal.exists() and wal.stat().st_size >= size


def test_events_run_across_an_import_commit_sees_all_or_nothing(andorra, corpus, tmp_path):
    docs, places = corpus
    before, after = tmp_path / "before.csv", tmp_path / "after.csv"
    assert finish(geomap("--gazetteer", _copy(andorra, tmp_path / "b.sqlite"), "events", docs, "-q", "-o", before))[0] == 0
    imported = _copy(andorra, tmp_path / "a.sqlite")
    import_files(imported, [places])
    assert finish(geomap("--gazetteer", imported, "events", docs, "-q", "-o", after))[0] == 0
    assert before.read_text() != after.read_text() and "Zorvakend" in after.read_text()

    shared = _copy(andorra, tmp_path / "shared.sqlite")
    during = tmp_path / "during.csv"
    run = geomap("--gazetteer", shared, "events", docs, "-q", "-o", during)
    shm = shared.with_name(shared.name + "-shm")
    wait_for(shm.exists, run, "the events run opened the gazetteer", timeout=120)
    status, _, err = finish(geomap("--gazetteer", shared, "gazetteer", "import", places))
    assert status == 0, err
    assert run.poll() is None, "the events run ended before the import committed: make the corpus larger"
    status, _, err = finish(run)
    assert status == 0 and "error" not in err, err
    assert during.read_text() in (before.read_text(), after.read_text())
    with Gazetteer.open(shared) as g:
        assert g.lookup("Zorvakend")


def test_reader_opening_during_an_import_reads_the_gazetteer_as_it_was(andorra, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Floods hit Encamp on Monday.", encoding="utf-8")
    expected = finish(geomap("--gazetteer", andorra, "parse", "--json", text))
    assert expected[0] == 0 and "Encamp" in expected[1]
    with Gazetteer.open(andorra) as g:
        before = g.meta
    importing = geomap("--gazetteer", andorra, "gazetteer", "import", *[DATA / "NL.txt"] * 3)
    wait_for(_wal_grows(andorra), importing, "the import wrote into the gazetteer", timeout=120)
    with Gazetteer.open(andorra) as g:
        assert g.meta == before and not g.lookup("Den Oord")
    status, out, err = finish(geomap("--gazetteer", andorra, "parse", "--json", text))
    assert (status, out) == (0, expected[1]), err
    assert importing.poll() is None, "the import ended before the readers ran: use a larger file"
    assert finish(importing)[0] == 0


def test_two_imports_started_together_both_succeed(andorra, corpus, tmp_path):
    _, places = corpus
    first = geomap("--gazetteer", andorra, "gazetteer", "import", DATA / "NL.txt")
    wait_for(_wal_grows(andorra), first, "the first import took the write lock", timeout=120)
    second = geomap("--gazetteer", andorra, "gazetteer", "import", places)
    (s1, _, e1), (s2, _, e2) = finish(first), finish(second)
    assert (s1, s2) == (0, 0), (e1, e2)
    assert f"another import is running on {andorra}; waiting" in e2
    with Gazetteer.open(andorra) as g:
        assert g.lookup("Zorvakend") and g.lookup("Den Oord")
        assert "NL.txt" in g.meta["imports"] and "mine.csv" in g.meta["imports"]


def test_second_import_past_the_wait_is_refused_plainly(andorra, corpus, tmp_path):
    _, places = corpus
    with Gazetteer.open(andorra) as g:
        before_hash = g.meta["content_hash"]
    # the Netherlands extract four times over (same rows again): an import that outlasts the second
    # process's start-up and its 0.5 s wait even on a quiet machine with a fast writer
    big = tmp_path / "NL.txt"
    big.write_text((DATA / "NL.txt").read_text(encoding="utf-8") * 4, encoding="utf-8")
    first = geomap("--gazetteer", andorra, "gazetteer", "import", big)
    wait_for(_wal_grows(andorra), first, "the first import took the write lock", timeout=120)
    status, _, err = finish(geomap("--gazetteer", andorra, "gazetteer", "import", places,
                                   env={"GEOMAP_WRITE_WAIT": "0.5"}))
    assert first.poll() is None, "the first import ended before the second gave up: use a larger file"
    assert status == 2 and err.count("\n") == 2, err  # the waiting line, then one error line
    assert f"geomap: error: another import is running on {andorra} (waited 0.5 s" in err
    assert "internal error" not in err and "locked" not in err
    assert finish(first)[0] == 0
    with Gazetteer.open(andorra) as g:
        assert g.meta["content_hash"] != before_hash and not g.lookup("Zorvakend")


_FORKED: list = []  # the gazetteer a forked child inherits (a connection cannot be pickled)


def _child_lookups():
    """In a forked child: the parent's cached answer, then a name the parent never asked."""
    gazetteer = _FORKED[0]
    before = gazetteer.candidates.cache_info().hits
    inherited = gazetteer._conn
    mine = gazetteer.in_this_process()
    known = [p.name for p in mine.lookup("Andorra la Vella")]
    hits = mine.candidates.cache_info().hits - before
    fresh = [p.name for p in mine.lookup("Encamp")]
    return known, hits, fresh, mine._conn is not inherited


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_a_forked_worker_keeps_the_parents_answers_on_its_own_connection(andorra):
    import multiprocessing

    with Gazetteer.open(andorra) as gazetteer:
        parent = [p.name for p in gazetteer.lookup("Andorra la Vella")]
        _FORKED[:] = [gazetteer]
        try:
            with multiprocessing.get_context("fork").Pool(1) as pool:
                known, hits, fresh, own_connection = pool.apply(_child_lookups)
        finally:
            _FORKED.clear()
        assert known == parent and hits >= 1 and own_connection
        assert fresh == [p.name for p in gazetteer.lookup("Encamp")] and fresh
        assert gazetteer.in_this_process() is gazetteer  # in the process that opened it: as it is
