#!/usr/bin/env python
"""Time and peak memory of rebuilding a store's claims, as ``Cronaca.consolidate`` does.

Usage: python scripts/consolidate_benchmark.py STORE [--touched ITA,RUS]

Rebuilds every claim of STORE (a SQLite path or SQLAlchemy URL) in place, or with
``--touched`` only those of the events that name these actors (what an ingest does after
new articles), and prints seconds, claims written, and this process's RSS before and at
its peak. Claims follow from the events alone, so the store holds the same claims after.
A figure, not a test; run it on a copy if the store matters.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--touched", help="comma-separated actor ids (polities): an incremental rebuild")
    args = parser.parse_args()

    from cronaca import Cronaca

    kb = Cronaca(args.store)
    counts = kb.stats(only=["events", "claims"])
    before = _rss_mb()
    touched = set(args.touched.split(",")) if args.touched else None
    started = time.perf_counter()
    claims = kb.consolidate(touched)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    what = f"touched {','.join(sorted(touched))}" if touched else "full rebuild"
    print(f"{counts['events']:,} events, {counts['claims']:,} claims stored; {what}")
    print(f"  {seconds:.1f} s, {claims:,} claims written; RSS {before:.0f} MB before, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
