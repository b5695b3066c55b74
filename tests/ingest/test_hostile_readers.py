"""Damaged and hostile documents in every format: each becomes a clear Skipped (or an
Article), never an exception, never the catch-all "unexpected error"."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cronaca.ingest import read, read_document, warc
from cronaca.model import Article, Skipped

BODY = "Il consiglio comunale di Borgo Alto ha approvato ieri il bilancio dopo una lunga seduta. " * 3


def a_warc(body: bytes = f"<html><body><article><p>{BODY}</p></article></body></html>".encode(), gz=True):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.org/a", "response", payload=io.BytesIO(body), http_headers=http
    )
    writer.write_record(record)
    return out.getvalue()


GOOD_WARC = a_warc()
CASES: dict[str, tuple[bytes, str]] = {
    # name: (bytes, what the reason must say; "" when an Article is fine too)
    "corrupt.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 100, "gzip"),
    "flipped.warc.gz": (GOOD_WARC[:40] + bytes([GOOD_WARC[40] ^ 0xFF]) + GOOD_WARC[41:], "gzip"),
    "truncated.warc.gz": (GOOD_WARC[: len(GOOD_WARC) // 2], "WARC"),
    "nolength.warc": (b"WARC/1.0\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200 OK\r\n\r\nhello", "broken WARC"),
    "garbage-header.warc": (b"WARC/1.0\r\n\x00\x01\x02: \xff\r\n\r\n", "WARC"),
    "control.xml": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T\x01</title><item><title>a\x0b</title>'
        b"<description>&lt;p&gt;"
        + BODY.encode()
        + b" \x01 \x0c&lt;/p&gt;</description></item></channel></rss>",
        "",
    ),
    "cdata-control.xml": (
        b'<rss version="2.0"><channel><item><description><![CDATA[<p>'
        + BODY.encode()
        + b" \x08 <b>x</b></p>]]></description></item></channel></rss>",
        "",
    ),
    "surrogates.xml": (
        f'<rss version="2.0"><channel><item><title>\ud800x</title><description>{BODY} \udcff'
        "</description></item></channel></rss>".encode("utf-8", "surrogatepass"),
        "",
    ),
    "deep.json": (b'{"text":' + b'{"a":' * 50000 + b"1" + b"}" * 50001, "nested too deeply"),
    "deep-array.json": (b"[" + b'{"a":' * 50000 + b"1" + b"}" * 50000 + b"]", "nested too deeply"),
    "deep-line.jsonl": (
        json.dumps({"text": BODY}).encode() + b"\n" + b'{"a":' * 100000 + b"1" + b"}" * 100000 + b"\n",
        "nested too deeply",
    ),
    "surrogate.jsonl": (
        json.dumps({"text": BODY + " \ud800", "title": "\udcff titolo", "author": "\ud800"}).encode(),
        "",
    ),
    "control.html": (f"<html><body><article><p>{BODY} \x01\x02</p></article></body></html>".encode(), ""),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_damaged_document_is_a_clear_rejection(tmp_path: Path, name: str) -> None:
    data, reason = CASES[name]
    (tmp_path / name).write_bytes(data)
    results = list(read([str(tmp_path / name)]))
    assert results
    for r in results:
        assert isinstance(r, Article | Skipped)
        if isinstance(r, Skipped):
            assert "unexpected error" not in r.reason, r
        else:
            r.text.encode("utf-8")  # no lone surrogate survives
            assert not any(ord(c) < 32 and c != "\n" for c in r.text + r.title + r.byline + r.outlet)
    if reason:
        assert any(isinstance(r, Skipped) and reason in r.reason for r in results), results
    else:
        assert any(isinstance(r, Article) for r in results), results


def test_a_huge_archived_page_is_skipped_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warc, "RECORD_MAX_BYTES", 10_000)
    page = b"<html><body><p>" + b"parola " * 100_000 + b"</p></body></html>"
    results = list(read_document(a_warc(page), "big.warc.gz"))
    assert [type(r) for r in results] == [Skipped]
    assert "larger than 10,000 bytes" in results[0].reason and results[0].source.endswith(
        "#https://example.org/a"
    )


def test_a_gzip_bomb_record_is_bounded() -> None:
    """A 1 MB gzip that inflates to 200 MB: the record is read up to the cap, then skipped."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb") as gz:
        gz.write(b"<html><body>")
        chunk = b" " * (1024 * 1024)
        for _ in range(30):
            gz.write(chunk)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/bomb", "response", payload=io.BytesIO(buffer.getvalue()), http_headers=http
        )
    )
    results = list(read_document(out.getvalue(), "bomb.warc.gz"))
    assert any(isinstance(r, Skipped) and "larger than" in r.reason for r in results), results


def test_a_file_too_large_to_read_whole_is_skipped_but_a_warc_is_streamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cronaca.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    (tmp_path / "big.txt").write_text(BODY * 20)
    (tmp_path / "big.warc.gz").write_bytes(a_warc(f"<html><body><p>{BODY * 20}</p></body></html>".encode()))
    results = {Path(r.source.split("#")[0]).name: r for r in read([str(tmp_path)])}
    assert isinstance(results["big.txt"], Skipped) and "file larger than" in results["big.txt"].reason
    assert isinstance(results["big.warc.gz"], Article)
