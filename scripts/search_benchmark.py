#!/usr/bin/env python
"""Article search at scale: the full-text index against the LIKE scan it replaced.

Usage: python scripts/search_benchmark.py CORPUS [--articles N] [--db URL]

Fills a fresh store (a temporary SQLite file, or ``--db``, which must be empty) with N
articles, the corpus's texts copied as often as needed (each copy a new article, so ids
and index entries are all distinct), then times ``articles(q=...)`` for a few queries, and
the old ``title/text ILIKE '%q%'`` scan for the same words, printing p50/p95 per query. A
figure, not a test: no threshold is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time

import sqlalchemy as sa

from cronaca import ingest
from cronaca.model import Annotations, Article, Skipped
from cronaca.store import Store
from cronaca.store import schema as t
from cronaca.store.search import like_pattern

QUERIES = ["carabinieri", "polizia stradale", "rapina", "Milano", "arrest", "zzzz"]
RUNS = 7


def fill(store: Store, corpus: str, n: int) -> None:
    texts = [a for a in ingest.read([corpus]) if not isinstance(a, Skipped)]
    batch = []
    for i, source in zip(range(n), itertools.cycle(texts), strict=False):
        text = f"{source.text}\n\n({i})"
        title = source.title
        article = Article(id=Article.make_id(title, text), text=text, language="it", title=title)
        batch.append((Annotations(article), []))
        if len(batch) == 1000:
            store.add_annotated_many(batch, {})
            batch = []
    store.add_annotated_many(batch, {})


def timed(call) -> tuple[float, float, int]:
    spent, found = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        found = len(call())
        spent.append((time.perf_counter() - t0) * 1000)
    return statistics.median(spent), sorted(spent)[int(0.95 * (RUNS - 1))], found


def like_scan(store: Store, q: str) -> list:
    a, like = t.articles, like_pattern(q)
    query = (
        sa.select(a.c.id)
        .where(sa.or_(a.c.title.ilike(like, escape="\\"), a.c.text.ilike(like, escape="\\")))
        .order_by(a.c.published_start.desc().nulls_last(), a.c.id)
        .limit(50)
    )
    with store.engine.connect() as conn:
        return conn.execute(query).all()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", help="an empty database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db or os.path.join(tmp, "search.db"))
        t0 = time.perf_counter()
        fill(store, args.corpus, args.articles)
        print(f"{store.article_count():,} articles stored in {time.perf_counter() - t0:.1f} s ({store.url})")
        print(f"{'q':<20} {'index p50/p95 ms':>18} {'found':>6}   {'LIKE scan p50/p95 ms':>22} {'found':>6}")
        for q in QUERIES:
            p50, p95, n = timed(lambda q=q: store.articles(q=q, limit=50))
            l50, l95, ln = timed(lambda q=q: like_scan(store, q))
            print(f"{q:<20} {p50:>8.1f} / {p95:>7.1f} {n:>6}   {l50:>10.1f} / {l95:>9.1f} {ln:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
