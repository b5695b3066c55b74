#!/usr/bin/env python
"""Give a benchmark store's undated articles publication dates, spread over years.

Usage: python scripts/date_undated.py STORE.db [--start 2016-01-01] [--days 3653]

A synthetic store made from an undated corpus (DICE has no dates) lists every article in one
"day"; a news archive has a few hundred a day. This sets each undated article's
``published_start`` (and ``published_end``: a day) to ``--start`` plus
``(rowid * 2654435761) % --days`` days (a fixed, even spread), then refills the SQLite
full-text index, whose key holds the date (migration 0008). The dates then reach what a dated
ingest would have stored: an event without a time of its own takes its article's day as
``at_start`` / ``at_end`` (what event lists sort and filter by), and a claim's
``first_reported`` / ``last_reported`` become the first and last day its articles were
published. Only for benchmark copies: it rewrites dates. Each step touches only what is still
undated, so a second run changes nothing. SQLite stores only, at revision 0008 or later.
"""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import sys
import time
from pathlib import Path

import cronaca.store

MIGRATION = Path(cronaca.store.__file__).parent / "migrations" / "versions" / "0008_search_by_date.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", help="a SQLite store (a copy: its dates are rewritten)")
    ap.add_argument("--start", default="2016-01-01")
    ap.add_argument("--days", type=int, default=3653)
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("migration_0008", MIGRATION)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    conn = sqlite3.connect(args.store, isolation_level=None)
    (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision < "0008":
        print(
            f"{args.store}: revision {revision}; open it with cronaca first (migration 0008)", file=sys.stderr
        )
        return 2
    started = time.perf_counter()
    conn.execute("BEGIN")
    (trigger,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts_update'").fetchone()
    conn.execute("DROP TRIGGER articles_fts_update")  # the index is refilled whole below
    day = "date(?, '+' || ((rowid * 2654435761) % ?) || ' days')"
    changed = conn.execute(
        f"UPDATE articles SET published_start = {day}, published_end = {day}, "
        "published_precision = 'day' WHERE published_start IS NULL",
        (args.start, args.days) * 2,
    ).rowcount
    conn.execute(trigger)
    if changed:
        for statement in migration.refill():
            conn.execute(statement)
    events = conn.execute(
        "UPDATE events SET "
        "at_start = coalesce(time_start, (SELECT published_start FROM articles a WHERE a.id = article_id)), "
        "at_end = coalesce(time_end, (SELECT published_end FROM articles a WHERE a.id = article_id)) "
        "WHERE at_start IS NULL OR at_end IS NULL"
    ).rowcount
    claims = conn.execute(
        "UPDATE claims SET (first_reported, last_reported) = ("
        "SELECT min(a.published_start), max(a.published_start) FROM claim_events ce "
        "JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = e.article_id "
        "WHERE ce.claim_id = claims.id) WHERE first_reported IS NULL"
    ).rowcount
    conn.execute("COMMIT")
    print(
        f"{changed:,} articles dated, {events:,} events and {claims:,} claims given their dates "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
