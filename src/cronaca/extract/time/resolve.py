"""Resolving the chosen expressions in text order: against the article date, with the
tense of the sentence choosing between the last and the next month or weekday, or against
the previous time expression of the same or the previous sentence ("il giorno dopo")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from cronaca.extract.time.candidates import Found
from cronaca.model import Interval

SENTENCE_END = re.compile(r"[.!?]+[\"'”»)]*\s+(?=[\"'“«(]*[A-ZÀ-Ý])")


def default_sentences(text: str) -> Callable[[int], int]:
    """Sentence number of an offset, by a plain punctuation split (when no Doc is at hand)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    return lambda offset: bisect_right(ends, offset)


def default_future(text: str, future: re.Pattern[str]) -> Callable[[int], bool]:
    """Whether the sentence around an offset matches a future cue (punctuation split)."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    cached: dict[int, bool] = {}

    def is_future(offset: int) -> bool:
        if not 0 <= offset < len(text):
            return False
        i = bisect_right(bounds, offset) - 1  # the sentence bounds[i] <= offset < bounds[i + 1]
        if i not in cached:
            cached[i] = bool(future.search(text[bounds[i] : bounds[i + 1]]))
        return cached[i]

    return is_future


def resolve_all(
    taken: list[Found],
    anchor: Interval | None,
    is_future: Callable[[int], bool] | None,
    sentence_of: Callable[[int], int],
) -> None:
    """Resolve in text order; "previous" expressions take the last resolved date before them
    in the same or the previous sentence, else the article date."""
    last: tuple[Interval, int] | None = None
    for f in taken:
        m = f.match
        future = bool(is_future and m.anchored and is_future(m.start))
        reference = anchor
        f.anchor = "article" if m.anchored else None
        if m.of == "previous" and last is not None and sentence_of(m.start) - last[1] <= 1:
            reference, f.anchor = last[0], "previous"
        f.point = f.named = m.resolve(reference, future)
        f.interval = f.point
        if f.point is not None and m.type == "DATE" and m.kind == "point":
            last = (f.point, sentence_of(m.start))
