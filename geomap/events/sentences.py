"""Sentences with exact character offsets in every script: the dates stage's
splitter (:mod:`geomap.dates.sentences`), kept here for the events stage's callers."""
from __future__ import annotations

from ..dates.sentences import Sentence, split_sentences

__all__ = ["Sentence", "split_sentences"]
