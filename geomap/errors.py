"""One exception tree for geomap.

Every error a user can cause derives from :class:`GeomapError` *and* from the
matching builtin, so callers may catch either. The CLI prints ``str(error)``
as one line and exits with :attr:`GeomapError.exit_code`.
"""
from __future__ import annotations


class GeomapError(Exception):
    """Base of every error geomap raises on purpose."""

    exit_code = 2


class InputError(GeomapError, ValueError):
    """Bad user input: an empty name, a malformed file, an impossible value."""


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer could not be opened, built or changed."""


class GazetteerNotFound(GazetteerError, FileNotFoundError):
    """A gazetteer file that was asked for by path does not exist."""


class GazetteerCorrupt(GazetteerError):
    """A file exists but is not a geomap gazetteer (or is damaged)."""


class ImportFileError(GeomapError, OSError):
    """An import file is missing, unreadable or in an unknown format."""


class UsageError(InputError):
    """Bad command-line arguments (a flag out of range, flags that exclude each other)."""


class InvalidDate(InputError):
    """A date expression that names no real day (31/02/2020, year 20200)."""


class LanguageDataError(GeomapError, LookupError):
    """A language has no data file, or its data file is malformed.

    A :class:`LookupError` (the parent of ``KeyError``) so a caller can fall
    back to another language; its message is the plain sentence, not a repr.
    """


def gazetteer_not_found(path, hint: str = "") -> GazetteerNotFound:
    """The one error (class and message) for a gazetteer path that is not a file."""
    return GazetteerNotFound(f"gazetteer file not found: {path}" + (f" ({hint})" if hint else ""))


class GazetteerBusy(GazetteerError):
    """Another process holds the gazetteer's write lock (an import is running) past the wait."""


class BadRowsError(InputError):
    """An import file has invalid rows; ``lines`` names each (``file:row: reason``)
    and nothing of the file was stored."""

    def __init__(self, message: str, lines: list[str]):
        super().__init__(message)
        self.lines = lines


class OutputError(GeomapError, OSError):
    """An output path cannot be written (a directory, a missing or read-only folder).
    The message names the user's path, never a temporary file."""
