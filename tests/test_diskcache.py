"""The per-user caches: a first run that builds one says so on a terminal, never in a pipe."""
from __future__ import annotations

import io

from geomap.gazetteer.diskcache import cached


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_building_a_cache_is_announced_on_a_terminal_once(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_HOME", str(tmp_path))
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cached(lambda: [1, 2], "test-table", "v1", announce="the test table") == [1, 2]
    assert cached(lambda: [3], "test-table", "v1", announce="the test table") == [1, 2]  # reused, silent
    assert terminal.getvalue().count("making the test table") == 1


def test_building_a_cache_is_silent_in_a_pipe(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("GEOMAP_HOME", str(tmp_path))
    assert cached(lambda: {"a": 1}, "test-table", "v2", announce="the test table") == {"a": 1}
    assert capsys.readouterr().err == ""
