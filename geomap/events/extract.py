"""One document's mentions and sentences -> dated, typed, placed events.

The batch path (:func:`iter_events`) streams: geoparse runs over the
documents (in worker processes when asked) and each parsed document becomes
a :class:`~geomap.events.model.DocumentResult` at once, so memory stays flat
in the number of documents.
"""
from __future__ import annotations

import bisect
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from datetime import date

from ..documents import DocumentError, as_document
from ..errors import GeomapError
from ..gazetteer.kinds import ADMIN1, COUNTRY, REGION
from ..geoparse.model import Mention
from .attach import INCIDENT_TYPES, Context, Found, sentence_events
from .dateline import article_date_from_text, find_dateline
from .dates import InvalidDate, find_expressions, parse_published, sentence_date
from .lexicon import in_a_name, lexicon
from .model import HISTORICAL_DAYS, Document, DocumentResult, Event, Problem, Unresolved
from .places import breadth, confident
from .sentences import split_sentences

#: Sentences of the lead, where a national story names its country as the place.
LEAD_SENTENCES = 3


def article_date(doc: Document, lex, problems: list[Problem]) -> tuple[date | None, str]:
    """The article date and where it came from: metadata, the text, the file name, or unknown."""
    try:
        published = parse_published(doc.published)
    except InvalidDate:
        field = f"'{doc.published_source}'" if doc.published_source else "published date"
        problems.append(doc.problem(f"{field} {doc.published!r} is not a real date; the document is read "
                                    "without it (date from the text, if any)", "warning"))
        published = None
    if published is not None:
        return published, "metadata"
    from_text = article_date_from_text(doc.text, lex)
    if from_text is not None:
        return from_text
    if doc.date_hint is not None:
        return doc.date_hint, "file name"
    # no problem per document: callers count the documents without a date and say so once
    return None, "unknown"


def document_events(doc: Document, mentions: list[Mention], lang: str | None,
                    gazetteer_version: str, focus=None) -> DocumentResult:
    """Events and unresolved mentions of one document whose place ``mentions`` are known
    (``focus``: where geoparse found the document is about, :class:`~geomap.geoparse.resolve.Focus`)."""
    lex = lexicon(lang)
    problems: list[Problem] = []
    if lex.is_fallback:
        problems.append(doc.problem(f"no event keywords for language {lex.lang!r}: English lists used",
                                    "warning"))
    base, how = article_date(doc, lex, problems)
    text = doc.text
    sentences = split_sentences(text, lex.months if lex.ordinal_day_dot else ())
    dateline = find_dateline(text)
    mentions = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in mentions]
    cues = _sentence_cues(text, sentences, lex)
    ctx = _context(text, lex, dateline, mentions, cues, sentences[LEAD_SENTENCES - 1].end
                   if len(sentences) >= LEAD_SENTENCES else len(text), focus)

    def invalid(expr) -> None:
        problems.append(doc.problem(f"character {expr.start}: {expr.core!r} is not a real date; ignored",
                                    "warning"))

    events: dict[tuple, Event] = {}
    unresolved: list[Unresolved] = []
    for sentence, found_cues in zip(sentences, cues):
        inside = mentions[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        if not found_cues and all(m.resolved for m in inside):
            continue
        exprs = [e for e in find_expressions(text, lex, sentence.start, sentence.end)
                 if not (dateline and e.start < dateline.stop)]
        inside = [m for m in inside if not any(e.start < m.end and m.start < e.end for e in exprs)]
        when = sentence_date(text, sentence.start, exprs, lex, base, invalid)
        found = sentence_events(ctx, sentence, found_cues, inside)
        kind = found[0].kind if found else None
        for m in inside:
            if not m.resolved:
                unresolved.append(Unresolved(
                    doc_id=doc.doc_id, place_text=m.text, start=m.start, end=m.end, reason=m.reason,
                    event_type=kind, date=when.date, time_precision=when.precision, date_text=when.text,
                    quote=sentence.text, quote_start=sentence.start, quote_end=sentence.end, title=doc.title,
                    url=doc.url, lang=lex.lang))
        for item in found:
            _merge(events, make_event(doc, sentence, item, when, base, how, lex.lang, gazetteer_version))
    return DocumentResult(doc.doc_id, list(events.values()), unresolved, problems, base, how)


def make_event(doc: Document, sentence, found: Found, when, base: date | None, how: str, lang: str,
               gazetteer_version: str) -> Event:
    """The one place an :class:`Event` row is built: the document, the sentence, what and
    where it reports (``found``), and when (``when``, against the article date ``base``)."""
    m, choice = found.choice.mention, found.choice
    if when.text is not None:
        source = "text"
    elif when.date is not None:
        source = {"metadata": "metadata", "unknown": "none"}.get(how, how)
    else:
        source = "none"
    last = when.end or when.date
    historical = bool(base is not None and last is not None and (base - last).days >= HISTORICAL_DAYS)
    return Event(
        event_id=f"{doc.doc_id}:{sentence.start}:{m.start}", doc_id=doc.doc_id,
        date=when.date, date_start=when.start, date_end=when.end, time_precision=when.precision,
        date_text=when.text, date_source=source, historical=historical,
        place_text=m.text, place=m.name, lat=m.lat, lon=m.lon, place_id=m.id,
        country_code=m.country_code, admin1=m.admin1, geo_precision=choice.geo_precision,
        confidence=choice.confidence, unresolved_place=found.unresolved_place,
        event_type=found.kind, fatalities=found.fatalities, fatalities_cumulative=found.cumulative, mentions=1,
        quote=sentence.text, start=sentence.start, end=sentence.end,
        title=doc.title, url=doc.url, source=doc.source, lang=lang, gazetteer=gazetteer_version)


def _sentence_cues(text: str, sentences, lex) -> list[list[tuple[int, str]]]:
    """The cue words (offset, label) of each sentence, from one pass over the whole text
    (a dozen regular expressions per sentence cost ten times more)."""
    ends = [s.end for s in sentences]
    out: list[list[tuple[int, str]]] = [[] for _ in sentences]
    for start, label in lex.cue_words.find(text):
        i = bisect.bisect_right(ends, start)
        if i < len(sentences) and start >= sentences[i].start and not in_a_name(text, start, sentences[i].start, lex):
            out[i].append((start, label))
    return out


def _context(text: str, lex, dateline, mentions: list[Mention], cues, lead_end: int, focus=None) -> Context:
    """What the sentences share: the dateline place, the article's main region, violent cues."""
    edges = frozenset(x for m in mentions for x in (m.start, m.end))
    line_place = None
    if dateline is not None:
        inside = [m for m in mentions if dateline.start <= m.start < dateline.end and confident(m)]
        line_place = min(inside, key=lambda m: breadth(m.kind or "other"), default=None)
    fallback = _containing_place(mentions, dateline.end if dateline else -1)
    violence = Counter(label for found in cues for _, label in found if label in INCIDENT_TYPES)
    return Context(text, lex, dateline.end if dateline else -1, line_place, edges, fallback, violence, lead_end,
                   getattr(focus, "country_code", None))


def _containing_place(mentions: list[Mention], dateline_end: int) -> Mention | None:
    """The region or country the article's towns lie in, as the article names it: where an
    event at a place the gazetteer lacks (*desa Tonashen*) is put, ACLED-style, with that
    region's precision. The most-named region or country of the towns' country, smallest first."""
    def usable(m):
        return confident(m) and m.start >= dateline_end

    towns = Counter(m.country_code for m in mentions if usable(m) and breadth(m.kind or "other") <= 1)
    areas = [m for m in mentions if usable(m) and m.kind in (ADMIN1, REGION, COUNTRY)]
    if towns:
        home = towns.most_common(1)[0][0]
        areas = [m for m in areas if m.country_code == home] or areas
    named = Counter(m.id for m in areas)
    if not named:
        return None
    by_id = {m.id: m for m in areas}
    return by_id[min(named, key=lambda i: (breadth(by_id[i].kind), -named[i]))]


def _merge(events: dict[tuple, Event], event: Event) -> None:
    """One row per occurrence in a document: the same type at the same place on the same
    day is one event (the first quote kept, the mentions counted, the largest toll), and a
    sentence with no date of its own (a headline, a lead announcing the body) gives way to
    a later dated event of that place and type inside its date range (a later undated
    sentence may be another occurrence: it stays apart). A town's share of a national or
    regional vote, with no date of its own, is a mention of that vote (:func:`_part_of_vote`)."""
    from dataclasses import replace

    for key, other in list(events.items()):
        vote = _part_of_vote(other, event)
        if (other.place_id, other.event_type) != (event.place_id, event.event_type) and not vote:
            continue
        same = (other.date, other.time_precision) == (event.date, event.time_precision)
        undated_other = other.date_text is None and event.date_text is not None and \
            other.date_start is not None and other.date_start <= event.date <= other.date_end
        if same or undated_other or (vote and event.date_text is None):
            kept = event if undated_other and not vote else other
            toll = max((other.fatalities or 0), (event.fatalities or 0)) or None
            cumulative = max((other.fatalities_cumulative or 0), (event.fatalities_cumulative or 0)) or None
            events[key] = replace(kept, fatalities=toll, fatalities_cumulative=cumulative,
                                  mentions=other.mentions + event.mentions)
            return
    events[event.event_id] = event


#: Types of a national or regional vote, which is one event at the largest unit it names.
VOTE_TYPES = ("politics",)


def _part_of_vote(other: Event, event: Event) -> bool:
    """``event`` reports a town's share of the vote ``other`` reports for the country or region
    holding it (*au Sénégal, les bureaux de vote ont fermé ... À Dakar, la participation*): one
    vote, one event at the largest named unit (the rubric's practice). Towns' own races, with
    no such event around them, stay apart."""
    if other.event_type not in VOTE_TYPES or event.event_type != other.event_type:
        return False
    if other.geo_precision < 3 or event.geo_precision >= other.geo_precision:
        return False
    return other.country_code == event.country_code and (other.geo_precision == 4 or other.admin1 == event.admin1)


def iter_events(documents: Iterable, *, gazetteer=None, workers: int = 1, online=None,
                focus: str | None = None) -> Iterator[DocumentResult]:
    """Stream one :class:`DocumentResult` per document, in input order.
    ``online`` (an :class:`~geomap.geocode.online.OnlineResolver`) is asked about unresolved mentions.

    A document that cannot be processed gives a result with an error in
    ``problems`` and no events; the batch goes on.
    """
    from ..geocode import default_gazetteer
    from ..geoparse.model import ParseResult
    from ..geoparse.pipeline import iter_parse

    gazetteer = gazetteer or default_gazetteer()
    version = gazetteer.version
    waiting: deque[Document] = deque()

    def feed():
        for n, item in enumerate(documents):
            try:
                doc = as_document(item, n)
            except DocumentError as exc:  # not a document: its result says so, the batch goes on
                waiting.append(Document(doc_id=f"doc{n}", text=""))
                yield ParseResult(f"doc{n}", None, str(exc))
                continue
            waiting.append(doc)
            yield doc

    for parsed in iter_parse(feed(), gazetteer=gazetteer, workers=workers, online=online, focus=focus):
        doc = waiting.popleft()
        if parsed.mentions is None:
            yield DocumentResult(doc.doc_id, problems=[doc.problem(parsed.error)])
            continue
        try:
            yield document_events(doc, parsed.mentions, parsed.lang or doc.lang, version, parsed.focus)
        except GeomapError as exc:
            yield DocumentResult(doc.doc_id, problems=[doc.problem(str(exc))])
