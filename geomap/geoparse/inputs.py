"""Reading documents: plain text, HTML or JSON Lines, in any encoding.

Bytes are decoded as UTF-8 when they are UTF-8, otherwise by
charset-normalizer's best guess; binary data is refused with one line.
HTML loses its scripts and styles; mention offsets then refer to the
extracted text. A bad line of a JSON Lines file is one failed document,
not a failed batch.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .model import Document, ParseResult

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
           "header", "footer", "blockquote", "title", "td", "th", "pre")


def decode_bytes(data: bytes, where: str) -> str:
    """Text of ``data``; InputError when it is binary or undecodable."""
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise InputError(f"{where}: not text in any known encoding")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{where}: undecodable text ({best.encoding}: {exc})") from exc


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: no scripts, styles or comments; one block a line."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unreadable HTML ({exc})") from exc
    for element in root.iter("script", "style", "noscript", "template", etree.Comment):
        element.drop_tree() if element.getparent() is not None else None
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def text_of(data: bytes, where: str, *, html: bool | None = None) -> str:
    text = decode_bytes(data, where)
    if html or (html is None and looks_like_html(text)):
        text = html_to_text(text)
    return text


def read_documents(path: str | Path, data: bytes | None = None, *, lang: str | None = None
                   ) -> Iterator[Document | ParseResult]:
    """Documents of one file (``-`` is stdin, read by the caller into ``data``)."""
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            yield ParseResult(name, None, f"{name}: cannot read ({exc.strerror or exc})")
            return
    if name.endswith((".jsonl", ".ndjson")):
        yield from _jsonl_documents(data, name, lang)
        return
    try:
        yield Document(Path(name).name if name != "-" else "stdin",
                       text_of(data, name, html=True if name.endswith((".html", ".htm")) else None), lang)
    except InputError as exc:
        yield ParseResult(name, None, str(exc))


def _jsonl_documents(data: bytes, name: str, lang: str | None) -> Iterator[Document | ParseResult]:
    try:
        text = decode_bytes(data, name)
    except InputError as exc:
        yield ParseResult(name, None, str(exc))
        return
    # JSON Lines are separated by "\n" only: splitlines() would also cut at
    # U+2028 and friends, which are legal inside JSON strings.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{Path(name).name}:{n}"
        try:
            record = json.loads(line)
            body = record["text"]
            if not isinstance(body, str):
                raise TypeError("'text' is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            yield ParseResult(where, None, f"{where}: not a JSON object with a 'text' field ({exc})")
            continue
        if looks_like_html(body):
            body = html_to_text(body)
        yield Document(str(record.get("id", record.get("doc_id", where))), body, record.get("lang") or lang)
