"""Input documents with their metadata: text and HTML files, directories,
JSON Lines, RSS and Atom feeds.

Readers are generators, so a batch of any size streams. A file or a line
that cannot be read is reported to ``report`` as one
:class:`~geomap.events.model.Problem` naming it, and reading goes on.
Decoding (UTF-8, else charset-normalizer's guess; binary refused) and
HTML-to-text are the geoparse stage's, so offsets agree between stages.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..geoparse.inputs import decode_bytes, html_to_text, looks_like_html
from .model import Document, Problem

#: A news article is tens of kilobytes; a file above this is not one article.
MAX_ARTICLE_BYTES = 5_000_000
#: Feeds and JSON Lines hold many articles; feeds are parsed whole, so they are bounded too.
MAX_FEED_BYTES = 100_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]", re.S)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_ATOM = "{http://www.w3.org/2005/Atom}"

Report = Callable[[Problem], None]


def read_inputs(paths: Iterable[str | Path], report: Report, *, lang: str | None = None) -> Iterator[Document]:
    """Documents of every path (files, or directories read recursively), in order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path))
            if not files:
                report(Problem(str(path), "directory holds no text, HTML, JSON Lines or feed files"))
            for file in files:
                yield from read_file(file, report, lang=lang, doc_id=_relative_id(file, path))
        else:
            yield from read_file(path, report, lang=lang)


def _wanted(path: Path, root: Path) -> bool:
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


def _relative_id(file: Path, root: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def read_file(path: Path, report: Report, *, lang: str | None = None, doc_id: str | None = None
              ) -> Iterator[Document]:
    """Documents of one file, by suffix (or by content when the suffix says nothing)."""
    name, suffix = str(path), path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        report(Problem(name, f"cannot read ({exc.strerror or exc})"))
        return
    if size == 0:
        report(Problem(name, "empty file"))
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, report, lang=lang)
        return
    limit = MAX_FEED_BYTES if suffix in FEED_SUFFIXES else MAX_ARTICLE_BYTES
    if size > limit:
        report(Problem(name, f"file too large for one {'feed' if limit == MAX_FEED_BYTES else 'article'} "
                             f"({size / 1e6:.1f} MB; at most {limit / 1e6:.0f} MB); skipped"))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        report(Problem(name, f"cannot read ({exc.strerror or exc})"))
        return
    if suffix in FEED_SUFFIXES or (suffix not in HTML_SUFFIXES and _FEED_START.match(data[:4096])):
        yield from read_feed(data, name, report, lang=lang)
        return
    try:
        yield article_document(data, name, doc_id or path.stem, lang=lang,
                               html=True if suffix in HTML_SUFFIXES else None)
    except InputError as exc:
        report(Problem(name, str(exc).removeprefix(f"{name}: ")))


def article_document(data: bytes, where: str, doc_id: str, *, lang: str | None = None,
                     html: bool | None = None) -> Document:
    """One text or HTML article; HTML gives its title, canonical URL and date (htmldate)."""
    text = decode_bytes(data, where)
    if not text.strip():
        raise InputError(f"{where}: no text (only white space)")
    hint = date_in_name(Path(where).name)
    if html or (html is None and looks_like_html(text)):
        title, url = _html_title_url(text)
        body = html_to_text(text)
        if not body.strip():
            raise InputError(f"{where}: HTML page without visible text")
        return Document(doc_id, body, title=title, url=url, published=_html_date(text), lang=lang,
                        origin=where, date_hint=hint)
    return Document(doc_id, text, lang=lang, origin=where, date_hint=hint)


def date_in_name(name: str) -> date | None:
    """An ISO date in a file name (``serambinews_2020-10-01_karabakh.txt``), if it is a real day."""
    m = _NAME_DATE.search(name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _html_title_url(html: str) -> tuple[str | None, str | None]:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return None, None
    title = (root.xpath("string(//meta[@property='og:title']/@content)")
             or root.xpath("string(//title)") or "").strip() or None
    url = (root.xpath("string(//link[@rel='canonical']/@href)")
           or root.xpath("string(//meta[@property='og:url']/@content)") or "").strip() or None
    return title, url


def _html_date(html: str) -> str | None:
    """The publication date htmldate finds in the page's markup (not in its prose)."""
    from htmldate import find_date

    try:
        return find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None


def read_jsonl(path: Path, report: Report, *, lang: str | None = None) -> Iterator[Document]:
    """One document per line: ``text`` plus optional ``id``, ``title``, ``url``, ``source``,
    ``published``, ``lang``. Streams; a bad line is reported by number and skipped."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        report(Problem(name, f"cannot read ({exc.strerror or exc})"))
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{name}:{number}"
            try:
                yield jsonl_document(raw, where, f"{path.stem}:{number}", lang=lang)
            except InputError as exc:
                report(Problem(where, str(exc)))


def jsonl_document(raw: bytes, where: str, default_id: str, *, lang: str | None = None) -> Document:
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(f"line too long for one article ({len(raw) / 1e6:.1f} MB; at most "
                         f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"broken JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError("not a JSON object with a string 'text' field")
    text = record["text"]
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise InputError("empty 'text'")
    meta = {k: (str(record[k]) if record.get(k) is not None else None)
            for k in ("id", "title", "url", "source", "published", "lang")}
    return Document(meta["id"] or default_id, text, meta["title"], meta["url"], meta["source"],
                    meta["published"], meta["lang"] or lang, where)


def read_feed(data: bytes, name: str, report: Report, *, lang: str | None = None) -> Iterator[Document]:
    """Items of an RSS 2.0 / RSS 1.0 / Atom feed: title and description (or content) as text."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        report(Problem(name, f"not an RSS or Atom feed: not well-formed XML ({exc.msg})"))
        return
    items = root.findall(f".//{_ATOM}entry") or [e for e in root.iter() if _local(e.tag) == "item"]
    if not items:
        report(Problem(name, f"no <item> or <entry> in this XML (root <{_local(root.tag)}>)"))
        return
    source = _child_text(root.find("channel"), "title") if root.find("channel") is not None else \
        _child_text(root, "title")
    for number, item in enumerate(items, 1):
        where = f"{name} item {number}"
        fields = _feed_fields(item)
        body = fields["content"] or fields["description"] or ""
        if looks_like_html(body) or "<" in body:
            body = html_to_text(f"<div>{body}</div>") if body.strip() else ""
        text = "\n".join(part for part in (fields["title"], body) if part and part.strip())
        if not text.strip():
            report(Problem(where, "item has neither title nor text; skipped"))
            continue
        yield Document(fields["id"] or fields["link"] or f"{Path(name).stem}:{number}", text, fields["title"],
                       fields["link"], source, fields["published"], lang, where)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element, local: str) -> str | None:
    if element is None:
        return None
    for child in element:
        if _local(child.tag) == local:
            return ("".join(child.itertext()) or "").strip() or None
    return None


def _feed_fields(item) -> dict[str, str | None]:
    link = _child_text(item, "link")
    for child in item:
        if _local(child.tag) == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            link = child.get("href")
            break
    return {
        "title": _child_text(item, "title"),
        "link": link,
        "id": _child_text(item, "guid") or _child_text(item, "id"),
        "description": _child_text(item, "description") or _child_text(item, "summary"),
        "content": _child_text(item, "encoded") or _child_text(item, "content"),
        "published": (_child_text(item, "pubDate") or _child_text(item, "published")
                      or _child_text(item, "date") or _child_text(item, "updated")),
    }
