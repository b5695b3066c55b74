"""RSS and Atom feeds with feedparser: each entry becomes an article.

feedparser is only ever handed bytes already read: it never opens a URL or a path itself,
so a feed cannot make cronaca reach an address the URL policy would refuse.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from cronaca.ingest import pubdate
from cronaca.ingest.common import Context, build
from cronaca.ingest.detect import root_element
from cronaca.ingest.text import clean, paragraphs
from cronaca.model import Article, Skipped

_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "tr",
    "table",
    "pre",
    "hr",
)


def html_paragraphs(fragment: str) -> list[str]:
    """Text of an HTML fragment (a feed summary), one paragraph per block element."""
    if "<" not in fragment and "&" not in fragment:
        return paragraphs(fragment)
    import lxml.html
    from lxml import etree

    fragment = clean(fragment)  # lxml refuses control characters and lone surrogates
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return paragraphs(fragment)
    for el in list(root.iter("script", "style", "noscript", "iframe")):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    blocks = root.text_content().split("\n\n")
    return [p for p in (" ".join(b.split()) for b in blocks) if p]


def _entry_text(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def read(data: bytes | str, source: str, ctx: Context) -> Iterator[Article | Skipped]:
    import feedparser

    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    try:
        parsed = feedparser.parse(io.BytesIO(raw))
    except (UnicodeError, ValueError, LookupError) as e:  # odd encodings and surrogates in the bytes
        yield Skipped(source, f"feed could not be parsed: {type(e).__name__}: {e}", "feed")
        return
    if not parsed.get("version") and not parsed.entries:
        head = raw[:4096].decode("utf-8", "replace")
        root = root_element(head.lstrip("\ufeff \t\r\n"))
        what = f"root element <{root}>" if root else "no root element"
        yield Skipped(source, f"XML document is not an RSS or Atom feed ({what})", "feed")
        return
    meta = parsed.feed
    if not parsed.entries:
        yield Skipped(source, "feed has no entries", "feed")
        return
    outlet = " ".join(html_paragraphs(meta.get("title", "")))
    declared = meta.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#item-{number}"
        body = html_paragraphs(_entry_text(entry))
        title = " ".join(html_paragraphs(entry.get("title", "")))
        if not body:
            yield Skipped(where, "feed entry has no summary or content", "feed")
            continue
        yield build(
            ctx,
            source=where,
            fmt="feed",
            paragraphs=body,
            title=title,
            published=pubdate.from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
            outlet=outlet,
            url=entry.get("link", ""),
            byline=(entry.get("author_detail") or {}).get("name") or entry.get("author", ""),
            declared_language=entry.get("language") or declared,
        )
