"""Time expressions in Italian and English, resolved against the article date.

What is found (see docs/time-and-quantities.md for the full table):

- absolute dates ("14 febbraio 2025", "14/02/2025", "February 14, 2025", "2025-02-14"),
  month + year ("ottobre 2024", "giugno del 2024"), day + month ("14 febbraio"), bare months
  ("novembre", "in March") and weekdays ("lunedì", "on Monday"), years after a preposition
  ("nel 2024", "since 2022"), decades ("anni '90", "the 1990s");
- expressions relative to the article date ("ieri", "la scorsa settimana", "l'anno
  prossimo", "tre mesi fa", "gli ultimi due anni"), with the tense of the sentence choosing
  past or future for a bare month or weekday;
- expressions relative to the previous time expression of the same or previous sentence
  ("il giorno dopo", "tre settimane più tardi", "i due mesi precedenti", "all'epoca");
- durations ("per tre mesi" → P3M), recurring periods ("ogni anno" → SET P1Y) and vague
  references ("in passato" → PAST_REF, "attualmente" → PRESENT_REF);
- intervals: a date after "da"/"since" runs to the article date ("da dicembre 2024"), one
  after "fino a"/"until" from the article date, and "da gennaio a marzo" / "between 2020
  and 2022" is one closed range; "inizio"/"metà"/"fine", "early"/"mid"/"late" narrow a date
  to its first, middle or last third (TIMEX3 ``mod`` START, MID, END).

Span convention: a mention covers the expression without the preposition before it:
"a novembre" → "novembre", "nel giugno del 2024" → "giugno del 2024", "dal 2022" → "2022";
an article that is part of the phrase stays in ("la scorsa settimana", "l'anno prossimo"),
and so does a modifier ("inizio 2024", "early 2024").

What is written by hand, and why. dateparser (see shared/DEPENDENCIES.md) parses a date
string it is given well, so it reads the absolute day dates found here. It is not used to
*find* expressions or for anything relative: with Italian it misses prepositional forms
("a novembre"), never finds "il prossimo anno", "l'anno prossimo", "due mesi fa" or "nei
due mesi precedenti", splits "nel giugno del 2024" into two dates, and resolves a bare
month into the future unless told otherwise; it knows a single "relative base" datetime,
so it cannot keep the uncertainty of a month-precision article date, has no notion of a
reference time other than the article's, and returns no durations, ranges or PAST_REF.
So finding is done by regular expressions built from CLDR month and weekday names (babel)
and the per-language words in ``resources/<lang>/time.yaml``, and resolving by a small
interval arithmetic. This module is the component and ``find_timexes``; the engine is in
``cronaca.extract.time`` (one module per stage, listed there).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from cronaca.extract.base import Doc, component
from cronaca.extract.time.candidates import Found
from cronaca.extract.time.intervals import (
    MODS,
    UNITS,
    add,
    coarser,
    hull,
    month_near,
    narrow,
    on_or_before,
    period_of,
    shift,
    span_after,
    span_before,
    weekday_near,
)
from cronaca.extract.time.names import month_names, weekday_names
from cronaca.extract.time.resolve import default_future, default_sentences, resolve_all
from cronaca.extract.time.rules import LANGUAGES, rules_for
from cronaca.extract.time.scan import candidates, choose
from cronaca.extract.time.surroundings import apply_modifiers, apply_ranges
from cronaca.extract.time.values import DURATION_LETTER, REFS, duration_value, timex_dict, timex_value
from cronaca.model import Interval, Mention

COMPONENT = "timexes@2"

__all__ = [
    "COMPONENT",
    "DURATION_LETTER",
    "LANGUAGES",
    "MODS",
    "REFS",
    "UNITS",
    "add",
    "coarser",
    "duration_value",
    "find_timexes",
    "hull",
    "month_names",
    "month_near",
    "narrow",
    "on_or_before",
    "period_of",
    "rules_for",
    "shift",
    "span_after",
    "span_before",
    "timex_dict",
    "timex_value",
    "timexes",
    "weekday_names",
    "weekday_near",
]


def find_timexes(
    text: str,
    language: str,
    anchor: Interval | None,
    is_future: Callable[[int], bool] | None = None,
    sentence_of: Callable[[int], int] | None = None,
) -> list[Mention]:
    """Every time expression in ``text``, resolved against ``anchor`` (the article date).

    ``is_future(offset)`` says whether the sentence around an offset speaks of the future;
    a bare month or weekday there resolves to its next occurrence instead of the last one.
    ``sentence_of(offset)`` numbers sentences, so that "il giorno dopo" looks for its
    reference only in its own and the previous sentence (default: a punctuation split).
    """
    lang = (language or "").lower().split("-")[0]
    rules, words, _ = rules_for(lang)
    taken = choose(candidates(text, lang, rules))
    sentence_of = sentence_of or default_sentences(text)
    if is_future is None and words is not None and words.future is not None:
        is_future = default_future(text, words.future)
    resolve_all(taken, anchor, is_future, sentence_of)
    if words is not None:
        apply_modifiers(text, taken, words)
        apply_ranges(text, taken, anchor, words)
    return [_mention(text, f, lang) for f in taken]


def _mention(text: str, f: Found, lang: str) -> Mention:
    m = f.match
    kind = m.kind
    if kind == "duration" and f.interval is not None:
        kind = "interval"
    elif kind == "point" and f.interval is not None and f.interval != f.point:
        kind = "interval"
    granularity = m.granularity or (f.point.precision if f.point else "day")
    label = "interval" if kind == "interval" and m.kind == "point" else granularity
    fixed = m.fixed or (timex_value(f.named) if f.named is not None and f.interval != f.named else None)
    value = timex_dict(
        f.interval,
        m.anchored or f.anchor is not None,
        value=fixed,
        type=m.type,
        kind=kind,
        granularity=granularity,
        mod=f.mod,
        anchor=f.anchor,
        open=f.open,
    )
    return Mention(
        "timex",
        f.start,
        f.end,
        text[f.start : f.end],
        label=label,
        value=value,
        component=COMPONENT,
        rule=f"{lang}.{f.name}",
    )


@component("timexes", version=2, requires=["tokens", "sentences"], assigns=["timexes"])
def timexes():
    """Find time expressions and resolve them against the article's published date."""

    def process(doc: Doc) -> None:
        lang = (doc.language or "").lower().split("-")[0]
        _, words, _ = rules_for(lang)
        future = words.future if words else None
        sentence_list = doc.of_kind("sentence")
        starts = sorted(s.start for s in sentence_list)
        future_of: dict[int, bool] = {}  # id of a sentence mention → whether it speaks of the future

        def is_future(offset: int) -> bool:
            # the first sentence that holds the offset, as Doc.sentence_at finds it
            sentence = next((s for s in sentence_list if s.start <= offset < s.end), None)
            if not (future and sentence):
                return False
            if id(sentence) not in future_of:
                future_of[id(sentence)] = bool(future.search(sentence.text))
            return future_of[id(sentence)]

        def sentence_of(offset: int) -> int:
            return bisect_right(starts, offset)

        doc.mentions.extend(
            find_timexes(doc.text, lang, doc.article.published, is_future, sentence_of if starts else None)
        )

    return process
