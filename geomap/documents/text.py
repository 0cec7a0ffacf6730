"""Bytes -> text, the same way for every reader.

UTF-8 (with or without BOM) is taken as is; anything else is decoded by
charset-normalizer's best guess; binary data is refused with one line.
A whole HTML page gives its article (title, main text, date, URL) through
trafilatura, so menus, footers and related-story lists, full of place
names, are not read as if they were the article; an HTML *fragment* (a
feed item, a JSON Lines ``text`` holding markup) gives its visible text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_WHOLE_PAGE = re.compile(r"<(!doctype\s+html|html|body)[\s>]", re.IGNORECASE)
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
           "header", "footer", "blockquote", "title", "td", "th", "pre")
#: Bytes charset-normalizer looks at to guess an encoding (enough for any language, bounded in time).
SAMPLE_BYTES = 2_000_000
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def is_binary(data: bytes) -> bool:
    """NUL bytes early in data that is not UTF-16/32 (with a BOM): binary, not text."""
    return b"\x00" in data[:65536] and not data.startswith(_UTF16_32_BOMS)


#: Among guesses charset-normalizer scores equal, the one the web uses most (the
#: WHATWG default for legacy Latin-script pages): é read as é, not as cp1250's é/č mix.
_TIE_BREAK = ("cp1252",)


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess for ``data`` (a sample is enough), or None."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:SAMPLE_BYTES])
    best = results.best()
    if best is None:
        return None
    tied = {m.encoding for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((encoding for encoding in _TIE_BREAK if encoding in tied), best.encoding)


def decode_bytes(data: bytes, where: str, *, encoding: str | None = None) -> str:
    """Text of ``data``; InputError when it is binary or undecodable.
    ``encoding`` is a guess already made for the whole file (JSON Lines, CSV)."""
    if is_binary(data):
        raise InputError(f"{where}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = encoding or guess_encoding(data)
    if encoding is None:
        raise InputError(f"{where}: not text in any known encoding")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"{where}: undecodable text ({encoding}: {exc})") from exc


def looks_like_html(text: str) -> bool:
    """Markup at the very start (a page or a fragment), not a ``<`` somewhere in prose."""
    return bool(_HTML_START.match(text[:2000]))


def is_whole_page(text: str) -> bool:
    """A doctype, ``<html>`` or ``<body>``: a page with navigation around an article."""
    return bool(_WHOLE_PAGE.search(text[:5000]))


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment: no scripts, styles or comments; one block a line."""
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """What trafilatura finds in a page: its main text and metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


def html_article(html: str) -> Article:
    """The article of a whole HTML page (main text, title, date, canonical URL).

    ``text`` is "" when the page holds no article text (a front page, a
    menu, an error page); the caller reports that.
    """
    import logging

    from trafilatura import bare_extraction

    # favor_precision: a page of menus and link lists gives no text rather than its links.
    # trafilatura logs every page it finds empty; geomap reports that itself, once.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        found = bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                favor_precision=True, date_extraction_params={"original_date": True, "extensive_search": False,
                                                                              "outputformat": "%Y-%m-%d"})
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"unreadable HTML ({exc})") from exc
    if found is None:
        return Article(text="")
    lines = (" ".join(line.split()) for line in (found.text or "").splitlines())
    return Article(text="\n".join(line for line in lines if line), title=_clean(found.title),
                   url=_clean(found.url), published=_clean(found.date), source=_clean(found.sitename))


def _clean(value) -> str | None:
    value = " ".join(str(value).split()) if value is not None else ""
    return value or None
