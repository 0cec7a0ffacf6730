"""Names that explain each other, after resolution: the region written after a place, the
places of one list, and names that also describe.

*Tacoma, Washington*: the name after the comma is the region the place before it lies in, so
*Washington* there is the state that holds Tacoma, not the capital. *California or Washington*,
*Alaska, Hawaii, Florida and Washington*: a list names places of one kind, so *Washington* there
is a state too. Both are read from the text around one mention and decide that mention only
(the document's one sense per name stays for the others). *West Coast*, *the Gulf*: a name made
only of describing words is a region of a country only in a text about that country. Pure
functions over places.
"""
from __future__ import annotations

from ..gazetteer import Place, name_key
from ..gazetteer.kinds import ADMIN1, ADMIN2, COUNTRY, SUBDIVISIONS
from .nearness import containment
from .resolve import Choice, of_kind, prominence
from .spotter import Spot

#: How a name the gazetteer lacks was recognised as a place all the same (core's ``Found.how``):
#: a cue word (*desa X*), a spelling of a cue-revealed name, a list of places.
SURE_PLACE_HOWS = frozenset(("cue", "variant", "list"))
#: A key this short is too close to other names (*Iran*, *Iraq*) to be read as their spelling.
MIN_SPELLING_CHARS = 6

#: Kinds a list makes its other items take (*Alaska, Florida and Washington*: states).
LIST_KINDS = (ADMIN1, COUNTRY)


def list_groups(text: str, kept: list[Spot], joins: frozenset[str]) -> dict[int, int]:
    """``{first token of a spot: start of its list}`` for spots joined to their neighbours by
    commas and a conjunction (*A, B and C*, *A or B*); a pair joined by a comma alone is a place
    and its region (*Paris, Texas*), not a list."""
    groups: dict[int, int] = {}
    run: list[Spot] = []
    closed = False

    def flush():
        if len(run) > 1 and closed:
            groups.update((s.first, run[0].start) for s in run)

    for s in kept:
        if run:
            gap = text[run[-1].end:s.start]
            word = gap.replace(",", " ").split()
            if "\n" not in gap and len(gap) <= 8 and (not word or len(word) == 1 and word[0].casefold() in joins):
                closed = closed or bool(word)
                run.append(s)
                continue
            flush()
        run, closed = [s], False
    flush()
    return groups


def region_holding(candidates, place: Place, current: Place) -> Place | None:
    """The candidate region (country, admin1, county) that holds ``place``, when ``current`` does
    not: the most prominent if several do. (Places carry no admin2 code: a county holds what lies in
    its admin1 region near its point, see ``nearness.containment``.)"""
    if _holds(current, place):
        return None
    holding = [c for c in candidates if _holds(c, place)]
    return max(holding, key=prominence) if holding else None


def _holds(region: Place, place: Place) -> bool:
    if region.id == place.id or not region.country_code or region.country_code != place.country_code:
        return False
    if region.kind == COUNTRY:
        return place.kind != COUNTRY
    if region.kind == ADMIN1:
        return place.admin1_code == region.admin1_code and place.kind not in (COUNTRY, ADMIN1)
    if region.kind == ADMIN2:
        return containment(region, place) >= HOLDS
    return False


#: How surely a county must hold a place (``nearness.containment``) to be taken as its county.
HOLDS = 0.5


def list_kind(candidates, current: Place, others: list[Place]) -> Place | None:
    """The candidate of the kind most of the list's other items are (a state among states, in
    their country), when ``current`` is not of it."""
    for kind in LIST_KINDS:
        same = [o for o in others if o.kind == kind]
        if not same or 2 * len(same) <= len(others) or current.kind == kind:
            continue
        countries = {o.country_code for o in same}
        fits = [c for c in candidates if c.kind == kind and (kind == COUNTRY or c.country_code in countries)]
        if fits:
            return max(fits, key=prominence)
    return None


def agreed(choice: Choice, place: Place, why: str) -> Choice:
    return Choice(place, choice.confidence, f"{_describe(place)}; {why}")


def _describe(place: Place) -> str:
    return f"{place.kind} {place.name}"


def agree(text: str, found: list, picked: list[Choice | None], candidates: dict) -> list[Choice | None]:
    """``picked`` (one choice per item of ``found``, core's ``Found`` records in text order) with
    the region after a place made the region holding it, and a list's odd item made of the kind
    of the others. Each rule reads the choices as resolution left them."""
    out = list(picked)
    for i, f in enumerate(found):
        nxt = i + 1
        if not f.container_key or picked[i] is None or nxt >= len(found) or found[nxt].key != f.container_key:
            continue
        if picked[nxt] is not None:
            region = region_holding(candidates.get(f.container_key, ()), picked[i].place, picked[nxt].place)
            if region is not None:
                out[nxt] = agreed(picked[nxt], region, f"the region {text[f.start:f.end]} lies in")
    members: dict[int, list[int]] = {}
    for i, f in enumerate(found):
        if f.list_id is not None and picked[i] is not None:
            members.setdefault(f.list_id, []).append(i)
    for items in members.values():
        for i in items:
            if found[i].container_key or out[i] is not picked[i]:
                continue  # *Paris, Texas* inside a list: the region after it decides
            others = [picked[k].place for k in items if found[k].key != found[i].key]
            alt = list_kind(candidates.get(found[i].key, ()), picked[i].place, others)
            if alt is not None:
                out[i] = agreed(picked[i], alt, "listed with places of that kind")
    return out


def spelled_as_named(text: str, found: list, picked: list[Choice | None],
                     similarity: float) -> list[Choice | None]:
    """A sure place the gazetteer lacks, spelt like a place the same text names and resolves,
    is that place (*Nagorny Karabakh* beside *Nagorno-Karabakh*, *Kharkov* beside *Kharkiv*):
    news mixes transliterations within one article. Same first letter and a rapidfuzz ratio of
    at least ``similarity`` (cues' variant rule); the nearest spelling wins, at lower confidence."""
    from rapidfuzz import fuzz

    named = {f.key: c for f, c in zip(found, picked) if c is not None and f.key}
    if not named:
        return picked
    out = list(picked)
    for i, f in enumerate(found):
        if picked[i] is not None or f.how not in SURE_PLACE_HOWS:
            continue
        spelt = name_key(text[f.start:f.end])
        if len(spelt) < MIN_SPELLING_CHARS:
            continue
        scored = [(fuzz.ratio(spelt, key), key) for key in named if key[:1] == spelt[:1]]
        score, key = max(scored, default=(0.0, ""))
        if score >= similarity:
            choice = named[key]
            out[i] = Choice(choice.place, choice.confidence * score / 100,
                            f"spelling of {choice.place.name}, named in the text")
    return out


#: Names of unspaced scripts at most this long are the ones a longer word hides (*马尔* in *马尔塔克特*).
SHORT_UNSPACED = 2


def run_together(found: list, picked: list[Choice | None]) -> set[int]:
    """Items of ``found`` that are not names: in a script written without spaces, two names
    right against each other, one of them short, that do not hold one another (*中国北京*,
    China and Beijing, do) are pieces of one longer word the gazetteer lacks: *马尔塔克特*
    (Martakert) is not *马尔* (Marl, Germany) then *塔克* (Tucker, Georgia)."""
    out: set[int] = set()
    for i in range(len(found) - 1):
        a, b, pa, pb = found[i], found[i + 1], picked[i], picked[i + 1]
        if a.how != "unspaced" or b.how != "unspaced" or a.end != b.start or pa is None or pb is None:
            continue
        if min(a.end - a.start, b.end - b.start) > SHORT_UNSPACED:
            continue
        if not (_holds(pa.place, pb.place) or _holds(pb.place, pa.place)):
            out.update((i, i + 1))
    return out


#: The most characters between a country's name or demonym and the cue-word place it qualifies
#: (*the Belgian province of Luxembourg*: " province of ").
COUNTRY_QUALIFIER_GAP = 24
_PUNCTUATION = frozenset(".,;:!?()-\n")


def qualified_by_country(text: str, found: list, picked: list[Choice | None], candidates: dict) -> list[Choice | None]:
    """*The Belgian province of Luxembourg*, *Mexico's state of Mexico*: a country written right
    before the cue word of a place says which country that place is in, whatever is more
    prominent elsewhere. Only across a short gap of plain words (no punctuation: *Russian-held
    city of X* says who holds it, not where it is), and only when the country has a candidate of
    the kind the cue word announces."""
    out = list(picked)
    for i in range(1, len(found)):
        f, before, choice = found[i], picked[i - 1], picked[i]
        if f.cue_kind is None or choice is None or before is None or before.place.kind != COUNTRY:
            continue
        gap = text[found[i - 1].end:f.start]
        words = gap.removeprefix("'s ").removeprefix("\u2019s ")
        if len(gap) > COUNTRY_QUALIFIER_GAP or not words[:1].isspace() and words == gap or _PUNCTUATION & set(words):
            continue
        code = before.place.country_code
        fits = [c for c in candidates.get(f.key, ()) if c.country_code == code and of_kind(c, f.cue_kind)]
        if choice.place.country_code != code and fits:
            out[i] = agreed(choice, max(fits, key=prominence), f"in {before.place.name}, written before it")
    return out


#: Why a descriptive name stays unresolved (see :func:`unsupported_description`).
DESCRIPTION = "a name that also describes (West Coast, the Gulf): not a region of a country the text is not about"


def unsupported_description(key: str, place: Place, ctx, words: frozenset[str]) -> bool:
    """``place`` is a region read from a name made only of describing words (*West Coast*,
    *Gulf*, *Central District*, *Middle*) in a country the text neither names nor is about: in
    a text about the United States *the West Coast* is not New Zealand's region."""
    if place.kind not in SUBDIVISIONS or not all(word in words for word in key.split()):
        return False
    code = place.country_code
    return not (ctx.in_country(code, key) or ctx.focus is not None and ctx.focus.country_code == code
                or ctx.state_points and code in ctx.state_points)
