#!/usr/bin/env python
"""Time the map, search and actor pages on a store: every URL once, uncached, in-process.

Usage: python scripts/pages_benchmark.py DB [--actors 20] [--queries WORD ...]

Each URL is asked once of a fresh app (the app caches finished pages by URL, so a second ask
would time the cache): the map page and its data (claims and events, unfiltered and with
filters, among them a time slider's date: the last month of the store's news), the search
page for each query, the home page and lists, stories and the network, and the pages of the
most mentioned actors. The
first request of the process (loading the place points and the ontology) is timed apart.
Prints p50, p95 and the slowest per kind. A figure, not a test: no threshold is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from urllib.parse import quote

from fastapi.testclient import TestClient

from cronaca import Cronaca
from cronaca.serve.http import create_app

QUERIES = ["carabinieri", "rapina", "polizia", "Modena", "furto auto", "droga", "arrestato", "Bologna"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--actors", type=int, default=20, help="How many of the most mentioned actors.")
    parser.add_argument("--queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    kb = Cronaca(args.db)
    client = TestClient(create_app(kb))
    started = time.perf_counter()
    client.get("/api/map", params={"kind": "event", "type": "WARMUP"})
    first = 1000 * (time.perf_counter() - started)
    print(f"first request of the process (loads points, ontology): {first:.0f} ms")
    # the registry (offices on the actor pages) loads in a background thread when the app
    # starts (1-2 s); a server has it long before its first actor page: wait for it here too
    from cronaca.extract.entities import lookup

    started = time.perf_counter()
    lookup("PRK")
    print(f"registry loaded {1000 * (time.perf_counter() - started):.0f} ms later")
    actors = [e["id"] for e in kb.entities(limit=args.actors) if e["type"] != "place"]
    stats = kb.stats()
    print(f"store: {stats['articles']} articles, {stats['events']} events, {stats['claims']} claims")
    newest = next((a["published"]["start"] for a in kb.articles(limit=1) if a["published"]), None)
    recent = (date.fromisoformat(newest) - timedelta(days=30)).isoformat() if newest else "2019"
    kinds = {
        "map": ["/map", "/map?kind=event"],
        "map data": [
            "/api/map",
            "/api/map?kind=event",
            "/api/map?since=2019",
            "/api/map?kind=event&since=2019",
            f"/api/map?since={recent}",  # a time slider: the last month of the store's news
            f"/api/map?kind=event&since={recent}",
            "/api/map?type=COERCE",
            "/api/map?kind=event&actor=ITA",
        ],
        "search": [f"/search?q={quote(q)}" for q in args.queries],
        "home and lists": ["/", "/?type=COERCE", "/articles", "/api/stats", "/api/timeline", "/api/claims"],
        "stories and network": [
            "/stories",
            "/api/stories",
            "/api/stories?type=COERCE",
            f"/api/stories?since={recent}",
            "/network",
            "/api/network",
            f"/api/network?since={recent}",
        ],
        "actor": [f"/actors/{quote(a, safe='')}" for a in actors],
    }
    worst = 0.0
    for kind, urls in kinds.items():
        timed = []
        for url in urls:
            t = time.perf_counter()
            response = client.get(url)
            timed.append(1000 * (time.perf_counter() - t))
            if response.status_code != 200:
                print(f"  {url}: HTTP {response.status_code}", file=sys.stderr)
        times = sorted(timed)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        worst = max(worst, times[-1])
        print(
            f"{kind:9} {len(urls):3} URLs  p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
            f"max {times[-1]:6.1f} ms ({urls[timed.index(times[-1])]})"
        )
    print(f"slowest page: {worst:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
