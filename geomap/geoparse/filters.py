"""Which spots are places: the false-positive filters, as pure functions.

A gazetteer of a million names matches most capitalised words somewhere
(*Media*, *Of*, *Vladimir*). A spot survives when the text treats it as a
proper name (capitals, where the script has them), when it is not a common
word of the text's language unless the place is prominent enough to
outweigh that (wordfreq Zipf frequency against the place's prior), and when
it is not the head of a person's name (*Presiden Emmanuel Macron*) or part
of a longer capitalised name (*Washington Post*). Whatever one occurrence
reveals about a name holds for the whole document.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from ..gazetteer import name_key
from ..gazetteer.kinds import ADMIN1, COUNTRY_OR_WIDER, SUBDIVISIONS
from .evidence import evidence
from .frequency import WORDFREQ_LANGUAGES, zipf  # noqa: F401  (zipf: the filters' measure, re-exported)
from .lexicon import Lexicon, split_key
from .spotter import Spot
from .tokens import Token

#: Languages that capitalise common nouns: a capital says less there.
NOUN_CAPITALISING = frozenset({"de", "lb"})
#: A word this frequent is a function word, never evidence of a proper name.
FUNCTION_ZIPF = 5.6
#: A capitalised word after a place, rarer than this, is a surname rather than a common noun.
SURNAME_ZIPF = 4.3
#: A capitalised word before a place, rarer than this, is a first name (*Andrew* 4.6, *John* 5.2).
FIRST_NAME_ZIPF = 5.5


#: A region's prior is a tier floor, not a population: as evidence against a common word it
#: counts like a city of about three million.
REGION_FILTER_WEIGHT = 10 ** 6.5


def filter_weight(kind: str, weight: float) -> float:
    return min(weight, REGION_FILTER_WEIGHT) if kind in SUBDIVISIONS else weight


def prominence(weights: list[float]) -> float:
    return math.log10(max(weights)) if weights else 0.0


def common_word_limit(prom: float, sentence_start: bool, lang: str | None) -> float:
    """Highest Zipf frequency a word may have and still be taken as this place."""
    limit = 2.3 + 0.5 * prom
    if not sentence_start and lang not in NOUN_CAPITALISING:
        limit += 0.9  # a capital in mid-sentence is evidence of a name
    return limit


@dataclass(frozen=True)
class DocView:
    """What the filters need to know about one document."""

    text: str
    tokens: list[Token]
    starts: frozenset[int]     # sentence-initial tokens and tokens of title-case lines
    upper: bool                # text in capitals or in lower case: case is no evidence
    lang: str | None
    lex: Lexicon
    hashtags: dict[int, tuple[int, int]] = field(default_factory=dict)  # token -> its hashtag's tokens
    openers: list[int] | None = None  # tokens.name_openers, when worked out already

    def cased(self, token: Token) -> bool:
        return not self.upper and token.cased

    def written_lower(self, key: str) -> bool:
        """Whether the text also writes the word ``key`` in lower case (worked out once per document)."""
        lower = self.__dict__.get("_lower")
        if lower is None:
            lower = self.__dict__["_lower"] = {t.key for t in self.tokens if t.cased and not t.capital}
        return key in lower

    def proper(self, i: int) -> bool:
        """Token ``i`` looks like part of a proper name (capitalised, not a function word)."""
        token = self.tokens[i]
        if not self.cased(token) or not token.capital or not token.surface.isalpha():
            return False  # A429, 2020: codes and numbers are not names
        z = zipf(token.surface.casefold(), self.lang)
        if i in self.starts:  # a capital there is positional: only a rare word is a name
            return self.lang in WORDFREQ_LANGUAGES and z < 3.0
        return z < FUNCTION_ZIPF


def case_ok(view: DocView, spot: Spot) -> bool:
    """Where the script has case, a name starts (and ends) with a capital."""
    if spot.how == "abbreviation":
        return True
    if spot.how == "demonym":
        return view.upper or view.tokens[spot.first].capital
    first, last = view.tokens[spot.first], view.tokens[spot.last]
    if not view.cased(first):
        return True
    water = view.lex.water_words_for(view.lang) if spot.first != spot.last else frozenset()
    last_ok = (last.capital or not view.cased(last) or any(c.isupper() for c in last.surface)  # d'Isère
               or last.key in water or spot.key.rsplit(" ", 1)[-1] in water  # *Чёрное море*, *Персидском заливе*
               or (spot.first != spot.last and last.key in view.lex.post_cues_for(view.lang)))  # *Иркутской области*
    return (first.capital or first.key in water) and (last_ok or spot.first == spot.last)  # *mer Rouge*


def shouting_acronym(view: DocView, spot: Spot, places: list) -> bool:
    """An all-capital short word in mixed-case text is an acronym (BBC, KPU), unless the
    gazetteer writes the name in ordinary case and the text merely shouts it (PALU). A word
    that is only some place's alias is not shouted (*AMLO*, a president, is an alias of Amloh)."""
    surface = view.text[spot.start:spot.end]
    if view.upper or spot.how in ("abbreviation", "alias") or not surface.isupper() or not view.cased(view.tokens[spot.first]):
        return False
    if len(surface) <= 3 or view.text[spot.start - 1:spot.start] == "(":
        return True  # BBC; an expansion's acronym: *Andres Manuel Lopez Obrador (AMLO)*
    if dateline(view, spot):
        return False
    if zipf(surface.casefold(), view.lang) >= 3.0:
        return True  # NATO, not Nato
    if all(name_key(p.name) != split_key(spot.key)[0] for p in places):
        return True
    return all(not p.matched_name or p.matched_name.isupper() for p in places)


def dateline(view: DocView, spot: Spot) -> bool:
    """*MOSKWA -*, *PALU, KOMPAS*: a place in capitals opening a line, before a dash or comma."""
    line_start = view.text.rfind("\n", 0, spot.start) + 1
    before = view.text[line_start:spot.start]
    after = view.text[spot.end:spot.end + 3].lstrip(" ")
    opens = not before.strip() or before.rstrip().endswith(",") and before.strip().isupper()
    return opens and (after[:1] in (",", "-", "–", "—", "(", ":") or not before.strip() and after[:1].isupper())


def too_common(view: DocView, spot: Spot, prom: float) -> bool:
    if spot.how in ("abbreviation", "alias", "unspaced", "demonym") or spot.last > spot.first:
        return False
    z = zipf(view.tokens[spot.first].surface.casefold(), view.lang)
    if view.upper or not view.cased(view.tokens[spot.first]):
        return z > 2.3 + 0.6 * prom  # no capital either way: the place's size decides (تهران)
    if view.lang not in (None, "en"):  # news quotes English titles and words (*Best New Artist*, *Born This Way*)
        z = max(z, zipf(view.tokens[spot.first].surface.casefold(), "en"))
    return z > common_word_limit(prom, spot.first in view.starts, view.lang)


def after_title(view: DocView, spot: Spot, kinds: set[str]) -> bool:
    """The spot is part of the person's name in the capitalised run after a title.

    Countries stay places (*Presiden Rusia Vladimir Putin*); a region stays a place
    unless exactly one more capitalised word follows it, the shape of a first name
    and a surname (*Presiden Vladimir Putin* vs *Gubernur Jawa Barat Ridwan Kamil*).
    """
    if kinds & COUNTRY_OR_WIDER or not _title_before(view, spot):
        return False
    following = 0
    i = spot.last + 1
    while i < len(view.tokens) and view.tokens[i].joined and view.proper(i) and following < 3:
        following, i = following + 1, i + 1
    return not (ADMIN1 in kinds and following != 1)


def seat_title_ends_at(view: DocView, i: int) -> bool:
    """Token ``i`` ends a title the language writes right before the place it governs
    (Indonesian *Gubernur*, *Wali Kota*; English says *Governor of*)."""
    titles = view.lex.seat_titles_for(view.lang)
    if not titles or i < 0 or _last_word(view.tokens[i].key) not in edge_words(titles)[1]:
        return False  # no title ends with this word: no need to join the words before it
    return any(i - width + 1 >= 0 and " ".join(t.key for t in view.tokens[i - width + 1:i + 1]) in titles
               for width in (3, 2, 1))


def starts_a_title(view: DocView, spot: Spot) -> bool:
    """The spot is the first word of a title of two or three words (*Wali* of *Wali Kota*)."""
    titles = view.lex.titles_for(view.lang)
    tokens = view.tokens
    return spot.first == spot.last and tokens[spot.first].key.split(" ", 1)[0] in edge_words(titles)[0] and any(
        spot.first + width <= len(tokens) and all(t.joined for t in tokens[spot.first + 1:spot.first + width])
        and " ".join(t.key for t in tokens[spot.first:spot.first + width]) in titles for width in (2, 3))


@lru_cache(maxsize=64)
def edge_words(titles: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """First and last words of ``titles`` (keys of one or more words): a run of words can be a
    title only if its first and last words are among them, checked before joining any words."""
    return frozenset(t.split(" ", 1)[0] for t in titles), frozenset(_last_word(t) for t in titles)


def _last_word(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def _title_before(view: DocView, spot: Spot) -> bool:
    titles = view.lex.titles_for(view.lang)
    last_words = edge_words(titles)[1]
    i = spot.first - 1
    while i >= 0 and spot.first - i <= 5:
        if _last_word(view.tokens[i].key) in last_words:
            for width in (3, 2, 1):
                if i - width + 1 >= 0:
                    words = " ".join(t.key for t in view.tokens[i - width + 1:i + 1])
                    first = view.tokens[i - width + 1]
                    if words in titles and (first.capital or not view.cased(first)):
                        return True  # a lower-case title is a common noun: *wali kota Padang* (mayor of)
        token = view.tokens[i]
        if not (token.capital and view.cased(token)) or i in view.starts:
            return False
        i -= 1
    return False


def inside_longer_name(view: DocView, spot: Spot, is_state: bool, state_tokens: set[int], *, after: bool = True) -> bool:
    """The spot is flanked by capitalised words that are neither states nor place-type words:
    a person (*Vladimir Putin*, *Ryan Steele*). A common capitalised noun after it makes an
    organisation named after the place (*Edmonton Police*), which still mentions the place.
    Without ``after``, only a first name before it counts (the spot is a surname)."""
    if is_state or not view.cased(view.tokens[spot.first]):
        return False
    type_words = view.lex.type_words
    nxt = spot.last + 1
    # a first name before (across a particle: *Mike de Kock*); a surname after, but none after a
    # possessive (*Toronto's Pearson airport*)
    sides = (*((i, FIRST_NAME_ZIPF) for i in _first_name_places(view, spot.first)),
             (nxt, 0.0 if spot.end < view.tokens[spot.last].end else SURNAME_ZIPF))
    if after and (nxt < len(view.tokens) and view.tokens[nxt].joined and view.tokens[nxt].capital
            and view.tokens[nxt].key in view.lex.titles_for(view.lang)
            and zipf(view.tokens[spot.first].surface.casefold(), view.lang) >= 4.0):
        return True  # part of a title: *Vice President*, not a place
    for i, limit in sides if after else sides[:-1]:
        if not 0 <= i < len(view.tokens) or i in state_tokens:
            continue
        token = view.tokens[i]
        joined = view.tokens[spot.first].joined if i < spot.first else token.joined
        gap = view.text[token.end:view.tokens[spot.first].start] if i < spot.first else view.text[view.tokens[spot.last].end:token.start]
        if gap != "-" and gap.strip() == "-":
            joined = False  # a spaced hyphen is a dash between names: *rute Sumenep - Surabaya*
        designation = token.key in type_words or token.key in view.lex.cues_for(view.lang)
        if not joined or designation or not view.proper(i):
            continue  # *Landkreise Rosenheim*: a cue word, not a first name
        if i < spot.first and i in view.starts and zipf(token.surface.casefold(), view.lang) >= 4.8:
            continue  # a capitalised common word opening the sentence: *Outside Nenagh*
        if zipf(token.surface.casefold(), view.lang) < limit or _title_phrase(view, spot, token):
            return True
    return False


def _first_name_places(view: DocView, first: int) -> tuple[int, ...]:
    """The tokens a first name may be before token ``first``: the one before it and, when that
    is a family-name particle joined to both, the one before the particle (*Mike de Kock*,
    *Rachid El Abdi*; *Ben Elton*: *Ben* may be the first name itself)."""
    i = first - 1
    if (i >= 1 and view.tokens[i].key in view.lex.name_particles and view.tokens[first].joined and view.tokens[i].joined
            and view.tokens[i].key not in evidence().prepositions_for(view.lex.langs(view.lang))):
        return i, i - 1  # not where the language writes it as a preposition (Indonesian *Artist di Jakarta*)
    return (i,)


#: A word at least this frequent (Zipf) in the text's language is one of its common words.
COMMON_WORD_ZIPF = 4.5


def _title_phrase(view: DocView, spot: Spot, neighbour: Token) -> bool:
    """A single word that is a common word of the language, capitalised beside another common
    word, belongs to a title or a name of common words (*Surat Keputusan*, decree; *Susunan
    Organisasi*), not to an organisation named after a place (*Edmonton Police*)."""
    tokens, word = view.tokens, view.tokens[spot.first].surface.casefold()
    gap = view.text[min(spot.end, neighbour.end):max(spot.start, neighbour.start)]
    cued = spot.first > 0 and tokens[spot.first - 1].key in view.lex.cues_for(view.lang)  # *Jalan Medan Merdeka*
    return (spot.first == spot.last and spot.how == "exact" and view.lang not in (None, "en") and not gap.strip()
            and not cued and zipf(word, view.lang) >= COMMON_WORD_ZIPF
            and zipf(neighbour.surface.casefold(), view.lang) >= COMMON_WORD_ZIPF)


def speaks(view: DocView, spot: Spot) -> bool:
    """*Johnson said*: a single capitalised word followed by a verb of saying."""
    nxt = spot.last + 1
    if spot.first != spot.last or nxt >= len(view.tokens) or not view.cased(view.tokens[spot.first]):
        return False
    verbs = view.lex.speech_for(view.lang)
    one = view.tokens[nxt].key
    two = f"{one} {view.tokens[nxt + 1].key}" if nxt + 1 < len(view.tokens) else ""
    return not view.tokens[nxt].capital and (one in verbs or two in verbs)


def _word_after(view: DocView, spot: Spot) -> tuple[Token | None, bool]:
    """The word right after a one-word spot (joined to it) and whether the spot is written in the
    possessive (*Bush's*), else ``(None, False)``."""
    nxt = spot.last + 1
    if spot.first != spot.last or nxt >= len(view.tokens) or not view.tokens[nxt].joined:
        return None, False
    return view.tokens[nxt], view.tokens[spot.last].surface.endswith(("'s", "’s"))


def before_title(view: DocView, spot: Spot) -> bool:
    """*Labor minister*, *Bush's spokeswoman*: a single word right before a title of the language
    (or before *'s* and a title) names a portfolio or the person the title belongs to."""
    word, possessive = _word_after(view, spot)
    if word is None or word.key not in view.lex.titles_for(view.lang):
        return False
    return possessive or view.text[view.tokens[spot.last].end:word.start] == " " and not word.capital


def possessed_person(view: DocView, spot: Spot) -> bool:
    """*Bush's spokeswoman*, *Johnson's lawyer*: a single word in the possessive before a word for
    a person's relations or staff (lexicon ``relations``) is that person."""
    word, possessive = _word_after(view, spot)
    return possessive and word.key in (view.lex.relations or {}).get(view.lang or "", ())


def after_speech_verb(view: DocView, spot: Spot) -> bool:
    """*kata Eva.*, *ujar Ahmad,*, *ujar Vena di ...*: a single word closing its clause or
    followed by a lower-case word, right after a verb of saying that the language writes before
    the speaker, is the speaker."""
    verbs = view.lex.speech_before_for(view.lang)
    i = spot.first
    if not verbs or i == 0 or spot.last != i or not view.tokens[i].joined or view.tokens[i - 1].key not in verbs:
        return False
    if view.cased(view.tokens[i - 1]) and view.tokens[i - 1].capital and i - 1 in view.starts:
        return False  # *Kata* opening a sentence is the noun (word), not the verb
    rest = view.text[view.tokens[spot.last].end:view.tokens[spot.last].end + 3].lstrip(" ")
    return not rest or rest[0] in ".,;:!?)\"'”’" or rest[0].islower()  # *ujar Vena di Gedung DPR*


def after_connector(view: DocView, spot: Spot) -> bool:
    """*Chamber of Commerce*: the spot ends a capitalised name joined by *of*."""
    i = spot.first
    if i < 2 or view.tokens[i - 1].key not in view.lex.connectors_for(view.lang) or view.tokens[i - 1].capital:
        return False
    head = i - 2
    return (view.tokens[i - 1].joined and view.tokens[i].joined and head not in view.starts
            and view.tokens[head].key not in view.lex.type_words and view.proper(head))


@lru_cache(maxsize=512)
def official_languages(country: str | None) -> frozenset[str]:
    """Languages official (de jure or de facto) in ``country`` or in a region of it (CLDR, through
    Babel): Tamil is official in Tamil Nadu, so Madurai in a Tamil text is at home, not abroad."""
    from babel.languages import get_official_languages

    return frozenset(get_official_languages(country, regional=True, de_facto=True)) if country else frozenset()


def foreign_unsupported(view: DocView, s: Spot, places: list, named: set) -> bool:
    """A single word naming only small places abroad (where the text's language is not
    spoken), with no preposition or cue before it and no country or region of theirs named
    in the text: in non-English news, that is a person or a title (*Warren*, *Oikawa*)."""
    if view.lang in (None, "en") or s.first != s.last or s.how != "exact":
        return False
    langs = set(view.lex.langs(view.lang)) - {"en"}
    if any(official_languages(p.country_code) & langs or p.country_code in named for p in places):
        return False
    from .evidence import context_of

    ctx = context_of(view.text, view.tokens, s.first, s.last, s.start, s.how, lex=view.lex, lang=view.lang,
                     cased=True, sentence_start=s.first in view.starts, tags=view.hashtags)
    return not (ctx.preposition or ctx.cue or _in_a_list(view, s))


def _in_a_list(view: DocView, s: Spot) -> bool:
    """A comma or a conjunction joins the word to a capitalised neighbour (*Utuhina, Ohinemutu*)."""
    from .evidence import evidence

    joins = evidence().conjunctions_for(view.lex.langs(view.lang))
    tokens = view.tokens
    before = view.text[tokens[s.first - 1].end:s.start].strip() if s.first > 0 else "."
    after = view.text[s.end:tokens[s.last + 1].start].strip() if s.last + 1 < len(tokens) else "."
    left = s.first > 0 and (before == "," and tokens[s.first - 1].capital
                            or tokens[s.first - 1].key in joins and s.first > 1 and tokens[s.first - 2].capital)
    right = s.last + 1 < len(tokens) and tokens[s.last + 1].capital and after == ","
    return bool(left or right or s.last + 2 < len(tokens) and tokens[s.last + 1].key in joins
                and tokens[s.last + 2].capital)
