"""The ``geomap`` command: a thin shell over the library.

Data goes to stdout, progress and messages to stderr. Every error a user
can cause ends as one line on stderr and a non-zero exit status, never a
traceback (set ``GEOMAP_DEBUG=1`` to see one).
"""
from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
import warnings
from contextlib import contextmanager

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


#: Set when SIGTERM arrived: it is raised as KeyboardInterrupt, so every
#: ``finally`` and abort runs as for Ctrl-C and no ``.part`` file stays.
_terminated = False


def _on_sigterm(signum, frame) -> None:
    global _terminated
    _terminated = True
    raise KeyboardInterrupt("terminated")


def _plain_sigterm_in_child() -> None:
    """A forked worker dies on SIGTERM at once, as before (``Pool.terminate``
    relies on it; a Python-level handler could not run in a worker stuck in C)."""
    if signal.getsignal(signal.SIGTERM) is _on_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_plain_sigterm_in_child)


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning (geopandas, pyogrio) as one geomap line, not raw source lines."""
    print(f"geomap: warning: {' '.join(str(message).split())}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    with _terminal_handlers():
        return _run(args)


@contextmanager
def _terminal_handlers():
    """SIGTERM cleans up like Ctrl-C; library warnings print as one line.
    Both restored afterwards (``main`` is also called in-process)."""
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    show = warnings.showwarning
    warnings.showwarning = _one_line_warning
    try:
        yield
    finally:
        warnings.showwarning = show
        if main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args) -> int:
    from ..errors import GeomapError

    try:
        return int(args.func(args) or 0)
    except GeomapError as exc:
        return _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _fail("terminated", 143) if _terminated else _fail("interrupted", 130)
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
