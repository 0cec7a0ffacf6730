"""``geomap dates INPUT...``: every date expression of each article, with its value.

Reads the same inputs as ``geomap events`` (text and HTML files, directories,
JSON Lines with ``id``, ``text``, ``published``, ``lang``, RSS/Atom feeds;
``-`` for stdin). Prints one tab-separated line per date expression
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
                        help="text/HTML files, directories, JSON Lines (.jsonl), RSS/Atom feeds; - reads stdin")
    parser.add_argument("--published", metavar="DATE",
                        help="article date for inputs whose metadata has none (default: read from the text)")
    parser.add_argument("--lang", metavar="CODE", help="ISO 639-1 language of inputs without one (default: detect)")
    parser.add_argument("--json", action="store_true", help="JSON Lines, one object per date expression")
    parser.set_defaults(func=run)


def _documents(args, report):
    from ..errors import InputError
    from ..events.model import Problem
    from ..events.readers import article_document, read_inputs

    for name in args.inputs:
        if name == "-":
            try:
                yield article_document(sys.stdin.buffer.read(), "stdin", "stdin", lang=args.lang)
            except InputError as exc:
                report(Problem("stdin", str(exc).removeprefix("stdin: ")))
        else:
            yield from read_inputs([name], report, lang=args.lang)


def _base(doc, args, report):
    """The article date: the document's metadata, else ``--published`` (else find_dates reads
    the text, then the file name's date)."""
    from ..dates.published import parse_published
    from ..dates.resolve import InvalidDate
    from ..events.model import Problem

    for value in (doc.published, args.published):
        try:
            found = parse_published(value)
        except InvalidDate:
            report(Problem(doc.origin or doc.doc_id, f"published date {value!r} is not a real date; ignored",
                           "warning"))
            continue
        if found is not None:
            return found
    return None


def run(args) -> int:
    from ..dates import find_dates
    from ..dates.published import parse_published
    from ..dates.resolve import InvalidDate
    from ..errors import InputError

    if args.inputs.count("-") > 1:
        raise UsageError("stdin (-) given more than once")
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
        for mention in find_dates(doc.text, published=_base(doc, args, report), lang=doc.lang, hint=doc.date_hint):
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
