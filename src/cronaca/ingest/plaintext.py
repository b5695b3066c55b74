"""Plain text: the first line is the title when it reads like one; the date is unknown."""

from __future__ import annotations

from collections.abc import Iterator

from cronaca.ingest import budget
from cronaca.ingest.common import Context, build
from cronaca.ingest.text import paragraphs, split_byline, split_title
from cronaca.model import Article, Skipped


def read(text: str, source: str, ctx: Context, *, url: str = "") -> Iterator[Article | Skipped]:
    text, precut = budget.precut(text)
    paras = paragraphs(text, drop_credits=True)
    title, body = split_title(paras)
    body, byline = split_byline(body)
    if not body:
        yield Skipped(source, "empty file: only whitespace", "text")
        return
    yield build(
        ctx, source=source, fmt="text", paragraphs=body, title=title, byline=byline, url=url, precut=precut
    )
