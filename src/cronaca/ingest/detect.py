"""Which format a document is in, decided by its content; the file name is never trusted."""

from __future__ import annotations

import re

# "warc" is recognised on the raw bytes (ingest.warc.is_warc), before text detection
FORMATS: tuple[str, ...] = ("seed", "text", "jsonl", "html", "feed", "warc")

SEED_HEADER = re.compile(r"^[\s\ufeff]*date[ \t]+(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\b", re.IGNORECASE)
_FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(rss|feed|rdf)\b", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1|title|meta)\b", re.IGNORECASE
)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_PROLOGUE = re.compile(r"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)


def detect(text: str) -> str:
    """One of ``FORMATS``, or ``"xml"`` for XML that is neither a feed nor a web page."""
    head = text.lstrip(" \t\r\n\ufeff")[:4096]
    if SEED_HEADER.match(head):
        return "seed"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        # a JSON array of records is read like JSON Lines; "[Reuters] ..." is text
        return "jsonl" if re.match(r"\[\s*(\{|\]|$)", head) else "text"
    if head.startswith("<"):
        root = root_element(head)
        if root and _FEED_ROOT.fullmatch(f"<{root}"):
            return "feed"
        if _HTML_TAG.match(_PROLOGUE.sub("", head, count=1)) or re.search(r"<html\b", head, re.I):
            return "html"
        return "xml" if head.startswith("<?xml") or root else "text"
    if re.search(r"<(?:html|body)\b", head, re.IGNORECASE):
        return "html"
    return "text"


def root_element(head: str) -> str:
    """The name of the first element after the XML declaration, comments and doctype."""
    m = _XML_ROOT.match(_PROLOGUE.sub("", head, count=1))
    return m[1] if m else ""
