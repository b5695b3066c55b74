"""Month and weekday names from CLDR (babel), with the regex alternations that match them.

English names are matched with their capital ("May", "March"), so "may" and "march" stay
verbs; Italian names in any case, weekdays also without the accent ("lunedi").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names

from cronaca.extract.patterns import alternation


def month_names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """(wide names, wide and abbreviated names) → month number, lower-cased, from CLDR."""
    wide: dict[str, int] = {}
    every: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in get_month_names("wide", context, locale=language).items():
            wide[name.lower()] = number
            every[name.lower()] = number
        for number, name in get_month_names("abbreviated", context, locale=language).items():
            every[name.lower().rstrip(".")] = number
    return wide, every


def weekday_names(language: str) -> dict[str, int]:
    """Wide weekday names → 0 (Monday) .. 6, lower-cased, from CLDR; Italian also unaccented."""
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in get_day_names("wide", context, locale=language).items():
            names[name.lower()] = number
            if name.lower().endswith("ì"):
                names[name.lower()[:-1] + "i"] = number
    return names


@dataclass(frozen=True)
class CalendarNames:
    """A language's month and weekday names and the regex alternations that match them."""

    wide: dict[str, int]  # wide month names → 1..12
    every: dict[str, int]  # wide and abbreviated month names → 1..12
    weekdays: dict[str, int]  # weekday names → 0 (Monday)..6
    wide_re: str
    every_re: str
    weekday_re: str

    def month_no(self, text: str) -> int:
        """The month number of a (wide or abbreviated, any case, dotted) month name."""
        return self.every[text.lower().rstrip(".")]


@cache
def calendar_names(language: str) -> CalendarNames:
    wide, every = month_names(language)
    weekdays = weekday_names(language)
    if language == "en":
        wide_re = "|".join(sorted((n.capitalize() for n in wide), key=len, reverse=True))
        every_re = "|".join(sorted((n.capitalize() for n in every), key=len, reverse=True))
        weekday_re = "|".join(sorted((n.capitalize() for n in weekdays), key=len, reverse=True))
    else:
        wide_re, every_re, weekday_re = alternation(wide), alternation(every), alternation(weekdays)
    return CalendarNames(wide, every, weekdays, wide_re, every_re, weekday_re)
