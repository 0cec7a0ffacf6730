"""Files, directories and stdin -> documents, by suffix (or by content when
the suffix says nothing). Readers are generators, so a batch of any size
streams; every file, line or item that cannot be read is reported to
``report`` as one :class:`~geomap.documents.model.Problem` and reading goes on.
"""
from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from .feeds import read_feed
from .lines import jsonl_documents, looks_like_jsonl, read_csv, read_json, read_jsonl
from .model import MAX_FEED_BYTES, MAX_RECORD_BYTES, Document, DocumentError, Problem, ReadOptions
from .records import check_text, page_text
from .text import decode_bytes, looks_like_html

Report = Callable[[Problem], None]
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | FEED_SUFFIXES
_FEED_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def read_inputs(names: Iterable[str | Path], report: Report, *, options: ReadOptions = ReadOptions(),
                stdin=None) -> Iterator[Document]:
    """Documents of every name, in order: files, directories (read recursively),
    ``-`` for stdin (``stdin`` a binary stream; default ``sys.stdin.buffer``)."""
    for name in names:
        if str(name) == "-":
            yield from read_stdin(report, options=options, stream=stdin)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
            if not files:
                report(Problem(path=str(path), message="directory holds no text, HTML, JSON Lines, CSV or feed files"))
            for file in files:
                yield from read_file(file, report, options=options, doc_id=file.relative_to(path).with_suffix("").as_posix())
        else:
            yield from read_file(path, report, options=options)


def _wanted(path: Path, root: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    return path.suffix.lower() in READABLE_SUFFIXES


def read_stdin(report: Report, *, options: ReadOptions = ReadOptions(), stream=None) -> Iterator[Document]:
    """stdin: JSON Lines when its first line is a JSON object, a feed, an HTML page, else one text."""
    stream = stream if stream is not None else (sys.stdin.buffer if sys.stdin is not None else None)
    if stream is None:
        report(Problem(path="stdin", message="no stdin to read"))
        return
    head = [stream.readline()]
    while head[-1] and not head[-1].strip():  # blank lines before the first record
        head.append(stream.readline())
    if not head[-1]:
        report(Problem(path="stdin", message="empty input (0 bytes)" if len(head) == 1 else "no text (only white space)"))
    elif looks_like_jsonl(head[-1]):  # JSON Lines stream through, however long
        lines = enumerate(itertools.chain(head, stream), 1)
        yield from jsonl_documents(lines, "stdin", report, options=options, stem="stdin")
    else:
        data = b"".join(head) + stream.read(MAX_FEED_BYTES + 1 - sum(map(len, head)))
        if len(data) > MAX_FEED_BYTES:
            report(Problem(path="stdin", message=f"input too large for one article or feed (more than "
                                                 f"{MAX_FEED_BYTES / 1e6:.0f} MB); give JSON Lines instead"))
            return
        yield from read_bytes(data, "stdin", report, options=options, doc_id="stdin")


def read_file(path: str | Path, report: Report, *, options: ReadOptions = ReadOptions(),
              doc_id: str | None = None) -> Iterator[Document]:
    """Documents of one file; ``doc_id`` names a one-article file (default: its stem)."""
    path = Path(path)
    name, suffix = str(path), path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        report(Problem(path=name, message=f"cannot read ({exc.strerror or exc})"))
        return
    if size == 0:
        report(Problem(path=name, message="empty file (0 bytes)"))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, report, options=options)
        return
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, report, options=options)
        return
    limit = MAX_FEED_BYTES if suffix in FEED_SUFFIXES | JSON_SUFFIXES else MAX_RECORD_BYTES
    if size > limit:
        what = "article" if limit == MAX_RECORD_BYTES else "feed" if suffix in FEED_SUFFIXES else \
            "JSON file (give JSON Lines)"
        report(Problem(path=name, message=f"file too large for one {what} ({size / 1e6:.1f} MB; at most "
                                          f"{limit / 1e6:.0f} MB); skipped"))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        report(Problem(path=name, message=f"cannot read ({exc.strerror or exc})"))
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json(data, name, report, options=options)
        return
    kind = "html" if suffix in HTML_SUFFIXES else "feed" if suffix in FEED_SUFFIXES else None
    yield from read_bytes(data, name, report, options=options, doc_id=doc_id or path.stem, kind=kind)


def read_bytes(data: bytes, name: str, report: Report, *, options: ReadOptions, doc_id: str,
               kind: str | None = None) -> Iterator[Document]:
    """One article (text or HTML) or a feed, from bytes already read."""
    if kind == "feed" or (kind is None and _FEED_START.match(data[:4096])):
        yield from read_feed(data, name, report, options=options)
        return
    try:
        yield article_document(data, name, doc_id, options=options, html=kind == "html" or None)
    except InputError as exc:
        report(Problem(path=name, message=str(exc).removeprefix(f"{name}: ")))


def article_document(data: bytes, where: str, doc_id: str, *, options: ReadOptions = ReadOptions(),
                     html: bool | None = None) -> Document:
    """One text or HTML article; a page gives its main text, title, URL and date (trafilatura)."""
    text = decode_bytes(data, where)
    hint = date_in_name(Path(where).name)
    meta: dict = {}
    if html or (html is None and looks_like_html(text)):
        if not text.strip():
            raise DocumentError("no text (only white space)")
        text, meta = page_text(text)
    else:
        check_text(text)
    published = meta.get("published")
    return Document(doc_id=doc_id, text=text, title=meta.get("title"), url=meta.get("url"),
                    source=meta.get("source"), published=published or options.published,
                    published_source="html" if published else ("--published" if options.published else None),
                    lang=options.lang, path=where, date_hint=hint)


def date_in_name(name: str) -> date | None:
    """An ISO date in a file name (``serambinews_2020-10-01_karabakh.txt``), if it is a real day."""
    m = _NAME_DATE.search(name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
