"""``geomap map EVENTS -o output/map.html``: a self-contained interactive map.

With ``--embed``, EVENTS is an existing map or report HTML file and an
``<iframe>`` snippet that shows it is printed instead.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from .common import UsageError, add_table_options, at_least_one, common_options, read_table_from_args


def register(subparsers) -> None:
    parser = subparsers.add_parser("map", parents=[common_options()], help="draw events on a self-contained HTML map",
                                   description=__doc__.splitlines()[0])
    parser.add_argument("events", metavar="EVENTS", help="events file (.geojson, .csv, .parquet) or, with --embed, an HTML file")
    parser.add_argument("-o", "--output", metavar="HTML", default="output/map.html", help="map file to write (default: output/map.html)")
    add_table_options(parser)
    parser.add_argument("--embed", action="store_true", help="print an <iframe> snippet for the existing HTML file EVENTS")
    parser.add_argument("--srcdoc", action="store_true", help="with --embed: put the whole page in the snippet (srcdoc)")
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.embed:
        print(embed_snippet(Path(args.events), srcdoc=args.srcdoc))
        return 0
    if args.srcdoc:
        raise UsageError("--srcdoc goes with --embed")
    at_least_one(args.max_points, "--max-points")
    from ..atomic import check_output
    from ..maps import make_map, write_html
    from ..maps.layer import parse_window, tile_provider

    from ..maps.ui_strings import ui_strings

    parse_window(args.window), tile_provider(args.tiles), ui_strings(args.ui_lang)  # bad options fail before a long read
    check_output(args.output, make_folder=True)
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
