"""The per-language word lists of ``data/lexicon.json``, keyed for lookup."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import LanguageDataError
from ..gazetteer import KINDS, name_key


@dataclass(frozen=True, eq=False)
class Lexicon:
    titles: dict[str, frozenset[str]]          # lang -> title keys (one or more words)
    cues: dict[str, dict[str, str]]            # lang -> {cue key: kind}
    type_words: frozenset[str]
    suffixes: dict[str, tuple[str, ...]]       # lang -> keyed endings, longest first
    stem_span: frozenset[str]
    proclitics: dict[str, tuple[str, ...]]
    abbreviations: dict[str, str]              # as written -> gazetteer name key
    related: dict[str, tuple[str, ...]]
    unspaced_suffixes: tuple[str, ...] = ()
    script_languages: dict[str, tuple[str, ...]] | None = None
    mark_sensitive: frozenset[str] = frozenset()
    speech_verbs: dict[str, frozenset[str]] | None = None
    post_cues: dict[str, dict[str, str]] | None = None  # lang -> {word after a name: kind}
    speech_before: dict[str, frozenset[str]] | None = None  # lang -> verbs of saying before the speaker
    names: dict[str, dict[str, str]] | None = None  # lang -> {name key: gazetteer key} (*Jatim*, *Inggris*)
    connectors: dict[str, frozenset[str]] | None = None  # lang -> words joining an organisation's name
    seat_titles: dict[str, frozenset[str]] | None = None  # lang -> titles written right before their seat
    water_words: dict[str, frozenset[str]] | None = None  # lang -> a sea name's lower-case word (*mer*, *море*)
    #: lang -> ((oblique ending key, nominative ending keys), ...): *чёрном* may be *чёрное* (see inflections_for)
    inflections: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] | None = None
    #: lang -> words for a person's relations and staff (*Bush's spokeswoman*: a person)
    relations: dict[str, frozenset[str]] | None = None
    #: lang -> {key of a word after a name that announces it: kind} (Turkish *köyü*, Hindi *जिले*)
    cues_after: dict[str, dict[str, str]] | None = None
    #: lang -> ((oblique vowel key, nominative vowel key), ...): *Києва*'s stem *києв* is *київ* (see stem_forms)
    alternations: dict[str, tuple[tuple[str, str], ...]] | None = None
    #: lang -> ((oblique last consonant key, nominative one), ...): *Розі*'s stem *роз* is *ріг*
    consonant_alternations: dict[str, tuple[tuple[str, str], ...]] | None = None
    descriptive: frozenset[str] = frozenset()  # with type_words, the words of names that also describe (*West Coast*)
    sites: dict[str, tuple[frozenset[str], ...]] | None = None  # lang -> (facility words, prepositions, street words)
    name_particles: frozenset[str] = frozenset()  # *de*, *van*, *El* between a first name and a surname
    within: dict[str, frozenset[str]] | None = None  # lang -> words between a place and its region (*in*)

    @lru_cache(maxsize=64)
    def sites_for(self, lang: str | None) -> tuple[frozenset[str], ...]:
        """Head words of facilities named after a place, the words that then say where they are, the
        head words of streets, the lower-case words that join the words of a facility's name
        (*Saints Peter and Paul Church*) and the words of a saint's name (*St*, *San*)."""
        tables = [t for t in ((self.sites or {}).get(x) for x in self.langs(lang)) if t]
        return tuple(frozenset().union(*(t[i] for t in tables)) for i in range(5))

    @lru_cache(maxsize=64)
    def seat_titles_for(self, lang: str | None) -> frozenset[str]:
        titles = self.seat_titles or {}
        return frozenset().union(*(titles.get(x, ()) for x in self.langs(lang)))

    @lru_cache(maxsize=64)
    def water_words_for(self, lang: str | None) -> frozenset[str]:
        """Keys of the words a sea's name may start or end with in lower case (*mer Rouge*, *Чёрное море*)."""
        words = self.water_words or {}
        return frozenset().union(*(words.get(x, ()) for x in self.langs(lang)))

    @lru_cache(maxsize=64)
    def within_for(self, lang: str | None) -> frozenset[str]:
        words = self.within or {}
        return frozenset().union(*(words.get(x, ()) for x in self.langs(lang)))

    @lru_cache(maxsize=64)
    def connectors_for(self, lang: str | None) -> frozenset[str]:
        words = self.connectors or {}
        return frozenset().union(words.get("*", ()), *(words.get(x, ()) for x in self.langs(lang)))

    @lru_cache(maxsize=64)
    def speech_before_for(self, lang: str | None) -> frozenset[str]:
        verbs = self.speech_before or {}
        return frozenset().union(*(verbs.get(x, ()) for x in self.langs(lang)))

    def _merged(self, table: dict[str, dict[str, str]] | None, lang: str | None) -> dict[str, str]:
        """One language's entries of a per-language table, over English's and its relatives'."""
        merged: dict[str, str] = {}
        for x in self.langs(lang):
            merged.update((table or {}).get(x, {}))
        return merged

    @lru_cache(maxsize=64)
    def names_for(self, lang: str | None) -> dict[str, str]:
        """The language's own names for places the gazetteer files otherwise (English's too)."""
        return self._merged(self.names, lang)

    @lru_cache(maxsize=64)
    def speech_for(self, lang: str | None) -> frozenset[str]:
        verbs = self.speech_verbs or {}
        return frozenset().union(*(verbs.get(x, ()) for x in self.langs(lang)))

    def fallback_langs(self, lang: str | None, surface: str) -> tuple[str | None, ...]:
        """``lang``, then the languages of the word's own script if ``lang`` is written in another."""
        import unicodedata

        script = unicodedata.name(surface[0], "").split(" ")[0]
        extra = (self.script_languages or {}).get(script, ())
        return (lang,) if not extra or lang in extra else (lang, *extra)

    def langs(self, lang: str | None) -> tuple[str, ...]:
        """``lang`` and the languages whose lists go with it (English, the news lingua franca, too)."""
        return ("en", *self.related.get(lang or "", ()), *((lang,) if lang else ()))

    @lru_cache(maxsize=64)
    def titles_for(self, lang: str | None) -> frozenset[str]:
        return frozenset().union(self.titles.get("*", ()), *(self.titles.get(x, ()) for x in self.langs(lang)))

    @lru_cache(maxsize=64)
    def cues_for(self, lang: str | None) -> dict[str, str]:
        return self._merged(self.cues, lang)

    @lru_cache(maxsize=64)
    def cues_after_for(self, lang: str | None) -> dict[str, str]:
        return self._merged(self.cues_after, lang)

    @lru_cache(maxsize=64)
    def post_cues_for(self, lang: str | None) -> dict[str, str]:
        return self._merged(self.post_cues, lang)

    @lru_cache(maxsize=64)
    def suffixes_for(self, lang: str | None) -> tuple[str, ...]:
        own = self.suffixes.get(lang or "")
        if own is None:
            own = next((self.suffixes[x] for x in self.related.get(lang or "", ()) if x in self.suffixes), ())
        return own

    @lru_cache(maxsize=64)
    def inflections_for(self, lang: str | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The oblique endings of ``lang`` (or of a related language) and the nominative endings
        each may stand for: how a word of a name of several words is put back in its own form."""
        table = self.inflections or {}
        own = table.get(lang or "")
        if own is None:
            own = next((table[x] for x in self.related.get(lang or "", ()) if x in table), ())
        return own

    @lru_cache(maxsize=64)
    def nominatives_for(self, lang: str | None) -> dict[str, tuple[str, ...]]:
        """``{oblique ending: nominative endings}`` of :meth:`inflections_for`, for one word."""
        return dict(self.inflections_for(lang))

    def stem_forms(self, stem: str, suffix: str, lang: str | None) -> list[str]:
        """The name a word may be once ``suffix`` is stripped, most likely first: the
        nominative forms the language's ending table gives for that ending, in its order
        (Polish *Nysie* is *Nysa* before the bare stem *Nys*), the bare stem, then the stem
        with its last syllable's vowel as the nominative writes it (lexicon ``alternations``:
        Ukrainian *Києва*, *Львова* are *Київ*, *Львів*)."""
        bases = self.nominatives_for(lang).get(suffix, ())
        forms = [stem + base for base in bases] + [stem]
        for other in self.alternate_stems(stem, lang):
            forms += [other + base for base in bases] + [other]
        return list(dict.fromkeys(forms))

    def alternate_stems(self, stem: str, lang: str | None) -> list[str]:
        """``stem`` with its last syllable's vowel (``alternations``) and its last consonant
        (``consonant_alternations``) as the nominative writes them: Ukrainian *Львов-* is
        *Львів*, *Роз-* (*у Кривому Розі*) is *Ріг*, *Риз-* is *Риг-* (*Рига*)."""
        vowels = [stem[:-2] + nominative + stem[-1] for oblique, nominative in
                  (self.alternations or {}).get(lang or "", ()) if len(stem) >= 3 and stem[-2] == oblique]
        out = list(vowels)
        for oblique, nominative in (self.consonant_alternations or {}).get(lang or "", ()):
            out += [s[:-1] + nominative for s in (stem, *vowels) if len(s) >= 3 and s[-1] == oblique]
        return out

    @lru_cache(maxsize=64)
    def proclitics_for(self, lang: str | None) -> tuple[str, ...]:
        return self.proclitics.get(lang or "", ())


def _keyed(words) -> tuple[str, ...]:
    return tuple(k for k in (name_key(w) for w in words) if k)


def _abbreviation_key(name: str) -> str:
    base, _, country = name.partition("|")
    return f"{name_key(base)}|{country.strip().upper()}" if country else name_key(base)


def split_key(key: str) -> tuple[str, str | None]:
    """``'georgia|US'`` -> ``('georgia', 'US')``: a name restricted to one country's regions
    (``'*'``: to countries, continents and regions anywhere)."""
    base, _, country = key.partition("|")
    return base, country or None


@lru_cache(maxsize=256)
def calendar_keys(lang: str | None) -> frozenset[str]:
    """Day and month names (wide and abbreviated) from CLDR: never places."""
    from babel import Locale, UnknownLocaleError

    words = set()
    for code in {"en", lang or "en", *lexicon().related.get(lang or "", ())}:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
        for table in (locale.days, locale.months):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    words.update(name_key(w) for w in context.get(width, {}).values())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=8)
def demonyms(lang: str | None) -> dict[str, str]:
    """``{demonym key: place key}`` for ``lang`` (data/demonyms_<lang>.tsv; {} when none)."""
    try:
        raw = resources.files("geomap.geoparse").joinpath(f"data/demonyms_{lang}.tsv").read_text("utf-8")
    except (FileNotFoundError, TypeError, ValueError):
        return {}
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, place = line.split("\t")
            base, _, country = place.partition("|")
            table[name_key(word)] = f"{name_key(base)}|{country or '*'}"
    return table


def _cues(section: dict) -> dict[str, dict[str, str]]:
    """``{lang: {cue key: kind}}``; a kind outside the vocabulary is a data error, not a cue
    that silently never matches."""
    unknown = sorted({kind for cues in section.values() for kind in cues.values()} - set(KINDS))
    if unknown:
        raise LanguageDataError(f"geoparse data lexicon.json: cue kinds {unknown} are not place kinds ({', '.join(KINDS)})")
    return {lang: {name_key(c): kind for c, kind in cues.items()} for lang, cues in section.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("geomap.geoparse").joinpath("data/lexicon.json").read_text("utf-8"))
    real = lambda section: {k: v for k, v in raw[section].items() if not k.startswith("_")}  # noqa: E731
    return Lexicon(
        titles={lang: frozenset(_keyed(words)) for lang, words in real("titles").items()},
        cues=_cues(real("cues")),
        type_words=frozenset(_keyed(real("type_words")["*"])),
        suffixes={lang: tuple(sorted(set(_keyed(s)), key=len, reverse=True)) for lang, s in real("suffixes").items()},
        stem_span=frozenset(raw["stem_span"]),
        proclitics={lang: tuple(sorted(set(_keyed(p)), key=len, reverse=True)) for lang, p in real("proclitics").items()},
        abbreviations={a: _abbreviation_key(n) for a, n in real("abbreviations").items()},
        related={lang: tuple(x) for lang, x in real("related").items()},
        unspaced_suffixes=tuple(real("unspaced_suffixes")["*"]),
        script_languages={k: tuple(v) for k, v in real("script_languages").items()},
        mark_sensitive=frozenset(raw["mark_sensitive"]),
        speech_verbs={lang: frozenset(_keyed(v)) for lang, v in real("speech_verbs").items()},
        post_cues=_cues(real("post_cues")),
        cues_after=_cues(real("cues_after")),
        relations={lang: frozenset(_keyed(v)) for lang, v in real("relations").items()},
        seat_titles={lang: frozenset(_keyed(v)) for lang, v in real("seat_titles").items()},
        connectors={lang: frozenset(_keyed(v)) for lang, v in real("connectors").items()},
        speech_before={lang: frozenset(_keyed(v)) for lang, v in real("speech_before").items()},
        water_words={lang: frozenset(_keyed(v)) for lang, v in real("water_words").items()},
        names={lang: {name_key(w): _abbreviation_key(n) for w, n in table.items()} for lang, table in real("names").items()},
        inflections={lang: tuple((name_key(end), tuple(name_key(b) for b in bases)) for end, bases in table.items())
                     for lang, table in real("inflections").items()},
        alternations={lang: tuple((name_key(a), name_key(b)) for a, b in pairs)
                      for lang, pairs in real("stem_alternations").items()},
        consonant_alternations={lang: tuple((name_key(a), name_key(b)) for a, b in pairs)
                                for lang, pairs in real("consonant_alternations").items()},
        descriptive=frozenset(_keyed(real("descriptive_words")["*"])),
        name_particles=frozenset(_keyed(real("name_particles")["*"])),
        within={lang: frozenset(_keyed(words)) for lang, words in real("within").items()},
        sites={lang: tuple(frozenset(_keyed(t.get(part, ()))) for part in ("facilities", "prepositions", "streets", "joiners",
                                                                           "dedications"))
               for lang, t in real("sites").items()},
    )
