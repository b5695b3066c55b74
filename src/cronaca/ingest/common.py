"""What every format shares: the reading context and the one way an Article is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
) -> Article | Skipped:
    """An Article from clean paragraphs, or a Skipped when nothing is left to read."""
    title = " ".join(clean(title).split())
    paras = [p for p in (" ".join(clean(p).split()) for p in paragraphs) if p]
    if title and paras and paras[0].casefold() == title.casefold():
        paras = paras[1:]  # a page repeats its headline as the first block
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
        outlet=ctx.outlet or " ".join(clean(outlet).split()),
        url=clean(url).strip(),
        byline=" ".join(clean(byline).split()),
        source=source,
        format=fmt,
    )
