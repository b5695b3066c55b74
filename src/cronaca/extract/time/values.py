"""TIMEX3 values: "2025-12-26", "2025-W51", "2024-11", "199" (a decade), "P3M", and the
``value`` dict a timex mention carries (docs/time-and-quantities.md)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from cronaca.model import Interval

DURATION_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE"}
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


def duration_value(n: float, unit: str) -> str:
    """An ISO 8601 duration as TIMEX3 writes it: P3M, P2Y, P1W, P1.5Y, P2DE."""
    number = int(n) if float(n).is_integer() else n
    return f"P{number}{DURATION_LETTER[unit]}"


def duration_parts(value: str) -> tuple[int | None, str]:
    """(3, "month") from "P3M"; (None, "") for anything but a whole number of units."""
    found = re.fullmatch(r"P(\d+)(DE|[DWMY])", value)
    if not found:
        return None, ""
    unit = {letter: u for u, letter in DURATION_LETTER.items()}[found.group(2)]
    return int(found.group(1)), unit


def timex_value(interval: Interval) -> str:
    """A TIMEX3-like value: "2025-12-26", "2025-W51", "2024-11", "2026", "199" (a decade),
    "2024-08/2024-10" for a span of whole months, "start/end" dates otherwise."""
    if (
        interval.precision == "week"
        and interval.start.weekday() == 0
        and (interval.end - interval.start).days == 6
    ):
        year, week, _ = interval.start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if (
        interval.precision == "decade"
        and interval.start.year % 10 == 0
        and (interval.end == date(interval.start.year + 9, 12, 31))
    ):
        return f"{interval.start.year // 10:03d}"
    if (
        interval.precision == "month"
        and interval.start.day == 1
        and (interval.end + timedelta(days=1)).day == 1
        and (interval.start.year, interval.start.month) != (interval.end.year, interval.end.month)
    ):
        first, last = interval.start, interval.end
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return interval.label


def timex_dict(interval: Interval | None, anchored: bool, **extra: Any) -> dict[str, Any]:
    """The ``value`` of a timex mention; value/start/end/precision None when unresolved.

    ``extra`` adds keys (type, kind, mod, anchor, granularity, open); ``value`` in it
    overrides the value computed from ``interval`` (a duration "P3M", "PAST_REF").
    """
    fixed = extra.pop("value", None)
    if interval is None:
        base = {"value": fixed, "start": None, "end": None, "precision": None, "anchored": anchored}
    else:
        base = {"value": fixed or timex_value(interval), **interval.to_dict(), "anchored": anchored}
    return {**base, **extra}
