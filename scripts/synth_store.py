#!/usr/bin/env python
"""A large synthetic store made from a real one, for query benchmarks at scale.

Usage: python scripts/synth_store.py SOURCE.db OUT.db --articles 1000000 [--actor-sets 50]

Copies every row of the source store (a SQLite store made by ``cronaca ingest``) as often
as needed to reach ``--articles`` (whole copies only: the count is rounded down to a
multiple of the source's articles). Copy ``k``:

- every id (articles, mentions, events, claims) gets a new one: its first 32 characters and
  ``k`` in 8 hex digits, so ids keep their length and spread over the whole key space;
- every date (publication, event and claim time, first and last reported) moves
  ``k * --days-per-copy`` days later, so date filters and orderings see years of news;
- actors are renamed: copy ``k`` uses actor set ``k % --actor-sets``; set 0 is the source's
  actors, set ``r`` is each entity with ``~r`` added to its id and `` r`` to its name
  (entities, mentions' entity ids, the event-actor index). The JSON actor lists inside events
  and claims keep the source's names: they are shown, never filtered on.

Claims are copied with their events, so each copy is a complete store of its own: the
result has ``copies`` times the source's rows in every table. The full-text index is filled
by the store's own triggers as the articles go in. Nothing is extracted: a copy costs what
the database costs. ``OUT.db`` must not exist.

Built in SQLite, all in SQL (``ATTACH`` + ``INSERT ... SELECT``), one transaction per copy.
``--copy-to URL`` then copies every table into an empty PostgreSQL database (its schema made
by cronaca's migrations, rows by ``COPY``), for ``scripts/query_benchmark.py --db URL``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time

from cronaca.store import Store
from cronaca.store import schema as t

# How each copied column is computed (":k" is the copy number, ":r" the actor set, ":days"
# the shift); columns not named here are copied as they are.
_ID = "substr({c}, 1, 32) || printf('%08x', :k)"
_DATE = "date({c}, '+' || :days || ' days')"
_ACTOR = "CASE WHEN :r = 0 OR {c} IS NULL THEN {c} ELSE {c} || '~' || :r END"
RULES: dict[str, dict[str, str]] = {
    "articles": {"id": _ID, "published_start": _DATE, "published_end": _DATE},
    "mentions": {"id": _ID, "article_id": _ID, "entity_id": _ACTOR},
    "events": {
        "id": _ID,
        "article_id": _ID,
        "time_start": _DATE,
        "time_end": _DATE,
        "at_start": _DATE,
        "at_end": _DATE,
    },
    "event_actors": {"event_id": _ID, "actor_id": _ACTOR},
    "claims": {
        "id": _ID,
        "time_start": _DATE,
        "time_end": _DATE,
        "first_reported": _DATE,
        "last_reported": _DATE,
    },
    "claim_events": {"claim_id": _ID, "event_id": _ID},
}


def copy_statement(table: str) -> str:
    columns = [c.name for c in t.metadata.tables[table].columns]
    rules = RULES[table]
    exprs = [rules[c].format(c=f'"{c}"') if c in rules else f'"{c}"' for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO main.{table} ({names}) SELECT {', '.join(exprs)} FROM src.{table}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="a SQLite store made by cronaca ingest")
    ap.add_argument("out", help="the new SQLite store (must not exist)")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--actor-sets", type=int, default=50, help="distinct renamings of the actors")
    ap.add_argument("--days-per-copy", type=int, default=7)
    ap.add_argument(
        "--copy-to", metavar="URL", help="then copy the store into this empty PostgreSQL database"
    )
    args = ap.parse_args()
    if args.copy_to and os.path.exists(args.out):  # an existing synthetic store: only the copy
        return copy_to(args.out, args.copy_to)
    if os.path.exists(args.out):
        sys.exit(f"{args.out} exists: give a new path")
    Store.open(args.source)  # brings an older source store to the current schema
    Store.open(args.out).engine.dispose()  # the schema, its indexes, the full-text triggers

    db = sqlite3.connect(args.out, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")  # a throwaway build: no rollback journal
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")  # 1 GB of page cache
    db.execute("ATTACH DATABASE ? AS src", (args.source,))
    n_source = db.execute("SELECT count(*) FROM src.articles").fetchone()[0]
    copies = max(1, args.articles // n_source)
    print(f"{n_source:,} source articles; {copies:,} copies = {copies * n_source:,} articles", flush=True)
    entity_cols = [c.name for c in t.entities.columns]
    started = time.perf_counter()
    for r in range(1, min(args.actor_sets, copies)):
        exprs = {"id": "id || '~' || :r", "name": "name || ' ' || :r"}
        db.execute(
            f"INSERT INTO main.entities ({', '.join(entity_cols)}) "
            f"SELECT {', '.join(exprs.get(c, c) for c in entity_cols)} FROM src.entities",
            {"r": r},
        )
    db.execute(f"INSERT INTO main.entities SELECT {', '.join(entity_cols)} FROM src.entities")
    statements = {table: copy_statement(table) for table in RULES}
    for k in range(copies):
        params = {"k": k, "r": k % args.actor_sets, "days": k * args.days_per_copy}
        db.execute("BEGIN")
        for statement in statements.values():
            db.execute(statement, {p: v for p, v in params.items() if f":{p}" in statement})
        db.execute("COMMIT")
        if (k + 1) % max(1, copies // 20) == 0 or k + 1 == copies:
            done = (k + 1) * n_source
            spent = time.perf_counter() - started
            print(f"  {done:>10,} articles  {spent:7.1f} s  ({done / spent:,.0f} articles/s)", flush=True)
    linked = "SELECT count(*) FROM mentions WHERE mentions.entity_id = entities.id"
    db.execute(f"UPDATE entities SET n_mentions = ({linked})")  # the renamed sets' own counts
    db.execute("ANALYZE")
    db.close()
    size = os.path.getsize(args.out) / 1e9
    print(f"done in {time.perf_counter() - started:.1f} s, {size:.2f} GB: {args.out}")
    return copy_to(args.out, args.copy_to) if args.copy_to else 0


def copy_to(path: str, url: str) -> int:
    """Every row of the SQLite store at ``path`` into the empty database at ``url`` (COPY)."""
    store = Store.open(url)  # the schema, by the migrations
    db = sqlite3.connect(path)
    started = time.perf_counter()
    raw = store.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            for table in t.metadata.sorted_tables:  # parents before children
                names = [c.name for c in table.columns]
                quoted = ", ".join(f'"{n}"' for n in names)
                rows = db.execute(f"SELECT {quoted} FROM {table.name}")
                with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
                    n = 0
                    for row in rows:
                        copy.write_row(row)
                        n += 1
                spent = time.perf_counter() - started
                print(f"  {table.name}: {n:,} rows, {spent:.0f} s", flush=True)
            cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    print(f"copied into {store.url} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
