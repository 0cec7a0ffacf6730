"""``geomap gazetteer build|info|import``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from . import UsageError, common_options


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
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.set_defaults(func=run_import)


def _target(args) -> Path:
    from ..gazetteer import default_gazetteer_path

    return Path(args.gazetteer) if getattr(args, "gazetteer", None) else default_gazetteer_path()


def run_build(args) -> int:
    from ..gazetteer.build import build_default, create_empty

    path = _target(args)
    if path.exists() and not args.force:
        print(f"gazetteer already built: {path} (use --force to rebuild)", file=sys.stderr)
        return 0
    meta = create_empty(path) if args.empty else build_default(path, progress=not args.quiet)
    print(f"built {path}: {meta['places']} places, {meta['names']} names, hash {meta['content_hash']}",
          file=sys.stderr)
    return 0


def run_info(args) -> int:
    from . import open_gazetteer

    with open_gazetteer(args) as gazetteer:
        info = gazetteer.info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    for key in ("path", "built", "modified", "content_hash", "places", "names", "places_by_kind",
                "sources", "point_policy", "imports"):
        value = info.get(key, "")
        if key == "point_policy":
            value = "\n  ".join([""] + value.split(" | "))
        elif key == "imports":
            value = "\n  ".join([""] + value.splitlines()) if value else "none"
        print(f"{key}: {value}")
    return 0


def run_import(args) -> int:
    from ..gazetteer import Gazetteer
    from ..gazetteer.importer import import_files

    path = _target(args)
    if not path.exists():
        if getattr(args, "gazetteer", None):
            raise UsageError(f"gazetteer file not found: {path}")
        Gazetteer.open(progress=not args.quiet).close()  # first use: build the default
    results = import_files(path, args.files)
    for r in results:
        print(f"{r.file}: {r.kind}, {r.rows} rows, +{r.places_added} places, +{r.names_added} names"
              + (f", {r.skipped} rows skipped (links, codes, historic names or places not in the gazetteer)" if r.skipped else ""),
              file=sys.stderr)
    return 0
