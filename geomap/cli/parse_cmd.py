"""``geomap parse FILE...``: articles (text, HTML, JSON Lines, CSV, feeds, directories) -> place mentions.

Exit status: 0 every document parsed, 1 some document was reported and
skipped, 2 usage error or nothing could be parsed.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import (UsageError, at_least_one, check_focus, common_options, online_resolver, open_gazetteer,
                     output_stream, progress, skip_message)

FIELDS = ("doc_id", "start", "end", "text", "name", "lat", "lon", "id", "kind", "country_code", "admin1",
          "confidence", "reason", "resolved", "source")


def register(sub) -> None:
    parser = sub.add_parser("parse", parents=[common_options()], help="text -> place mentions (geoparsing)")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="text/HTML files, directories, JSON Lines (.jsonl), CSV, RSS/Atom feeds; - reads stdin")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help="one JSON object per mention (the default for -o *.jsonl / *.json)")
    out.add_argument("--geojson", action="store_true", help="one GeoJSON FeatureCollection (the default for -o *.geojson)")
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1)")
    parser.add_argument("--focus", metavar="PLACE",
                        help="the place the texts are about (an outlet's home region, e.g. \"Louisiana\"): "
                             "ambiguous small places follow it; a JSON Lines 'focus' field wins")
    parser.add_argument("--no-demonyms", dest="demonyms", action="store_false",
                        help="do not report demonyms (Russian, European) as mentions of their place")
    parser.add_argument("--output", "-o", type=Path, metavar="PATH", help="write to PATH (atomically) instead of stdout")
    from ..geocode.online import add_online_arguments
    from .inputs import add_input_arguments

    add_input_arguments(parser, published=False)
    add_online_arguments(parser)
    parser.set_defaults(func=run)


def documents(args, skipped: list):
    """Every document of every input, in order; each problem is one line on stderr, counted in ``skipped``."""
    from ..documents import read_inputs
    from .inputs import check_inputs, read_options

    check_inputs(args.files)

    def report(problem) -> None:
        skipped.append(problem)
        print(f"geomap: skipped {problem}", file=sys.stderr)

    return read_inputs(args.files, report, options=read_options(args))


#: The form an output file's suffix asks for when neither --json nor --geojson is given.
_SUFFIX_FORMS = {".jsonl": "json", ".ndjson": "json", ".json": "json", ".geojson": "geojson"}


def output_form(path: Path | None) -> str:
    """What ``-o parse.jsonl`` means without ``--json``: a user who names a JSON Lines or GeoJSON
    file wants that, not the terminal's table written into it; any other file gets the table."""
    return _SUFFIX_FORMS.get(path.suffix.lower(), "table") if path is not None else "table"


def mention_record(m) -> dict:
    return {field: getattr(m, field) for field in FIELDS}


def run(args) -> int:
    from ..geoparse.pipeline import iter_parse

    at_least_one(args.workers, "--workers")
    if args.output is not None:
        from ..atomic import check_output

        check_output(args.output)  # before the gazetteer loads and the texts are read
    failed = parsed = 0
    unreadable: list = []
    inputs = documents(args, unreadable)
    with open_gazetteer(args) as gazetteer, output_stream(args.output) as out, online_resolver(args, gazetteer) as online:
        check_focus(gazetteer, args.focus)
        writer = _Writer(out, "json" if args.json else "geojson" if args.geojson else output_form(args.output))
        with progress(None, args.quiet, "parsing") as advance:
            for result in iter_parse(inputs, gazetteer=gazetteer, workers=args.workers,
                                     demonyms=args.demonyms, online=online, focus=args.focus):
                advance()
                if result.mentions is None:
                    failed += 1
                    print(f"geomap: skipped {skip_message(result)}", file=sys.stderr)
                    continue
                parsed += 1
                writer.add(result.mentions)
        failed += len(unreadable)
        if not parsed:  # inside the output's block: a failed run leaves no (or the old) output
            raise UsageError(f"no document could be parsed ({failed} skipped)" if failed else "no document to parse")
        writer.close()
    return 1 if failed else 0


class _Writer:
    """Mentions to ``out`` as JSON Lines (streamed), GeoJSON or a table (at the end)."""

    def __init__(self, out, form: str):
        self.out, self.form, self.rows = out, form, []

    def add(self, mentions) -> None:
        if self.form == "json":
            for m in mentions:
                self.out.write(json.dumps(mention_record(m), ensure_ascii=False) + "\n")
        else:
            self.rows.extend(mentions)

    def close(self) -> None:
        if self.form == "geojson":
            features = [{"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [m.lon, m.lat]} if m.resolved else None,
                         "properties": mention_record(m)} for m in self.rows]
            json.dump({"type": "FeatureCollection", "features": features}, self.out, ensure_ascii=False)
            self.out.write("\n")
        elif self.form == "table":
            _table(self.rows, self.out)


def _table(mentions, out) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("doc", "span", "text", "place", "cc", "admin1", "kind", "lat", "lon", "conf", "reason"):
        table.add_column(column, justify="right" if column in ("lat", "lon", "conf") else "left")
    for m in mentions:
        place = escape(m.name) if m.resolved else "[yellow]unresolved[/]"
        table.add_row(escape(m.doc_id), f"{m.start}-{m.end}", escape(m.text), place, m.country_code or "",
                      escape(m.admin1 or ""), m.kind or "", f"{m.lat:.4f}" if m.resolved else "",
                      f"{m.lon:.4f}" if m.resolved else "", f"{m.confidence:.2f}", escape(m.reason))
    Console(file=out, width=None if out.isatty() else 220, soft_wrap=True).print(table)
