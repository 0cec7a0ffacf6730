"""Helpers every subcommand shares: common options, the gazetteer the user
chose, progress bars, atomic output, the ``--online`` resolver.

Subcommand modules import from here, never from one another.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError

__all__ = ["UsageError", "add_table_options", "at_least_one", "common_options", "online_resolver", "open_gazetteer",
           "output_stream", "progress", "read_table_from_args", "skip_message", "stdin_at_most_once"]


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts after its name too (``geomap geocode --gazetteer X``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--gazetteer", metavar="PATH", default=argparse.SUPPRESS,
                        help="gazetteer file (default: the per-user one, built on first use)")
    common.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS,
                        help="no progress bars")
    return common


def at_least_one(value: int | None, flag: str) -> None:
    """The one check (and message) for a count option: ``--workers``, ``--limit``, ``--max-points``."""
    if value is not None and value < 1:
        raise UsageError(f"{flag} must be at least 1, not {value}")


def stdin_at_most_once(inputs: list[str]) -> None:
    """``-`` (stdin) can be read only once per run."""
    if inputs.count("-") > 1:
        raise UsageError("stdin (-) given more than once")


def open_gazetteer(args):
    """The gazetteer the user chose (``--gazetteer``) or the default one, as
    one snapshot: a run sees all of an import that commits meanwhile, or none."""
    from ..gazetteer import Gazetteer

    return Gazetteer.open(args.gazetteer, progress=not args.quiet, snapshot=True)


@contextmanager
def progress(total: int | None, quiet: bool, label: str):
    """A rich progress bar on stderr, shown only once a batch has run for a second."""
    started = time.monotonic()
    state: dict = {"bar": None, "done": 0}

    def advance(n: int = 1) -> None:
        state["done"] += n
        if quiet or not sys.stderr.isatty() and not os.environ.get("GEOMAP_PROGRESS"):
            return
        if state["bar"] is None and time.monotonic() - started > 1.0:
            from rich.console import Console
            from rich.progress import Progress

            state["bar"] = Progress(console=Console(stderr=True), transient=True)
            state["bar"].start()
            state["task"] = state["bar"].add_task(label, total=total, completed=state["done"])
        elif state["bar"] is not None:
            state["bar"].update(state["task"], completed=state["done"])

    try:
        yield advance
    finally:
        if state["bar"] is not None:
            state["bar"].stop()


@contextmanager
def output_stream(path: Path | None):
    """stdout, or a temporary file next to ``path`` renamed over it on success."""
    if path is None:
        yield sys.stdout
        return
    from ..atomic import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as handle:
        yield handle


def skip_message(result) -> str:
    """One line naming the document once."""
    error = " ".join(str(result.error).split())
    return error if error.startswith(result.doc_id) else f"{result.doc_id}: {error}"


@contextmanager
def online_resolver(args, gazetteer):
    """The ``--online`` resolver (None when off); its problems end as warnings on stderr."""
    from ..geocode.online import resolver_from_args

    online = resolver_from_args(args, gazetteer_path=gazetteer.path)
    try:
        yield online
    finally:
        if online is not None:
            online.close()
            for line in online.report():
                print(f"geomap: warning: {line}", file=sys.stderr)


def add_table_options(parser) -> None:
    """Options shared with ``geomap report``: which columns, window, tiles, title."""
    group = parser.add_argument_group("columns (default: the events-stage names, then lat/latitude/y, lon/lng/x, date...)")
    group.add_argument("--lat", metavar="COL", help="latitude column")
    group.add_argument("--lon", metavar="COL", help="longitude column")
    group.add_argument("--date", metavar="COL", help="date (or start date) column")
    group.add_argument("--date-end", metavar="COL", help="end date column")
    group.add_argument("--type-col", metavar="COL", help="event type column (colours and legend)")
    parser.add_argument("--window", default="cumulative", help="time window shown at once: 7D, 2W, 1M, 1Y or cumulative (default)")
    parser.add_argument("--tiles", default="OpenStreetMap.Mapnik",
                        help="basemap: an xyzservices provider (e.g. Esri.WorldGrayCanvas, OpenTopoMap) or 'none' (default: OpenStreetMap.Mapnik)")
    parser.add_argument("--title", help="title shown on the map")
    parser.add_argument("--historical", action="store_true",
                        help="show events more than a year before their article from the start (else the map's \"historical\" switch shows them)")
    parser.add_argument("--no-basemap", dest="basemap", action="store_false",
                        help="leave out the embedded offline basemap (Natural Earth countries, about 0.4 MB)")
    parser.add_argument("--ui-lang", default="en", metavar="CODE",
                        help="language of the map's own words: en (default) or es")
    parser.add_argument("--max-points", type=int, default=None, metavar="N",
                        help="aggregate per cell and day above N events (default 200000)")


def read_table_from_args(args):
    """The EventTable the options describe; skipped rows are reported on stderr."""
    from ..maps import ColumnNames, read_events

    columns = ColumnNames(lat=args.lat, lon=args.lon, date=args.date, date_end=args.date_end, event_type=args.type_col)
    table = read_events(args.events, columns=columns, historical=getattr(args, "historical", False))
    if message := table.skipped_message():
        print(f"geomap: warning: {message}", file=sys.stderr)
    if len(table.frame) == 0:
        print("geomap: warning: no events to draw (no row has both coordinates and a date); "
              "the map will be empty", file=sys.stderr)
    return table


def check_focus(gazetteer, focus: str | None) -> None:
    """A ``--focus`` the gazetteer does not know is an input error, said once, before any work."""
    if focus is not None:
        from ..geoparse.core import given_focus

        given_focus(gazetteer, focus)
