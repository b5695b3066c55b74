"""Ingest: whatever the user has (files, folders, globs, URLs) → ``Article`` records.

    from cronaca.ingest import read
    for item in read(["news/", "https://example.org/feed.xml"]):
        ...  # an Article, or a Skipped saying why an item could not be read

The format of each document is detected from its content (``detect.py``); each format
has its own reader module. Nothing here raises for a bad input item: it becomes a
``Skipped`` with a reason, and the other items go on. Only a path or pattern that
matches nothing raises ``UsageError``, before anything is read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator

from cronaca.errors import UsageError
from cronaca.ingest import warc
from cronaca.ingest.common import Context
from cronaca.ingest.detect import FORMATS, detect
from cronaca.ingest.language import normalise_code
from cronaca.ingest.sources import FetchError, expand, fetch, is_url
from cronaca.ingest.text import NotText, decode
from cronaca.model import Article, Skipped

__all__ = ["FORMATS", "count_sources", "read", "read_document"]

MAX_FILE_BYTES = 256 * 1024 * 1024  # a document read whole; WARC files are streamed instead
WARC_SNIFF_BYTES = 65536


def count_sources(sources: Iterable[str]) -> int:
    """How many files and URLs ``read`` will open (for a progress bar); raises like ``read``."""
    return len(expand(sources))


def read(
    sources: Iterable[str],
    *,
    language: str | None = None,
    outlet: str | None = None,
    note: Callable[[str, str], None] | None = None,
) -> Iterator[Article | Skipped]:
    """Every article in the sources, each once, and a ``Skipped`` for each bad item.

    ``language`` (ISO 639-1) overrides detection; ``outlet`` overrides what the documents
    say; ``note(source, message)`` hears the per-item warnings (an unknown language code in a
    record: the language is detected instead). The sources are expanded at call time, so a
    path that matches nothing, or a ``language`` that is no language code, raises
    ``UsageError`` before any work is done.
    """
    if language and not normalise_code(language):
        raise UsageError(
            f"--language {language!r} is not a language code: use an ISO 639-1 code such as it or en"
        )
    items = expand(sources)
    return _read(items, Context(language=normalise_code(language), outlet=outlet, note=note))


def _read(items: list[str], ctx: Context) -> Iterator[Article | Skipped]:
    seen: set[str] = set()
    for item in items:
        for result in _read_one(item, ctx):
            if isinstance(result, Article):
                if result.id in seen:
                    continue
                seen.add(result.id)
            yield result


def _read_one(item: str, ctx: Context) -> Iterator[Article | Skipped]:
    url = ""
    if is_url(item):
        try:
            fetched = fetch(item)
        except FetchError as e:
            yield Skipped(item, f"URL not fetched: {e}")
            return
        data, url = fetched.content, fetched.url
    elif item == "-":
        data = sys.stdin.buffer.read()
        item = "<stdin>"
    else:
        try:
            with open(item, "rb") as handle:
                head = handle.read(WARC_SNIFF_BYTES)
                if warc.is_warc(head):  # a crawl may be many GB: read record by record
                    handle.seek(0)
                    yield from _guarded(item, warc.read_stream(handle, item, ctx))
                    return
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_FILE_BYTES:
                    yield Skipped(
                        item,
                        f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB ({size:,} bytes): not read; "
                        "split it (JSON Lines by lines, a folder of pages) or pass a WARC",
                    )
                    return
                data = head + handle.read()
        except OSError as e:
            yield Skipped(item, f"cannot read file: {e.strerror or e}")
            return
    yield from _guarded(item, read_document(data, item, ctx, url=url))


def _guarded(item: str, results: Iterator[Article | Skipped]) -> Iterator[Article | Skipped]:
    try:
        yield from results
    except Exception as e:  # a reader bug must not stop a batch; the reason says what happened
        yield Skipped(item, f"unexpected error while reading ({type(e).__name__}: {e}); please report it")


def read_document(
    data: bytes, source: str, ctx: Context | None = None, *, url: str = ""
) -> Iterator[Article | Skipped]:
    """The articles in one document's bytes, whatever its format."""
    from cronaca.ingest import feed, html, jsonl, plaintext, seed, warc

    ctx = ctx or Context()
    if not data.strip():
        yield Skipped(source, "empty file" if data == b"" else "empty file: only whitespace")
        return
    if warc.is_warc(data):  # binary (often gzipped): decided on the bytes, before decoding
        yield from warc.read(data, source, ctx)
        return
    try:
        text = decode(data)
    except NotText as e:
        yield Skipped(source, str(e))
        return
    if not text.strip():
        yield Skipped(source, "empty file: only whitespace")
        return
    fmt = detect(text)
    if fmt == "seed":
        yield from seed.read(text, source, ctx, url=url)
    elif fmt == "jsonl":
        yield from jsonl.read(text, source, ctx)
    elif fmt in ("feed", "xml"):
        yield from feed.read(data, source, ctx)
    elif fmt == "html":
        yield from html.read(text, source, ctx, url=url)
    else:
        yield from plaintext.read(text, source, ctx, url=url)
