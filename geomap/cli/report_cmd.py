"""``geomap report EVENTS -o output/report.html``: summary, map, event table, unresolved places in one file."""
from __future__ import annotations

import sys
from pathlib import Path

from .common import UsageError, add_table_options, at_least_one, common_options, read_table_from_args


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", parents=[common_options()], help="write a one-file HTML report with the map",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("events", metavar="EVENTS", help="events file (.geojson, .csv, .parquet)")
    parser.add_argument("-o", "--output", metavar="HTML", default="output/report.html",
                        help="report file to write (default: output/report.html)")
    parser.add_argument("--unresolved", metavar="CSV", type=Path,
                        help="unresolved mentions from `geomap events` (default: <EVENTS>.unresolved.csv if present)")
    add_table_options(parser)
    parser.set_defaults(func=run)


def read_unresolved(path: Path | None, events: str) -> list[tuple[str, int]]:
    """Counts of unresolved place texts from the events stage's CSV."""
    import csv
    from collections import Counter

    if path is None:
        events_path = Path(events)
        path = events_path.with_name(events_path.stem + ".unresolved.csv")
        if not path.is_file():
            return []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"cannot read unresolved places from {path}: {exc}") from None
    counts = Counter((row.get("place_text") or "").strip() for row in rows)
    counts.pop("", None)
    return list(counts.items())


def run(args) -> int:
    at_least_one(args.max_points, "--max-points")
    from ..atomic import check_output
    from ..maps.layer import parse_window, tile_provider
    from ..report import make_report, write_report

    from ..maps.ui_strings import ui_strings

    parse_window(args.window), tile_provider(args.tiles), ui_strings(args.ui_lang)  # bad options fail before a long read
    check_output(args.output, make_folder=True)
    table = read_table_from_args(args)
    page = make_report(table, title=args.title, window=args.window, tiles=args.tiles,
                       basemap=args.basemap, lang=args.ui_lang,
                       source_name=Path(args.events).name, max_points=args.max_points,
                       unresolved=read_unresolved(args.unresolved, args.events))
    path = write_report(page, args.output)
    if not getattr(args, "quiet", False):
        print(f"wrote {path} ({len(table.frame)} events, {path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    print(path)
    return 0
