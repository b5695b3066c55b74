"""Resident memory of a long extraction run: does it stay bounded as articles keep coming?

Usage: python scripts/memory_benchmark.py CORPUS [--articles N] [--every K] [--cap C]

A stream of news keeps bringing word forms never seen before (names, numbers, typos), and
anything that remembers every form grows without end. This streams N articles through the
default pipeline and prints the process's resident memory and the size of spaCy's vocabulary
every K articles. Past the end of CORPUS it starts again on copies in which every
capitalised word and every number is made new for the copy (``Rossi`` → ``Rossiqb``,
``438`` → ``43817``), as a stream brings new names and figures; the rest of the text, and so
the work per article, stays that of real news.

``--cap`` overrides ``extract.pipeline.VOCAB_CAP`` (the vocabulary size from which each article
runs in a spaCy memory zone): ``--cap 0`` puts every article in one, a huge value none. A
figure, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import cronaca.extract.pipeline as pipeline_mod  # noqa: E402
from cronaca import ingest  # noqa: E402
from cronaca.ingest import Skipped  # noqa: E402
from cronaca.model import Article  # noqa: E402

_FORMS = re.compile(r"\b(?:[A-Z][a-zà-ù]{2,}|\d{2,})\b")
_LETTERS = "bcdfghlmnpqrstvz"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def tag(copy: int) -> str:
    """A short suffix of its own for each copy (letters, then digits for numbers)."""
    letters = ""
    while True:
        copy, rest = divmod(copy, len(_LETTERS))
        letters += _LETTERS[rest]
        if not copy:
            return letters


def stream(articles: list[Article]) -> Iterator[Article]:
    for copy in itertools.count():
        suffix, digits = tag(copy), str(copy)
        for article in articles:
            if copy == 0:
                yield article
                continue

            def fresh(m: re.Match[str], suffix: str = suffix, digits: str = digits) -> str:
                word = m.group()
                return word + (digits if word.isdigit() else suffix)

            yield replace(article, id=f"{article.id}~{copy}", text=_FORMS.sub(fresh, article.text), title="")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", help="file, folder or glob to read")
    parser.add_argument("--articles", type=int, default=20_000, help="articles to extract in all")
    parser.add_argument("--every", type=int, default=2_000, help="print a line every K articles")
    parser.add_argument("--cap", type=int, help="VOCAB_CAP for this run (0: every article in a zone)")
    parser.add_argument("--base", type=int, default=3_000, help="real articles read from CORPUS")
    args = parser.parse_args()
    if args.cap is not None:
        pipeline_mod.VOCAB_CAP = args.cap
    from cronaca.extract.sentences import nlp_for

    items = itertools.islice(ingest.read([args.corpus]), args.base)
    articles = [a for a in items if not isinstance(a, Skipped)]
    if not articles:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 1
    pipeline = pipeline_mod.default_pipeline()
    pipeline(articles[0])
    print(f"VOCAB_CAP {pipeline_mod.VOCAB_CAP:,}; {len(articles):,} real articles, then renamed copies")
    print(f"{'articles':>9} {'RSS MB':>8} {'spaCy strings':>14} {'articles/s':>11}")
    print(f"{0:>9} {rss_mb():>8.0f}")
    last, last_n = time.perf_counter(), 0
    languages = {a.language for a in articles}
    for n, article in enumerate(itertools.islice(stream(articles), args.articles), 1):
        pipeline(article)
        if n % args.every == 0 or n == args.articles:
            now = time.perf_counter()
            strings = sum(len(nlp_for(lang or "xx").vocab.strings) for lang in languages)
            rate = (n - last_n) / (now - last)
            print(f"{n:>9,} {rss_mb():>8.0f} {strings:>14,} {rate:>11.1f}", flush=True)
            last, last_n = now, n
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
