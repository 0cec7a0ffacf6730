"""``geomap geocode NAME...``: names to ranked places, like grep for places.

Exit status: 0 all found, 1 some name not found, 2 usage or input error.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import UsageError, at_least_one, common_options

NOT_FOUND_HINT = "not found (add it with `geomap gazetteer import FILE`: a GeoNames dump or your CSV)"


def register(sub) -> None:
    parser = sub.add_parser("geocode", parents=[common_options()], help="place names -> coordinates")
    parser.add_argument("names", nargs="*", metavar="NAME", help="names; none (or -) reads stdin, one per line")
    parser.add_argument("--file", type=Path, help="read names from FILE, one per line")
    parser.add_argument("--country", action="append", metavar="CC", help="restrict to ISO country code (repeatable)")
    parser.add_argument("--limit", type=int, default=1, metavar="K", help="candidates per name (default 1)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    from ..geocode.online import add_online_arguments

    add_online_arguments(parser)
    parser.set_defaults(func=run)


def _decode(data: bytes, where: str) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{where} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def read_names(args) -> list[str]:
    names = [n for n in args.names if n != "-"]
    if args.file is not None:
        try:
            names += _decode(args.file.read_bytes(), str(args.file))
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    if (not args.names and args.file is None) or "-" in args.names:
        if sys.stdin is None or (sys.stdin.isatty() and "-" not in args.names):
            raise UsageError("no names given (pass NAME..., --file FILE, or pipe names on stdin)")
        names += _decode(sys.stdin.buffer.read(), "stdin")
    if not names:
        raise UsageError("no names given")
    return names


def run(args) -> int:
    from ..geocode import check_name, rank_many
    from .common import open_gazetteer

    at_least_one(args.limit, "--limit")
    online, setup_problem = _online(args)
    try:
        names = read_names(args)
    except UsageError:
        if setup_problem:  # `--online NAME` took the name for a provider
            raise UsageError(setup_problem) from None
        raise
    for name in names:
        check_name(name)
    countries = frozenset(c.strip().upper() for c in args.country or []) or None
    with open_gazetteer(args) as gazetteer:
        ranked = rank_many(gazetteer, names, countries=countries)  # a file of names: read in batches
        results = [(name, places[: args.limit]) for name, places in zip(names, ranked)]
    if online:
        with online:
            results = _with_online(online, results, countries, args.limit)
        for line in online.report():
            print(f"geomap: warning: {line}", file=sys.stderr)
    (_print_json if args.json else _print_table)(results)
    if setup_problem:
        return 2
    return 1 if any(not places for _, places in results) else 0


def _online(args):
    """The online resolver if asked for, and its set-up problem (checked before any request)."""
    from ..geocode.online import resolver_from_args

    online = resolver_from_args(args)
    return online, online.check() if online else None


def _with_online(online, results, countries, limit: int):
    """Names the gazetteer cannot answer (nothing, or only fuzzy matches) go to
    the provider; its place comes first, the offline guesses after it."""
    from ..geocode.online import needs_online

    out = []
    for name, places in results:
        found = online.resolve(name, countries=countries) if needs_online(places) else None
        out.append((name, [found, *places][:limit] if found else places))
    return out


def _print_json(results) -> None:
    for query, places in results:
        if not places:
            print(json.dumps({"query": query, "found": False, "message": NOT_FOUND_HINT}, ensure_ascii=False))
        for rank_no, p in enumerate(places, start=1):
            row = {"query": query, "found": True, "rank": rank_no, **p.to_dict()}
            print(json.dumps(row, ensure_ascii=False))


def _print_table(results) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("query", "name", "country", "admin1", "kind", "lat", "lon", "population", "confidence", "id"):
        table.add_column(column, justify="right" if column in ("lat", "lon", "population", "confidence") else "left")
    for query, places in results:
        if not places:
            table.add_row(query, "[red]not found[/]", *[""] * 8)
        for p in places:
            table.add_row(query, p.name, p.country_code or "", p.admin1 or "", p.kind, f"{p.lat:.5f}",
                          f"{p.lon:.5f}", f"{p.population:,}", f"{p.confidence:.3f}" + ("~" if p.match == "fuzzy" else ""),
                          p.id)
    Console(width=None if sys.stdout.isatty() else 200, soft_wrap=True).print(table)
    if any(not places for _, places in results):
        print(f"hint: a name {NOT_FOUND_HINT}", file=sys.stderr)
