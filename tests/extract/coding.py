"""How the event tests read a sentence: the events the default pipeline codes in it, and their
(type, source countries or ids, target countries or ids), on an article of 10 May 2024."""

from __future__ import annotations

from datetime import date

from cronaca.extract.base import Doc
from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Article, EventMention, Interval

Coded = tuple[str, tuple[str, ...], tuple[str, ...]]


def annotated(text: str, language: str) -> Doc:
    """The default pipeline's result on ``text``: mentions and events."""
    article = Article(id="a_t", text=text, language=language, published=Interval.day(date(2024, 5, 10)))
    return default_pipeline()(article)


def events(text: str, language: str) -> list[EventMention]:
    return annotated(text, language).events


def coded(text: str, language: str) -> set[Coded]:
    return {
        (
            e.type,
            tuple(a.country or a.id for a in e.source_actors),
            tuple(a.country or a.id for a in e.target_actors),
        )
        for e in events(text, language)
    }
