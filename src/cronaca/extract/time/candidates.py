"""A time expression on its way through: a ``Rule`` finds a ``Match`` (a candidate), the
candidates that win their overlaps become ``Found`` and are resolved."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cronaca.model import Interval

Resolver = Callable[[Interval | None, bool], Interval | None]  # (reference, future) → interval


@dataclass(frozen=True)
class Match:
    """A candidate time expression before overlaps are settled.

    ``of`` says what ``resolve`` is given as its reference: "" (nothing: an absolute date),
    "article" (the article date) or "previous" (the previous time expression, else the
    article date). ``fixed`` is a TIMEX3 value that does not come from the interval
    ("P3M", "PAST_REF").
    """

    start: int
    end: int
    rule: str
    granularity: str
    anchored: bool
    resolve: Resolver
    type: str = "DATE"
    kind: str = "point"  # point | interval | duration | ref | set
    fixed: str | None = None
    of: str = "article"


@dataclass(frozen=True)
class Rule:
    """A named pattern and what makes a candidate of its match (None: not one after all).

    ``needs`` lists groups of lower-case literals a match must hold, one of each group
    (made by ``any_of``): a rule only runs on a stretch of text that holds them (``scan``).
    """

    name: str
    pattern: re.Pattern[str]
    make: Callable[[re.Match[str]], Match | None]
    needs: tuple[frozenset[str], ...] = ()


def any_of(words: Iterable[str]) -> frozenset[str]:
    """One group of ``Rule.needs``: a match holds one of ``words`` (any case).

    A word written with an apostrophe (which also matches ’) is needed by its longest
    piece without one: "dall'anno" → "anno". An empty group needs nothing.
    """
    pieces = [max(re.split("['’]", str(w).lower()), key=len) for w in words]
    return frozenset(pieces) if pieces and all(pieces) else frozenset()


@dataclass
class Found:
    """A chosen expression while it is being resolved."""

    match: Match
    name: str
    start: int
    end: int
    named: Interval | None = None  # the period the expression names, before any modifier
    point: Interval | None = None  # the interval the expression itself names
    interval: Interval | None = None  # where it puts an event (the point, a range, ...)
    mod: str | None = None
    open: str | None = None  # "start" | "end": one side runs to the article date
    anchor: str | None = None  # "article" | "previous" | None

    def dated(self) -> bool:
        """Whether it names a resolved point in time (a DATE, not a duration or a ref)."""
        return self.point is not None and self.match.type == "DATE" and self.match.kind == "point"
