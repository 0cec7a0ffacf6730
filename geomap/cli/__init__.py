"""The ``geomap`` command: a thin shell over the library.

Data goes to stdout, progress and messages to stderr. Every error a user
can cause ends as one line on stderr and a non-zero exit status, never a
traceback (set ``GEOMAP_DEBUG=1`` to see one).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .common import UsageError, common_options, open_gazetteer

__all__ = ["UsageError", "build_parser", "common_options", "main", "open_gazetteer"]

#: Subcommand modules, in help order; each has ``register(subparsers)``.
COMMANDS = ("gazetteer_cmd", "geocode_cmd", "parse_cmd", "eval_cmd", "events_cmd",
            "map_cmd", "report_cmd", "run_cmd")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geomap", description="News text in any language -> places, dated events and maps, offline.")
    parser.add_argument("--gazetteer", metavar="PATH", help="gazetteer file (default: the per-user one, built on first use)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bars")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from ..errors import GeomapError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except GeomapError as exc:
        return _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), 2)
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}): {exc}", 3)


def _fail(message: str, code: int) -> int:
    first = " ".join(str(message).split())
    print(f"geomap: error: {first}", file=sys.stderr)
    return code
