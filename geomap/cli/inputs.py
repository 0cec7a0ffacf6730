"""The input options every command that reads articles shares (``parse``,
``events``, ``run``), and the one way their problems reach the terminal."""
from __future__ import annotations

import sys

from .common import UsageError


def add_input_arguments(parser, *, published: bool = True) -> None:
    """``--lang``, ``--text-field``, ``--date-field`` (and ``--published``)."""
    parser.add_argument("--lang", metavar="CODE", help="ISO 639-1 language of inputs without one (default: detect)")
    parser.add_argument("--text-field", metavar="NAME",
                        help="JSON Lines field / CSV column holding the text (default: text, body, content, article)")
    parser.add_argument("--date-field", metavar="NAME",
                        help="JSON Lines field / CSV column holding the article date (default: published, date, "
                             "pubDate, publish_date, datePublished, timestamp, created_at, seendate)")
    if published:
        parser.add_argument("--published", metavar="DATE",
                            help="article date for inputs whose metadata has none (default: read from the text)")


def read_options(args):
    """The :class:`~geomap.documents.ReadOptions` the arguments ask for."""
    from ..documents import ReadOptions

    for flag in ("text_field", "date_field"):
        value = getattr(args, flag, None)
        if value is not None and not value.strip():
            raise UsageError(f"--{flag.replace('_', '-')} needs a field name")
    return ReadOptions(lang=args.lang, published=getattr(args, "published", None), text_field=args.text_field,
                       date_field=args.date_field)


def check_inputs(names: list[str]) -> None:
    if names.count("-") > 1:
        raise UsageError("stdin (-) given more than once")
    if "-" in names and sys.stdin is None:
        raise UsageError("no stdin to read")


def undated_line(undated: int, total: int, args) -> str:
    """The one line saying how many documents have no date, and what to do about it."""
    fields = f"'{args.date_field}'" if getattr(args, "date_field", None) else \
        "published, date, pubDate, publish_date, datePublished, timestamp, created_at, seendate"
    return (f"{undated} of {total} documents have no article date (no date field: looked for {fields}; none in "
            "the text or file name either): their relative dates stay unknown (time_precision 4); "
            "give --date-field NAME or --published DATE")
