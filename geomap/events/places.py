"""Where: the one place of a sentence the action happened at, and its ACLED precision.

Each place mention gets a role from the words around it (language data):

* ``locative`` / ``near``: a cue up to three words before it (*di kota
  Martakert*, *in the town of Kupiansk*, *near the village of*);
* ``actor``: an actor or nationality cue (*Presiden Perancis*, *Russia's
  foreign minister*) -- *Putin discussed the fighting with Macron* has no
  event place in France;
* ``plain``: neither. A place joined to the previous one by *and* or a comma
  shares its role.

The event place is the most specific resolved non-actor place (town before
district before region before country); among equals a locative one, then
one in the clause of the event's cue word, then the first. Only when every
place is an actor does the first actor in the clause of the cue word win
(the subject: the caller, the speaker). Dateline places (where the reporter was) come last. When a
non-actor place that could not be resolved is named, the fallback place's
confidence is halved: the town was named, its country is what we know.

ACLED geo precision: 1 the town itself, 2 near a town or a district, 3 a
region or province (centroid), 4 a country or larger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import kinds
from ..geoparse.model import Mention
from .lexicon import Lexicon

ROLE_WEIGHT = {"locative": 1.0, "near": 1.0, "plain": 0.8, "actor": 0.5, "dateline": 0.4}
_CLAUSE = re.compile(r"[,;:]\s|\s[-–—]\s|[\"“”«»()]")
_TAIL_CUT = re.compile(r".*[,;:()\"“”«»]", re.S)


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    mention: Mention
    role: str
    geo_precision: int
    confidence: float


def breadth(kind: str | None) -> int:
    """0 for a point-like place up to 4 for a continent (:mod:`geomap.gazetteer.kinds`)."""
    return kinds.info(kind).breadth


def geo_precision(kind: str | None, role: str) -> int:
    """ACLED precision of an event placed at a gazetteer place of ``kind``."""
    rank = breadth(kind)
    if rank == 0:
        return 2 if role == "near" else 1
    return {1: 2, 2: 3}.get(rank, 4)


def mention_roles(text: str, start: int, mentions: list[Mention], lex: Lexicon) -> list[str]:
    """The role of each mention (sorted by position) of the sentence starting at ``start``."""
    roles: list[str] = []
    for i, m in enumerate(mentions):
        role = _own_role(text, max(start, mentions[i - 1].end if i else start), m, lex)
        if role == "plain" and i and lex.conjunction.fullmatch(text, mentions[i - 1].end, m.start):
            role = roles[-1]
        roles.append(role)
    return roles


def _own_role(text: str, left: int, m: Mention, lex: Lexicon) -> str:
    tail = text[left:m.start]
    cut = _TAIL_CUT.match(tail)
    tail = tail[cut.end():] if cut else tail
    for k in range(len(lex.cues["locative"])):
        if lex.cues["actor"][k].search(tail):
            return "actor"
        if lex.cues["near"][k].search(tail):
            return "near"
        if lex.cues["locative"][k].search(tail):
            return "locative"
    if lex.actor_after.match(text[m.end:m.end + 40]):
        return "actor"
    return "plain"


def clause_of(sentence: str, offset: int) -> tuple[int, int]:
    """Bounds (within ``sentence``) of the clause holding ``offset``."""
    left, right = 0, len(sentence)
    for mark in _CLAUSE.finditer(sentence):
        if mark.end() <= offset:
            left = mark.end()
        elif mark.start() >= offset:
            right = mark.start()
            break
    return left, right


def choose_place(text: str, sentence_start: int, sentence: str, mentions: list[Mention],
                 lex: Lexicon, *, cue_offsets: list[int] = (), dateline_end: int = -1) -> PlaceChoice | None:
    """The event place among ``mentions`` (those of one sentence, by position), or None."""
    if not mentions:
        return None
    roles = mention_roles(text, sentence_start, mentions, lex)
    clauses = [clause_of(sentence, c) for c in cue_offsets]

    def in_cue_clause(m: Mention) -> bool:
        return any(a <= m.start - sentence_start < b for a, b in clauses)

    candidates, unresolved_specific = [], False
    for m, role in zip(mentions, roles):
        role = "dateline" if m.start < dateline_end else role
        if not m.resolved:
            unresolved_specific |= role not in ("actor", "dateline")
            continue
        if role == "actor" and clauses and not in_cue_clause(m):
            continue  # an actor is the event place only as the subject of the cue's clause
        tier = {"actor": 1, "dateline": 2}.get(role, 0)
        specific = breadth(m.kind) if tier == 0 else 0
        candidates.append(((tier, specific, role not in ("locative", "near"), not in_cue_clause(m), m.start),
                           m, role))
    if not candidates:
        return None
    _, best, role = min(candidates, key=lambda c: c[0])
    confidence = best.confidence * ROLE_WEIGHT[role]
    if unresolved_specific and (role not in ("locative", "near") or breadth(best.kind) > 0):
        confidence *= 0.5
    return PlaceChoice(best, role, geo_precision(best.kind, role), round(confidence, 4))
