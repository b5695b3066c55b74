"""What the words around a found expression change: a modifier before it ("inizio",
"fine", "mid-") narrows it to a third; a "from" word ("da", "since") makes it run to the
article date, an "until" word ("fino a") from it, and "da gennaio a marzo" / "between
2020 and 2022" makes one closed range of two dates; "da tre anni" places a duration."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cronaca.extract.patterns import alternation
from cronaca.extract.time.candidates import Found
from cronaca.extract.time.intervals import MODS, hull, narrow, span_before
from cronaca.extract.time.values import duration_parts
from cronaca.model import Interval


@dataclass(frozen=True)
class Words:
    """The per-language words read around a found expression."""

    from_re: re.Pattern[str] | None
    to_re: re.Pattern[str] | None
    until_re: re.Pattern[str] | None
    ongoing_re: re.Pattern[str] | None
    modifier_re: re.Pattern[str] | None
    modifiers: dict[str, str]  # lower-cased modifier phrase → START | MID | END
    future: re.Pattern[str] | None


def _before_re(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for one of ``words`` ending right before an expression (at the end of the
    text it is searched in), with a word boundary before it."""
    words = [str(w) for w in words]
    if not words:
        return None
    return re.compile(rf"(?<![\w'’])(?:{alternation(words)})\s*$", re.IGNORECASE)


def surrounding_words(data: dict[str, Any]) -> Words:
    """The ``Words`` of a language from its time.yaml."""
    cues = data.get("future") or []
    modifiers = {str(w).lower(): str(mod) for mod, ws in (data.get("modifiers") or {}).items() for w in ws}
    if any(mod not in MODS for mod in modifiers.values()):
        raise ValueError(f"modifiers must be one of {MODS}")
    links = r"(?:\s*(?:del|dello|della|dell['’]|dei|di|d['’]|of))?"
    modifier_re = (
        re.compile(rf"(?<!\w)(?P<mod>{alternation(modifiers)}){links}[\s-]*$", re.IGNORECASE)
        if modifiers
        else None
    )
    to_words = [str(w) for w in data.get("to_words", [])]
    return Words(
        from_re=_before_re(data.get("from_words", [])),
        to_re=re.compile(rf"\s*(?:{alternation(to_words)})\s*", re.IGNORECASE) if to_words else None,
        until_re=_before_re(data.get("until_words", [])),
        ongoing_re=_before_re(data.get("ongoing_words", [])),
        modifier_re=modifier_re,
        modifiers=modifiers,
        future=re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE) if cues else None,
    )


def apply_modifiers(text: str, taken: list[Found], words: Words) -> None:
    """ "inizio 2024", "a fine marzo", "mid-2024": the span takes the modifier in and the
    interval narrows to the first, middle or last third."""
    if words.modifier_re is None:
        return
    previous_end = 0
    for f in taken:
        if (
            f.match.type == "DATE"
            and f.match.kind == "point"
            and f.match.granularity in ("month", "year", "decade", "week")
        ):
            window_start = max(previous_end, f.start - 30)
            found = words.modifier_re.search(text[window_start : f.start])
            if found:
                f.mod = words.modifiers[found.group("mod").lower().replace("’", "'")]
                f.start = window_start + found.start()
                if f.point is not None:
                    f.point = f.interval = narrow(f.point, f.mod)
        previous_end = f.end


def apply_ranges(text: str, taken: list[Found], anchor: Interval | None, words: Words) -> None:
    """Dates after "da"/"since" run to the article date, after "fino a"/"until" from it;
    "da gennaio a marzo" / "between 2020 and 2022" spans both dates."""

    def before(f: Found, pattern: re.Pattern[str] | None) -> bool:
        return bool(pattern and pattern.search(text[max(0, f.start - 25) : f.start]))

    i = 0
    while i < len(taken):
        f = taken[i]
        if not f.dated():
            i += 1
            continue
        nxt = taken[i + 1] if i + 1 < len(taken) else None
        if (
            before(f, words.from_re)
            and nxt is not None
            and nxt.dated()
            and words.to_re is not None
            and words.to_re.fullmatch(text[f.end : nxt.start])
            and f.point.start <= nxt.point.end
        ):
            both = hull(f.point, nxt.point)
            for g in (f, nxt):
                g.interval = both
            i += 2
            continue
        if before(f, words.from_re) and anchor is not None and f.point.start <= anchor.end:
            f.interval, f.open = hull(f.point, anchor), "end"
        elif before(f, words.until_re) and anchor is not None:
            f.interval, f.open = hull(f.point, anchor) if f.point.end >= anchor.start else f.point, "start"
        i += 1
    for f in taken:  # "da tre anni": a duration that runs up to the article date
        if f.match.kind == "duration" and anchor is not None and before(f, words.ongoing_re):
            n, unit = duration_parts(f.match.fixed or "")
            if n is not None:
                f.interval, f.anchor, f.open = span_before(anchor, unit, n), "article", None
