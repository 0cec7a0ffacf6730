"""The batch path: many documents, one name index, optional worker processes.

One bad document becomes a :class:`ParseResult` with an ``error`` and the
batch goes on. Workers are forked after the index is built, so they share
it instead of rebuilding it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..documents import Document, DocumentError, as_document
from ..errors import GeomapError, InputError
from .model import Mention, ParseResult


def _parse_one(doc: Document, gazetteer, index, lex, demonyms: bool = True,
               focus: str | None = None) -> ParseResult:
    """One document; its own ``focus`` field (JSON Lines) wins over the run's ``focus``."""
    from .core import check_text, detect_language, parse_text

    try:
        lang = doc.lang or detect_language(check_text(doc.text))
        mentions, doc_focus = parse_text(doc.text, doc.doc_id, lang, gazetteer, index, lex, demonyms=demonyms,
                                         focus=getattr(doc, "focus", None) or focus)
        return ParseResult(doc.doc_id, mentions, lang=lang, focus=doc_focus)
    except GeomapError as exc:
        return ParseResult(doc.doc_id, None, str(exc))


def iter_parse(docs: Iterable, *, gazetteer=None, lang: str | None = None, workers: int = 1,
               demonyms: bool = True, online=None, focus: str | None = None) -> Iterator[ParseResult]:
    """Parse ``docs`` in order, yielding one :class:`ParseResult` per document.
    ``focus`` names the place the documents are about (*Louisiana*) unless a document says its own.
    ``online`` (an :class:`~geomap.geocode.online.OnlineResolver`) is asked about unresolved mentions."""
    from ..geocode import default_gazetteer
    from .index import name_index
    from .lexicon import lexicon

    gazetteer = gazetteer or default_gazetteer()
    index, lex = name_index(gazetteer), lexicon()
    documents = (_checked(item, n, lang) for n, item in enumerate(docs))
    if workers <= 1:
        for doc in documents:
            yield doc if isinstance(doc, ParseResult) else _with_online(
                _parse_one(doc, gazetteer, index, lex, demonyms, focus), online)
        return
    import multiprocessing

    forking = "fork" in multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if forking else None)
    path = str(gazetteer.path)
    global _PARENT_GAZETTEER
    _PARENT_GAZETTEER = gazetteer if forking else None
    try:
        with _forked_pool(ctx, workers) as pool:
            batches = pool.imap(_work_batch, ((batch, path, demonyms, focus)
                                              for batch in _batches(documents, BATCH, workers)))
            for results in batches:
                for result in results:
                    yield _with_online(result, online)
    finally:
        _PARENT_GAZETTEER = None


def _forked_pool(ctx, workers: int):
    """A pool whose workers start warm: the language identifier is loaded and the parsing
    modules imported before they fork (the name index and word lists already are: a fresh
    CLI parent had imported only this module, so each worker imported and compiled some 250
    modules of its own, 0.1 s CPU and private memory apiece), and the parent's objects are
    moved out of the cyclic GC first (``gc.freeze``, as for the index: see
    ``index._out_of_gc``), so a worker's collections never walk, and so copy, the pages it
    shares with the parent."""
    import gc

    from . import core  # noqa: F401  (see above)
    from .language import identifier

    identifier()
    gc.freeze()
    return ctx.Pool(workers, initializer=_worker_start)


#: A worker's cyclic GC runs after this many new container objects, not CPython's 700: a
#: parse allocates thousands (tokens, spots), nearly all freed by reference counting, and
#: each collection also walks the caches the worker has grown. Fewer collections, same garbage.
WORKER_GC_THRESHOLD = (50_000, 20, 100)


def _worker_start() -> None:
    """In each worker process, once (our own process: its GC policy is ours to set)."""
    import gc

    gc.set_threshold(*WORKER_GC_THRESHOLD)


def _with_online(result: ParseResult, online) -> ParseResult:
    """Unresolved mentions asked of the online provider (in this process, so
    its cache and rate limit are shared), restricted first to the countries
    of the document's resolved mentions."""
    if online is None or not result.mentions or all(m.resolved for m in result.mentions):
        return result
    import dataclasses

    countries = sorted({m.country_code for m in result.mentions if m.resolved and m.country_code})
    mentions = []
    for m in result.mentions:
        place = None if m.resolved else online.resolve(m.text, countries=countries)
        mentions.append(m if place is None else m.with_place(
            place, confidence=place.confidence, reason=f"online: {place.source} answer for {m.text!r} ({m.reason})"))
    return dataclasses.replace(result, mentions=mentions)


#: Documents sent to a worker at once: enough to hide the hand-over cost (each batch costs the
#: parent a few thread wake-ups and pipe calls, more than its documents' pickling at 16).
BATCH = 64


def _batches(items, size: int, workers: int = 1):
    """Batches of ``size``; the last documents (fewer than two batches) are cut into batches
    small enough (a quarter of them per worker at most) that the workers finish together
    instead of one parsing a whole last batch while the others wait."""
    pending: list = []
    for item in items:
        pending.append(item)
        if len(pending) == 2 * size:
            yield pending[:size]
            pending = pending[size:]
    step = max(1, -(-len(pending) // (4 * workers)))
    for k in range(0, len(pending), step):
        yield pending[k:k + step]


#: The gazetteer of the batch being parsed, which forked workers inherit with its caches (see
#: :func:`_worker_gazetteer`).
_PARENT_GAZETTEER = None


def _worker_gazetteer(path: str):
    """In a worker: the parent's gazetteer, with everything it has already looked up, on a
    connection of the worker's own (a forked worker of a warm parent then asks SQLite only
    what the parent never did); a spawned worker opens ``path``."""
    from ..gazetteer import shared_gazetteer

    parent = _PARENT_GAZETTEER
    if parent is not None and not parent.closed and str(parent.path) == path:
        return parent.in_this_process()
    return shared_gazetteer(path, build=False)


def _work_batch(job) -> list[ParseResult]:
    from .index import name_index
    from .lexicon import lexicon

    batch, path, demonyms, focus = job
    gazetteer = _worker_gazetteer(path)
    index, lex = name_index(gazetteer), lexicon()
    return [doc if isinstance(doc, ParseResult) else _parse_one(doc, gazetteer, index, lex, demonyms, focus)
            for doc in batch]


def _checked(item, n: int, lang: str | None):
    if isinstance(item, ParseResult):  # a document that failed while being read
        return item
    try:
        return as_document(item, n, lang=lang)
    except DocumentError as exc:
        return ParseResult(f"doc{n}", None, str(exc))


def parse_many(docs: Iterable, *, gazetteer=None, lang: str | None = None, workers: int = 1,
               demonyms: bool = True, online=None, focus: str | None = None) -> list[ParseResult]:
    """Parse many documents (the main path).

    Parameters
    ----------
    docs : iterable of Document, str, (id, text) or dict with ``text``
    gazetteer : Gazetteer, optional
        Defaults to the per-user default gazetteer.
    lang : str, optional
        ISO 639-1 code for every document without its own; detected when None.
    workers : int
        Worker processes (forked; they share the name index).
    demonyms : bool
        Report demonyms (*Russian*, *European*) as mentions of their place, as news
        gold standards do; reason says "demonym match".
    online : OnlineResolver, optional
        Asked about mentions the gazetteer cannot resolve (off by default).
    focus : str, optional
        The place the documents are about (*Louisiana*, an outlet's home region): ambiguous
        small places follow it. Without it each document's focus is computed from its names
        (``ParseResult.focus``); a document's own ``focus`` field wins.

    Returns
    -------
    list of ParseResult, in input order; a bad document has ``mentions=None`` and an ``error``.
    """
    return list(iter_parse(docs, gazetteer=gazetteer, lang=lang, workers=workers, demonyms=demonyms,
                           online=online, focus=focus))


def parse(text: str, *, lang: str | None = None, gazetteer=None, doc_id: str = "doc",
          demonyms: bool = True, online=None, focus: str | None = None) -> list[Mention]:
    """Place mentions of one text, in text order (raises on bad input)."""
    (result,) = parse_many([Document(doc_id=doc_id, text=text, lang=lang)], gazetteer=gazetteer, demonyms=demonyms,
                           online=online,
                           focus=focus)
    if result.mentions is None:
        raise InputError(result.error)
    return result.mentions
