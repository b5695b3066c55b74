#!/usr/bin/env python
"""Give a benchmark store's undated articles publication dates, spread over years.

Usage: python scripts/date_undated.py STORE [--start 2016-01-01] [--days 3653]

STORE is a SQLite path or a PostgreSQL URL, at revision 0008 or later.

A synthetic store made from an undated corpus (DICE has no dates) lists every article in one
"day"; a news archive has a few hundred a day. This sets each undated article's publication
date (a day) to ``--start`` plus a fixed hash of the article modulo ``--days`` days (SQLite:
of its rowid; PostgreSQL: of its id), an even spread. On SQLite it then refills the
full-text index, whose key holds the date (migration 0008). The dates then reach what a dated
ingest would have stored: an event without a time of its own takes its article's day as
``at_start`` / ``at_end`` (what event lists sort and filter by), a claim's ``first_reported``
/ ``last_reported`` become the first and last day its articles were published, and (0009)
its ``at_end`` its events' latest end. Only for benchmark copies: it rewrites dates. Each
step touches only what is still undated, so a second run changes nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa

import cronaca.store

VERSIONS = Path(cronaca.store.__file__).parent / "migrations" / "versions"

SQLITE = {
    "articles": "UPDATE articles SET published_start = {day}, published_end = {day}, "
    "published_precision = 'day' WHERE published_start IS NULL",
    "day": "date(:start, '+' || ((rowid * 2654435761) % :days) || ' days')",
    "events": "UPDATE events SET "
    "at_start = coalesce(time_start, (SELECT published_start FROM articles a WHERE a.id = article_id)), "
    "at_end = coalesce(time_end, (SELECT published_end FROM articles a WHERE a.id = article_id)) "
    "WHERE at_start IS NULL OR at_end IS NULL",
    "claims": "UPDATE claims SET (first_reported, last_reported) = ("
    "SELECT min(a.published_start), max(a.published_start) FROM claim_events ce "
    "JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = e.article_id "
    "WHERE ce.claim_id = claims.id) WHERE first_reported IS NULL",
}
POSTGRES = {
    "articles": SQLITE["articles"],
    "day": "(CAST(:start AS date) + abs(hashtext(id)) % :days)",
    "events": "UPDATE events e SET at_start = coalesce(e.time_start, a.published_start), "
    "at_end = coalesce(e.time_end, a.published_end) FROM articles a "
    "WHERE a.id = e.article_id AND (e.at_start IS NULL OR e.at_end IS NULL)",
    "claims": "UPDATE claims c SET first_reported = r.first, last_reported = r.last FROM ("
    "SELECT ce.claim_id, min(a.published_start) AS first, max(a.published_start) AS last "
    "FROM claim_events ce JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = e.article_id "
    "GROUP BY ce.claim_id) r WHERE r.claim_id = c.id AND c.first_reported IS NULL",
}


def _migration(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"migration_{name[:4]}", VERSIONS / name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", help="a SQLite path or PostgreSQL URL (a copy: its dates are rewritten)")
    ap.add_argument("--start", default="2016-01-01")
    ap.add_argument("--days", type=int, default=3653)
    args = ap.parse_args()
    url = args.store if "://" in args.store else f"sqlite:///{args.store}"
    engine = sa.create_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    sql = SQLITE if sqlite else POSTGRES
    started = time.perf_counter()
    with engine.begin() as conn:
        revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        if revision < "0008":
            print(f"{args.store}: revision {revision}; open it with cronaca first", file=sys.stderr)
            return 2
        if sqlite:  # the index is refilled whole below
            trigger = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'articles_fts_update'"
            ).scalar_one()
            conn.exec_driver_sql("DROP TRIGGER articles_fts_update")
        dating = sql["articles"].format(day=sql["day"])
        changed = conn.execute(sa.text(dating), {"start": args.start, "days": args.days}).rowcount
        if sqlite:
            conn.exec_driver_sql(trigger)
            if changed:
                for statement in _migration("0008_search_by_date.py").refill():
                    conn.exec_driver_sql(statement)
        events = conn.exec_driver_sql(sql["events"]).rowcount
        claims = conn.exec_driver_sql(sql["claims"]).rowcount
        if events and revision >= "0009":  # the claims' ends follow their events'
            conn.exec_driver_sql(f"UPDATE claims SET at_end = {_migration('0009_date_filters.py').CLAIM_END}")
    print(
        f"{changed:,} articles dated, {events:,} events and {claims:,} claims given their dates "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
