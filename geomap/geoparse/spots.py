"""The record of spotting: a stretch of text whose key is a gazetteer name (a module of its own so
that the spotter's helpers, such as :mod:`.abbreviations`, can make spots without importing it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, unsafe_hash=True)
class Spot:
    """A candidate place name: tokens ``first..last`` cover ``start:end``. Built for every
    capitalised word and read many times over by the filters: a slots class, whose fields are
    read in a single specialised step (a named tuple's go through the generic attribute
    look-up, a frozen dataclass's ``__init__`` costs more). Never changed once built."""

    start: int
    end: int
    key: str          # gazetteer key to look up ('' for an unresolved cue name)
    first: int
    last: int
    how: str          # exact | abbreviation | alias | clitic | stem | proclitic | glued | unspaced | cue | variant
