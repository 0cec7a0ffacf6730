"""Shared fixtures: a real default gazetteer (built once per code version,
cached under .geomap-test/) and tiny gazetteers built from real GeoNames
extracts in tests/data/ (see tests/data/README.md)."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property-based tests (tests/test_fuzz.py): a short run in CI, a longer one by hand.
# No deadline: the machine is shared and the first example loads the gazetteer.
_FUZZ = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("ci", max_examples=15, **_FUZZ)
settings.register_profile("dev", max_examples=100, **_FUZZ)
settings.load_profile(os.environ.get("GEOMAP_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# A suite started in the background (`nohup ... &`, some CI runners) inherits SIGINT ignored, and so
# would every geomap process the tests start and then interrupt; a handler here is reset to the default
# in those children, as a terminal's Ctrl-C would find them.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CACHE = ROOT / ".geomap-test"


def _build_fingerprint() -> str:
    """Changes whenever the build code or the gazetteer/ source files change."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "geomap" / "gazetteer").rglob("*.py")) + sorted((ROOT / "gazetteer").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test reads or writes the user's real geomap directory."""
    monkeypatch.setenv("GEOMAP_HOME", str(tmp_path / "geomap-home"))


@pytest.fixture(scope="session", autouse=True)
def _word_table() -> Path:
    """The fuzzy rule's word table (geomap/geocode/zipf.py), built by the real build code once
    under .geomap-test/ (about 15 s) and opened as this process's table, so no test's own
    GEOMAP_HOME builds it again; :func:`default_home` links it into the homes of `geomap`
    processes. (Building and rebuilding it are tested in tests/test_geocode_zipf.py.)"""
    from geomap.geocode.zipf import process_table

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GEOMAP_HOME", str(CACHE / "home"))
        return Path(process_table().path)


def _link_word_table(home: Path, table: Path) -> None:
    (home / "cache").mkdir(parents=True, exist_ok=True)
    (home / "cache" / table.name).symlink_to(table)


@pytest.fixture(scope="session")
def default_gazetteer_path() -> Path:
    """The real default gazetteer, built by the real build code (about 30 s once)."""
    from geomap.gazetteer.build import build_default

    path = CACHE / f"default-{_build_fingerprint()}.sqlite"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        for old in CACHE.glob("default-*.sqlite*"):  # with its -wal/-shm
            old.unlink()
        build_default(path, progress=False)
    return path


@pytest.fixture(scope="session")
def default_gazetteer(default_gazetteer_path):
    from geomap.gazetteer import Gazetteer

    with Gazetteer.open(default_gazetteer_path) as gazetteer:
        yield gazetteer


@pytest.fixture
def default_home(default_gazetteer_path, tmp_path, monkeypatch, _word_table) -> Path:
    """A GEOMAP_HOME whose default gazetteer is a private copy of the built one
    (a copy, so a test may import into it without touching the shared cache)."""
    home = tmp_path / "home-with-default"
    home.mkdir()
    _link_word_table(home, _word_table)
    shutil.copyfile(default_gazetteer_path, home / "gazetteer.sqlite")
    monkeypatch.setenv("GEOMAP_HOME", str(home))
    return home


@pytest.fixture
def andorra(tmp_path) -> Path:
    """A small real gazetteer: an empty one with the GeoNames Andorra extract imported, in its own
    folder (``tmp_path/gaz``) so tests can list ``tmp_path`` without its -wal/-shm files."""
    from geomap.gazetteer.build import create_empty
    from geomap.gazetteer.importer import import_files

    path = tmp_path / "gaz" / "ad.sqlite"
    create_empty(path)
    import_files(path, [DATA / "AD.txt"])
    return path
