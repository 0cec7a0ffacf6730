"""The mention record the geoparse stage hands to events and outputs."""
from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import asdict, dataclass
from itertools import repeat
from operator import attrgetter, call

#: Fields a mention copies from the place it resolves to (same names on both records).
PLACE_FIELDS = ("name", "lat", "lon", "id", "kind", "feature_code", "country_code", "admin1",
                "population", "source")
_place_values = attrgetter(*PLACE_FIELDS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One place mention in one document.

    ``resolved`` is False when no candidate was good enough (a name the
    gazetteer lacks, or a cue-word pattern such as *desa Tonashen*): such a
    mention is reported, never dropped, and its place fields are ``None``.
    Built by keyword only; :meth:`with_place` is the one copy of a
    :class:`~geomap.gazetteer.Place` into a mention.
    """

    doc_id: str
    start: int
    end: int
    text: str
    resolved: bool
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None
    kind: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    population: int = 0
    confidence: float = 0.0
    reason: str = ""
    source: str | None = None
    recognition: float = 1.0   # how sure recognition is that the span is a place (0..1), see evidence.py

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def at_place(cls, place, *, confidence: float, reason: str, doc_id: str, start: int, end: int, text: str,
                 recognition: float = 1.0) -> "Mention":
        """A mention resolved to ``place`` built in one step: what :meth:`with_place` gives on an
        unresolved mention, without the intermediate record. Its slots are set directly, as
        unpickling does (:func:`_rebuild`): the frozen ``__init__`` with keywords costs more than
        twice as much, and a news article has a dozen mentions."""
        name, lat, lon, id_, kind, feature_code, country_code, admin1, population, source = _place_values(place)
        obj = object.__new__(cls)
        deque(map(call, _SLOT_SETTERS[cls], repeat(obj), (
            doc_id, start, end, text, True, name, lat, lon, id_, kind, feature_code, country_code, admin1,
            population, confidence, reason, source, recognition)), 0)
        return obj

    def with_place(self, place, *, confidence: float, reason: str) -> "Mention":
        """This mention resolved to ``place`` (a :class:`~geomap.gazetteer.Place`)."""
        return dataclasses.replace(self, resolved=True, confidence=confidence, reason=reason,
                                   **{f: getattr(place, f) for f in PLACE_FIELDS})


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The outcome for one document: ``mentions`` is None when it was not processed
    (then ``error`` says why), ``[]`` when it was and had no places."""

    doc_id: str
    mentions: list[Mention] | None
    error: str | None = None
    lang: str | None = None
    #: Where the document is about: ``geomap.geoparse.resolve.Focus`` (country, admin1), computed
    #: from its names or given by the user; None when nothing stands out.
    focus: object | None = None


def _rebuild(cls, values: tuple):
    """A record back from :func:`_plain_pickling`'s tuple: its slots set directly, as the frozen
    ``__init__`` does, without the keyword handling."""
    obj = object.__new__(cls)
    for put, value in zip(_SLOT_SETTERS[cls], values):
        put(obj, value)
    return obj


_SLOT_SETTERS: dict[type, tuple] = {}


def _plain_pickling(cls):
    """Pickle ``cls`` (a frozen slots dataclass) as one tuple of its field values: half the cost
    of the dataclass's own ``__getstate__``/``__setstate__`` each way, which matters where
    results cross from worker processes to the parent (``--workers``, Dask), about a dozen
    mentions per news article."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    values = attrgetter(*names)
    _SLOT_SETTERS[cls] = tuple(cls.__dict__[name].__set__ for name in names)
    cls.__reduce__ = lambda self: (_rebuild, (cls, values(self)))
    return cls


_plain_pickling(Mention)
#: :meth:`Mention.at_place` lists the values in this order.
_AT_PLACE_ORDER = ("doc_id", "start", "end", "text", "resolved", "name", "lat", "lon", "id", "kind", "feature_code",
                   "country_code", "admin1", "population", "confidence", "reason", "source", "recognition")
if tuple(f.name for f in dataclasses.fields(Mention)) != _AT_PLACE_ORDER:
    raise ImportError("Mention's fields changed: update Mention.at_place")
_plain_pickling(ParseResult)
