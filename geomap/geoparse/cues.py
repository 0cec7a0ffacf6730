"""Cue words that reveal a place the gazetteer may lack (*desa Tonashen*,
*the village of X*), and the other spellings of such a name in the same
document (*Nagorny Karabakh* ... *Nagorno-Karabakh*)."""
from __future__ import annotations

from functools import lru_cache

from .filters import DocView, zipf
from .lexicon import calendar_keys
from .spotter import Spot
from .tokens import name_openers, token_key

MAX_NAME_WORDS = 4
#: A capitalised word this frequent opens no name alone (*Lama*, *Merdeka*).
COMMON_NAME_ZIPF = 4.5
VARIANT_SIMILARITY = 85.0


def cue_spans(view: DocView, spots: list[Spot]) -> tuple[dict[int, str], list[Spot]]:
    """``({spot.first: kind} for spotted names after a cue, [unresolved names after a cue])``."""
    cues = view.lex.cues_for(view.lang)
    titles = view.lex.titles_for(view.lang)
    spot_at = {s.first: s for s in spots}
    covered = {i for s in spots for i in range(s.first, s.last + 1)}
    kinds: dict[int, str] = {}
    unresolved: list[Spot] = []
    tokens = view.tokens
    last_words = _last_words(view.lex, view.lang)
    for i in [i for i in range(len(tokens) - 1) if tokens[i].key in last_words]:  # the few cue-ending words
        kind = None
        for width in (2, 1, 3):
            if i - width + 1 >= 0 and not covered.intersection(range(i - width + 1, i + 1)):
                words = " ".join(t.key for t in tokens[i - width + 1:i + 1])
                kind = cues.get(words)
                if kind:
                    break
        if not kind:
            continue
        if i + 1 in spot_at:
            kinds[i + 1] = kind
            continue
        same_line = "\n" not in view.text[tokens[i].end:tokens[i + 1].start]
        run = _name_run(view, i + 1, after_cue=True) if same_line else None
        if run and tokens[i + 1].key not in titles:
            first, last = run
            plain = zipf(tokens[first].surface.casefold(), view.lang) < COMMON_NAME_ZIPF or not view.cased(tokens[first])
            if not covered.intersection(range(first, last + 1)) or plain and _swallows(spots, first, last):
                name = view.text[tokens[first].start:tokens[last].end]
                unresolved.append(Spot(tokens[first].start, tokens[last].end, token_key(name), first, last, "cue"))
    unresolved += _names_before_cues(view, covered)
    _add_post_cue_kinds(view, spots, kinds)
    return kinds, unresolved


#: Most words of a capitalised name before a word of ``cues_after``.
MAX_WORDS_BEFORE_CUE = 4


def _names_before_cues(view: DocView, covered: set[int]) -> list[Spot]:
    """Names the gazetteer lacks, written right before a word that announces them in a language
    that puts the kind of place after the name (*Tonashen köyü*, *बालासोर जिले*): capitalised
    words in a script with capitals, one rare word in a script without."""
    after = view.lex.cues_after_for(view.lang)
    if not after:
        return []
    tokens, out = view.tokens, []
    for i in [i for i in range(1, len(tokens)) if tokens[i].key in after and tokens[i].joined]:
        last = first = i - 1
        if last in covered or tokens[last].unspaced:
            continue
        if view.cased(tokens[last]):
            if not tokens[last].capital:
                continue
            while (first > 0 and i - first < MAX_WORDS_BEFORE_CUE and tokens[first].joined
                   and tokens[first - 1].capital and view.cased(tokens[first - 1]) and first - 1 not in covered):
                first -= 1
        elif len(tokens[last].key) < 3 or zipf(tokens[last].surface.casefold(), view.lang) >= 3.0:
            continue
        name = view.text[tokens[first].start:tokens[last].end]
        out.append(Spot(tokens[first].start, tokens[last].end, token_key(name), first, last, "cue"))
    return out


def _add_post_cue_kinds(view: DocView, spots: list[Spot], kinds: dict[int, str]) -> None:
    """A kind word right after a spotted name (*Kharkiv region*) says what kind of place it is,
    unless that word starts a name of its own or a cue before the name already said."""
    post = view.lex.post_cues_for(view.lang)
    if not post:
        return
    starts = {s.first for s in spots}
    tokens = view.tokens
    for s in spots:
        nxt = s.last + 1
        if nxt < len(tokens) and tokens[nxt].joined and nxt not in starts and s.first not in kinds:
            kind = post.get(tokens[nxt].key)
            if kind:
                kinds[s.first] = kind


@lru_cache(maxsize=64)
def _last_words(lex, lang) -> frozenset[str]:
    return frozenset(cue.rsplit(" ", 1)[-1] for cue in lex.cues_for(lang))


def _swallows(spots: list[Spot], first: int, last: int) -> bool:
    """The run extends a spot that starts inside it (*Nagorny* + *Karabakh*)."""
    return any(first < s.first and s.last <= last for s in spots)


def _name_run(view: DocView, i: int, *, after_cue: bool = False) -> tuple[int, int] | None:
    """The capitalised name starting at token ``i`` (caseless scripts: one rare word). After a
    cue word the name may start with common words and hold numbers if a rarer word follows
    (*Bandar Udara Internasional Supadio*, *SMA Negeri 1 Kawali*); common words with a number
    are a numbered institution's name (*SMK Negeri 52*)."""
    tokens = view.tokens
    if i >= len(tokens) or tokens[i].unspaced:
        return None
    if not view.cased(tokens[i]):
        return (i, i) if len(tokens[i].key) >= 3 and (zipf(tokens[i].surface.casefold(), view.lang) < 3.0
                                                     or _definite(view, tokens[i].key)) else None
    if not tokens[i].capital:
        return None
    common = zipf(tokens[i].surface.casefold(), view.lang) >= COMMON_NAME_ZIPF
    if common and not after_cue:
        return None
    last = i
    dates = calendar_keys(view.lang)  # a weekday after the name ends it (*mji wa Nakuru Jumatano*)
    while (last + 1 < len(tokens) and last - i + 1 < MAX_NAME_WORDS and tokens[last + 1].joined
           and (tokens[last + 1].capital and view.cased(tokens[last + 1]) and tokens[last + 1].key not in dates
                or after_cue and tokens[last + 1].surface.isdigit())):
        last += 1
    numbered = last
    while after_cue and last > i and tokens[last].surface.isdigit():
        last -= 1
    if common and all(zipf(t.surface.casefold(), view.lang) >= COMMON_NAME_ZIPF
                      for t in tokens[i:last + 1] if not t.surface.isdigit()):
        if any(t.surface.isdigit() for t in tokens[i:numbered + 1]):
            return i, numbered  # a numbered institution: *SMK Negeri 52*, *SMP Negeri 1 Putri Hijau*
        return None  # *Desa Wisata*, *Jalan Merdeka*: common words, no name
    return i, last


def _definite(view: DocView, key: str) -> bool:
    """A word with the language's glued article after a cue is the name's own word
    (*معهد الأورام*, the Tumour Institute), not a modifier of the cue."""
    from .evidence import evidence

    return any(key.startswith(a) and len(key) > len(a) + 2 for a in evidence().glued_for(view.lang))


def variants(view: DocView, spots: list[Spot], names: set[str]) -> list[Spot]:
    """Capitalised runs elsewhere in the text spelt like a cue-revealed name."""
    if not names:
        return []
    from rapidfuzz import fuzz

    covered = {i for s in spots for i in range(s.first, s.last + 1)}
    found = []
    i = 0
    while i < len(view.tokens):
        run = _name_run(view, i) if view.tokens[i].capital and view.cased(view.tokens[i]) else None
        if not run or covered.intersection(range(run[0], run[1] + 1)):
            i += 1
            continue
        first, last = run
        key = token_key(view.text[view.tokens[first].start:view.tokens[last].end])
        if any(key[:1] == n[:1] and fuzz.ratio(key, n) >= VARIANT_SIMILARITY for n in names):
            found.append(Spot(view.tokens[first].start, view.tokens[last].end, key, first, last, "variant"))
        i = last + 1
    return found


#: At least this many items of a list must be places before its other names count as places,
#: and half the list unless LONG_LIST_PLACES of its items are places.
LIST_PLACES = 2
LONG_LIST_PLACES = 3


def list_members(view: DocView, spots: list[Spot]) -> list[Spot]:
    """*Bayat, Cawas, Trucuk dan Pedan*: a name the gazetteer lacks, listed with places (at
    least LIST_PLACES of them, and half the list or LONG_LIST_PLACES), is a place too. Items are spots and
    capitalised names (caseless scripts: rare words), joined by commas and conjunctions."""
    from .evidence import evidence

    joins = evidence().conjunctions_for(view.lex.langs(view.lang))
    if not joins or not spots:
        return []
    found: list[Spot] = []
    for items, closed in _lists(view, spots, joins):
        places = {item.key for item, _ in items if isinstance(item, Spot)}
        spotted = sum(isinstance(item, Spot) for item, _ in items)
        cued = closed and _after_cue(view, items[0][0])
        if not cued and (len(places) < LIST_PLACES or 2 * spotted < len(items) and len(places) < LONG_LIST_PLACES):
            continue
        for k, (item, _) in enumerate(items):
            if isinstance(item, Spot) or (k == len(items) - 1 and not closed):
                continue  # a last name after a bare comma is an apposition (*Visbek, Germany, EW Nutrition*)
            a, b = item
            found.append(Spot(view.tokens[a].start, view.tokens[b].end,
                              token_key(view.text[view.tokens[a].start:view.tokens[b].end]), a, b, "list"))
    return found


def _after_cue(view: DocView, item) -> bool:
    """The list's first item comes right after a cue word, which then names the kind of every
    item of a list a conjunction closes (*Desa Mertelu, Hargomulyo dan Watugajah*: three villages)."""
    first = item.first if isinstance(item, Spot) else item[0]
    cues, tokens = view.lex.cues_for(view.lang), view.tokens
    return first > 0 and tokens[first].joined and (tokens[first - 1].key in cues or first > 1 and tokens[first - 1].joined
                                                   and f"{tokens[first - 2].key} {tokens[first - 1].key}" in cues)


def _name_tail(view: DocView, last: int, at: dict) -> int:
    """The last token of the place name a spot begins with one capitalised designation word
    after it (*Selwyn* of *Selwyn Heights*): the list goes on after the whole name, not after the
    spot. A longer capitalised run is an organisation's name (*U.S. District Court*): no tail."""
    tokens = view.tokens

    def capital(i: int) -> bool:
        return i < len(tokens) and i not in at and tokens[i].joined and tokens[i].capital and view.cased(tokens[i])

    return last + 1 if capital(last + 1) and tokens[last + 1].key in view.lex.type_words and not capital(last + 2) else last


def _lists(view: DocView, spots: list[Spot], joins: frozenset[str]):
    """Runs of items (a spot, or a ``(first, last)`` name run) joined by commas and conjunctions,
    each with whether a conjunction closes it (*X, Y and Z*)."""
    tokens, at = view.tokens, {s.first: s for s in spots}
    covered = {i for s in spots for i in range(s.first, s.last + 1)}
    never = view.lex.titles_for(view.lang)
    current: list = []  # (item, joined by a conjunction)
    last_end = -1
    i = 0
    blind = view.upper
    # the tokens that can be items: spots, and words that can open a name run (capitalised, or
    # of a caseless script, or anywhere in case-blind text: the spotter's openers, found once)
    openers = name_openers(tokens, blind) if view.openers is None else view.openers
    starts = sorted(at.keys() | {k for k in openers if k not in covered and tokens[k].key not in never})
    for k in starts:
        if k < i:
            continue  # inside the item before
        i = k
        item = at.get(i) or _name_run(view, i)
        if item is None:
            continue
        first, last = (item.first, item.last) if isinstance(item, Spot) else item
        if isinstance(item, Spot):
            last = _name_tail(view, last, at)
        gap = view.text[last_end:tokens[first].start].strip().lstrip(",").strip().casefold() if current else ""
        if current and not (gap == "" and "," in view.text[last_end:tokens[first].start] or gap in joins):
            if len(current) > 1:
                yield current, current[-1][1]
            current = []
        current.append((item, bool(gap)))
        last_end = tokens[last].end
        i = last + 1
    if len(current) > 1:
        yield current, current[-1][1]
