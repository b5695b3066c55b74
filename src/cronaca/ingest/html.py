"""HTML pages: the main text with trafilatura, boilerplate dropped, metadata from the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cronaca.ingest import pubdate
from cronaca.ingest.common import Context, build
from cronaca.ingest.text import paragraphs
from cronaca.model import Article, Skipped

_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.IGNORECASE
)
_OG_LOCALE = re.compile(
    r"<meta\b[^>]*?property\s*=\s*[\"']og:locale[\"'][^>]*?content\s*=\s*[\"']([A-Za-z_-]+)", re.IGNORECASE
)


def declared_language(html: str) -> str | None:
    """The page's own claim: ``<html lang>``, else ``og:locale``."""
    head = html[:20000]
    m = _HTML_LANG.search(head) or _OG_LOCALE.search(head)
    return m[1] if m else None


def extract(html: str, url: str | None = None) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )


def read(text: str, source: str, ctx: Context, *, url: str = "") -> Iterator[Article | Skipped]:
    try:
        doc = extract(text, url)
    except Exception as e:  # lxml and trafilatura raise many kinds on broken markup
        yield Skipped(source, f"HTML could not be parsed: {type(e).__name__}: {e}", "html")
        return
    body = (doc.text or "") if doc is not None else ""
    if not body.strip():
        yield Skipped(
            source, "HTML page with no extractable main text (only navigation or boilerplate?)", "html"
        )
        return
    # trafilatura writes one paragraph (or list item, or heading) per line
    paras = [p for line in body.split("\n") for p in paragraphs(line)]
    date_text = doc.date or ""
    yield build(
        ctx,
        source=source,
        fmt="html",
        paragraphs=paras,
        title=doc.title or "",
        published=pubdate.parse(date_text) if date_text else None,
        outlet=doc.sitename or "",
        url=doc.url or url,
        byline=doc.author or "",
        declared_language=declared_language(text) or doc.language,
    )
