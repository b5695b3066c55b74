"""Web archives: the archived news pages of a crawl become articles; the rest of the crawl
(requests, redirects, images, metadata) is passed over; a broken archive is a Skipped."""

from __future__ import annotations

import gzip
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cronaca.ingest import read
from cronaca.ingest.warc import is_warc
from cronaca.model import Article, Interval, Skipped

from .conftest import DATA

PAGE_URL = "https://corriere-castelrosso.example/cultura/museo"
NOTE = (
    "Sciopero dei trasporti a Castelrosso\n\n"
    "I sindacati hanno proclamato uno sciopero dei trasporti pubblici per lunedì prossimo, "
    "con fasce di garanzia al mattino e alla sera."
).encode()


def _response(writer: WARCWriter, url: str, status: str, content_type: str, body: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))


def crawl(gzip_records: bool) -> bytes:
    out = BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    request = StatusAndHeaders("GET /cultura/museo HTTP/1.1", [("Host", "example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record(PAGE_URL, "request", payload=BytesIO(b""), http_headers=request)
    )
    _response(writer, PAGE_URL, "200 OK", "text/html; charset=utf-8", (DATA / "pagina").read_bytes())
    _response(
        writer,
        "https://corriere-castelrosso.example/old",
        "301 Moved Permanently",
        "text/html",
        b"<p>moved</p>",
    )
    _response(writer, "https://corriere-castelrosso.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
    writer.write_record(
        writer.create_warc_record(
            "https://corriere-castelrosso.example/nota.txt",
            "resource",
            payload=BytesIO(NOTE),
            warc_content_type="text/plain",
        )
    )
    return out.getvalue()


@pytest.mark.parametrize("gzip_records", [True, False], ids=["warc.gz", "warc"])
def test_archived_pages_become_articles(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    path.write_bytes(crawl(gzip_records))
    results = list(read([str(path)]))
    assert not [r for r in results if isinstance(r, Skipped)]
    page, note = results
    assert isinstance(page, Article) and isinstance(note, Article)
    assert page.title == "Riapre il museo civico di Castelrosso"
    assert page.url == PAGE_URL and page.source == f"{path}#{PAGE_URL}"
    assert page.published == Interval.day(date(2025, 4, 9))
    assert page.text.startswith("Dopo due anni di lavori di restauro")
    assert note.title == "Sciopero dei trasporti a Castelrosso" and note.language == "it"


def test_magic_is_read_from_bytes_and_inside_gzip() -> None:
    assert is_warc(crawl(False)) and is_warc(crawl(True))
    assert not is_warc(gzip.compress(b"just text")) and not is_warc(b"WAR")


def test_broken_or_empty_archive_is_skipped_with_a_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\n")
    only_images = tmp_path / "images.warc.gz"
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    _response(writer, "https://x.example/a.png", "200 OK", "image/png", b"\x89PNG")
    only_images.write_bytes(out.getvalue())
    results = list(read([str(broken), str(only_images)]))
    assert all(isinstance(r, Skipped) for r in results) and len(results) == 2
    assert "WARC" in results[0].reason
    assert results[1].reason == "WARC file with no archived HTML or text page"
