"""``geomap gazetteer build|info|import|cache``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import gazetteer_not_found
from .common import UsageError, common_options


def register(sub) -> None:
    parser = sub.add_parser("gazetteer", help="build, inspect or extend the offline gazetteer")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", parents=[common_options()], help="build the default gazetteer")
    build.add_argument("--force", action="store_true", help="rebuild even if it exists")
    build.add_argument("--empty", action="store_true", help="create an empty gazetteer (only your imports)")
    build.set_defaults(func=run_build)
    info = actions.add_parser("info", parents=[common_options()], help="sources, counts, version and hash")
    info.add_argument("--json", action="store_true", help="print JSON")
    info.set_defaults(func=run_info)
    imp = actions.add_parser("import", parents=[common_options()],
                             help="add GeoNames dumps (.txt/.zip, alternateNames) or your CSV/GeoJSON places")
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE")
    imp.add_argument("--from-cache", action="store_true",
                     help="also add the online answers (hits) kept in the online cache")
    imp.set_defaults(func=run_import)
    _register_cache(actions)


def _register_cache(actions) -> None:
    cache = actions.add_parser("cache", help="list, export or clear the online answers kept beside the gazetteer")
    what = cache.add_subparsers(dest="cache_action", metavar="ACTION", required=True)
    listing = what.add_parser("list", parents=[common_options()], help="one line per cached answer")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    export = what.add_parser("export", parents=[common_options()],
                             help="CSV of the hits (importable) or JSON lines of every answer")
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write FILE (default stdout)")
    clear = what.add_parser("clear", parents=[common_options()], help="forget answers (all, or those named)")
    clear.add_argument("queries", nargs="*", metavar="NAME", help="only the answers for these names")
    for sub in (listing, export, clear):
        sub.add_argument("--provider", metavar="NAME", help="only this provider's answers")
        sub.add_argument("--misses", action="store_true", help="only answers that found nothing")
        sub.add_argument("--hits", action="store_true", help="only answers that found a place")
        sub.set_defaults(func=run_cache)


def _target(args) -> Path:
    from ..gazetteer import default_gazetteer_path

    return Path(args.gazetteer) if getattr(args, "gazetteer", None) else default_gazetteer_path()


def run_build(args) -> int:
    from ..gazetteer.build import build_default, create_empty

    from ..atomic import check_output

    path = check_output(_target(args), make_folder=True)  # before the minute-long build
    if path.exists() and not args.force:
        print(f"gazetteer already built: {path} (use --force to rebuild)", file=sys.stderr)
        return 0
    meta = create_empty(path) if args.empty else build_default(path, progress=not args.quiet)
    print(f"built {path}: {meta['places']} places, {meta['names']} names, hash {meta['content_hash']}",
          file=sys.stderr)
    return 0


def run_info(args) -> int:
    from .common import open_gazetteer

    with open_gazetteer(args) as gazetteer:
        info = gazetteer.info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    for key in ("path", "built", "modified", "content_hash", "places", "names", "places_by_kind",
                "points_by_source", "sources", "point_policy", "imports"):
        value = info.get(key, "")
        if key == "point_policy":
            value = "\n  ".join([""] + value.split(" | "))
        elif key == "imports":
            value = "\n  ".join([""] + value.splitlines()) if value else "none"
        print(f"{key}: {value}")
    return 0


def run_import(args) -> int:
    from ..gazetteer import Gazetteer

    if not args.files and not args.from_cache:
        raise UsageError("nothing to import: give FILE... or --from-cache")
    path = _target(args)
    if not path.exists():
        if getattr(args, "gazetteer", None):
            raise gazetteer_not_found(path)
        Gazetteer.open(progress=not args.quiet).close()  # first use: build the default
    results = _import(path, args.files) if args.files else []
    if args.from_cache:
        _import_from_cache(path)
    for r in results:
        print(f"{r.file}: {r.kind}, {r.rows} rows, +{r.places_added} places, +{r.names_added} names"
              + (f", {r.skipped} rows skipped (links, codes, historic names or places not in the gazetteer)" if r.skipped else ""),
              file=sys.stderr)
    return 0


def _waiting(line: str) -> None:
    print(f"geomap: {line}", file=sys.stderr)


def _import(path: Path, files: list[Path]):
    """Import, printing every bad row of a refused file on its own line."""
    from ..errors import BadRowsError
    from ..gazetteer.importer import import_files

    try:
        return import_files(path, files, on_wait=_waiting)
    except BadRowsError as exc:
        for line in exc.lines:
            print(f"geomap: error: {line}", file=sys.stderr)
        raise


def _import_from_cache(path: Path) -> None:
    from ..geocode.online import OnlineCache, cache_path_for, promote

    with OnlineCache(cache_path_for(path)) as cache:
        if not cache.path.is_file():
            raise UsageError(f"no online cache beside the gazetteer ({cache.path}); run with --online first")
        result = promote(cache, path, on_wait=_waiting)
    print(f"{cache.path}: {result.answers} online answers, +{result.places_added} places, "
          f"+{result.names_added} names", file=sys.stderr)


def run_cache(args) -> int:
    from ..geocode.online import OnlineCache, cache_path_for, export_text
    from ..geocode.online.promote import write_atomically

    if args.hits and args.misses:
        raise UsageError("--hits and --misses exclude each other")
    found = True if args.hits else False if args.misses else None
    queries = getattr(args, "queries", None) or None
    if getattr(args, "output", None):
        from ..atomic import check_output

        check_output(args.output)
    with OnlineCache(cache_path_for(_target(args))) as cache:
        if args.cache_action == "clear":
            removed = cache.clear(provider=args.provider, found=found, queries=queries)
            print(f"removed {removed} answers from {cache.path}", file=sys.stderr)
            return 0
        answers = list(cache.answers(provider=args.provider, found=found))
        hits, misses = cache.counts()
    if args.cache_action == "export":
        text = export_text(answers, args.format)
        if args.output:
            write_atomically(args.output, text)
        else:
            sys.stdout.write(text)
    elif args.json:
        for answer in answers:
            print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        for a in answers:
            p = a.place
            where = f"{p.name}\t{p.country_code or ''}\t{p.lat:.5f}\t{p.lon:.5f}\t{p.id}" if p else "not found\t\t\t\t"
            print(f"{a.provider}\t{a.query}\t{a.countries}\t{where}\t{a.asked_at}")
    print(f"{cache.path}: {hits} hits, {misses} misses", file=sys.stderr)
    return 0
