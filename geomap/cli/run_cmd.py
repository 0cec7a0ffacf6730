"""``geomap run``: the whole job in one command — articles -> events ->
map -> report, into ``output/``. With no INPUT it runs on the embedded
default, the seed article in ``data/``.

Each stage is the same subcommand a user can run alone (`geomap events`,
`geomap map`, `geomap report`), so ``run`` adds no behaviour of its own.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..atomic import check_output
from . import build_parser
from .common import UsageError, common_options

SEED = "serambinews_2020-10-01_karabakh.txt"


def register(sub) -> None:
    parser = sub.add_parser("run", parents=[common_options()],
                            help="articles -> events -> map + report in output/ (default: the seed article)")
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="as for `geomap events` (default: the seed article)")
    parser.add_argument("--outdir", "-o", type=Path, default=Path("output"), help="where to write (default: output/)")
    parser.add_argument("--tiles", default="OpenStreetMap.Mapnik", help="basemap provider, or none")
    parser.add_argument("--title", help="title of the map and report")
    from .inputs import add_input_arguments

    add_input_arguments(parser)
    parser.add_argument("--focus", metavar="PLACE",
                        help="the place the texts are about (an outlet's home region, e.g. \"Louisiana\"): "
                             "ambiguous small places follow it; a JSON Lines 'focus' field wins")
    parser.set_defaults(func=run)


def seed_article() -> Path:
    """The embedded default input: ``data/`` beside the package (source checkout)
    or in the current directory."""
    for folder in (Path(__file__).resolve().parents[2] / "data", Path.cwd() / "data"):
        if (folder / SEED).is_file():
            return folder / SEED
    raise UsageError(f"no INPUT given and the seed article data/{SEED} was not found")


def _stage(argv: list[str], common: list[str]) -> int:
    args = build_parser().parse_args(common + argv)
    return int(args.func(args) or 0)


def run(args) -> int:
    inputs = args.inputs or [str(seed_article())]
    title = args.title or (f"geomap: {Path(inputs[0]).stem}" if len(inputs) == 1 else "geomap events")
    out = args.outdir
    for name in ("events.geojson", "events.unresolved.csv", "map.html", "report.html"):
        check_output(out / name, make_folder=True)  # before the events stage reads anything
    common = (["--gazetteer", args.gazetteer] if getattr(args, "gazetteer", None) else []) + \
        (["--quiet"] if getattr(args, "quiet", False) else [])
    events = out / "events.geojson"
    reading = [part for flag in ("lang", "text_field", "date_field", "published", "focus") if getattr(args, flag, None)
               for part in (f"--{flag.replace('_', '-')}", getattr(args, flag))]
    status = _stage(["events", *inputs, "-o", str(events), *reading], common)
    if status > 1:
        return status
    _stage(["map", str(events), "-o", str(out / "map.html"), "--tiles", args.tiles, "--title", title], common)
    _stage(["report", str(events), "-o", str(out / "report.html"), "--tiles", args.tiles, "--title", title], common)
    print(f"open {out / 'map.html'} or {out / 'report.html'} in a browser", file=sys.stderr)
    return status
