"""The typed records that flow ingest → extract → store → consolidate → serve.

Every stage speaks these frozen dataclasses, so a stage can be replaced without
touching the others. Offsets are character offsets into ``Article.text``.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

OPEN_START = date.min  # the start of an interval known only by its end ("on or before")

Precision = Literal["day", "week", "month", "quarter", "year", "decade", "unknown"]
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "decade", "unknown")


@dataclass(frozen=True, order=True)
class Interval:
    """A span of calendar days, inclusive on both ends, with the precision it was known to.

    "2025-02" is ``Interval(2025-02-01, 2025-02-28, "month")``: the uncertainty of a
    month-only date is kept instead of being collapsed to the first of the month.
    """

    start: date
    end: date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    @classmethod
    def day(cls, d: date) -> Interval:
        return cls(d, d, "day")

    @classmethod
    def month(cls, year: int, month: int) -> Interval:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), "month")

    @classmethod
    def year(cls, year: int) -> Interval:
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def on_or_before(cls, end: date, precision: str = "day") -> Interval:
        """An event with no time of its own: it happened on or before its article's date."""
        return cls(OPEN_START, end, precision)

    @property
    def open_start(self) -> bool:
        return self.start == OPEN_START

    @property
    def label(self) -> str:
        """A TIMEX3-like value: 2025, 2025-02, 2025-02-14, start/end for ranges, ≤end when open."""
        if self.open_start:
            end = self.end.isoformat()
            return "≤" + (
                end[:7] if self.precision == "month" else end[:4] if self.precision == "year" else end
            )
        if self.precision == "day" and self.start == self.end:
            return self.start.isoformat()
        if self.precision == "month" and self.start.day == 1 and self.start.month == self.end.month:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if (
            self.precision == "year"
            and self.start == date(self.start.year, 1, 1)
            and (self.end == date(self.start.year, 12, 31))
        ):
            return f"{self.start.year:04d}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def intersect(self, other: Interval) -> Interval | None:
        if not self.overlaps(other):
            return None
        start, end = max(self.start, other.start), min(self.end, other.end)
        for side in (self, other):  # one contains the other: it keeps its own precision
            if (side.start, side.end) == (start, end):
                return side
        finer = min(PRECISIONS.index(self.precision), PRECISIONS.index(other.precision))
        return Interval(start, end, PRECISIONS[finer])

    def to_dict(self) -> dict[str, str | None]:
        start = None if self.open_start else self.start.isoformat()
        return {"start": start, "end": self.end.isoformat(), "precision": self.precision}

    @classmethod
    def from_dict(cls, data: dict[str, str | None] | None) -> Interval | None:
        if not data or not data.get("end"):
            return None
        start = date.fromisoformat(data["start"]) if data.get("start") else OPEN_START
        return cls(start, date.fromisoformat(data["end"]), data.get("precision") or "day")


def slug(text: str) -> str:
    """An id part from a name: "Dawda Jawara" → "dawda-jawara", "Tomás Núñez" → "tomas-nunez"
    (outlets, cited sources, people); a name with no Latin letters keeps its own."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    latin = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return latin or re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A stable id from content: the same input gives the same id on every machine."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


def normalise_text(text: str) -> str:
    """The form an article's id is computed from: whitespace runs collapsed, ends stripped."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Article:
    """One news article as ingest hands it to extract."""

    id: str
    text: str
    language: str
    title: str = ""
    published: Interval | None = None
    outlet: str = ""
    url: str = ""
    byline: str = ""
    source: str = ""  # the file, URL or feed it was read from
    format: str = ""  # seed, text, jsonl, html, feed

    @staticmethod
    def make_id(title: str, text: str) -> str:
        return content_id(normalise_text(title), normalise_text(text), prefix="a_")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.to_dict() if self.published else None
        return data


@dataclass(frozen=True)
class Skipped:
    """An input item ingest could not turn into an article: a result, never a silent drop."""

    source: str
    reason: str
    format: str = ""


@dataclass(frozen=True)
class Span:
    """Where an annotation sits: article, character offsets, and the text they cover."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A recognised span: a sentence, an entity, a time expression or a quantity.

    ``kind`` says which; ``label`` is its type (an entity type, a TIMEX granularity, a
    quantity unit); ``value`` holds the normalised content as JSON-able data;
    ``component`` and ``rule`` say what produced it, with versions.
    """

    kind: str  # sentence | entity | timex | quantity
    start: int
    end: int
    text: str
    label: str = ""
    entity_id: str | None = None
    value: dict[str, Any] = field(default_factory=dict)
    component: str = ""
    rule: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


@dataclass(frozen=True)
class Actor:
    """A participant of an event: a canonical entity, with the sector the text gives it."""

    id: str
    name: str
    sector: str = ""  # military, government, media, ...
    start: int | None = None
    end: int | None = None
    role: str = ""  # in an attribution chain: outlet, source, sub_source, speaker
    cue: str = ""  # the words that gave the role: "secondo", "ha riferito", "citando"
    country: str = ""  # the country the actor belongs to (Putin → RUS); a country's own id

    @property
    def polity(self) -> str:
        """The id claims group by: a person or agency counts as its country."""
        return self.country or self.id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quantity:
    """How many: ``value`` as written, with the bounds the approximator implies."""

    value: float
    lower: float | None
    upper: float | None
    unit: str = ""
    text: str = ""
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Quantity | None:
        return cls(**data) if data else None


@dataclass(frozen=True)
class EventMention:
    """One event as one sentence of one article reports it."""

    id: str
    article_id: str
    type: str  # PLOVER event type (or a declared extension)
    mode: str
    start: int  # the sentence span
    end: int
    text: str  # the sentence
    trigger: Span
    source_actors: tuple[Actor, ...] = ()
    target_actors: tuple[Actor, ...] = ()
    place: Actor | None = None
    time: Interval | None = None
    time_text: str = ""
    quantity: Quantity | None = None
    factuality: str = "asserted"
    attribution: tuple[Actor, ...] = ()
    factuality_cue: str = ""
    participants: tuple[Actor, ...] = ()  # other actors in the clause
    equipment: tuple[Actor, ...] = ()  # weapons and equipment: what was sent, produced, tested
    quote: Span | None = None  # a direct quote in the sentence, with its speaker in attribution
    context: str = ""
    cameo: str = ""
    rule: str = ""
    component: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "context": self.context,
            "cameo": self.cameo,
            "source_actors": [a.to_dict() for a in self.source_actors],
            "target_actors": [a.to_dict() for a in self.target_actors],
            "place": self.place.to_dict() if self.place else None,
            "time": self.time.to_dict() if self.time else None,
            "time_text": self.time_text,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "factuality": self.factuality,
            "attribution": [a.to_dict() for a in self.attribution],
            "factuality_cue": self.factuality_cue,
            "participants": [a.to_dict() for a in self.participants],
            "equipment": [a.to_dict() for a in self.equipment],
            "quote": asdict(self.quote) if self.quote else None,
            "span": {"start": self.start, "end": self.end},
            "trigger": asdict(self.trigger),
            "text": self.text,
            "rule": self.rule,
            "component": self.component,
        }


@dataclass
class Annotations:
    """Everything extract found in one article; the unit the store writes at once."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]
