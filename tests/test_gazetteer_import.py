"""Imports into tiny real gazetteers built from GeoNames extracts."""
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from geomap.errors import GazetteerCorrupt, GazetteerNotFound, ImportFileError, InputError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.build import create_empty
from geomap.gazetteer.importer import import_files
from geomap.geocode import rank

pytestmark = pytest.mark.integration


@pytest.fixture
def data_dir():
    from conftest import DATA

    return DATA


def snapshot(path):
    with Gazetteer.open(path) as g:
        return g.meta["content_hash"], g.meta["places"], g.meta["names"]


def test_import_geonames_extract(andorra):
    with Gazetteer.open(andorra) as g:
        best, second = rank(g, "Escaldes-Engordany")[:2]
        # The seat rule: GeoNames' PPLA les Escaldes, the parish's seat, ranks above the parish.
        assert best.country_code == "AD" and best.id == "gn:3040051" and best.feature_code == "P.PPLA"
        assert second.id == "gn:3338529"
        assert g.meta["places"] == "3268"
        assert "AD.txt" in g.meta["imports"]


def test_import_is_idempotent(andorra, data_dir):
    before = snapshot(andorra)
    [result] = import_files(andorra, [data_dir / "AD.txt"])
    assert (result.places_added, result.names_added) == (0, 0)
    assert snapshot(andorra) == before


def test_import_from_zip(tmp_path, data_dir):
    import zipfile

    path = tmp_path / "g.sqlite"
    create_empty(path)
    archive = tmp_path / "AD.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(data_dir / "AD.txt", "AD.txt")
        z.writestr("readme.txt", "GeoNames readme")
    [result] = import_files(path, [archive])
    assert result.kind == "geonames" and result.places_added == 3268


def test_alternate_names_attach_to_known_places(andorra, tmp_path):
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t3041563\tid\tAndora Tua\t\t\t\t\t\t\n"
                   "2\t3041563\tlink\thttps://en.wikipedia.org/wiki/Andorra_la_Vella\t\t\t\t\t\t\n"
                   "3\t999999999\ten\tNowhere Town\t\t\t\t\t\t\n", encoding="utf-8")
    [result] = import_files(andorra, [alt])
    assert result.kind == "alternatenames" and result.skipped == 2 and result.names_added == 1  # a link, an unknown place
    with Gazetteer.open(andorra) as g:
        assert [p.id for p in rank(g, "Andora Tua")] == ["gn:3041563"]
        assert rank(g, "Nowhere Town", fuzzy=False) == []


def test_user_csv_and_geojson(andorra, tmp_path):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("name,lat,lon,aliases,country,kind\nTonashen,40.09,46.68,Tonaşen|Tonashen village,AZ,city\n")
    geojson = tmp_path / "mine.geojson"
    geojson.write_text('{"type":"FeatureCollection","features":[{"type":"Feature",'
                       '"geometry":{"type":"Point","coordinates":[46.5,40.0]},'
                       '"properties":{"name":"Nagorno-Karabakh","kind":"region","aliases":["Nagorny Karabakh"]}}]}')
    import_files(andorra, [csv_file, geojson])
    with Gazetteer.open(andorra) as g:
        assert rank(g, "Tonaşen")[0].lat == pytest.approx(40.09)
        assert rank(g, "Nagorny Karabakh")[0].kind == "region"


@pytest.mark.parametrize("content, message", [
    ("name,lat,lon\nX,95,1\n", "latitude 95.0 out of range"),
    ("name,foo\nX,1\n", "needs latitude and longitude"),
    ("lat,lon\n1,2\n", "no 'name' column"),
    ("name,lat,lon\nX,north,1\n", "not numbers"),
])
def test_bad_csv_changes_nothing(andorra, tmp_path, content, message):
    before = snapshot(andorra)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nGood Place,1,1\n" + content.split("\n", 1)[1] if content.startswith("name,lat,lon") else content)
    with pytest.raises(InputError, match=message):
        import_files(andorra, [bad])
    assert snapshot(andorra) == before


def test_failure_mid_file_rolls_back_everything(andorra, tmp_path, data_dir):
    before = snapshot(andorra)
    lines = (data_dir / "NL.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "NL.txt"
    broken.write_text("".join(lines[:5000]) + "123\tbroken row\n" + "".join(lines[5000:6000]), encoding="utf-8")
    with pytest.raises(InputError, match=r"NL.txt:5001"):
        import_files(andorra, [data_dir / "NL.txt", broken])
    assert snapshot(andorra) == before


def test_killed_import_leaves_gazetteer_as_it_was(andorra, data_dir):
    before = snapshot(andorra)
    code = ("import sys; from pathlib import Path; from geomap.gazetteer.importer import import_files; "
            f"import_files(Path({str(andorra)!r}), [Path({str(data_dir / 'NL.txt')!r})])")
    proc = subprocess.Popen([sys.executable, "-c", code])
    wal = andorra.with_name(andorra.name + "-wal")  # the gazetteer is in WAL mode: frames of the open transaction
    deadline = time.time() + 60
    while (not wal.exists() or wal.stat().st_size < 64 * 1024) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "import finished before it could be killed"
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(andorra) == before


@pytest.mark.parametrize("make, error", [
    (lambda p: p.write_bytes(b"not a database at all" * 100), GazetteerCorrupt),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), GazetteerCorrupt),
])
def test_foreign_or_corrupt_files_are_refused(tmp_path, make, error):
    path = tmp_path / "x.sqlite"
    make(path)
    with pytest.raises(error):
        Gazetteer.open(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(GazetteerNotFound):
        Gazetteer.open(tmp_path / "nope.sqlite")


def test_unknown_or_unreadable_import_files(andorra, tmp_path):
    odd = tmp_path / "places.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(ImportFileError, match="unknown import format"):
        import_files(andorra, [odd])
    with pytest.raises(ImportFileError, match="not found"):
        import_files(andorra, [tmp_path / "missing.txt"])
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name,lat,lon\nK\xf6ln,50.9,6.9\n".encode("latin-1"))
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_files(andorra, [latin1])
