"""Python objects -> :class:`Document`, for the library API (``parse_many``,
``extract_events_many``, Dask Bags and DataFrames)."""
from __future__ import annotations

from dataclasses import replace

from .model import Document, DocumentError, ReadOptions
from .records import document_from_record


def as_document(item, n: int = 0, *, lang: str | None = None, default_id: str | None = None) -> Document:
    """A :class:`Document`, a str, an ``(id, text)`` pair or a dict read as a
    JSON Lines record is (same field names, same checks). ``lang`` fills a
    document without its own; one without an id is named ``doc<n>``
    unless ``default_id`` is given."""
    default_id = default_id or f"doc{n}"
    if isinstance(item, Document):
        return item if item.lang or not lang else replace(item, lang=lang)
    if isinstance(item, str):
        return Document(doc_id=default_id, text=item, lang=lang)
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return Document(doc_id=str(item[0]), text=item[1], lang=lang)
    if isinstance(item, dict):
        try:
            return document_from_record(item, default_id=default_id, options=ReadOptions(lang=lang))
        except DocumentError as exc:
            raise DocumentError(f"document {n}: {exc}") from None
    raise DocumentError(f"document {n}: expected text, (id, text), a dict with 'text' or a Document, "
                        f"not {type(item).__name__}")
