"""The records every stage shares for input: one :class:`Document`, one
:class:`Problem`, the reading options, and the limits.

Documents enter geomap only through :mod:`geomap.documents`, so ``parse``,
``events``, ``eval``, ``run`` and the Dask engine read the same file the
same way: same ids, same text, same metadata, same problems.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import InputError

#: The longest document processed, in characters (a news article is tens of
#: thousands; a longer text is refused with one line naming it: split it).
MAX_CHARS = 10_000_000
#: A file read as one article, or one JSON Lines / CSV record, is at most this
#: many bytes (4 bytes per character is the UTF-8 worst case).
MAX_RECORD_BYTES = 4 * MAX_CHARS
#: Feeds are parsed whole, so they are bounded too.
MAX_FEED_BYTES = 100_000_000


class DocumentError(InputError):
    """One document of a batch cannot be read or processed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article, with the metadata its source gave.

    ``published`` is the article date as the source wrote it (ISO 8601, RFC
    822, words, GDELT's ``20201001T120000Z`` already turned into ISO) and
    ``published_source`` where it came from (the field name, ``html``,
    ``--published``), so a date can always say why it is what it is.
    ``date_hint`` is a weaker date (an ISO date in the file name), used only
    when neither metadata nor text gives one. ``focus`` names the region the
    document is about, for geoparse (from a ``focus`` field). ``path`` and
    ``line`` say where the document was read, for messages.
    """

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | date | None = None
    published_source: str | None = None
    lang: str | None = None
    focus: str | None = None
    path: str | None = None
    line: int | None = None
    date_hint: date | None = None

    @property
    def origin(self) -> str:
        """``path:line``, ``path``, or "" for a document given in Python."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def problem(self, message: str, level: str = "error") -> "Problem":
        """A problem about this document, located where it was read (else by its id)."""
        return Problem(path=self.path or self.doc_id, line=self.line if self.path else None,
                       message=message, level=level)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A file, line, record or document that was skipped (``error``) or read
    with a caveat (``warning``). Readers report these and go on; nothing
    reading a batch raises for one bad part of it."""

    path: str
    message: str
    line: int | None = None
    level: str = "error"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """How to read inputs: ``lang`` and ``published`` fill documents without
    their own; ``text_field`` and ``date_field`` name the JSON Lines key or
    CSV column to use instead of the usual names."""

    lang: str | None = None
    published: str | None = None
    text_field: str | None = None
    date_field: str | None = None
