#!/usr/bin/env python
"""Time the search page's claims on a store, by each plan, and check the plans agree.

Usage: python scripts/claim_search_benchmark.py DB [WORDS ...] [--repeat 3]

For each q: whether its words are in more than ``explore.CLAIMS_READ_ALL`` event sentences
(``search.sentences_many``, the test that picks the plan), the time to read every match
(``claims_matching``), the time of what the search does (``found_claims``: for such a q it
tests the most reported claims first), and whether both give the same claims in the same
order. The best of ``--repeat`` runs. A figure, not a test: no threshold is asserted.
"""

from __future__ import annotations

import argparse
import time

from cronaca.store import Store, explore, search

# common and rare words of the crime news the benchmark stores are made of, and a pair of
# words each common in places but rarely together
QUERIES = [
    "carabinieri",
    "polizia",
    "arrestato",
    "è stato",
    "rapina",
    "Bologna",
    "Modena",
    "polizia stradale",
    "furto auto",
    "russia",
    "droni",
    "carabinieri russia",
]


def _read_all(conn, words: list[str], limit: int) -> list[str]:
    return conn.execute(explore.claims_matching(conn.dialect.name, words, limit)).scalars().all()


def _searched(conn, words: list[str], limit: int) -> list[str]:
    return [r["id"] for r in explore.found_claims(conn, words, limit)]


def _best(repeat: int, call, *args) -> tuple[float, list[str]]:
    """The fastest of ``repeat`` calls, in ms, and its result."""
    best, result = float("inf"), []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call(*args)
        best = min(best, 1000 * (time.perf_counter() - started))
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=10, help="claims per search page")
    args = parser.parse_args(argv)
    store = Store.open(args.db)
    print(f"{'q':<24} {'many':>5} {'read all':>10} {'search':>10}  same")
    for q in args.queries:
        words = search.words(q)
        if not words:
            print(f"{q!r:<24} no word: no claim search")
            continue
        with store.engine.connect() as conn:
            many = search.sentences_many(conn, words, explore.CLAIMS_READ_ALL)
            read_all, rows = _best(args.repeat, _read_all, conn, words, args.limit)
            chosen, found = _best(args.repeat, _searched, conn, words, args.limit)
        same = rows == found
        print(f"{q!r:<24} {'yes' if many else 'no':>5} {read_all:>8.0f} ms {chosen:>7.0f} ms  {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
