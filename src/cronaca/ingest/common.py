"""What every format shares: the reading context and the one way an Article is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cronaca.ingest import budget
from cronaca.ingest import language as lang
from cronaca.ingest.text import clean
from cronaca.model import Article, Interval, Skipped


@dataclass(frozen=True)
class Context:
    """The caller's overrides, passed to every format reader."""

    language: str | None = None
    outlet: str | None = None
    # (source, message): a per-item warning; the item is still read (an unknown language code)
    note: Callable[[str, str], None] | None = None

    def warn(self, source: str, message: str) -> None:
        if self.note is not None:
            self.note(source, message)


def language_sample(title: str, text: str) -> str:
    """What language detection reads: the headline and the start of the text."""
    return f"{title}\n{text}"[: lang.SAMPLE_CHARS]


def build(
    ctx: Context,
    *,
    source: str,
    fmt: str,
    paragraphs: list[str],
    title: str = "",
    published: Interval | None = None,
    outlet: str = "",
    url: str = "",
    byline: str = "",
    declared_language: str | None = None,
    explicit_language: str | None = None,
    detected_language: str | None = None,
    precut: int = 0,
) -> Article | Skipped:
    """An Article from clean paragraphs, or a Skipped when nothing is left to read.

    ``precut``: characters the reader already cut unread (``budget.precut``), for the note.
    """
    title = _field(ctx, source, "title", title)
    paras = [p for p in (" ".join(clean(p).split()) for p in paragraphs) if p]
    if title and paras and paras[0].casefold() == title.casefold():
        paras = paras[1:]  # a page repeats its headline as the first block
    paras = _within_budget(ctx, source, paras, precut)
    text = "\n\n".join(paras)
    if not text:
        return Skipped(source, "no text left after cleaning", fmt)
    if explicit_language and not ctx.language and not lang.normalise_code(explicit_language):
        ctx.warn(
            source,
            f"unknown language code {str(explicit_language)[:40]!r}: the language was detected from "
            "the text instead",
        )
        explicit_language = None
    return Article(
        id=Article.make_id(title, text),
        text=text,
        language=lang.choose(
            language_sample(title, text),
            explicit=ctx.language or explicit_language,
            declared=declared_language,
            detected=detected_language,
        ),
        title=title,
        published=published,
        outlet=ctx.outlet or _field(ctx, source, "outlet", outlet),
        url=_field(ctx, source, "url", url),
        byline=_field(ctx, source, "byline", byline),
        source=source,
        format=fmt,
    )


def _field(ctx: Context, source: str, name: str, value: str) -> str:
    """A one-line field, cleaned and held to ``budget.MAX_FIELD_CHARS`` (a note says when cut)."""
    value = " ".join(clean(value[: 4 * budget.MAX_FIELD_CHARS]).split())
    if len(value) > budget.MAX_FIELD_CHARS:
        ctx.warn(source, f"{name} cut to {budget.MAX_FIELD_CHARS:,} characters")
        value = value[: budget.MAX_FIELD_CHARS].rstrip()
    return value


def _within_budget(ctx: Context, source: str, paras: list[str], precut: int = 0) -> list[str]:
    """The paragraphs held to the per-article budget (``ingest/budget.py``), with notes."""
    paras, dropped = budget.cap_text(paras)
    dropped += precut
    out: list[str] = []
    broken = 0
    for para in paras:
        pieces, n = budget.split_long_sentences(para)
        out += pieces
        broken += n
    out, more = budget.cap_text(out)  # the breaks added a few characters
    dropped += more
    if dropped:
        ctx.warn(
            source,
            f"text cut to its first {budget.MAX_TEXT_CHARS:,} characters: the other {dropped:,} are "
            "not stored or annotated",
        )
    if broken:
        ctx.warn(
            source,
            f"{broken:,} run(s) of text longer than {budget.MAX_SENTENCE_CHARS:,} characters without "
            "a sentence end were broken into paragraphs (no words were dropped)",
        )
    return out
