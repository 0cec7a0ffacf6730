"""Stage 3: news text in any language -> place mentions, resolved in context.

``parse_many`` over many documents is the main path (the name index is
built once per process); ``parse`` is the one-document wrapper.
"""
from __future__ import annotations

from ..documents import Document
from .model import Mention
from .pipeline import DocumentError, parse, parse_many

__all__ = ["Document", "DocumentError", "Mention", "parse", "parse_many"]
