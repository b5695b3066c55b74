"""Publication dates as Intervals that keep their precision: '2025-02' is a month, not Feb 1."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

from cronaca.model import Interval

LANGUAGES = ["it", "en", "fr", "de", "es", "pt", "ru"]
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_PLAUSIBLE = range(1800, 2200)


def from_parts(year: int, month: int | None = None, day: int | None = None) -> Interval | None:
    """An interval at the precision of the parts given; None when they are not a real date."""
    if year not in _PLAUSIBLE:
        return None
    try:
        if month is None:
            return Interval.year(year)
        if day is None:
            return Interval.month(year, month)
        return Interval.day(date(year, month, day))
    except ValueError:  # month 13, 30 February
        return None


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    # Fixed languages (auto-detection costs seconds), no relative dates ("ieri" is not a
    # publication date without knowing when it was written), day-first for 03/02/2025.
    return DateDataParser(
        languages=LANGUAGES,
        settings={
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "DMY",
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )


@lru_cache(maxsize=4096)
def parse(value: str) -> Interval | None:
    """A date string in any common format, with precision inferred from what it contains."""
    value = value.strip()
    if not value or len(value) > 100:
        return None
    if m := _DAY.match(value):
        return from_parts(int(m[1]), int(m[2]), int(m[3]))
    if m := _MONTH.match(value):
        return from_parts(int(m[1]), int(m[2]))
    if m := _YEAR.match(value):
        return from_parts(int(m[1]))
    try:
        data = _parser().get_date_data(value)
    except Exception:  # dateparser raises assorted errors on odd input; unknown date is fine
        return None
    found = data.date_obj
    if found is None:
        return None
    if data.period == "year":
        return from_parts(found.year)
    if data.period == "month":
        return from_parts(found.year, found.month)
    return from_parts(found.year, found.month, found.day)


def from_value(value: Any) -> Interval | None:
    """A date from a JSON value: a string, a Unix timestamp, or an interval dict."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return parse(value)
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds
        try:
            d = datetime.fromtimestamp(seconds, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        return from_parts(d.year, d.month, d.day)
    if isinstance(value, dict):
        try:
            return Interval.from_dict(value)
        except (KeyError, TypeError, ValueError):
            return None
    return None


def from_struct(value: time.struct_time | None) -> Interval | None:
    """A feedparser ``*_parsed`` date (UTC) as a day."""
    if not value:
        return None
    return from_parts(value.tm_year, value.tm_mon, value.tm_mday)
