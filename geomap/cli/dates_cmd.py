"""``geomap dates INPUT...``: every date expression of each article, with its value.

Reads the same inputs as ``geomap events``, through :mod:`geomap.documents`
(text and HTML files, directories, JSON Lines and CSV with ``id``, ``text``,
``published``, ``lang``, RSS/Atom feeds; ``-`` for stdin). Prints one tab-separated line per date expression
(``doc_id start end value precision resolved_by text``), or JSON Lines with
``--json``. Exit status: 0 all read, 1 some input was reported and skipped,
2 usage error or nothing could be read.
"""
from __future__ import annotations

import json
import sys

from .common import UsageError, common_options

FIELDS = ("doc_id", "start", "end", "value", "precision", "resolved_by", "text")


def register(sub) -> None:
    parser = sub.add_parser("dates", parents=[common_options()], help="articles -> date expressions with ISO values")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="text/HTML files, directories, JSON Lines (.jsonl), CSV, RSS/Atom feeds; - reads stdin")
    from .inputs import add_input_arguments

    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per date expression")
    parser.set_defaults(func=run)


def _documents(args, report):
    """The documents of every INPUT, as ``geomap events`` reads them (geomap.documents)."""
    from ..documents import read_inputs
    from .inputs import read_options

    yield from read_inputs(args.inputs, report, options=read_options(args))


def _base(doc, report):
    """The article date: the document's metadata or ``--published`` (else find_dates reads
    the text, then the file name's date)."""
    from ..dates.published import parse_published
    from ..errors import InvalidDate

    try:
        return parse_published(doc.published)
    except InvalidDate:
        report(doc.problem(f"published date {doc.published!r} is not a real date; ignored", "warning"))
        return None


def run(args) -> int:
    from ..dates import find_dates
    from ..dates.published import parse_published
    from ..errors import InputError, InvalidDate
    from .inputs import check_inputs

    check_inputs(args.inputs)
    if args.published:
        try:
            parse_published(args.published)
        except InvalidDate:
            raise UsageError(f"--published {args.published!r} is not a date") from None
    counts = {"error": 0, "warning": 0, "documents": 0, "dates": 0}

    def report(problem) -> None:
        counts[problem.level] += 1
        print(f"geomap: {problem.level}: {problem}", file=sys.stderr)

    out = sys.stdout
    if not args.json:
        print("\t".join(FIELDS), file=out)
    for doc in _documents(args, report):
        counts["documents"] += 1
        for mention in find_dates(doc.text, published=_base(doc, report), lang=doc.lang, hint=doc.date_hint):
            row = {"doc_id": doc.doc_id, **mention.to_dict()}
            counts["dates"] += 1
            if args.json:
                print(json.dumps(row, ensure_ascii=False), file=out)
            else:
                print("\t".join("" if row[k] is None else " ".join(str(row[k]).split()) for k in FIELDS), file=out)
    if counts["documents"] == 0:
        raise InputError("no document could be read")
    if not args.quiet:
        print(f"geomap: {counts['documents']} documents, {counts['dates']} date expressions, "
              f"{counts['error']} errors, {counts['warning']} warnings", file=sys.stderr)
    return 1 if counts["error"] else 0
