#!/usr/bin/env python
"""Every time expression the ``timexes`` component finds in a corpus, as JSON, and its speed.

Usage: python scripts/timex_snapshot.py CORPUS [CORPUS ...] [--limit N] [--out FILE]
       python scripts/timex_snapshot.py CORPUS --limit 300 --time-only

A before/after check for changes that must not alter output (a refactor, a speed-up):
snapshot, change, snapshot again, compare the two files (``cmp`` or ``diff``). The demo
corpus (``src/cronaca/demo``) is always added. Each article is read several ways, so that
the resolution code runs even where the corpus has no dates (DICE has none):

- ``doc``: the component in a pipeline (``sentences``, ``timexes``) with the article's own date;
- ``day``/``month``: the same with the date replaced by 2019-06-15 (day) or 2019-06 (month);
- ``plain``: ``find_timexes`` on the bare text (punctuation sentences, its own future cue).

``--time-only`` skips the snapshot and prints articles/s of the ``timexes`` component alone:
one pass over the articles, ``sentences`` run first and resources loaded outside the timing.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
import time
from datetime import date
from pathlib import Path

from cronaca import ingest
from cronaca.extract.pipeline import REGISTRY, Doc, Pipeline
from cronaca.extract.timexes import find_timexes
from cronaca.model import Article, Interval, Skipped

DEMO = Path(__file__).resolve().parent.parent / "src" / "cronaca" / "demo"
WARM_UP = {"it": "Il 3 marzo 2021, due anni fa.", "en": "On March 3, 2021, two years ago."}
DATES = {"day": Interval.day(date(2019, 6, 15)), "month": Interval.month(2019, 6)}


def read(paths: list[str], limit: int | None) -> list[Article]:
    articles: list[Article] = []
    for path in [*paths, str(DEMO)]:
        items = itertools.islice(ingest.read([path]), limit if path != str(DEMO) else None)
        articles.extend(a for a in items if not isinstance(a, Skipped))
    return articles


def dump(mention) -> dict:
    return {k: v for k, v in dataclasses.asdict(mention).items() if k != "kind"}


def snapshot(articles: list[Article]) -> dict:
    pipeline = Pipeline(["sentences", "timexes"])
    rows = {}
    for a in articles:
        for variant in ("doc", "day", "month", "plain"):
            if variant == "plain":
                found = find_timexes(a.text, a.language, a.published)
            else:
                article = a if variant == "doc" else dataclasses.replace(a, published=DATES[variant])
                found = pipeline(article).of_kind("timex")
            rows[f"{a.id}/{variant}"] = [dump(m) for m in found]
    return rows


def time_component(articles: list[Article]) -> float:
    """Articles per second of the timexes component alone, in one pass over ``articles``."""
    Pipeline(["sentences", "timexes"])  # registers the components
    sentences = REGISTRY["sentences"].factory()
    process = REGISTRY["timexes"].factory()
    docs = []
    for a in articles:
        doc = Doc(a)
        sentences(doc)
        docs.append(doc)
    for language, text in WARM_UP.items():  # load each language's resources outside the timing
        warm = Doc(Article("warm-up", text, language, published=DATES["day"]))
        sentences(warm)
        process(warm)
    t0 = time.perf_counter()
    for doc in docs:
        process(doc)
    return len(docs) / (time.perf_counter() - t0)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="+", help="file, folder or glob to ingest")
    parser.add_argument(
        "--limit", type=int, default=500, help="first N articles of each corpus (default 500)"
    )
    parser.add_argument("--out", default="timex_snapshot.json", help="where to write the snapshot")
    parser.add_argument("--time-only", action="store_true", help="only time the component")
    args = parser.parse_args()

    articles = read(args.corpus, args.limit)
    if args.time_only:
        rate = time_component(articles)
        print(f"timexes component: {len(articles)} articles, {rate:,.1f} articles/s")
        return 0
    rows = snapshot(articles)
    Path(args.out).write_text(
        json.dumps(rows, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8"
    )
    n = sum(len(v) for v in rows.values())
    print(f"{len(articles)} articles, {len(rows)} readings, {n} timexes → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
