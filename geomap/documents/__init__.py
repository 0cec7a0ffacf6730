"""Stage 0: the one way documents come in, for every stage.

:class:`Document` (built by keyword) carries an article's text and metadata
from any source -- plain text, HTML pages (the article only, via
trafilatura), JSON Lines, CSV, RSS/Atom feeds, directories, stdin, or
Python objects (:func:`as_document`). Readers yield documents and report
each file, line or item they cannot read as one :class:`Problem`; they never
raise in the middle of a batch. ``geomap parse``, ``events``, ``eval``,
``run`` and the Dask engine all read through here, so they agree on ids,
text, encodings, metadata and problems.

Metadata is read under the names real exports use (see
:mod:`geomap.documents.records`): the date from ``published``, ``date``,
``pubDate``, ``publish_date``, ``datePublished``, ``timestamp``,
``created_at`` or ``seendate``; the id from ``id``, ``doc_id`` or ``url``;
the text from ``text``, ``body``, ``content`` or ``article``; the title from
``title`` or ``headline``. Limits: :data:`MAX_CHARS` characters per document.
"""
from __future__ import annotations

from .convert import as_document
from .lines import document_from_line, read_csv, read_jsonl
from .model import MAX_CHARS, MAX_FEED_BYTES, MAX_RECORD_BYTES, Document, DocumentError, Problem, ReadOptions
from .readers import READABLE_SUFFIXES, article_document, date_in_name, read_file, read_inputs, read_stdin
from .records import DATE_FIELDS, ID_FIELDS, TEXT_FIELDS, TITLE_FIELDS, document_from_record, normalise_date

__all__ = ["DATE_FIELDS", "ID_FIELDS", "MAX_CHARS", "MAX_FEED_BYTES", "MAX_RECORD_BYTES", "READABLE_SUFFIXES",
           "TEXT_FIELDS", "TITLE_FIELDS", "Document", "DocumentError", "Problem", "ReadOptions", "article_document",
           "as_document", "date_in_name", "document_from_line", "document_from_record", "normalise_date", "read_csv",
           "read_file", "read_inputs", "read_jsonl", "read_stdin"]
