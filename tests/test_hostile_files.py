"""Hostile and unlucky input as a user meets it (issue 15): binary dumps,
rows nothing could ever query, odd file names, unwritable outputs, killed
and terminated runs. Real files, the real `geomap` command in real processes."""
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from geomap.errors import BadRowsError, OutputError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.build import create_empty
from geomap.gazetteer.importer import import_files
from processes import wait_for

pytestmark = pytest.mark.integration

DATA = Path(__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def geomap(*args, **kw):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True,
                          env=ENV, timeout=600, **kw)


def start(*args):
    return subprocess.Popen([sys.executable, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV)


def content_hash(path):
    with Gazetteer.open(path) as g:
        return g.meta["content_hash"]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("geomap: error:")]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Floods killed 4 people in Encamp on 3 March 2021, officials in Andorra la Vella said.",
                    encoding="utf-8")
    return path


# -- import: binary files, bad rows ------------------------------------------
def _binary(tmp_path):
    path = tmp_path / "allCountries.txt"
    path.write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])
    return path


def _latin1(tmp_path):
    path = tmp_path / "DE.txt"
    line = "2886242\tKöln\tKoeln\t\t50.93333\t6.95\tP\tPPLA2\tDE\t\t07\t053\t05315\t05315000\t963395\t\t56\tEurope/Berlin\t2021-01-01\n"
    path.write_bytes(line.encode("latin-1"))
    return path


def _zipped_binary(tmp_path):
    path = tmp_path / "cities500.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("cities500.txt", Path(sys.executable).resolve().read_bytes()[:50_000])
    return path


@pytest.mark.parametrize("make", [_binary, _latin1, _zipped_binary])
def test_binary_or_non_utf8_dump_is_one_clear_line(andorra, tmp_path, make):
    before = content_hash(andorra)
    bad = make(tmp_path)
    out = geomap("--gazetteer", andorra, "gazetteer", "import", bad)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "internal error" not in out.stderr
    assert out.stderr.startswith(f"geomap: error: {bad}: not UTF-8 text")
    assert content_hash(andorra) == before


def _bad_geonames(tmp_path) -> tuple[Path, list[str]]:
    """The real Andorra extract with four rows broken the ways a hostile file would."""
    lines = (DATA / "AD.txt").read_text(encoding="utf-8").splitlines()[:50]

    def edit(number, column, value):
        fields = lines[number - 1].split("\t")
        fields[column] = value
        lines[number - 1] = "\t".join(fields)

    edit(10, 1, "Encamp\x00")
    edit(20, 1, "Canillo" * 60)
    edit(30, 8, "AZ<svg onload=alert(1)>")
    edit(40, 4, "95.5")
    path = tmp_path / "AD-hostile.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, ["AD-hostile.txt:10: name", "AD-hostile.txt:20: name is 420 characters long",
                  "AD-hostile.txt:30: invalid country code 'AZ<svg onload=alert(1)>'",
                  "AD-hostile.txt:40: latitude 95.5 out of range"]


def _bad_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,lat,lon,country,aliases\n"
                    "Good Place,42.5,1.5,AD,\n"
                    f"{'X' * 100_000},42.5,1.5,AD,\n"
                    "Bell\x07town,42.5,1.5,AD,\n"
                    "Markup,42.5,1.5,AZ<svg onload=alert(1)>,\n"
                    "Far,42.5,181,AD,\n"
                    "Aliased,42.5,1.5,AD,ok|bad\x1balias\n", encoding="utf-8")
    return path, ["mine.csv:3: name is 100000 characters long", "mine.csv:4: name 'Bell\ufffdtown' contains a control character (U+0007)",
                  "mine.csv:5: invalid country code", "mine.csv:6: longitude 181.0 out of range",
                  "mine.csv:7: alias"]


def _bad_geojson(tmp_path):
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5, 42.5]}, "properties": {"name": "Fine"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5, 42.5]}, "properties": {"name": "Nul\x00"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5, -91]}, "properties": {"name": "South"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5]}, "properties": {"name": "Short"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5, 42.5]},
         "properties": {"name": "Code", "country": "A1"}},
        7,
    ]
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path, ["mine.geojson: feature 2: name", "mine.geojson: feature 3: latitude -91.0 out of range",
                  "mine.geojson: feature 4: a Point needs", "mine.geojson: feature 5: invalid country code 'A1'",
                  "mine.geojson: feature 6: not a Point"]


@pytest.mark.parametrize("make", [_bad_geonames, _bad_csv, _bad_geojson])
def test_import_refuses_a_file_with_bad_rows_naming_each(andorra, tmp_path, make):
    before = content_hash(andorra)
    bad, expected = make(tmp_path)
    out = geomap("--gazetteer", andorra, "gazetteer", "import", bad)
    assert out.returncode == 2, out.stderr
    errors = error_lines(out.stderr)
    assert len(errors) == len(expected) + 1, out.stderr  # one line per bad row, then the verdict
    for line, start in zip(errors, expected):
        assert line.startswith(f"geomap: error: {start}"), (line, start)
    assert f"{len(expected)} bad rows, nothing imported" in errors[-1]
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr
    assert content_hash(andorra) == before
    with pytest.raises(BadRowsError) as caught:
        import_files(andorra, [bad])
    assert len(caught.value.lines) == len(expected)


def test_unusual_but_real_names_still_import(andorra, tmp_path):
    long_name = "Krung Thep Maha Nakhon Amon Rattanakosin Mahintharayutthaya Mahadilok Phop Noppharat " \
                "Ratchathani Burirom Udomratchaniwet Mahasathan"  # Bangkok's ceremonial name, 132 characters
    persian = "\u0645\u06cc\u200c\u062f\u0627\u0646"  # a zero-width non-joiner (format character) inside
    places = tmp_path / "real.csv"
    places.write_text(f"name,lat,lon,country\n{long_name},13.75,100.5,TH\n{persian},35.7,51.4,IR\n", encoding="utf-8")
    [result] = import_files(andorra, [places])
    assert result.places_added == 2
    with Gazetteer.open(andorra) as g:
        assert g.lookup(long_name) and g.lookup(persian)


def test_alternate_names_longer_than_stored_are_skipped_not_fatal(andorra, tmp_path):
    """GeoNames allows 400 characters in alternateNames: such a name is left out, the file imported."""
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(f"1\t3041563\tca\t{'Andorra la Vella ' * 20}\t\t\t\t\t\t\n2\t3041563\tid\tAndora Tua\t\t\t\t\t\t\n",
                   encoding="utf-8")
    [result] = import_files(andorra, [alt])
    assert result.names_added == 1


# -- clear errors ---------------------------------------------------------------
def test_library_warnings_print_as_one_geomap_line(tmp_path):
    events = tmp_path / "events.geojson"
    events.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": []}, "properties": {"date": "2021-03-03"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1.5, 42.5]},
         "properties": {"date": "2021-03-03"}}]}), encoding="utf-8")
    out = geomap("map", events, "-o", tmp_path / "map.html")
    assert out.returncode == 0, out.stderr
    assert all(line.startswith("geomap: ") or line.startswith("wrote ") for line in out.stderr.splitlines()), out.stderr
    assert "geomap: warning: OGRGeoJSONReadRawPoint" in out.stderr and "site-packages" not in out.stderr


def test_file_names_that_look_like_uris_are_plain_files(andorra, article, tmp_path):
    """GDAL and pyarrow read a name as a URI (';' parameters, 's3:' schemes, '?' queries)."""
    out_dir = tmp_path / "x;y"
    out_dir.mkdir()
    for name, suffix in [("a;b", ".geojson"), ("a;b", ".gpkg"), ("a;b", ".csv"), ("s3:c", ".parquet"),
                         ("d#e?f", ".geojson")]:
        events = out_dir / f"{name}{suffix}"
        out = geomap("--gazetteer", andorra, "events", article, "-q", "-o", events)
        assert out.returncode == 0, out.stderr
        assert events.is_file() and events.stat().st_size > 0
        if suffix != ".gpkg":
            page = out_dir / f"{name}{suffix}.html"
            out = geomap("map", events, "-o", page, "-q")
            assert out.returncode == 0, out.stderr
            assert "Encamp" in page.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob("*") if ".part" in p.name]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["article.txt"]


def test_outputs_are_checked_before_the_work(andorra, article, tmp_path):
    unreadable = tmp_path / "broken.geojson"
    unreadable.write_text("{ not json", encoding="utf-8")
    # An unwritable folder (even for root) is reported, not the unreadable input read after it.
    for command in (["map", unreadable], ["report", unreadable]):
        out = geomap(*command, "-o", "/sys/geomap-test.html")
        assert out.returncode == 2 and error_lines(out.stderr) == \
            ["geomap: error: cannot write /sys/geomap-test.html: Permission denied"], out.stderr
    folder = tmp_path / "taken.geojson"
    folder.mkdir()
    out = geomap("--gazetteer", andorra, "events", article, "-o", folder)
    assert out.returncode == 2 and out.stderr == f"geomap: error: cannot write {folder}: it is a directory\n"
    out = geomap("--gazetteer", andorra, "events", article, "-o", tmp_path / "missing" / "e.geojson")
    assert out.returncode == 2 and "folder" in out.stderr and "does not exist" in out.stderr
    out = geomap("--gazetteer", andorra, "parse", article, "-o", "/sys/mentions.json")
    assert out.returncode == 2 and out.stderr == "geomap: error: cannot write /sys/mentions.json: Permission denied\n"
    out = geomap("--gazetteer", tmp_path, "gazetteer", "build", "--force")
    assert out.returncode == 2 and out.stderr == f"geomap: error: cannot write {tmp_path}: it is a directory\n"
    out = geomap("run", article, "--outdir", "/sys/geomap-run")
    assert out.returncode == 2 and "cannot" in out.stderr and "/sys/geomap-run" in out.stderr
    assert not Path("/sys/geomap-run").exists()


def test_errors_name_the_users_path_never_a_temporary_file(tmp_path):
    from geomap.events.writers import open_writer
    from geomap.maps import write_html

    target = tmp_path / "map.html"
    (target / "inside").mkdir(parents=True)  # a non-empty directory where the file should go
    with pytest.raises(OutputError) as caught:
        write_html("<p>map</p>", target)
    assert str(tmp_path / "map.html") in str(caught.value) and ".part" not in str(caught.value)
    events = tmp_path / "events.csv"
    with pytest.raises(OutputError) as caught:
        with open_writer(events) as writer:
            writer.write([])
            (events / "inside").mkdir(parents=True)
    assert str(caught.value).startswith(f"cannot write {events}") and ".part" not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "map.html"]  # the two directories only


# -- no debris ------------------------------------------------------------------
def test_failed_events_write_leaves_no_part_and_no_lone_unresolved(andorra, tmp_path):
    from geomap.events.model import UNRESOLVED_FIELDS
    from geomap.events.writers import finish_together, open_writer, unresolved_path

    folder = tmp_path / "out"
    folder.mkdir()
    events = folder / "events.geojson"
    with pytest.raises(OutputError):
        with open_writer(events) as events_out, \
                open_writer(unresolved_path(events), fields=UNRESOLVED_FIELDS, geometry=False) as unresolved_out:
            (events / "inside").mkdir(parents=True)  # the events file cannot be put in place
            finish_together(events_out, unresolved_out)
    assert [p.name for p in folder.iterdir()] == ["events.geojson"]  # the directory: no .part, no unresolved
    unreadable = folder / "empty.jsonl"
    unreadable.write_text("not json\n", encoding="utf-8")
    out = geomap("--gazetteer", andorra, "events", unreadable, "-q", "-o", folder / "e.geojson")
    assert out.returncode == 2
    assert sorted(p.name for p in folder.iterdir()) == ["empty.jsonl", "events.geojson"]


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "docs.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(3000):
            out.write(json.dumps({"id": f"d{i}", "published": "2021-03-04",
                                  "text": f"Floods killed {i + 2} people in Encamp on 3 March 2021."}) + "\n")
    return path


@pytest.mark.parametrize("sig, status, word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_signals_clean_up_partial_outputs(andorra, corpus, tmp_path, sig, status, word):
    out = tmp_path / "out"
    out.mkdir()
    # --no-merge: rows are written as they are extracted, so the signal lands mid-run (a merged run
    # writes its files only at the end, and could finish before the signal arrives)
    proc = start("-m", "geomap", "--gazetteer", andorra, "events", corpus, "-q", "--no-merge", "-o", out / "events.csv")
    wait_for(lambda: any(p.stat().st_size > 2000 for p in out.glob(".events.csv.*.part.csv")), proc,
             "the events run wrote part of its output")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == status and err.strip().endswith(f"geomap: error: {word}"), err
    assert list(out.iterdir()) == []


def test_killed_build_leaves_the_old_gazetteer_and_later_builds_remove_its_debris(andorra):
    before = content_hash(andorra)
    folder = andorra.parent
    build = start("-c", "import sys; from geomap.gazetteer.build import build_default; "
                  "build_default(sys.argv[1], progress=False)", andorra)
    wait_for(lambda: any(p.stat().st_size > 0 for p in folder.glob(".ad.sqlite.*.building")), build,
             "the build wrote into its temporary file")
    build.kill()
    build.communicate()
    [debris] = folder.glob(".ad.sqlite.*.building")
    assert debris.name.startswith(f".ad.sqlite.{build.pid}.")
    assert content_hash(andorra) == before  # the old gazetteer still answers
    alive = folder / f".ad.sqlite.{os.getpid()}.xyz.building"  # a build still running is left alone
    alive.write_bytes(b"")
    create_empty(andorra)
    assert sorted(p.name for p in folder.glob(".ad.sqlite.*")) == [alive.name]


def test_terminated_build_removes_its_file_and_keeps_the_old_gazetteer(andorra):
    before = content_hash(andorra)
    folder = andorra.parent
    build = start("-m", "geomap", "--gazetteer", andorra, "gazetteer", "build", "--force", "-q")
    wait_for(lambda: any(p.stat().st_size > 0 for p in folder.glob(".ad.sqlite.*.building")), build,
             "the build wrote into its temporary file")
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 143 and err.strip().endswith("geomap: error: terminated"), err
    assert not list(folder.glob(".ad.sqlite.*"))
    assert content_hash(andorra) == before
