"""The mention record the geoparse stage hands to events and outputs."""
from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass

#: Fields a mention copies from the place it resolves to (same names on both records).
PLACE_FIELDS = ("name", "lat", "lon", "id", "kind", "feature_code", "country_code", "admin1",
                "population", "source")


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

    def to_dict(self) -> dict:
        return asdict(self)

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
