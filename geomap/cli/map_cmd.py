"""``geomap map EVENTS -o output/map.html``: a self-contained interactive map.

With ``--embed``, EVENTS is an existing map or report HTML file and an
``<iframe>`` snippet that shows it is printed instead.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from . import UsageError, common_options


def register(subparsers) -> None:
    parser = subparsers.add_parser("map", parents=[common_options()], help="draw events on a self-contained HTML map",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("events", metavar="EVENTS", help="events file (.geojson, .csv, .parquet) or, with --embed, an HTML file")
    parser.add_argument("-o", "--output", metavar="HTML", default="output/map.html", help="map file to write (default: output/map.html)")
    add_table_options(parser)
    parser.add_argument("--embed", action="store_true", help="print an <iframe> snippet for the existing HTML file EVENTS")
    parser.add_argument("--srcdoc", action="store_true", help="with --embed: put the whole page in the snippet (srcdoc)")
    parser.set_defaults(func=run)


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
    table = read_events(args.events, columns=columns)
    if message := table.skipped_message():
        print(f"geomap: warning: {message}", file=sys.stderr)
    if len(table.frame) == 0:
        print("geomap: warning: no events to draw (no row has both coordinates and a date); "
              "the map will be empty", file=sys.stderr)
    return table


def run(args) -> int:
    if args.embed:
        print(embed_snippet(Path(args.events), srcdoc=args.srcdoc))
        return 0
    if args.srcdoc:
        raise UsageError("--srcdoc goes with --embed")
    if args.max_points is not None and args.max_points < 1:
        raise UsageError("--max-points must be at least 1")
    from ..maps import make_map, write_html
    from ..maps.layer import parse_window, tile_provider

    from ..maps.ui_strings import ui_strings

    parse_window(args.window), tile_provider(args.tiles), ui_strings(args.ui_lang)  # bad options fail before a long read
    table = read_table_from_args(args)
    folium_map = make_map(table, window=args.window, tiles=args.tiles, title=args.title, max_points=args.max_points,
                          basemap=args.basemap, lang=args.ui_lang)
    path = write_html(folium_map, args.output)
    if not getattr(args, "quiet", False):
        print(f"wrote {path} ({len(table.frame)} events, {path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    print(path)
    return 0


def embed_snippet(path: Path, *, srcdoc: bool = False, height: str = "600") -> str:
    """An ``<iframe>`` showing an existing geomap HTML file (by relative link, or inline)."""
    from ..errors import ImportFileError

    if path.suffix.lower() not in (".html", ".htm"):
        raise ImportFileError(f"--embed needs an HTML map or report, not {path.name}")
    if not path.is_file():
        raise ImportFileError(f"no such HTML file: {path}")
    attrs = (f'width="100%" height="{height}" style="border:0" loading="lazy" title="geomap: {html.escape(path.stem)}" '
             'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"')
    if srcdoc:
        return f'<iframe srcdoc="{html.escape(path.read_text("utf-8"), quote=True)}" {attrs}></iframe>'
    return f'<iframe src="{html.escape(path.name, quote=True)}" {attrs}></iframe>'
