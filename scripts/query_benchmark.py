#!/usr/bin/env python
"""The store's read calls timed on a (large) store: p50/p95 per call, and the SQL statements
each call runs.

Usage: python scripts/query_benchmark.py --db STORE [--runs 30] [--seed 5]

Each call is run ``--runs`` times with parameters drawn (fixed seed) from what the store
holds, so that a run is not the same query answered from SQLite's page cache each time:

- timeline: ``timeline(limit=50, offset=O)``, O a random offset in the first 10,000 claims;
  and the web page's call (26 claims, 3 mentions each);
- claims(actor): an actor drawn from the 200 most frequent in events, renamed sets included;
- events(type): a type drawn by frequency;
- entities(q): a prefix of a stored entity name (3–6 characters);
- articles(q): a word of 4+ letters drawn from the starts of stored articles (common and rare
  alike; the articles drawn by id, so the same words on any database holding the same
  articles), and five fixed words (common, mid, rare, none); ``--slowest K`` names the K
  slowest drawn words;
- articles(q, language): fixed words with a language filter (``LANGUAGE_WORDS``);
- events(since), claims(type+since): a date in the last 90 days of the store's articles, as a
  time slider asks (with a type drawn by frequency); events(since any), claims(since any): a
  date anywhere between the first and the last article's; (since+until): the 30 days from it.

``--db`` is a SQLite path or a SQLAlchemy URL (PostgreSQL too). The calls run with the cycle
collector set as ``cronaca serve`` sets it (``serve.http.settle``). A figure, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from datetime import timedelta

import sqlalchemy as sa

from cronaca.serve.http import settle
from cronaca.store import Store
from cronaca.store import schema as t

WORDS = ["carabinieri", "polizia stradale", "rapina", "Milano", "zzzz"]
# a list's language filter with q: a common word among a language few articles have (English
# in an Italian store), and among the many
LANGUAGE_WORDS = [("della", "en"), ("carabinieri", "en"), ("della", "it")]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Counter:
    def __init__(self, engine: sa.engine.Engine) -> None:
        self.n = 0
        sa.event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *_args) -> None:
        self.n += 1


def draws(store: Store, rng: random.Random, runs: int) -> dict[str, list]:
    with store.engine.connect() as conn:
        n_claims = conn.execute(sa.select(sa.func.count()).select_from(t.claims)).scalar_one()
        ea = t.event_actors
        top_actors = [
            a
            for a, _ in conn.execute(
                sa.select(ea.c.actor_id, sa.func.count())
                .where(ea.c.role.in_(("source", "target")))
                .group_by(ea.c.actor_id)
                .order_by(sa.func.count().desc(), ea.c.actor_id)  # ties by id: the same draws every run
                .limit(200)
            )
        ]
        types = (
            conn.execute(sa.select(t.events.c.type).order_by(sa.func.random()).limit(runs)).scalars().all()
        )
        names = (
            conn.execute(sa.select(t.entities.c.name).order_by(sa.func.random()).limit(runs)).scalars().all()
        )
        words = [w for start in _starts(conn, rng, runs) for w in re.findall(r"[^\W\d_]{4,}", start)]
        # the articles' dates, not the events': an event's own time may lie far off ("nel 2030")
        published = t.articles.c.published_start
        first, last = conn.execute(sa.select(sa.func.min(published), sa.func.max(published))).one()
    span = (last - first).days if first and last else 0
    return {
        # a date in the store's last quarter of a year: what a time slider asks for
        "since": [last - timedelta(days=rng.randrange(1, 90)) for _ in range(runs)] if last else [],
        "since any": [first + timedelta(days=rng.randrange(0, span + 1)) for _ in range(runs if last else 0)],
        "offsets": [rng.randrange(0, max(1, min(n_claims, 10_000))) for _ in range(runs)],
        "actors": [rng.choice(top_actors) for _ in range(runs)] if top_actors else [],
        "types": list(types),
        "prefixes": [n[: rng.randint(3, 6)] for n in names],
        "words": [rng.choice(words) for _ in range(runs)] if words else [],
    }


def _starts(conn: sa.Connection, rng: random.Random, n: int) -> list[str]:
    """The first 300 characters of ``n`` articles drawn by the seed alone, the same on every
    database holding the same articles: for each, the first id at or after a random one."""
    a = t.articles
    ids = conn.execute(sa.select(a.c.id).order_by(a.c.id).limit(2)).scalars().all()
    if not ids:
        return []
    prefix = os.path.commonprefix(ids)[:2]  # "a_": content ids are a prefix and hex digits
    starts = []
    for _ in range(n):
        probe = prefix + "".join(rng.choice("0123456789abcdef") for _ in range(8))
        query = sa.select(sa.func.substr(a.c.text, 1, 300)).where(a.c.id >= probe).order_by(a.c.id).limit(1)
        start = conn.execute(query).scalar()
        if start is None:
            start = conn.execute(
                sa.select(sa.func.substr(a.c.text, 1, 300)).order_by(a.c.id).limit(1)
            ).scalar()
        starts.append(start or "")
    return starts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--only", help="comma-separated call names to run (default: all)")
    ap.add_argument("--slowest", type=int, default=0, help="print the K slowest drawn search words")
    args = ap.parse_args()
    store = Store.open(args.db)
    counter = Counter(store.engine)
    rng = random.Random(args.seed)
    d = draws(store, rng, args.runs)
    settle()  # the collector set as `cronaca serve` sets it once it has started
    stats = store.stats()
    print(
        f"{store.url}: "
        + ", ".join(
            f"{k} {v:,}" for k, v in stats.items() if k in ("articles", "events", "claims", "mentions")
        )
    )
    calls = {
        "timeline": [lambda o=o: store.timeline(limit=50, offset=o) for o in d["offsets"]],
        "timeline page": [
            lambda o=o: store.timeline(limit=26, offset=o, events_per_claim=3) for o in d["offsets"]
        ],
        "claims(actor)": [lambda a=a: store.claims(actor=a, limit=50) for a in d["actors"]],
        "events(type)": [lambda x=x: store.events(type=x, limit=50) for x in d["types"]],
        "entities(q)": [lambda q=q: store.entities(q=q, limit=50) for q in d["prefixes"]],
        "articles(q) drawn": [lambda q=q: store.articles(q=q, limit=50) for q in d["words"]],
        "events(since)": [lambda x=x: store.events(since=x, limit=50) for x in d["since"]],
        "claims(type+since)": [
            lambda x=x, y=y: store.claims(type=y, since=x, limit=50)
            for x, y in zip(d["since"], d["types"], strict=False)
        ],
        "events(since any)": [lambda x=x: store.events(since=x, limit=50) for x in d["since any"]],
        "events(since+until)": [
            lambda x=x: store.events(since=x, until=x + timedelta(days=30), limit=50) for x in d["since any"]
        ],
        "claims(since+until)": [
            lambda x=x: store.claims(since=x, until=x + timedelta(days=30), limit=50) for x in d["since any"]
        ],
        "claims(since any)": [lambda x=x: store.claims(since=x, limit=50) for x in d["since any"]],
    }
    for word, language in [(w, None) for w in WORDS] + LANGUAGE_WORDS:
        name = f"articles(q={word!r})" + (f" [{language}]" if language else "")  # no comma: --only
        calls[name] = [lambda q=word, x=language: store.articles(q=q, language=x, limit=50)] * max(
            5, args.runs // 3
        )
    only = set(args.only.split(",")) if args.only else None
    print(f"{'call':<32} {'runs':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'rows':>6} {'SQL/call':>8}")
    for name, runs in calls.items():
        if only and name not in only:
            continue
        if not runs:
            continue
        runs[0]()  # warm: compiled statements, the first pages read
        spent, rows = [], []
        counter.n = 0
        for call in runs:
            t0 = time.perf_counter()
            rows.append(len(call()))
            spent.append((time.perf_counter() - t0) * 1000)
        print(
            f"{name:<32} {len(runs):>5} {statistics.median(spent):>9.1f} {percentile(spent, 95):>9.1f} "
            f"{max(spent):>9.1f} {statistics.median(rows):>6.0f} {counter.n / len(runs):>8.1f}",
            flush=True,
        )
        if name == "articles(q) drawn" and args.slowest:
            for ms, word in sorted(zip(spent, d["words"], strict=True))[-args.slowest :]:
                print(f"    {ms:9.1f} ms  q={word!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
