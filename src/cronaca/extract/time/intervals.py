"""Interval arithmetic on calendar periods: shifting, spanning, narrowing, nearest month/weekday.

An ``Interval`` is a span of days with the precision it is known to (``model.Interval``);
everything here keeps that precision, so an article dated only to the month gives answers
that keep the month's uncertainty ("ieri" in an article of 2025-02 → 2025-01-31..2025-02-27).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from cronaca.model import PRECISIONS, Interval

UNITS = ("day", "week", "month", "year", "decade")
MODS = ("START", "MID", "END")


def coarser(a: str, b: str) -> str:
    """The less precise of two precisions ("day" < "week" < "month" < ...)."""
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b


def period_of(d: date, unit: str) -> Interval:
    """The calendar day, ISO week (Monday–Sunday), month, year or decade containing ``d``."""
    if unit == "day":
        return Interval.day(d)
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return Interval(monday, monday + timedelta(days=6), "week")
    if unit == "month":
        return Interval.month(d.year, d.month)
    if unit == "year":
        return Interval.year(d.year)
    if unit == "decade":
        first = d.year - d.year % 10
        return Interval(date(first, 1, 1), date(first + 9, 12, 31), "decade")
    raise ValueError(f"unknown unit {unit!r}")


def add(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units; month ends are clipped (31 March - 1 month = 28 February)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "year":
        return d + relativedelta(years=n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    raise ValueError(f"unknown unit {unit!r}")


def shift(anchor: Interval, unit: str, n: int) -> Interval:
    """The ``unit`` period ``n`` units away from the article date ``anchor``.

    A day anchor gives exactly one period ("last week" from 2025-12-26 → 2025-W51). A coarser
    anchor keeps its uncertainty: the result runs from the period of the shifted start to
    the period of the shifted end, with the coarser precision ("ieri" in an article dated
    2025-02 → 2025-01-31..2025-02-27, precision month).
    """
    first = period_of(add(anchor.start, unit, n), unit)
    last = period_of(add(anchor.end, unit, n), unit)
    if first == last:
        return first
    return Interval(first.start, last.end, coarser(unit, anchor.precision))


def span_before(ref: Interval, unit: str, n: int) -> Interval:
    """The ``n`` units up to ``ref``: from ``n`` units before its start to its end.

    "i due mesi precedenti" after "ottobre 2024" → 2024-08-01..2024-10-31: the reference is
    a month, so the two months before some day of it reach from August into October.
    """
    return Interval(add(ref.start, unit, -n), ref.end, coarser(ref.precision, "day"))


def span_after(ref: Interval, unit: str, n: int) -> Interval:
    """The ``n`` units from ``ref``: from its start to ``n`` units after its end."""
    return Interval(ref.start, add(ref.end, unit, n), coarser(ref.precision, "day"))


def hull(a: Interval, b: Interval) -> Interval:
    """The smallest interval holding both, with the coarser precision."""
    return Interval(min(a.start, b.start), max(a.end, b.end), coarser(a.precision, b.precision))


def narrow(interval: Interval, mod: str) -> Interval:
    """The first (START), middle (MID) or last (END) third of ``interval``."""
    days = (interval.end - interval.start).days + 1
    third = max(1, days // 3)
    if mod == "START":
        return Interval(interval.start, interval.start + timedelta(days=third - 1), interval.precision)
    if mod == "END":
        return Interval(interval.end - timedelta(days=third - 1), interval.end, interval.precision)
    if mod == "MID":
        if days < 3:  # too short to have a middle third: the whole of it
            return interval
        start = interval.start + timedelta(days=third)
        return Interval(start, start + timedelta(days=third - 1), interval.precision)
    raise ValueError(f"unknown mod {mod!r}; expected one of {MODS}")


def on_or_before(anchor: Interval, horizon_years: int = 1) -> Interval:
    """ "On or before the article date": for an event with no time expression of its own.

    The earliest end is ``horizon_years`` before the article's first day; the precision is
    "unknown" because nothing in the text says when.
    """
    return Interval(add(anchor.start, "year", -horizon_years), anchor.end, "unknown")


def month_near(anchor: Interval, month: int, direction: str) -> Interval:
    """The month named ``month`` nearest the article date.

    ``past``: the most recent one not after the article's month (the default reading of a
    bare month in news); ``future``: the next one not before it; ``before``/``after``: strictly
    before/after ("lo scorso novembre", "next March").
    """
    if direction in ("past", "before"):
        ref = anchor.end
        same_ok = direction == "past"
        year = ref.year if month < ref.month or (same_ok and month == ref.month) else ref.year - 1
    else:
        ref = anchor.start
        same_ok = direction == "future"
        year = ref.year if month > ref.month or (same_ok and month == ref.month) else ref.year + 1
    return Interval.month(year, month)


def _weekday_from(d: date, weekday: int, direction: str) -> date:
    if direction in ("past", "before"):
        back = (d.weekday() - weekday) % 7
        return d - timedelta(days=back or (7 if direction == "before" else 0))
    ahead = (weekday - d.weekday()) % 7
    return d + timedelta(days=ahead or (7 if direction == "after" else 0))


def weekday_near(anchor: Interval, weekday: int, direction: str) -> Interval:
    """The weekday (0 = Monday) nearest the article date, as ``month_near`` for months.

    A coarser anchor gives the span from the weekday nearest its first day to the one
    nearest its last, with the anchor's precision.
    """
    first = _weekday_from(anchor.start, weekday, direction)
    last = _weekday_from(anchor.end, weekday, direction)
    if first == last:
        return Interval.day(first)
    return Interval(first, last, coarser("week", anchor.precision))
