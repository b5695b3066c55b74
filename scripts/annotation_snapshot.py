#!/usr/bin/env python
"""Every annotation and event the default pipeline makes on a corpus, as JSON lines, and its speed.

Usage: python scripts/annotation_snapshot.py CORPUS [CORPUS ...] [--limit N] --out FILE

A before/after check for changes that must not alter output (a refactor, a speed-up): run it
on the old tree and on the new one, then ``cmp`` the two files. One line per mention and per
event, in the pipeline's own order, with every field; the article count and the seconds spent
in the pipeline go to stderr. (scripts/timex_snapshot.py does the same for time expressions
alone, reading each article several ways.)
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
import time

from cronaca import ingest
from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Skipped


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="+", help="files, folders or globs to read")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each corpus")
    parser.add_argument("--out", required=True, help="JSON lines file to write")
    args = parser.parse_args()

    articles = []
    for corpus in args.corpus:
        items = ingest.read([corpus])
        articles += [a for a in itertools.islice(items, args.limit) if not isinstance(a, Skipped)]
    nlp = default_pipeline()
    if articles:
        nlp(articles[0])  # resources load outside the timing
    spent = 0.0
    with open(args.out, "w", encoding="utf-8") as out:
        for article in articles:
            t0 = time.perf_counter()
            annotations = nlp(article)
            spent += time.perf_counter() - t0
            for mention in annotations.mentions:
                out.write(
                    json.dumps(dataclasses.asdict(mention), sort_keys=True, default=str, ensure_ascii=False)
                    + "\n"
                )
            for event in annotations.events:
                out.write(json.dumps(event.to_dict(), sort_keys=True, default=str, ensure_ascii=False) + "\n")
    rate = len(articles) / spent if spent else 0.0
    print(f"{len(articles)} articles, pipeline {spent:.2f} s = {rate:.1f} articles/s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
