"""One record (a JSON Lines object, a CSV row, a Parquet row, a dict given in
Python) -> one :class:`Document`, under the field names real exports use.

The first field present wins, in the order of each tuple below; a name
matches exactly or, failing that, regardless of case (``Text``, ``PubDate``).
``--text-field`` / ``--date-field`` replace the lists with one name.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from .model import MAX_CHARS, Document, DocumentError, ReadOptions
from .text import html_article, html_to_text, is_whole_page, looks_like_html

TEXT_FIELDS = ("text", "body", "content", "article")
#: A record with no text but a whole page (crawls, archives): its article is extracted.
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("published", "date", "pubDate", "publish_date", "datePublished", "timestamp", "created_at",
               "seendate")
ID_FIELDS = ("id", "doc_id", "url")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "publisher", "domain")
LANG_FIELDS = ("lang", "language")
FOCUS_FIELDS = ("focus",)


def find_field(record: dict, names: tuple[str, ...], lower: dict | None = None) -> str | None:
    """The key of ``record`` that the first of ``names`` matches (exactly, else ignoring case);
    ``lower`` is :func:`lower_keys` of the record, when already made."""
    for name in names:
        if name in record:
            return name
    lower = lower if lower is not None else lower_keys(record)
    for name in names:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def lower_keys(record: dict) -> dict:
    return {str(key).lower(): key for key in record}


def _value(record: dict, names: tuple[str, ...], lower: dict) -> str | None:
    """The first non-empty value of ``names`` as text (a nested ``{"name": ...}`` gives its name)."""
    for name in names:
        key = find_field(record, (name,), lower)
        value = record.get(key) if key is not None else None
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value is not None and not isinstance(value, (dict, list)) and str(value).strip():
            return str(value).strip()
    return None


def document_from_record(record, *, default_id: str, options: ReadOptions = ReadOptions(),
                         path: str | None = None, line: int | None = None) -> Document:
    """The document of one record; :class:`DocumentError` (one line, no location) when it has none."""
    if not isinstance(record, dict):
        raise DocumentError(f"not an object with a text field but {type(record).__name__}")
    lower = lower_keys(record)
    text, page = _record_text(record, options.text_field, lower)
    published, published_source = _record_date(record, options, lower)
    return Document(
        doc_id=_value(record, ID_FIELDS, lower) or default_id, text=text,
        title=_value(record, TITLE_FIELDS, lower) or page.get("title"),
        url=_value(record, URL_FIELDS, lower) or page.get("url"),
        source=_value(record, SOURCE_FIELDS, lower) or page.get("source"),
        published=published or page.get("published") or options.published,
        published_source=published_source or ("html" if page.get("published") else None)
        or ("--published" if options.published else None),
        lang=_value(record, LANG_FIELDS, lower) or options.lang, focus=_value(record, FOCUS_FIELDS, lower),
        path=path, line=line)


def _record_text(record: dict, text_field: str | None, lower: dict) -> tuple[str, dict]:
    """The record's text (an HTML page's article, markup's visible text) and what a page told."""
    names = (text_field,) if text_field else TEXT_FIELDS
    key = find_field(record, names, lower)
    if key is None and not text_field:
        html_key = find_field(record, HTML_FIELDS, lower)
        if html_key is not None and isinstance(record[html_key], str):
            return page_text(record[html_key])
    if key is None:
        columns = ", ".join(map(str, record)) or "none"
        looked = f"'{text_field}' (--text-field)" if text_field else ", ".join(TEXT_FIELDS)
        raise DocumentError(f"no text field: looked for {looked}; it has {columns}")
    text = record[key]
    if not isinstance(text, str):
        raise DocumentError(f"field '{key}' is {type(text).__name__}, not text")
    if looks_like_html(text):
        return page_text(text) if is_whole_page(text) else (check_text(html_to_text(text), key), {})
    return check_text(text, key), {}


def page_text(html: str) -> tuple[str, dict]:
    """The article of a whole page and its metadata; DocumentError when it has no article text."""
    article = html_article(html)
    if not article.text:
        raise DocumentError("HTML page with no article text (only menus, links or boilerplate)")
    meta = {"title": article.title, "url": article.url, "published": article.published, "source": article.source}
    return check_text(article.text, "article"), meta


def check_text(text: str, what: str = "text") -> str:
    """``text`` when it is something to process; DocumentError saying why not."""
    if not text:
        raise DocumentError(f"empty {what} (0 characters)")
    if len(text) > MAX_CHARS:
        raise DocumentError(f"{what} too long ({len(text):,} characters; at most {MAX_CHARS:,}): split it")
    if "\x00" in text:
        raise DocumentError(f"{what} holds NUL characters: binary data, not text")
    if not text.strip():
        raise DocumentError(f"no text ({what} is only white space)")
    return text


def _record_date(record: dict, options: ReadOptions, lower: dict) -> tuple[str | None, str | None]:
    """The record's date (normalised where a format is unambiguous) and the field it came from."""
    names = (options.date_field,) if options.date_field else DATE_FIELDS
    for name in names:
        key = find_field(record, (name,), lower)
        if key is None:
            continue
        value = normalise_date(record[key])
        if value is not None:
            return value, key
    return None, None


def normalise_date(value) -> str | date | None:
    """ISO 8601 for the machine formats exports use -- Unix time (seconds or
    milliseconds), GDELT's ``20201001T120000Z`` and ``20201001120000``,
    ``20201001`` -- a date or datetime as it is (Parquet, DataFrames), and any
    other value as the text it is (the events stage reads it, or reports it
    as not a date)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, date):  # datetime and pandas' Timestamp too
        return value
    if isinstance(value, (int, float)):
        return _from_epoch(value) or str(value)
    text = str(value).strip()
    if not text:
        return None
    compact = text.rstrip("Zz").replace("T", "").replace("t", "")
    if compact.isdigit() and len(compact) in (8, 12, 14):
        try:
            moment = datetime.strptime(compact, "%Y%m%d%H%M%S"[: {8: 6, 12: 10, 14: 14}[len(compact)]])
        except ValueError:
            return text
        return moment.date().isoformat() if len(compact) == 8 else moment.isoformat()
    if text.isdigit() and len(text) in (10, 13):
        return _from_epoch(int(text)) or text
    return text


def _from_epoch(number: float) -> str | None:
    """Unix seconds, or milliseconds when the number is too big for seconds, as ISO (UTC)."""
    seconds = number / 1000 if abs(number) >= 1e11 else number
    if not 0 < seconds < 4.1e9:  # 1970 .. 2099
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
