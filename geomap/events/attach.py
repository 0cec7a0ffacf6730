"""Which events a sentence reports: a trigger in a clause, and the place the clause puts it at.

A sentence that merely names a place is not an event, nor is one that names a
place beside a verb of saying. An event needs

* a **trigger**: a cue word of an event type (language data), in a clause;
* a **place attached to it**: a place after a locative cue or with a locative
  case ending (*in Passau*, *di kota Martakert*, *İzmir'de*), or a town named
  plainly in the trigger's own clause -- each trigger the first such place after
  it (*visited Riyadh*), else its clause's first venue, so a sub-place with its
  own predicate is its own event; for a statement, talks or a decision,
  failing a venue, the dateline (where the reporter was, *MOSKWA -*) or the
  place whose official body acts (*the California governor*);
* a place that is one: no demonym, person, organisation or doubtful
  resolution (:func:`~geomap.events.places.not_a_place`), and never a country
  only because it is named.

A cue-word place the gazetteer lacks (*desa Tonashen*) still gives the event,
at the smallest resolved place the sentence (else the article) names, with that
place's precision and the unresolved name kept.

A verb of saying makes a ``statement`` only when an official speaks (an actor
cue such as *governor*, *ministry*) and the statement has a place; *police
said* beside another trigger only attributes that other event. Talks and
meetings are ``diplomacy`` only where an official takes part.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from ..geoparse.model import Mention
from .classify import event_type, toll_of
from .model import VIOLENT_TYPES
from .lexicon import CONSEQUENCE, DEATH, SAY, Lexicon
from .places import COMMON_ZIPF, breadth, confident, PlaceChoice, clause_of, geo_precision, mention_roles, not_a_place

#: Types whose event may sit at the dateline or at the acting body's place.
SPEECH_TYPES = ("statement", "diplomacy", "politics")
#: Fighting happens at the front, and wire reports of it are filed from capitals: a dateline
#: (where the reporter was) never places these. Crime, accidents and protests in local news do
#: happen where the dateline says, so they may sit there.
FRONT_TYPES = ("battle", "air_strike", "shelling")
_VENUE = ("locative", "near")
#: A town named without a cue is the event place only this close (characters) to the trigger.
PLAIN_REACH = 40


@dataclass(frozen=True, slots=True)
class Found:
    """One event a sentence reports, before its date and row are made."""

    kind: str
    choice: PlaceChoice
    fatalities: int | None
    cumulative: int | None
    unresolved_place: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What the sentences of one document share."""

    text: str
    lex: Lexicon
    dateline_end: int
    dateline_place: Mention | None
    edges: frozenset[int]  # starts and ends of every place mention of the text
    fallback: Mention | None  # the article's smallest often-named region or country
    violence: object  # Counter of incident cues (violent types, disasters, accidents) over the document
    lead_end: int  # end of the lead (first sentences): a country can be an event place only there
    focus_country: str | None = None  # the country geoparse found the document is about, if any


def sentence_events(ctx: Context, sentence, cues: list[tuple[int, str]], inside: list[Mention]) -> list[Found]:
    """The events of one sentence (``cues``: absolute offsets and labels found in it)."""
    lex, start = ctx.lex, sentence.start
    aftermath = _incident(ctx)
    said = [o for o, label in cues if label in (SAY, "statement")]
    triggers = [(o - start, aftermath if label == CONSEQUENCE else label) for o, label in cues
                if label not in (DEATH, SAY) and not _speaker_word(sentence.text, o - start, said, start, lex)]
    official = bool(lex.official.search(sentence.text))
    if not official:  # talks, visits and meetings are diplomacy between officials, not friends meeting
        triggers = [(o, label) for o, label in triggers if label != "diplomacy"]
    if official and any(label == SAY for _, label in cues) and not triggers:
        triggers = [(o - start, "statement") for o, label in cues if label == SAY]
    if not triggers and not any(label == DEATH for _, label in cues):
        return []
    toll, cumulative = toll_of(sentence.text, lex) if any(label == DEATH for _, label in cues) else (None, None)
    kind = event_type({t for _, t in triggers}, toll or cumulative, ctx.violence)
    if kind is None:
        return []
    roles = mention_roles(ctx.text, sentence.start, inside, lex)
    places = _places(ctx, sentence, inside, roles)
    cue_named = [m for m, role in zip(inside, roles) if not m.resolved and role in _VENUE]
    found: dict[tuple, Found] = {}

    def add(k, choice, unresolved=None):
        if unresolved is None and cue_named and breadth(choice.mention.kind or "other") >= 1:
            # the village the gazetteer lacks is where it happened; the region named with it holds it
            unresolved = cue_named[0].text
            choice = PlaceChoice(choice.mention, choice.role, choice.geo_precision, round(choice.confidence / 2, 4))
        if breadth(choice.mention.kind or "other") >= 3 and sentence.start >= ctx.lead_end \
                and choice.role not in ("actor", "dateline") and unresolved is None:
            return  # a country is where a national story's lead puts it, not wherever it is named
        fatal = toll if k == kind else None
        found.setdefault((k, choice.mention.id), Found(k, choice, fatal, cumulative if k == kind else None,
                                                       unresolved))

    clause_types = _clause_types(sentence.text, triggers)
    for bounds, types in clause_types.items():  # each trigger of a clause at its venue, else the clause's town
        own = [(m, role) for m, role in places if _inside(m, start, bounds)]
        venue = [(m, role) for m, role in own if role in _VENUE]
        near = [(o, label) for o, label in triggers if clause_of(sentence.text, o) == bounds]
        towns = [(m, role) for m, role in own if role == "plain" and breadth(m.kind or "other") <= 1
                 and not _common(m, ctx.lex) and any(abs(m.start - start - o) <= PLAIN_REACH for o, _ in near)]
        if venue or towns:
            # unspaced scripts: PLAIN_REACH characters span a whole clause, so no town counts as "right after"
            for place, labels in _by_venue(venue, [] if ctx.lex.unspaced else towns, places, near, start, ctx.text) \
                    if venue or not ctx.lex.unspaced else [(towns[0], set(types))]:
                add(event_type(labels, toll, ctx.violence) or kind, _choice(*place))
    if found:
        return list(found.values())
    venue = [(m, role) for m, role in places if role in _VENUE]
    if venue and not (kind == "statement" and not official):
        add(kind, _choice(*_innermost(venue[0], places, ctx.text)))
        return list(found.values())
    if cue_named:
        holder = _container(places, ctx)
        if holder is not None:
            add(kind, _choice(holder, "near" if breadth(holder.kind or "other") == 0 else "plain",
                              contained=True), cue_named[0].text)
            return list(found.values())
    if kind in SPEECH_TYPES:
        # the speaker's own place when an official of another country than the dateline's speaks
        # (*Presiden Azerbaijan ... berjanji* under *MOSKWA -*), else where the reporter was
        line = ctx.dateline_place
        speaker = _speaker(ctx, inside, roles) if official else None
        if speaker is not None and (line is None or speaker.country_code != line.country_code):
            add(kind, _choice(speaker, "actor"))
        elif line is not None:
            add(kind, _choice(line, "dateline"))
    elif ctx.dateline_place is not None and sentence.start <= ctx.dateline_end <= sentence.end \
            and kind not in FRONT_TYPES:
        add(kind, _choice(ctx.dateline_place, "dateline"))
    return list(found.values())


#: Types of incidents whose aftermath (an evacuation, damage) is reported with consequence words.
INCIDENT_TYPES = (*VIOLENT_TYPES, "accident")


#: How far (characters) an official's word may stand from a verb of saying to be its speaker.
SPEAKER_REACH = 25


def _speaker_word(text: str, offset: int, said: list[int], start: int, lex) -> bool:
    """A cue word that is the speaker of a verb of saying or announcing beside it (*police said*, *said police*,
    Hebrew *מסרה המשטרה*) attributes the sentence; it is no event of its own (*five killed in a
    road accident, police said* is the accident, with its toll, not a crime)."""
    return any(abs(o - start - offset) <= SPEAKER_REACH for o in said) and lex.speakers.match(text, offset) is not None


def _incident(ctx: Context) -> str:
    """The type an evacuation, a rescue or damage takes: the incident the document reports most
    (*ewakuowano pacjentów* in a flood story is the flood's; *пошкоджено підприємство* after a
    missile strike is the strike's); ``other`` when the document names no incident."""
    common = [t for t, _ in ctx.violence.most_common() if t in INCIDENT_TYPES]
    return common[0] if common else "other"


def _places(ctx: Context, sentence, inside: list[Mention], roles: list[str]) -> list[tuple[Mention, str]]:
    """The sentence's mentions that can be event places, with their roles."""
    out = []
    for m, role in zip(inside, roles):
        if m.start < ctx.dateline_end:
            continue
        if not_a_place(ctx.text, m, sentence.start, ctx.lex, ctx.edges) is None and not _stray_word(m, ctx):
            out.append((m, role))
    return out


def _speaker(ctx: Context, inside: list[Mention], roles: list[str]) -> Mention | None:
    """The first actor place of the sentence (*Presiden Azerbaijan* Ilham Aliyev): the speaker's
    country; a person's name may follow it, so only the resolution itself is checked."""
    for m, role in zip(inside, roles):
        if role == "actor" and m.start >= ctx.dateline_end:
            return m if confident(m) else None
    return None


def _by_venue(venue, towns, places, triggers, start: int, text: str) -> list[tuple[tuple[Mention, str], set[str]]]:
    """The clause's triggers grouped by the place each attaches to: the first place after it,
    a venue or a town right after it (*visited Riyadh*, *hit Kupiansk in the Kharkiv region*),
    else the clause's first venue, else its town (*the hurricane passed off Progreso and forced
    evacuations in Yucatán*: two events, as a sub-place with its own predicate is its own event;
    *in Durbuy and Bastogne schools stayed closed*: one, at the first place named)."""
    groups: dict[int, tuple[tuple[Mention, str], set[str]]] = {}
    for offset, label in triggers:
        after = [v for v in venue if v[0].start - start >= offset] + \
            [t for t in towns if 0 <= t[0].start - start - offset <= PLAIN_REACH]
        place = min(after, key=lambda v: v[0].start) if after else (venue or towns)[0]
        place = _innermost(place, places, text)
        groups.setdefault(id(place[0]), (place, set()))[1].add(label)
    return list(groups.values())


#: "X, in Region": a comma and at most this many words (the region's cue) between a place and the
#: region it lies in.
_APPOSED = re.compile(r"\s*,\s*(?:\S+\s+){0,2}\Z")


def _innermost(place: tuple[Mention, str], places: list[tuple[Mention, str]], text: str) -> tuple[Mention, str]:
    """The most specific venue named after ``place`` in the sentence and inside it (*the local
    elections in Zeeland ... the largest in Vlissingen*: Vlissingen), or the place written right
    before it and inside it (*a vila de Macomia, em Cabo Delgado*: Macomia), else ``place``: the
    rubric's most specific place that says where."""
    inner = [v for v in places if v[1] in _VENUE and v[0].start > place[0].start and _holds(place[0], v[0])]
    inner += [v for v in places if v[0].end <= place[0].start and _holds(place[0], v[0])
              and _APPOSED.match(text, v[0].end, place[0].start)]
    return min(inner, key=lambda v: breadth(v[0].kind or "other")) if inner else place


def _holds(region: Mention, m: Mention) -> bool:
    """``region`` (a country or an admin1 region) contains the smaller place ``m``."""
    wide = breadth(region.kind or "other")
    if wide < 2 or breadth(m.kind or "other") >= wide or m.country_code != region.country_code:
        return False
    return wide >= 3 or (m.admin1 is not None and m.admin1 == region.admin1)


def _inside(m: Mention, start: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= m.start - start < bounds[1]


#: A town this small named by a common word, abroad from the document's focus, is doubtful.
STRAY_POPULATION = 100_000


def _stray_word(m: Mention, ctx: Context) -> bool:
    """A small town abroad whose name is a common word of the language (*at Grand and State*
    in a Chicago story is no town in Côte d'Ivoire): the word, not the place. Only when the
    document has a focus elsewhere; a city of that name (*Nice*) stays a place."""
    return (ctx.focus_country is not None and m.country_code != ctx.focus_country
            and breadth(m.kind or "other") <= 1 and m.population < STRAY_POPULATION and _common(m, ctx.lex))


def _common(m: Mention, lex: Lexicon) -> bool:
    """A one-word name that is also a common word of the language (*Wedding*, *Grand*)."""
    from ..geoparse.filters import zipf  # wordfreq: loaded on first use, not at import

    return " " not in m.text.strip() and zipf(m.text.lower(), lex.lang) >= COMMON_ZIPF


def _clause_types(sentence: str, triggers: list[tuple[int, str]]) -> dict[tuple[int, int], set[str]]:
    out: dict[tuple[int, int], set[str]] = {}
    for offset, label in triggers:
        out.setdefault(clause_of(sentence, offset), set()).add(label)
    return out


def _container(places: list[tuple[Mention, str]], ctx: Context) -> Mention | None:
    """The smallest resolved non-actor place of the sentence, else the article's fallback region."""
    own = [m for m, role in places if role != "actor"]
    if own:
        return min(own, key=lambda m: breadth(m.kind or "other"))
    return ctx.fallback


def _choice(m: Mention, role: str, *, contained: bool = False) -> PlaceChoice:
    weight = {"locative": 1.0, "near": 1.0, "plain": 0.8, "actor": 0.6, "dateline": 0.7}[role]
    confidence = m.confidence * weight * (0.5 if contained else 1.0)
    return PlaceChoice(m, role, geo_precision(m.kind, role), round(confidence, 4))
