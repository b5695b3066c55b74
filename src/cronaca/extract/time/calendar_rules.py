"""The rules for dates written with the calendar: absolute dates, month + year, day + month,
bare months, weekdays, years after a preposition, decades.

Absolute day dates are read by dateparser (``STRICT_PARSING``, ``DATE_ORDER`` from
time.yaml); the rest by the interval arithmetic. A bare month, day + month or weekday is
the last one before the article date, or the next one in a sentence about the future.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import dateparser

from cronaca.extract.patterns import alternation
from cronaca.extract.time.candidates import Match, Rule, any_of
from cronaca.extract.time.intervals import month_near, period_of, weekday_near
from cronaca.extract.time.names import CalendarNames
from cronaca.model import Interval


@lru_cache(maxsize=4096)
def parse_day(text: str, language: str, date_order: str) -> date | None:
    """The day an absolute date names ("14 febbraio 2025", "14/02/2025"), by dateparser."""
    parsed = dateparser.parse(
        text,
        languages=[language],
        settings={"DATE_ORDER": date_order, "STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed is not None else None


def calendar_rules(lang: str, data: dict[str, Any], names: CalendarNames) -> list[Rule]:
    wide, every, weekdays = names.wide, names.every, names.weekdays
    wide_re, every_re, weekday_re = names.wide_re, names.every_re, names.weekday_re
    # English month and weekday names are matched with their capital, so "may" and
    # "march" stay verbs.
    month_flags = re.IGNORECASE if lang == "it" else 0
    date_order = str(data.get("date_order", "DMY"))
    month_no = names.month_no

    def absolute(m: re.Match[str]) -> Match | None:
        day = parse_day(m.group(0), lang, date_order)
        if day is None:
            return None
        interval = Interval.day(day)
        return Match(m.start(), m.end(), "", "day", False, lambda _a, _f: interval, of="")

    def month_year(m: re.Match[str]) -> Match | None:
        interval = Interval.month(int(m.group("y")), month_no(m.group("m")))
        return Match(m.start("x"), m.end("x"), "", "month", False, lambda _a, _f: interval, of="")

    def day_month(m: re.Match[str]) -> Match | None:
        month, day = month_no(m.group("m")), int(m.group("d"))

        def resolve(anchor: Interval | None, future: bool) -> Interval | None:
            if anchor is None:
                return None
            year = month_near(anchor, month, "future" if future else "past").start.year
            try:
                return Interval.day(date(year, month, day))
            except ValueError:
                return None

        return Match(m.start(), m.end(), "", "day", True, resolve)

    def bare_month(m: re.Match[str]) -> Match | None:
        month = month_no(m.group("m"))

        def resolve(anchor: Interval | None, future: bool) -> Interval | None:
            return month_near(anchor, month, "future" if future else "past") if anchor else None

        return Match(m.start("m"), m.end("m"), "", "month", True, resolve)

    def bare_weekday(m: re.Match[str]) -> Match | None:
        weekday = weekdays[m.group("w").lower()]

        def resolve(anchor: Interval | None, future: bool) -> Interval | None:
            return weekday_near(anchor, weekday, "future" if future else "past") if anchor else None

        return Match(m.start("w"), m.end("w"), "", "day", True, resolve)

    def year(m: re.Match[str]) -> Match | None:
        value = int(m.group("y"))
        if not 1900 <= value <= 2100:
            return None
        interval = Interval.year(value)
        return Match(m.start("y"), m.end("y"), "", "year", False, lambda _a, _f: interval, of="")

    def decade(m: re.Match[str]) -> Match | None:
        if m.group("y"):
            first = int(m.group("y"))
        else:
            two = int(m.group("d"))
            first = (1900 if two >= 30 else 2000) + two
        interval = period_of(date(first, 1, 1), "decade")
        return Match(m.start(), m.end(), "", "decade", False, lambda _a, _f: interval, of="")

    a_month, any_month, a_weekday = (any_of(wide),), (any_of(every),), (any_of(weekdays),)
    day_suffix = r"(?:°|º)?" if lang == "it" else r"(?:st|nd|rd|th)?"
    links = [str(w) for w in data.get("month_year_links", [])]
    link_re = rf"(?:(?:{alternation(links)})\s+)?" if links else ""
    year_words = [str(w) for w in data["year_words"]]
    years = alternation(year_words)
    no_more_digits = r"(?![\d]|[.,/]\d)"
    rules = [
        Rule("iso_date", re.compile(r"(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d])"), absolute, (frozenset("-"),)),
        Rule(
            "numeric_date",
            re.compile(r"(?<![\d/.-])\d{1,2}([/.])\d{1,2}\1\d{4}(?![\d])"),
            absolute,
            (frozenset("/."),),
        ),
        Rule(
            "day_month_year",
            re.compile(rf"\b\d{{1,2}}{day_suffix}\s+(?:of\s+)?(?:{every_re})\.?,?\s+\d{{4}}\b", month_flags),
            absolute,
            any_month,
        ),
        Rule(
            "day_month",
            re.compile(
                rf"\b(?P<d>\d{{1,2}}){day_suffix}\s+(?:of\s+)?(?P<m>{wide_re})\b(?!\s+\d)", month_flags
            ),
            day_month,
            a_month,
        ),
        Rule(
            "month_year",
            re.compile(rf"(?P<x>\b(?P<m>{wide_re})\s+{link_re}(?P<y>\d{{4}}))\b", month_flags),
            month_year,
            a_month,
        ),
        Rule(
            "year",
            re.compile(rf"(?<![\w'’])(?:{years})[\s-]+(?P<y>\d{{4}}){no_more_digits}\b", re.IGNORECASE),
            year,
            (any_of(year_words),),
        ),
    ]
    if lang == "en":
        rules.append(
            Rule(
                "month_day_year",
                re.compile(rf"\b(?:{every_re})\.?\s+\d{{1,2}}{day_suffix},?\s+\d{{4}}\b"),
                absolute,
                any_month,
            )
        )
        rules.append(
            Rule(
                "month_day",
                re.compile(rf"\b(?P<m>{wide_re})\s+(?P<d>\d{{1,2}}){day_suffix}\b(?!,?\s+\d{{4}})"),
                day_month,
                a_month,
            )
        )
        month_words = [str(w) for w in data.get("month_words", [])]
        before = alternation(month_words)
        rules.append(
            Rule(
                "month",
                re.compile(rf"(?i:\b(?:{before}))[\s-]+(?P<m>{wide_re})\b"),
                bare_month,
                (*a_month, any_of(month_words)),
            )
        )
        rules.append(
            Rule(
                "decade",
                re.compile(
                    r"(?:\bthe\s+)?(?:(?<![\w'’])(?P<y>(?:19|20)\d0)s|['’](?P<d>\d0)s)\b", re.IGNORECASE
                ),
                decade,
                (frozenset({"0s"}),),
            )
        )
        rules.append(Rule("weekday", re.compile(rf"\b(?P<w>{weekday_re})\b"), bare_weekday, a_weekday))
    else:
        rules.append(Rule("month", re.compile(rf"\b(?P<m>{wide_re})\b", month_flags), bare_month, a_month))
        rules.append(
            Rule(
                "decade",
                re.compile(r"\banni\s+(?:(?P<y>(?:19|20)\d0)|['’]?(?P<d>\d0))\b", re.IGNORECASE),
                decade,
                (frozenset({"anni"}),),
            )
        )
        rules.append(
            Rule(
                "weekday",
                re.compile(rf"(?<![\w'’])(?P<w>{weekday_re})(?![\w'’])", re.I),
                bare_weekday,
                a_weekday,
            )
        )
    return rules
