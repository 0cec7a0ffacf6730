"""Where: the roles of a sentence's place mentions, which of them can be event places, and ACLED precision.

Each place mention gets a role from the words around it (language data):

* ``locative`` / ``near``: a cue up to three words before it (*di kota
  Martakert*, *in the town of Kupiansk*, *near the village of*);
* ``actor``: an actor or nationality cue (*Presiden Perancis*, *Russia's
  foreign minister*) -- *Putin discussed the fighting with Macron* has no
  event place in France;
* ``plain``: neither, or a destination (*heading to Brighton*: the nearest cue is a
  ``destination_cues`` word), which is an event place only beside its trigger
  (*families fled to Pemba*). A place joined to the previous one by *and* or a comma
  shares its role.

A mention that is no place in its sentence (a demonym, part of a person's or
an organisation's name, a place qualifying a person -- *a Leeds man* --, an
acronym, a doubtful resolution) is never an event place
(:func:`not_a_place`); which place an event takes is decided in
:mod:`~geomap.events.attach`.

ACLED geo precision: 1 the town itself, 2 near a town or a district, 3 a
region or province (centroid), 4 a country or larger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import kinds, name_key
from ..geoparse.lexicon import demonyms
from ..geoparse.model import Mention
from .lexicon import Lexicon

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
    if lex.locative_suffix.match(text, m.end) or lex.locative_after.match(text, m.end) or _ends_locative(text, m, lex):
        return "locative"  # a case ending says "in" (İzmir'de, Şamaxıda), or the word after (Antakya ilçesinde)
    tail = text[left:m.start]
    cut = _TAIL_CUT.match(tail)
    tail = tail[cut.end():] if cut else tail
    for k in range(_reach(tail, lex) + 1):
        if lex.cues["actor"][k].search(tail):
            return "actor"
        if lex.cues["near"][k].search(tail):
            return "near"
        if lex.cues["locative"][k].search(tail):
            return "locative"
        if lex.cues["destination"][k].search(tail):
            # where someone went (*on their honeymoon to Brighton*) is not where it happened; an
            # actor's post is (*the ambassador to Nigeria*)
            return "actor" if k + 1 < len(lex.cues["actor"]) and lex.cues["actor"][k + 1].search(tail) else "plain"
    if lex.actor_after.match(text[m.end:m.end + 40]):
        return "actor"
    return "plain"


def _ends_locative(text: str, m: Mention, lex: Lexicon) -> bool:
    """The mention's own last letters are a locative ending (Bengali *ঢাকায়*: the name with *য়*,
    in; the spotter reports the whole word)."""
    found = lex.locative_suffix.search(text, max(m.start + 2, m.end - 4), m.end)
    return found is not None and found.end() == m.end


def _reach(tail: str, lex: Lexicon) -> int:
    """How many words a cue may stand before the name: up to CUE_REACH, but never across an
    event's cue word (*President Trump visited Riyadh*: the visit's place, not the president's)."""
    reach = len(lex.cues["locative"]) - 1
    if lex.unspaced:
        return reach
    words = tail.split()
    for j in range(1, min(reach, len(words)) + 1):
        if lex.cue_words.find(words[-j]):
            return j - 1
    return reach


#: Below this share of the resolver's scores a mention is too doubtful to place an event.
MIN_CONFIDENCE = 0.6


def confident(m: Mention) -> bool:
    """A resolution sure enough to place an event, and no demonym: the gazetteer's confidence
    reaches :data:`MIN_CONFIDENCE`, or the place is an answer the user asked the network for
    (``--online``), whose fixed 0.5 says where it came from, not a doubt between candidates."""
    return m.resolved and not m.reason.startswith("demonym") and (
        m.confidence >= MIN_CONFIDENCE or m.reason.startswith("online:"))
#: A sentence-initial name whose lower-case form is this common (wordfreq Zipf) is read as the word.
COMMON_ZIPF = 4.0
_CAPITALISED = re.compile(r"[^\W\d_]")


def not_a_place(text: str, m: Mention, sentence_start: int, lex: Lexicon, others: set[int]) -> str | None:
    """Why ``m`` cannot be where an event happened (None if it can): a demonym or a
    nationality, a doubtful resolution, part of a longer proper name (a person, an
    organisation, a product: *Linda Daily*, *Malaysia Airlines*), or a common word that
    starts the sentence (*Man booked*). ``others`` are the starts and ends of the
    text's other place mentions, which may stand next to it (*Muğla'nın Marmaris*)."""
    if not m.resolved:
        return "unresolved"
    if m.reason.startswith("demonym") or name_key(m.text) in demonyms(lex.lang):
        return "demonym"
    if not confident(m):
        return "doubtful"
    if m.kind == kinds.CONTINENT:
        return "a continent"
    if lex.origin.match(text, m.end) or lex.origin_before.search(text[max(sentence_start, m.start - 40):m.start]):
        return "where a person is from"
    if m.text.isupper() and len(m.text) <= 4 and m.kind not in (kinds.COUNTRY, kinds.ADMIN1) and m.population < 100_000:
        return "an acronym"
    if not _cased(m.text):
        return None
    after = re.match(r"[ \t]+(\S+)", text[m.end:m.end + 40])
    if after and m.end + after.start(1) not in others and _proper(after.group(1), lex):
        return "inside a longer name"
    if _namesake_of(text, m.end, lex):
        return "inside a longer name"
    before = re.search(r"(\S+)[ \t]+$", text[max(sentence_start, m.start - 40):m.start])
    if before and m.start - len(before.group(0)) > sentence_start and \
            m.start - (len(before.group(0)) - len(before.group(1))) not in others and _proper(before.group(1), lex):
        return "inside a longer name"
    if m.start == sentence_start and " " not in m.text.strip():
        from ..geoparse.filters import zipf  # wordfreq: loaded on first use, not at import

        following = text[m.end:m.end + 2].strip()[:1]
        if zipf(m.text.lower(), lex.lang) >= COMMON_ZIPF and following.islower():
            return "common word"
    return None


_OWNER = re.compile(r"['’]s[ \t]+(\w+)(?:[ \t]+(\w+))?")


def _namesake_of(text: str, end: int, lex: Lexicon) -> bool:
    """The name owns one capitalised common noun that ends a longer name (*St George's Chapel
    at Windsor*, *St Mary's Hospital*): a building named after a saint or a person, not the place
    of that name. A proper name after the possessive (*Derry's Altnagelvin Hospital*) or a
    longer one (*Chicago's South Side*) leaves the place a place."""
    owned = _OWNER.match(text, end)
    if not owned or not _cased(owned.group(1)) or (owned.group(2) and _cased(owned.group(2))):
        return False
    from ..geoparse.filters import zipf  # wordfreq: loaded on first use, not at import

    return zipf(owned.group(1).lower(), lex.lang) >= COMMON_ZIPF


def _cased(word: str) -> bool:
    return word[:1].isupper() and word[:1] != word[:1].lower()


def _proper(word: str, lex: Lexicon) -> bool:
    """A capitalised word that is not a month or weekday name (``in Moscow Monday``)."""
    word = word.strip("\"'“”‘’()[],.;:")
    return bool(word) and _cased(word) and word not in lex.months and word not in lex.weekdays \
        and not word.isupper()


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
