"""Stage 4: news text -> dated events (what, where, when), one row per event.

For each sentence: **what** from keyword lists per language (``data/*.json``;
taxonomy ``battle``, ``air_strike``, ``shelling``,
``violence_against_civilians``, ``protest``, ``diplomacy``, ``statement``,
``disaster``, ``other`` -- see ``data/README.md``) and the death toll it
states; **when** by dateparser, relative to the article date
(:mod:`~geomap.events.dates`); **where** the place the action happened at,
not every place named (:mod:`~geomap.events.places`). Every row carries both
precision codes (time 1-4, ACLED geo 1-4) and its provenance span.

``iter_events`` streams over many documents (the main path);
``extract_events`` is the one-text wrapper returning a GeoDataFrame.
"""
from __future__ import annotations

from ..documents import as_document
from .extract import document_events, iter_events
from .frames import events_frame, extract_events, extract_events_many
from .model import EVENT_FIELDS, EVENT_TYPES, Document, DocumentResult, Event, Problem, Unresolved

__all__ = ["EVENT_FIELDS", "EVENT_TYPES", "Document", "DocumentResult", "Event", "Problem", "Unresolved",
           "as_document", "document_events", "events_frame", "extract_events", "extract_events_many",
           "iter_events"]
