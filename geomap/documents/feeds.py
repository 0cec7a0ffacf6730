"""RSS 2.0, RSS 1.0 and Atom feeds: one document per item or entry.

Parsed without entities or network (a feed is untrusted input); an item's
problem names the feed's line the item starts on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .model import Document, DocumentError, Problem, ReadOptions
from .records import check_text, normalise_date
from .text import html_to_text

Report = Callable[[Problem], None]
_ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(data: bytes, name: str, report: Report, *, options: ReadOptions = ReadOptions()
              ) -> Iterator[Document]:
    """Items of a feed: title and content (or description) as text, with link, id and date."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        report(Problem(path=name, message=f"not an RSS or Atom feed: not well-formed XML ({exc.msg})"))
        return
    items = root.findall(f".//{_ATOM}entry") or [e for e in root.iter() if _local(e.tag) == "item"]
    if not items:
        report(Problem(path=name, message=f"no <item> or <entry> in this XML (root <{_local(root.tag)}>)"))
        return
    channel = root.find("channel")
    source = _child_text(channel if channel is not None else root, "title")
    for number, item in enumerate(items, 1):
        try:
            yield _item_document(item, number, name, source, options)
        except DocumentError as exc:
            report(Problem(path=name, line=item.sourceline, message=f"item {number}: {exc}"))


def _item_document(item, number: int, name: str, source: str | None, options: ReadOptions) -> Document:
    fields = _feed_fields(item)
    body = fields["content"] or fields["description"] or ""
    if "<" in body:
        body = html_to_text(f"<div>{body}</div>") if body.strip() else ""
    text = "\n".join(part for part in (fields["title"], body) if part and part.strip())
    if not text.strip():
        raise DocumentError("has neither title nor text; skipped")
    published = normalise_date(fields["published"])
    return Document(doc_id=fields["id"] or fields["link"] or f"{Path(name).stem}:{number}",
                    text=check_text(text), title=fields["title"], url=fields["link"], source=source,
                    published=published or options.published,
                    published_source=fields["published_tag"] if published else
                    ("--published" if options.published else None),
                    lang=options.lang, path=name, line=item.sourceline)


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
    date_tag = next((tag for tag in ("pubDate", "published", "date", "updated") if _child_text(item, tag)), None)
    return {
        "title": _child_text(item, "title"),
        "link": link,
        "id": _child_text(item, "guid") or _child_text(item, "id"),
        "description": _child_text(item, "description") or _child_text(item, "summary"),
        "content": _child_text(item, "encoded") or _child_text(item, "content"),
        "published": _child_text(item, date_tag) if date_tag else None,
        "published_tag": date_tag,
    }
