"""One document: text -> spots -> filtered names -> resolved mentions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..documents import MAX_CHARS
from ..errors import InputError
from ..gazetteer import haversine_km
from ..gazetteer.kinds import COUNTRY_OR_WIDER, LOCALITIES
from ..geocode import prior_weight
from . import filters as F
from .cues import VARIANT_SIMILARITY, cue_spans, list_members, variants
from .evidence import KNOWN_WORD_ZIPF as _KNOWN, confidence, context_of, evidence, hashtags, logit
from .index import NameIndex
from .language import detect_language  # noqa: F401  (re-exported: pipeline and dates call it here)
from .lexicon import Lexicon, calendar_keys, lexicon, split_key
from .lexicon import demonyms as demonym_table
from .model import Mention
from .resolve import (Choice, Context, Focus, choose, document_focus, first_pass, focus_of_place, key_of,
                      resolved_focus, with_focus)
from .agree import (DESCRIPTION, agree, list_groups, qualified_by_country, run_together, spelled_as_named,
                    unsupported_description)
from .namesakes import divisions_named, in_focus_region, short_forms
from .sites import DEDICATION, site_keys
from .vouch import resolved_context
from .readings import (KNOWN_WORD_ZIPF, READINGS_CACHED, SMALL_ALIAS_POPULATION, Reading,
                       domestic_seat, places_for, plausible, read_places)
from .spotter import Spot, spot
from .tokens import case_blind, name_openers, sentence_starts, title_case_tokens, tokenize

CHUNK_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Found:
    """A recognised name before resolution (absolute offsets)."""

    start: int
    end: int
    key: str
    how: str
    cue_kind: str | None
    container_key: str | None   # name written right after it, after a comma (*Paris, Texas*)
    known_word: bool = False    # a word of the language (Zipf >= KNOWN_WORD_ZIPF), as written
    recognition: float = 1.0    # how sure recognition is that this is a place (evidence.py)
    list_id: int | None = None  # start of the list of places it is an item of (*A, B and C*)
    # a facility named after it stands in this place (*Loyola University in Los Angeles*); sites.STREET:
    # a street named after it that the text does not locate (it is in the town named last before it)
    site_key: str | None = None




def check_text(text) -> str:
    if not isinstance(text, str):
        raise InputError(f"document text must be str, not {type(text).__name__}")
    if len(text) > MAX_CHARS:
        raise InputError(f"document too long ({len(text):,} characters; at most {MAX_CHARS:,}): split it")
    if "\x00" in text[:100000]:
        raise InputError("document contains NUL characters: binary data, not text")
    return text


def parse_text(text: str, doc_id: str, lang: str | None, gazetteer, index: NameIndex, lex: Lexicon,
               *, demonyms: bool = True, focus: str | None = None) -> tuple[list[Mention], Focus | None]:
    """Mentions of ``text`` and the document's focus (``focus`` names one the user gives)."""
    check_text(text)
    lang = lang or detect_language(text)
    upper = case_blind(text)
    found: list[Found] = []
    for offset, chunk in _chunks(text):
        found.extend(recognise(chunk, offset, lang, upper, gazetteer, index, lex, demonyms=demonyms))
    return resolve_all(text, doc_id, found, gazetteer, focus=focus)


def _chunks(text: str):
    """Pieces of about CHUNK_CHARS, cut at line ends, so memory stays flat on huge texts."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end


def recognise(text: str, offset: int, lang, upper: bool, gazetteer, index: NameIndex, lex: Lexicon,
              *, demonyms: bool = True) -> list[Found]:
    tokens = tokenize(text)
    starts = sentence_starts(text, tokens) | title_case_tokens(text, tokens)
    openers = name_openers(tokens, upper)
    view = F.DocView(text, tokens, frozenset(starts), upper, lang, lex, hashtags(text, tokens), openers)
    spots = spot(text, tokens, index, lex, lang, demonym_table(lang) if demonyms else {}, case_matters=not upper,
                 openers=openers)
    kept, logits = _filtered(view, spots, gazetteer)
    cue_kinds, unresolved = cue_spans(view, kept)
    unresolved += list_members(view, kept + unresolved)
    known = [u for u in unresolved if places_for(gazetteer, u.key)]
    unresolved = [u for u in unresolved if u not in known]
    kept = sorted(_without_overlaps(kept, known + unresolved) + known, key=lambda s: s.start)
    unresolved += variants(view, kept + unresolved, {s.key for s in unresolved})
    cue_only = evidence().weights["cue"]
    sites = site_keys(view, kept)
    lists = list_groups(text, kept, evidence().conjunctions_for(view.lex.langs(view.lang)))
    out = [Found(s.start + offset, s.end + offset, s.key, s.how, cue_kinds.get(s.first), _container(view, s, kept),
                 _known_word(view, s), confidence(logits.get(s.first, cue_only)),
                 lists[s.first] + offset if s.first in lists else None, sites.get(s.first)) for s in kept]
    out += [Found(s.start + offset, s.end + offset, "", s.how, None, None,
                  recognition=confidence(cue_only if s.how == "cue" else cue_only / 2)) for s in unresolved]
    return _one_per_span(out)


def _one_per_span(found: list[Found]) -> list[Found]:
    """Overlapping names (two cues in a row: *hutan Gunung Sahuwai*, *Bandar Udara Warukin*) are
    one mention: the one the gazetteer knows, else the longest."""
    by_start = sorted(found, key=lambda f: f.start)
    if all(a.end <= b.start and a.start < b.start for a, b in zip(by_start, by_start[1:])):
        return by_start  # no two overlap (the common case): every one is kept
    keep: list[Found] = []
    for f in sorted(found, key=lambda f: (not f.key, f.start - f.end, f.start)):
        if not any(f.start < k.end and k.start < f.end for k in keep):
            keep.append(f)
    return sorted(keep, key=lambda f: f.start)


def _known_word(view: F.DocView, s: Spot) -> bool:
    return s.first == s.last and s.how == "exact" and F.zipf(view.tokens[s.first].surface.casefold(), view.lang) >= KNOWN_WORD_ZIPF


def _filtered(view: F.DocView, spots: list[Spot], gazetteer) -> tuple[list[Spot], dict[int, float]]:
    """Spots that pass every filter, and the evidence logit of each (by first token); a name
    rejected as a person is rejected everywhere. Where case says nothing, the evidence
    (evidence.py) decides instead of the capital-letter filters."""
    info: dict[int, Reading] = {}
    read = gazetteer.memoized(read_places, maxsize=READINGS_CACHED)
    for s in spots:
        found = read(s.key, view.text[s.start:s.end], _known_word(view, s), view.lang, view.lex)
        if found is not None:
            info[s.first] = found
    states = {i for i, r in info.items() if r.state}
    spotted = {i for s in spots if s.first in states for i in range(s.first, s.last + 1)}
    never = _never(view.lex, view.lang)
    named = set().union(*(reading.vouches for reading in info.values()))
    kept, not_places, logits = [], set(), {}
    for s in spots:
        if s.first not in info or (s.key in never and s.how not in ("abbreviation", "demonym")) or s.key.isdigit():
            continue
        places, kinds = info[s.first].places, info[s.first].kinds
        if s.first == s.last and s.key in view.lex.type_words and not kinds & COUNTRY_OR_WIDER:
            continue  # *Central*, *South*, *Police* alone: a designation word, not a place
        if len(s.key) <= 2 and s.how == "exact" and all(key_of(p.name) != s.key for p in places):
            continue  # a two-letter word that is only some place's alias (*No* for Nord)
        prom = info[s.first].prominence
        if not F.case_ok(view, s) or F.shouting_acronym(view, s, places):
            continue
        logits[s.first] = _logit(view, s, info[s.first])
        if view.cased(view.tokens[s.first]) and F.too_common(view, s, prom):
            continue  # caseless spots are decided below by their evidence, with the document's other places
        small = info[s.first].biggest < SMALL_ALIAS_POPULATION and s.first not in states
        if small and view.cased(view.tokens[s.first]) and F.foreign_unsupported(view, s, places, named):
            continue
        if F.starts_a_title(view, s):
            continue  # *Wali* of *Wali Kota* (mayor)
        if (s.first == s.last and s.first in view.starts and not info[s.first].state and view.cased(view.tokens[s.first])
                and view.written_lower(s.key)):
            continue  # *Hare hare ya mvua*: a capital only a sentence gives, the word in lower case elsewhere
        seat = (F.seat_title_ends_at(view, s.first - 1) or s.last > s.first and F.seat_title_ends_at(view, s.first)) \
            and domestic_seat(places_for(gazetteer, s.key), view.lang)
        if (not seat and (F.after_title(view, s, kinds) or F.inside_longer_name(view, s, s.first in states, spotted))
                or small and (F.speaks(view, s) or F.after_connector(view, s) or F.before_title(view, s))
                or s.first not in states and F.possessed_person(view, s)
                or s.first not in states and F.after_speech_verb(view, s)):
            if info[s.first].biggest < SMALL_ALIAS_POPULATION or (
                    _own_biggest(info[s.first].places, s.key) < SMALL_ALIAS_POPULATION
                    and F.inside_longer_name(view, s, False, spotted, after=False)):
                not_places.add(s.key)  # a person's name here is a person's name throughout
            continue
        kept.append(s)
    kept = [s for s in kept if s.key not in not_places or s.last > s.first]
    _cohere(view, kept, {i: v.places for i, v in info.items()}, logits)
    return [s for s in kept if logits[s.first] > 0 or s.how in _TRUSTED
            or view.cased(view.tokens[s.first]) and not _topic_hashtag(view, s)], logits


def _own_biggest(places, key: str) -> int:
    """The largest population of the places that bear ``key`` as their own name: a big city that
    has it only as an alias (*Chen* for Chenzhou) does not keep a surname written after a first
    name (*Charlie Chen*) a place elsewhere in the text. (A name before a rare capitalised word is
    as often a business named after the place, *Riverdale Lukoil*, and is not judged so.)"""
    base = split_key(key)[0]
    return max((p.population for p in places if key_of(p.name) == base), default=0)


@lru_cache(maxsize=64)
def _never(lex: Lexicon, lang: str | None) -> frozenset[str]:
    """Words never taken as a place alone: day and month names, titles."""
    return calendar_keys(lang) | lex.titles_for(lang)


#: Spot kinds whose evidence is their form, not the word: kept whatever the word frequency.
_TRUSTED = frozenset({"abbreviation", "alias", "unspaced", "demonym"})
#: Spots whose written word is weighed against the place's own spelling (``respelt`` in _logit): as
#: written, or after a proclitic (*والسيول*, and the torrents, is not Seoul's *سئول* either).
_RESPELLABLE = frozenset({"exact", "proclitic"})
#: A spot this sure vouches for its surroundings when weighing a caseless word elsewhere in the text.
STRONG_LOGIT = 1.0
#: Within this distance of such a spot (a country's point for a country), a place is "near".
NEAR_KM = 500.0


def _logit(view: F.DocView, s: Spot, reading: Reading) -> float:
    """Evidence that spot ``s`` is a place (positive: more likely than not)."""
    places = reading.places
    if s.how in _TRUSTED:
        return evidence().weights["cue"]
    first = view.tokens[s.first]
    caseless = not view.cased(first)
    written = view.text[s.start:s.end]
    z = F.zipf(written.casefold(), view.lang) if s.first == s.last else 0.0
    ctx = context_of(view.text, view.tokens, s.first, s.last, s.start, s.how, lex=view.lex, lang=view.lang,
                     cased=not caseless, sentence_start=s.first in view.starts, tags=view.hashtags)
    respelt = caseless and s.how in _RESPELLABLE and z >= _KNOWN and not any(_plain(written) in (_plain(p.name), _plain(p.matched_name or ""))
                                                   for p in places)
    domestic = caseless and s.first == s.last and reading.domestic
    return logit(reading.prominence, z, ctx, respelt=respelt) + (evidence().weights["domestic"] if domestic else 0.0)


def _plain(word: str) -> str:
    """``word`` without case, vowel signs and tatweel, but with its letters as written (hamza kept)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFC", word.casefold())
                   if c != "\u0640" and not unicodedata.category(c).startswith("M"))


def _topic_hashtag(view: F.DocView, s: Spot) -> bool:
    """Part of a compound hashtag with other words (*#BeirutBlast*, *#امطار_الكويت*): a topic."""
    if s.first not in view.hashtags:
        return False
    ctx = context_of(view.text, view.tokens, s.first, s.last, s.start, s.how, lex=view.lex, lang=view.lang,
                     cased=False, sentence_start=False, tags=view.hashtags)
    return ctx.hashtag == "compound"


def _cohere(view: F.DocView, kept: list[Spot], places: dict[int, list], logits: dict[int, float]) -> None:
    """A caseless name near the text's surer places gains evidence (*الفحيحيل* in a text
    about Kuwait); a common word read as a place in none of their countries loses some
    (*كورونا*, Corona, California, in a text naming Egypt)."""
    w = evidence().weights
    heaviest: dict[int, object] = {}  # each spot's heaviest place, found once (logits change below, places do not)
    for s in kept:
        first = view.tokens[s.first]
        if view.cased(first) or s.how in _TRUSTED or s.first != s.last:
            continue
        strong = [heaviest.get(t.first) or heaviest.setdefault(t.first, max(places[t.first], key=prior_weight))
                  for t in kept if t.first != s.first and t.key != s.key and logits[t.first] >= STRONG_LOGIT]
        if not strong:
            continue
        near = any(haversine_km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM for p in places[s.first] for q in strong)
        if near:
            logits[s.first] += w["near_other_places"]
        elif (F.zipf(view.text[s.start:s.end].casefold(), view.lang) >= _KNOWN
              and not {p.country_code for p in places[s.first]} & {q.country_code for q in strong}):
            logits[s.first] -= w["foreign_known_word"]




def _without_overlaps(kept: list[Spot], unresolved: list[Spot]) -> list[Spot]:
    return [s for s in kept if not any(u.start < s.end and s.start < u.end for u in unresolved)]


def _container(view: F.DocView, s: Spot, kept: list[Spot]) -> str | None:
    """*Paris, Texas*: the next kept name right after a comma; *Le Mars in Plymouth County*: right
    after a word the language writes between a place and the region holding it (data ``within``)."""
    tokens, nxt = view.tokens, s.last + 1
    if view.text[s.end:s.end + 1] == ",":
        target = nxt
    elif (nxt + 1 < len(tokens) and not tokens[nxt].capital and tokens[nxt].key in view.lex.within_for(view.lang)
          and view.text[s.end:tokens[nxt].start] == " " and view.text[tokens[nxt].end:tokens[nxt + 1].start] == " "):
        target = nxt + 1
    else:
        return None
    return next((other.key for other in kept if other.first == target), None)


def _plausible_for(gazetteer, key: str, surface: str, known_word: bool) -> tuple:
    return tuple(plausible(places_for(gazetteer, key), split_key(key)[0], surface, known_word, word_airports=True))


def given_focus(gazetteer, name: str) -> Focus:
    """The place a user's ``--focus`` names, as a focus; an unknown name is an input error."""
    from ..geocode import rank

    places = rank(gazetteer, name, fuzzy=False)
    if not places:
        raise InputError(f"focus {name!r} is not in the gazetteer")
    return focus_of_place(places[0], places[0].name)


def _take_moved(choices: dict, moved: dict) -> dict:
    """``choices`` with the answers of a later pass (``moved``) that put a name in another region."""
    return {pair: c if _region_moved(choices[pair], c) else choices[pair] for pair, c in moved.items()}


def _region_moved(first, second) -> bool:
    """The second pass put the name in another country or admin1 region than the first did."""
    if first is None or second is None:
        return second is not None
    a, b = first.place, second.place
    return (a.country_code, a.admin1_code) != (b.country_code, b.admin1_code)


#: Why a saint's name in a facility's name the text does not locate stays unresolved.
SAINT = "a saint's name in a facility's name (St Mary's Hospital): not the town of that name"


def _at_site(choice: Choice, site: Choice | None) -> Choice:
    """A facility's or street's mention placed at its site (see sites.py), when there is one."""
    if site is None:
        return choice
    return Choice(site.place, site.confidence, f"a facility or street named after it, in {site.place.name}")


def _town_before(found: list[Found], picked: list, street: Found) -> Choice | None:
    """The town the text names last before ``street`` (*... in Chicago. ... on Ingleside Avenue*):
    a street the text does not locate is in the town it is about."""
    town = None
    for f, choice in zip(found, picked):
        if f.start >= street.start:
            return town
        if choice is not None and f.site_key is None and choice.place.kind in LOCALITIES:
            town = choice
    return town


def resolve_all(text: str, doc_id: str, found: list[Found], gazetteer,
                *, focus: str | None = None) -> tuple[list[Mention], Focus | None]:
    plausible_for = gazetteer.memoized(_plausible_for, maxsize=READINGS_CACHED)
    candidates = {f.key: plausible_for(f.key, text[f.start:f.end], f.known_word) for f in found if f.key}
    doc_focus = given_focus(gazetteer, focus) if focus else document_focus(candidates)
    ctx: Context = with_focus(first_pass(candidates), doc_focus)
    container_by_key = {f.key: f.container_key for f in found if f.container_key}
    pairs = {(f.key, f.cue_kind) for f in found if f.key} | {(k, None) for k in candidates}

    def resolve(ctx):
        # One sense per name and document, unless a cue word says what kind of place one mention is
        # (*kota Martakert*, *Kharkiv region*): that mention is resolved among places of that kind.
        out = {}
        for key, cue_kind in pairs:
            container = places_for(gazetteer, container_by_key[key]) if key in container_by_key else []
            out[key, cue_kind] = choose(candidates[key], key, ctx, container=container, cue_kind=cue_kind)
        return out

    choices = resolve(ctx)
    if not focus:  # a second pass when the sure resolutions reveal a focus the names alone did not
        second = resolved_focus({key: c for (key, kind), c in choices.items() if kind is None})
        if second is not None and second != doc_focus:
            doc_focus = second
            # only names the focus moves to another region take the second answer; the others keep their
            # first one (a focus bonus shared by namesakes inside the region only narrows their margins)
            moved = resolve(with_focus(ctx, second))
            choices = _take_moved(choices, moved)
    # the countries the text names, as its names were resolved (vouch.py): names that move take the new answer
    vouched = resolved_context(ctx, choices)
    if vouched is not None:
        moved = resolve(with_focus(vouched, doc_focus))
        choices = _take_moved(choices, moved)
    choices = in_focus_region(divisions_named(short_forms(choices), lambda key: places_for(gazetteer, key)),
                              candidates, doc_focus, located=frozenset(container_by_key))
    words = lexicon().type_words | lexicon().descriptive
    final = with_focus(ctx, doc_focus)
    described = {pair for pair, c in choices.items()
                 if c is not None and unsupported_description(pair[0], c.place, final, words)}
    choices = {pair: None if pair in described else c for pair, c in choices.items()}
    mentions = []
    picked = agree(text, found, [choices.get((f.key, f.cue_kind)) if f.key else None for f in found], candidates)
    picked = qualified_by_country(text, found, picked, candidates)
    picked = spelled_as_named(text, found, picked, VARIANT_SIMILARITY)
    pieces = run_together(found, picked)
    for n, (f, choice) in enumerate(zip(found, picked)):
        if n in pieces:
            continue
        if choice is not None and f.site_key is not None and choice.place.kind not in COUNTRY_OR_WIDER:
            # a country's name in an institution's (*U.S. District Court, Ohio*, *Bank of England*) stays the country
            if f.site_key == DEDICATION:  # a saint's church or hospital: in the town named before it, if any
                town = _town_before(found, picked, f)
                choice = None if town is None else _at_site(choice, town)
            else:
                choice = _at_site(choice, choices.get((f.site_key, None)) if f.site_key else _town_before(found, picked, f))
        surface = text[f.start:f.end]
        if choice is None:
            reason = DESCRIPTION if (f.key, f.cue_kind) in described else SAINT if f.site_key == DEDICATION else {
                "cue": "cue word names a place the gazetteer lacks", "variant": "spelling of a cue-revealed place",
                "list": "listed with places; the gazetteer lacks it"}.get(f.how, "no candidate")
            mentions.append(Mention(doc_id=doc_id, start=f.start, end=f.end, text=surface, resolved=False,
                                    reason=reason, recognition=f.recognition))
            continue
        mentions.append(Mention.at_place(choice.place, confidence=choice.confidence,
                                         reason=f"{f.how} match; {choice.reason}", doc_id=doc_id, start=f.start,
                                         end=f.end, text=surface, recognition=f.recognition))
    return mentions, doc_focus
