"""A default gazetteer made by an older build of geomap is built again when opened; one that
holds the user's imports, or was made empty, is kept (rebuilding would lose what they hold)."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from geomap.gazetteer import Gazetteer
from geomap.gazetteer.paths import default_gazetteer_path as per_user_path
from geomap.gazetteer.recipe import recipe, stale

pytestmark = pytest.mark.integration


def _as_if_built_long_ago(path, **meta) -> None:
    with sqlite3.connect(path) as conn:
        for key, value in {"built": "2000-01-01T00:00:00+00:00", "recipe": "an-old-recipe", **meta}.items():
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def test_a_current_build_is_not_stale(default_gazetteer):
    assert default_gazetteer.meta["recipe"] == recipe() and not stale(default_gazetteer.meta)


def test_an_older_default_build_is_built_again_when_opened(default_gazetteer_path, capsys):
    target = per_user_path()  # GEOMAP_HOME is this test's own folder
    target.parent.mkdir(parents=True)
    shutil.copy(default_gazetteer_path, target)
    _as_if_built_long_ago(target)
    with Gazetteer.open() as gazetteer:
        assert gazetteer.meta["recipe"] == recipe() and gazetteer.meta["built"] > "2000"
        assert gazetteer.lookup("Martakert")
    assert "built by an older geomap" in capsys.readouterr().err


@pytest.mark.parametrize("meta", [{"imports": "2026-01-01 places.csv: 3 places"}, {"sources": "empty"}])
def test_a_gazetteer_with_imports_or_made_empty_is_kept(default_gazetteer_path, meta):
    target = per_user_path()
    target.parent.mkdir(parents=True)
    shutil.copy(default_gazetteer_path, target)
    _as_if_built_long_ago(target, **meta)
    with Gazetteer.open() as gazetteer:
        assert gazetteer.meta["recipe"] == "an-old-recipe"


def test_an_older_build_that_cannot_be_rebuilt_still_answers(default_gazetteer_path, tmp_path, monkeypatch, capsys):
    """The build's source folder is damaged (only ``countryInfo.txt`` left): the rebuild fails, one
    warning says so, and the old file answers."""
    from geomap.gazetteer.paths import sources_dir

    target = per_user_path()
    target.parent.mkdir(parents=True)
    shutil.copy(default_gazetteer_path, target)
    _as_if_built_long_ago(target)
    damaged = tmp_path / "sources"
    damaged.mkdir()
    shutil.copy(sources_dir() / "countryInfo.txt", damaged / "countryInfo.txt")
    monkeypatch.setenv("GEOMAP_SOURCES", str(damaged))
    with Gazetteer.open() as gazetteer:
        assert gazetteer.lookup("Martakert") and gazetteer.meta["recipe"] == "an-old-recipe"
    assert "could not rebuild" in capsys.readouterr().err
    assert not list(target.parent.glob("*.building"))


def test_a_log_of_the_old_file_is_not_replayed_onto_the_new_one(default_gazetteer_path, capsys):
    """Another process has the old default gazetteer open with a change in its -wal not yet
    written back (an import, a writer killed mid-way) when a newer geomap rebuilds it: SQLite would
    replay that log onto the new file, which then answered with the old file's pages (its old recipe
    among them: rebuilt again on every open)."""
    target = per_user_path()
    target.parent.mkdir(parents=True)
    shutil.copy(default_gazetteer_path, target)
    other = sqlite3.connect(target)
    other.execute("PRAGMA wal_autocheckpoint = 0")  # the change stays in the -wal while it is open
    other.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                      [("recipe", "an-old-recipe"), ("built", "2000-01-01T00:00:00+00:00")])
    other.commit()
    try:
        with Gazetteer.open() as gazetteer:
            assert gazetteer.meta["recipe"] == recipe() and gazetteer.lookup("Martakert")
    finally:
        other.close()
    with Gazetteer.open() as again:
        assert again.meta["recipe"] == recipe()
    assert capsys.readouterr().err.count("built by an older geomap") == 1
