"""Web archives (WARC, plain or gzipped): each archived news page becomes an Article.

Crawls (Heritrix, wget --warc-file, Browsertrix, Common Crawl) keep pages as WARC
records; ``warcio`` reads them, compressed per record or not. Only what can be an
article is read: ``response`` records with an HTTP 2xx status and ``resource`` records,
whose payload is HTML or plain text. Requests, metadata, revisits, redirects, images and
scripts are part of every crawl and are passed over without a word; a page that was
meant to be read and has no text left becomes a ``Skipped`` naming the record's URL.

The publication date comes from the page (as for any HTML page), never from the
capture date: a page archived in 2026 may have been published in 2019.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from cronaca.ingest import html, plaintext
from cronaca.ingest.common import Context
from cronaca.ingest.text import NotText, decode
from cronaca.model import Article, Skipped

_ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
RECORD_MAX_BYTES = 20 * 1024 * 1024  # one archived page, decompressed; a news page is < 2 MB
# what warcio raises on a damaged archive besides ArchiveLoadFailed: a corrupt gzip member
# (zlib.error), a truncated one (EOFError), a record without the headers it needs
# (AttributeError, ValueError, KeyError, IndexError inside warcio)
_BROKEN = (zlib.error, EOFError, OSError, ValueError, AttributeError, KeyError, IndexError)


def is_warc(data: bytes) -> bool:
    """WARC magic, directly or inside the first gzip member."""
    if data.startswith(b"WARC/"):
        return True
    if data[:2] != b"\x1f\x8b":
        return False
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data[:65536])) as stream:
            return stream.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):  # corrupt gzip: not a WARC we can read
        return False


def _content_type(record) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers else None
    return (value or "").split(";")[0].strip().lower()


def _status(record) -> int:
    if record.rec_type != "response" or record.http_headers is None:
        return 200
    try:
        return int(record.http_headers.get_statuscode() or 0)
    except ValueError:
        return 0


def read(data: bytes, source: str, ctx: Context) -> Iterator[Article | Skipped]:
    yield from read_stream(io.BytesIO(data), source, ctx)


def read_stream(stream: BinaryIO, source: str, ctx: Context) -> Iterator[Article | Skipped]:
    """The articles of a WARC read record by record from ``stream`` (a crawl of many GB is
    never held in memory; each record is read up to ``RECORD_MAX_BYTES``)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            if not 200 <= _status(record) < 300 or _content_type(record) not in _ARTICLE_TYPES:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{uri}" if uri else source
            payload = record.content_stream().read(RECORD_MAX_BYTES + 1)
            if len(payload) > RECORD_MAX_BYTES:
                found += 1
                cap = f"{RECORD_MAX_BYTES:,} bytes"
                yield Skipped(where, f"archived page larger than {cap}: not read", "warc")
                continue
            if not payload.strip():
                yield Skipped(where, "archived page is empty", "warc")
                continue
            found += 1
            try:
                text = decode(payload)
            except NotText as e:
                yield Skipped(where, str(e), "warc")
                continue
            if _content_type(record) == "text/plain":
                yield from plaintext.read(text, where, ctx, url=uri)
            else:
                yield from html.read(text, where, ctx, url=uri)
    except ArchiveLoadFailed as e:
        yield Skipped(source, f"broken WARC file: {e}", "warc")
        return
    except _BROKEN as e:
        what = f"{type(e).__name__}: {e}"[:200]
        yield Skipped(source, f"broken WARC file (damaged or truncated record: {what})", "warc")
        return
    if not found:
        yield Skipped(source, "WARC file with no archived HTML or text page", "warc")
