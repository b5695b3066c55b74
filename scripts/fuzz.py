"""Fuzz every reader (and, with --pipeline, extraction) with mutated inputs.

    python scripts/fuzz.py                       # 60 s, seed 11, readers only
    python scripts/fuzz.py --seconds 30 --pipeline --max-inputs 2000
    python scripts/fuzz.py --seconds 5 --max-inputs 300   # the short run CI does
    python scripts/fuzz.py --seconds 900 --max-inputs 20000 --pipeline --store --big-every 250

Deterministic for a given --seed (the inputs; not how many fit in the time). Each input is
a seed document of one format (seed text, plain text, JSON Lines, a JSON array, HTML, RSS,
Atom, WARC plain and gzipped) mutated a few times: bytes flipped, inserted, deleted or
repeated, hostile fragments spliced in (markup, control characters, lone surrogates, deep
nesting, endless sentences), truncated, or two formats spliced together. Counted:

- uncaught: an exception out of ``read_document`` (or the pipeline), by type, with a sample
  kept under --out;
- hangs: an input over --hang-seconds (interrupted with SIGALRM, counted, kept under --out);
- peak memory: the process's maximum resident set size, and the largest rise of it that one
  input caused (so no single input can have taken more than the peak).

``--store`` takes every article, with its annotations, through the rest of an ingest: stored
in a temporary SQLite store, claims brought up to date every 100 inputs (and at the end), the
article read back. ``--big-every N`` makes every Nth input a large one (1–20 MB: one line,
one word, many short lines, deep nesting, an endless sentence) wrapped in a random format.

Exit status 1 when anything was uncaught or hung, else 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

BODY = (
    "La Corea del Nord ha inviato 10.000 soldati in Russia, secondo l'intelligence di Seul. "
    "Il Cremlino non ha confermato. Kim Jong Un ha incontrato Putin a Mosca il 3 marzo 2025."
)
EN = "North Korea has sent 10,000 troops to Russia, according to South Korean intelligence."


def warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    page = f"<html lang='it'><body><article><h1>Titolo</h1><p>{BODY}</p></article></body></html>".encode()
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/a", "response", payload=io.BytesIO(page), http_headers=http
        )
    )
    writer.write_record(
        writer.create_warc_record(
            "https://example.org/n.txt",
            "resource",
            payload=io.BytesIO(EN.encode()),
            warc_content_type="text/plain",
        )
    )
    return out.getvalue()


def seeds() -> dict[str, bytes]:
    record = {
        "title": "Titolo",
        "text": BODY,
        "date": "2025-03-04",
        "url": "https://example.org/x",
        "language": "it",
    }
    return {
        "seed": f"date 2025-03-04\nTitolo della notizia\n\n{BODY}\n".encode(),
        "text": f"Titolo della notizia\n\n{BODY}\n\n{EN}\n".encode(),
        "jsonl": (
            json.dumps(record) + "\n" + json.dumps({**record, "text": EN, "language": "en"}) + "\n"
        ).encode(),
        "json-array": json.dumps([record, {"text": EN}]).encode(),
        "html": (
            "<!doctype html><html lang='it'><head><title>Titolo</title>"
            "<meta property='og:locale' content='it_IT'></head>"
            f"<body><nav>menu</nav><article><h1>Titolo</h1><p>{BODY}</p><p>{EN}</p></article></body></html>"
        ).encode(),
        "rss": (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Agenzia</title>"
            f"<language>it</language><item><title>Titolo</title><link>https://example.org/1</link>"
            "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>"
            f"<description>&lt;p&gt;{BODY}&lt;/p&gt;</description>"
            "</item></channel></rss>"
        ).encode(),
        "atom": (
            "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title><entry>"
            f"<title>T</title><link href='https://example.org/2'/><updated>2025-03-04T10:00:00Z</updated>"
            f"<content type='html'>{EN}</content></entry></feed>"
        ).encode(),
        "warc": warc(False),
        "warc-gz": warc(True),
    }


HOSTILE = [
    b"[/bold]",
    b"[red]x[/red]",
    b":smile:",
    b"\x1b[2J",
    b"\x00",
    b"\x01\x02\x0b\x0c\x7f",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a lone surrogate in UTF-8
    b'"\\ud800"',
    b"\\udcff",
    b"javascript:alert(1)",
    b"<script>alert(1)</script>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>",
    b"&b;",
    b"]]>",
    b"<![CDATA[",
    b"{" * 3000,
    b"[" * 3000,
    b'{"a":' * 2000,
    b"La Russia ha attaccato Kiev " * 200,
    b"\n" * 500,
    b"date 2025-13-45\n",
    b"WARC/1.0\r\n",
    b"\x1f\x8b\x08\x00",
    b"Content-Length: 99999999\r\n",
    b"<rss>",
    b"<feed>",
    b"<html>",
    b'{"text": 5}',
    b'{"language": "xx"}',
    b"\xe2\x80\xae",  # right-to-left override
    "é".encode("utf-16"),
]


def big(rng: random.Random, corpus: dict[str, bytes]) -> tuple[str, bytes]:
    """A large input (1–20 MB) of one of the shapes that once stalled a run, in some format."""
    size = rng.randint(1, 20) * 1_000_000
    shape = rng.randrange(6)
    if shape == 0:  # one endless line of words
        body = (BODY.replace(". ", ", ") + " ").encode() * (size // len(BODY))
    elif shape == 1:  # one word
        body = b"a" * size
    elif shape == 2:  # many short lines
        body = b"Kiev.\n" * (size // 6)
    elif shape == 3:  # deep nesting
        body = b"[" * size
    elif shape == 4:  # an endless sentence with entities
        body = b"La Russia ha attaccato Kiev " * (size // 28)
    else:  # brackets and markup
        body = b"[/bold]<b>" * (size // 10)
    body = body[:size]
    wrap = rng.randrange(4)
    if wrap == 0:
        return "big-text", body
    if wrap == 1:
        return "big-jsonl", b'{"title": "T", "language": "it", "text": "' + body.replace(b'"', b"'") + b'"}\n'
    if wrap == 2:
        return "big-html", b"<html><body><article><p>" + body + b"</p></article></body></html>"
    return "big-seed", b"date 2025-03-04\nTitolo\n\n" + body


def mutate(rng: random.Random, data: bytes, others: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(9)
        pos = rng.randint(0, len(out))
        if op == 0 and out:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random bytes
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 2 and out:  # delete a range
            out[pos : pos + rng.randint(1, 64)] = b""
        elif op == 3 and out:  # repeat a range
            a = rng.randrange(len(out))
            piece = bytes(out[a : a + rng.randint(1, 32)])
            out[pos:pos] = piece * rng.randint(2, 200)
        elif op in (4, 5):  # a hostile fragment
            out[pos:pos] = rng.choice(HOSTILE)
        elif op == 6:  # truncate
            del out[pos:]
        elif op == 7:  # splice another format in
            other = rng.choice(others)
            out[pos:pos] = other[: rng.randint(0, len(other))]
        else:  # a text edit on a decodable document
            text = bytes(out).decode("utf-8", "replace")
            text = text.replace(
                rng.choice(["a", "e", "<", ">", '"', ":", " "]),
                rng.choice(["", "\u2028", "\ufeff", "\\", "\t"]),
            )
            out = bytearray(text.encode("utf-8", "surrogatepass"))
    return bytes(out)


class Hang(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hang()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--seconds", type=float, default=60.0, help="stop after this long (cap)")
    ap.add_argument("--max-inputs", type=int, default=1_000_000, help="stop after this many inputs (cap)")
    ap.add_argument("--hang-seconds", type=float, default=10.0, help="an input over this is a hang")
    ap.add_argument("--pipeline", action="store_true", help="also run extraction on every article read")
    ap.add_argument("--store", action="store_true", help="with --pipeline: store, consolidate, read back")
    ap.add_argument("--big-every", type=int, default=0, help="every Nth input a large one (0: none)")
    ap.add_argument("--progress", type=int, default=0, help="a line on stderr every N inputs")
    ap.add_argument("--out", default="fuzz-findings", help="folder for the inputs that failed")
    args = ap.parse_args(argv)

    from cronaca.ingest import read_document
    from cronaca.ingest.common import Context
    from cronaca.model import Article

    pipeline = None
    if args.pipeline:
        from cronaca.extract import entity_records
        from cronaca.extract.pipeline import default_pipeline

        pipeline = default_pipeline()
    kb = None
    if args.store and pipeline is not None:
        import tempfile

        from cronaca.api import Cronaca

        tmp = tempfile.mkdtemp(prefix="cronaca-fuzz-")
        kb = Cronaca(str(Path(tmp) / "fuzz.db"), pipeline=pipeline)
    rng = random.Random(args.seed)
    corpus = seeds()
    names = sorted(corpus)
    values = [corpus[n] for n in names]
    uncaught: Counter[str] = Counter()
    hangs = 0
    by_format: Counter[str] = Counter()
    results: Counter[str] = Counter()
    slowest = (0.0, "")
    biggest_rise = (0.0, "")
    slowest_consolidation = 0.0
    out = Path(args.out)
    signal.signal(signal.SIGALRM, _alarm)
    started = time.monotonic()
    n = 0
    while n < args.max_inputs and time.monotonic() - started < args.seconds:
        n += 1
        if args.big_every and n % args.big_every == 0:
            name, data = big(rng, corpus)
        else:
            name = names[n % len(names)]
            data = mutate(rng, corpus[name], values)
        by_format[name] += 1
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, args.hang_seconds)
            try:
                # warcio writes its warnings about damaged records to stderr: not findings
                with contextlib.redirect_stderr(io.StringIO()):
                    items = list(read_document(data, f"fuzz-{n}", Context()))
                for item in items:
                    results[type(item).__name__] += 1
                    if kb is not None and isinstance(item, Article):
                        annotations = kb.pipeline(item)  # extract, store (one transaction), as an ingest does
                        kb.store.add_annotated(
                            annotations, kb.pipeline.versions, entity_records(annotations), replace=True
                        )
                        kb.article(item.id)
                    elif pipeline is not None and isinstance(item, Article):
                        pipeline(item)
            finally:  # an alarm that fires while this disarms is a hang too, caught below
                signal.setitimer(signal.ITIMER_REAL, 0)
        except Hang:
            hangs += 1
            _keep(out, f"hang-{n}-{name}", data, "")
        except Exception as e:  # noqa: BLE001 - counting them is the point
            kind = f"{type(e).__name__} ({name})"
            if uncaught[kind] < 3:
                _keep(out, f"uncaught-{n}-{name}", data, traceback.format_exc())
            uncaught[kind] += 1
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest = (took, f"input {n} ({name}, {len(data):,} bytes)")
        rise = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
        if rise > biggest_rise[0]:
            biggest_rise = (rise, f"input {n} ({name}, {len(data):,} bytes)")
        if kb is not None and n % 100 == 0:  # claims of what is stored, as an ingest ends
            c0 = time.perf_counter()
            try:
                kb.consolidate_pending()
            except Exception as e:  # noqa: BLE001
                uncaught[f"{type(e).__name__} (consolidate)"] += 1
            slowest_consolidation = max(slowest_consolidation, time.perf_counter() - c0)
        if args.progress and n % args.progress == 0:
            print(
                f"  {n:,} inputs, {time.monotonic() - started:.0f} s, uncaught {sum(uncaught.values())}, "
                f"hangs {hangs}",
                file=sys.stderr,
                flush=True,
            )
    if kb is not None:
        kb.consolidate_pending()
        stored = kb.stats()
    wall = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fuzz: seed {args.seed}, {n:,} inputs in {wall:.1f} s ({n / wall:,.0f}/s), "
        f"pipeline {'on' if pipeline else 'off'}, store {'on' if kb else 'off'}"
    )
    print("  per format: " + ", ".join(f"{k} {v}" for k, v in sorted(by_format.items())))
    print("  results:    " + ", ".join(f"{k} {v}" for k, v in sorted(results.items())))
    print(
        f"  uncaught:   {sum(uncaught.values())}"
        + "".join(f"\n    {k}: {v}" for k, v in uncaught.most_common())
    )
    print(f"  hangs:      {hangs} (over {args.hang_seconds:g} s)")
    print(f"  slowest:    {slowest[0]:.2f} s, {slowest[1]}")
    print(
        f"  peak RSS:   {peak_mb:,.0f} MB"
        f" (largest rise from one input: {biggest_rise[0]:,.0f} MB, {biggest_rise[1]})"
    )
    if kb is not None:
        print("  stored:     " + ", ".join(f"{k} {v:,}" for k, v in stored.items()))
        print(f"  claims:     brought up to date every 100 inputs, slowest {slowest_consolidation:.2f} s")
    if uncaught or hangs:
        print(f"  findings kept under {out}/")
    return 1 if uncaught or hangs else 0


def _keep(folder: Path, name: str, data: bytes, trace: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.bin").write_bytes(data)
    if trace:
        (folder / f"{name}.txt").write_text(trace)


if __name__ == "__main__":
    sys.exit(main())
