#!/usr/bin/env python
"""The map's data timed per filter on a (large) store: ``explore.map_records``, twice each.

Usage: python scripts/map_benchmark.py STORE [--type COERCE] [--actor ITA]

STORE is a SQLite path or a SQLAlchemy URL. The filters are those of ``/api/map`` and its
time slider: none, a type, an actor, and ``since`` at two dates drawn from the store's
articles: the middle of their span, and a month before the newest (what a slider moved to the
recent end asks). Each call runs twice in a row (the first reads from disk, the second from
the page cache). A figure, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta

import sqlalchemy as sa

from cronaca import Cronaca
from cronaca.store import explore
from cronaca.store import schema as t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--type", default="COERCE", help="the type filter's type")
    ap.add_argument("--actor", default="ITA", help="the actor filter's actor")
    args = ap.parse_args()
    kb = Cronaca(args.store)
    published = t.articles.c.published_start
    with kb.store.engine.connect() as conn:
        first, last = conn.execute(sa.select(sa.func.min(published), sa.func.max(published))).one()
    dates = []
    if last:
        dates = [(first + (last - first) / 2).isoformat(), (last - timedelta(days=30)).isoformat()]
    else:
        print("the store's articles have no dates: no since filters", file=sys.stderr)
    cases: list[dict] = [{}, {"kind": "event"}, {"type": args.type}, {"kind": "event", "actor": args.actor}]
    for since in dates:
        cases += [{"since": since}, {"kind": "event", "since": since}, {"type": args.type, "since": since}]
    print(f"{'filters':60} {'points':>7} {'1st ms':>8} {'2nd ms':>8}")
    for case in cases:
        spent = []
        for _ in range(2):
            started = time.perf_counter()
            rows, _cut = explore.map_records(kb.store, **case)
            spent.append((time.perf_counter() - started) * 1000)
        print(f"{str(case):60} {len(rows):7} {spent[0]:8.0f} {spent[1]:8.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
