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
from ..geoparse.model import Mention
from .classify import event_type, fatalities
from .dateline import article_date_from_text, find_dateline
from .dates import InvalidDate, find_expressions, parse_published, sentence_date
from .lexicon import DEATH, lexicon
from .model import VIOLENT_TYPES, Document, DocumentResult, Event, Problem, Unresolved
from .places import choose_place
from .sentences import split_sentences


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
                    gazetteer_version: str) -> DocumentResult:
    """Events and unresolved mentions of one document whose place ``mentions`` are known."""
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
    facts = _sentence_facts(text, sentences, lex)
    violence = Counter(t for cued, _ in facts for t in cued if t in VIOLENT_TYPES)

    def invalid(expr) -> None:
        problems.append(doc.problem(f"character {expr.start}: {expr.core!r} is not a real date; ignored",
                                    "warning"))

    events: dict[str, Event] = {}
    unresolved: list[Unresolved] = []
    for sentence, (cued, toll) in zip(sentences, facts):
        kind = event_type(cued, toll, violence)
        inside = mentions[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        if kind is None and all(m.resolved for m in inside):
            continue
        exprs = [e for e in find_expressions(text, lex, sentence.start, sentence.end)
                 if not (dateline and e.start < dateline.stop)]
        inside = [m for m in inside if not any(e.start < m.end and m.start < e.end for e in exprs)]
        when = sentence_date(text, sentence.start, exprs, lex, base, invalid)
        for m in inside:
            if not m.resolved:
                unresolved.append(Unresolved(
                    doc.doc_id, m.text, m.start, m.end, m.reason, kind, when.date, when.precision, when.text,
                    sentence.text, sentence.start, sentence.end, doc.title, doc.url, lex.lang))
        if kind is None:
            continue
        cues = [c.start() for c in lex.types[kind].finditer(sentence.text)] if kind in lex.types else []
        choice = choose_place(text, sentence.start, sentence.text, inside, lex, cue_offsets=cues,
                              dateline_end=dateline.end if dateline else -1)
        if choice is None:
            continue
        m = choice.mention
        event = Event(
            f"{doc.doc_id}:{sentence.start}", doc.doc_id, when.date, when.start, when.end, when.precision,
            when.text, m.text, m.name, m.lat, m.lon, m.id, m.country_code, m.admin1, choice.geo_precision,
            choice.confidence, kind, toll, sentence.text, sentence.start, sentence.end, doc.title, doc.url,
            doc.source, lex.lang, gazetteer_version)
        _merge(events, event)
    return DocumentResult(doc.doc_id, list(events.values()), unresolved, problems, base, how)


def _sentence_facts(text: str, sentences, lex) -> list[tuple[set[str], int | None]]:
    """Cued types and death toll of each sentence, from one pass of the cue words over the
    whole text (a dozen regular expressions per sentence cost ten times more)."""
    ends = [s.end for s in sentences]
    cued: list[set[str]] = [set() for _ in sentences]
    deaths: set[int] = set()
    for start, label in lex.cue_words.find(text):
        i = bisect.bisect_right(ends, start)
        if i < len(sentences) and start >= sentences[i].start:
            deaths.add(i) if label == DEATH else cued[i].add(label)
    return [(cued[i], fatalities(s.text, lex) if i in deaths else None) for i, s in enumerate(sentences)]


def _merge(events: dict[tuple, Event], event: Event) -> None:
    """One row per event in a document: the same place and type on the same day is one
    event, and a sentence with no date of its own (a headline, a lead announcing the
    body) gives way to a later dated event of that place and type inside its date range."""
    from dataclasses import replace

    for key, other in list(events.items()):
        if (other.place_id, other.event_type) != (event.place_id, event.event_type):
            continue
        same = (other.date, other.time_precision) == (event.date, event.time_precision)
        undated_other = other.date_text is None and event.date_text is not None and \
            other.date_start is not None and other.date_start <= event.date <= other.date_end
        if same or undated_other:
            kept = event if undated_other else other
            toll = max((other.fatalities or 0), (event.fatalities or 0)) or None
            events[key] = replace(kept, fatalities=toll)
            return
    events[event.event_id] = event


def iter_events(documents: Iterable, *, gazetteer=None, workers: int = 1, online=None) -> Iterator[DocumentResult]:
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

    for parsed in iter_parse(feed(), gazetteer=gazetteer, workers=workers, online=online):
        doc = waiting.popleft()
        if parsed.mentions is None:
            yield DocumentResult(doc.doc_id, problems=[doc.problem(parsed.error)])
            continue
        try:
            yield document_events(doc, parsed.mentions, parsed.lang or doc.lang, version)
        except GeomapError as exc:
            yield DocumentResult(doc.doc_id, problems=[doc.problem(str(exc))])
