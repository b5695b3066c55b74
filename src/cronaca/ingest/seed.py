"""The seed format: a first line ``date YYYY-MM[-DD]``, then the article.

The rest of the header line after the date, if any, and the lines after it are the
article. Its first paragraph is the title when it reads like one (short, no final period);
a lead paragraph written on the date line stays in the body. A final signature line
("Anna Rossi") becomes the byline; photo credit lines ("© Agency") are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from cronaca.ingest import budget, pubdate
from cronaca.ingest.common import Context, build
from cronaca.ingest.detect import SEED_HEADER
from cronaca.ingest.text import paragraphs, split_byline, split_title
from cronaca.model import Article, Skipped


def read(text: str, source: str, ctx: Context, *, url: str = "") -> Iterator[Article | Skipped]:
    m = SEED_HEADER.match(text)
    if m is None:
        yield Skipped(source, "not a seed file: the first line does not start with 'date YYYY-MM'", "seed")
        return
    year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    published = pubdate.from_parts(year, month, day)
    if published is None:
        header = m[0].strip()
        yield Skipped(
            source, f"seed header {header!r} is not a real date (expected date YYYY-MM[-DD])", "seed"
        )
        return
    body_text, precut = budget.precut(text[m.end() :])
    paras = paragraphs(body_text, drop_credits=True)
    title, body = split_title(paras)
    body, byline = split_byline(body)
    if not body:
        yield Skipped(source, "seed file has a date header but no article text", "seed")
        return
    yield build(
        ctx,
        source=source,
        fmt="seed",
        paragraphs=body,
        title=title,
        published=published,
        byline=byline,
        url=url,
        precut=precut,
    )
