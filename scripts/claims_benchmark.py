#!/usr/bin/env python
"""Consolidation time against the number of events, on synthetic sets made from real ones.

Usage: python scripts/claims_benchmark.py --db STORE [--sizes 10000,30000,100000]
                                          [--actors-every 700] [--compare-with OLD_CLAIMS_PY]

Reads the events of a store, and for each size makes that many: copies of the real events
with new ids, report dates shifted by a week per copy, and actors renamed so that a new set
of actors starts every ``--actors-every`` events (many actor keys, as in a large archive).
Times ``build_claims`` on each and prints seconds, claims, and the time per event relative
to the smallest size (1.0 = linear). ``--compare-with`` loads another version of
``consolidate/claims.py`` (e.g. ``git show HEAD~1:src/cronaca/consolidate/claims.py > old.py``),
times it too and checks both give the same claims and links. A figure, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from datetime import date, timedelta
from typing import Any

from cronaca.consolidate import build_claims
from cronaca.store import Store


def _shift(day: str | None, weeks: int) -> str | None:
    return (date.fromisoformat(day) + timedelta(weeks=weeks)).isoformat() if day else day


def _renamed(actor: dict[str, Any], suffix: str) -> dict[str, Any]:
    out = dict(actor)
    for key in ("id", "country"):
        if out.get(key) and not str(out[key]).startswith("outlet:"):
            out[key] = f"{out[key]}~{suffix}"
    return out


def synthetic(events: list[dict[str, Any]], n: int, actors_every: int = 700) -> list[dict[str, Any]]:
    """``n`` events made from ``events``: copy k of event i has its ids suffixed with k, its
    dates shifted by k weeks, and its actors renamed for every ``actors_every`` events made."""
    out = []
    for made in range(n):
        k, e = divmod(made, len(events))
        e = events[e]
        suffix = str(made // actors_every)
        copy = dict(e, id=f"{e['id']}~{k}", article_id=f"{e['article_id']}~{k}")
        for role in ("source_actors", "target_actors", "participants", "attribution"):
            copy[role] = [_renamed(a, suffix) for a in e.get(role) or ()]
        if e.get("published"):
            p = e["published"]
            copy["published"] = dict(p, start=_shift(p.get("start"), k), end=_shift(p.get("end"), k))
        if e.get("time"):
            t = e["time"]
            copy["time"] = dict(t, start=_shift(t.get("start"), k), end=_shift(t.get("end"), k))
        out.append(copy)
    return out


def _load(path: str):
    spec = importlib.util.spec_from_file_location("claims_other", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="a store whose events seed the synthetic sets")
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--actors-every", type=int, default=700)
    parser.add_argument("--compare-with", help="another claims.py to time and compare with")
    parser.add_argument("--compare-up-to", type=int, default=30000, help="sizes the other version runs on")
    args = parser.parse_args()
    seed = Store.open(args.db).all_events()
    print(f"{len(seed)} events in {args.db}; a new set of actors every {args.actors_every} events")
    other = _load(args.compare_with) if args.compare_with else None
    base = None
    for n in (int(s) for s in args.sizes.split(",")):
        events = synthetic(seed, n, args.actors_every)
        t0 = time.perf_counter()
        claims, links = build_claims(events)
        spent = time.perf_counter() - t0
        base = base or spent / n
        line = f"{n:>8,} events: {spent:7.2f} s, {len(claims):,} claims, per event {spent / n / base:.2f}x"
        if other and n <= args.compare_up_to:
            t0 = time.perf_counter()
            same = other.build_claims(events) == (claims, links)
            line += f"; other version {time.perf_counter() - t0:7.2f} s, same claims: {same}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
