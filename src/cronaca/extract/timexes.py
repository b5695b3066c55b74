"""Time expressions in Italian and English, resolved against the article date.

What is found: absolute dates ("14 febbraio 2025", "14/02/2025", "February 14, 2025",
"2025-02-14"), month + year ("ottobre 2024", "giugno del 2024", "June of 2024"), day +
month ("14 febbraio"), bare months ("novembre", "in March"), years after a preposition
("nel 2024", "since 2022"), decades ("anni '90", "the 1990s") and relative expressions
("ieri", "la scorsa settimana", "l'anno prossimo", "tre mesi fa", "last week").

Span convention: a mention covers the expression without the preposition before it:
"a novembre" → "novembre", "nel giugno del 2024" → "giugno del 2024", "dal 2022" → "2022";
an article that is part of the phrase stays in ("la scorsa settimana", "l'anno prossimo").

What is written by hand, and why. dateparser (see shared/DEPENDENCIES.md) parses a date
string it is given well, so it reads the absolute day dates found here. It is not used to
*find* expressions or for anything relative: with Italian it misses prepositional forms
("a novembre"), never finds "il prossimo anno", "l'anno prossimo" or "due mesi fa", splits
"nel giugno del 2024" into two dates, and resolves a bare month into the future unless told
otherwise — and it only knows a single "relative base" datetime, while a month-precision
article date must keep its uncertainty. So finding is done by regular expressions built
from CLDR month names (babel) and the per-language words in ``resources/<lang>/time.yaml``,
and resolving by the small interval arithmetic below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import dateparser
from babel.dates import get_month_names
from dateutil.relativedelta import relativedelta

from cronaca.errors import ResourceError
from cronaca.extract.numbers import parse_number, parse_number_word
from cronaca.extract.pipeline import Doc, component
from cronaca.model import PRECISIONS, Interval, Mention
from cronaca.resources import load_yaml

COMPONENT = "timexes@1"
LANGUAGES = ("it", "en")
UNITS = ("day", "week", "month", "year")

# ---------------------------------------------------------------------------------------
# Interval arithmetic


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


def timex_value(interval: Interval) -> str:
    """A TIMEX3-like value: "2025-12-26", "2025-W51", "2024-11", "2026", "199" (a decade)."""
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
    return interval.label


def timex_dict(interval: Interval | None, anchored: bool) -> dict[str, Any]:
    """The ``value`` of a timex mention; all None when it could not be resolved."""
    if interval is None:
        return {"value": None, "start": None, "end": None, "precision": None, "anchored": anchored}
    return {"value": timex_value(interval), **interval.to_dict(), "anchored": anchored}


# ---------------------------------------------------------------------------------------
# Rules: compiled once per language from CLDR month names and time.yaml


@dataclass(frozen=True)
class Match:
    """A candidate time expression before overlaps are settled."""

    start: int
    end: int
    rule: str
    granularity: str
    anchored: bool
    resolve: Callable[[Interval | None, bool], Interval | None]  # (anchor, future) → interval


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    make: Callable[[re.Match[str]], Match | None]


def _apostrophes(text: str) -> str:
    """A regex-escaped literal in which ' also matches ’."""
    return re.escape(text).replace("'", "['’]")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(_apostrophes(w) for w in sorted(set(words), key=len, reverse=True))


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


@cache
def rules_for(language: str) -> tuple[list[Rule], re.Pattern[str] | None, int]:
    """The compiled rules, the future-tense pattern and the time.yaml version for a language."""
    if language not in LANGUAGES:
        return [], None, 0
    data = load_yaml(f"{language}/time.yaml")
    try:
        return _compile(language, data), _future(data), int(data["version"])
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise ResourceError(f"{language}/time.yaml is malformed: {e}") from e


def _future(data: dict[str, Any]) -> re.Pattern[str] | None:
    cues = data.get("future") or []
    return re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE) if cues else None


def _compile(lang: str, data: dict[str, Any]) -> list[Rule]:
    wide, every = month_names(lang)
    # English month names are matched with their capital, so "may" and "march" stay verbs.
    month_flags = re.IGNORECASE if lang == "it" else 0
    if lang == "en":
        wide_re = "|".join(sorted((n.capitalize() for n in wide), key=len, reverse=True))
        every_re = "|".join(sorted((n.capitalize() for n in every), key=len, reverse=True))
    else:
        wide_re, every_re = _alternation(wide), _alternation(every)
    date_order = str(data.get("date_order", "DMY"))

    def month_no(text: str) -> int:
        return every[text.lower().rstrip(".")]

    def absolute(m: re.Match[str]) -> Match | None:
        parsed = dateparser.parse(
            m.group(0),
            languages=[lang],
            settings={"DATE_ORDER": date_order, "STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"},
        )
        if parsed is None:
            return None
        interval = Interval.day(parsed.date())
        return Match(m.start(), m.end(), "", "day", False, lambda _a, _f: interval)

    def month_year(m: re.Match[str]) -> Match | None:
        interval = Interval.month(int(m.group("y")), month_no(m.group("m")))
        return Match(m.start("x"), m.end("x"), "", "month", False, lambda _a, _f: interval)

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

    def year(m: re.Match[str]) -> Match | None:
        value = int(m.group("y"))
        if not 1900 <= value <= 2100:
            return None
        interval = Interval.year(value)
        return Match(m.start("y"), m.end("y"), "", "year", False, lambda _a, _f: interval)

    def decade(m: re.Match[str]) -> Match | None:
        if m.group("y"):
            first = int(m.group("y"))
        else:
            two = int(m.group("d"))
            first = (1900 if two >= 30 else 2000) + two
        interval = period_of(date(first, 1, 1), "decade")
        return Match(m.start(), m.end(), "", "decade", False, lambda _a, _f: interval)

    day_suffix = r"(?:°|º)?" if lang == "it" else r"(?:st|nd|rd|th)?"
    links = [str(w) for w in data.get("month_year_links", [])]
    link_re = rf"(?:(?:{_alternation(links)})\s+)?" if links else ""
    years = _alternation(str(w) for w in data["year_words"])
    no_more_digits = r"(?![\d]|[.,/]\d)"
    rules = [
        Rule("iso_date", re.compile(r"(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d])"), absolute),
        Rule("numeric_date", re.compile(r"(?<![\d/.-])\d{1,2}([/.])\d{1,2}\1\d{4}(?![\d])"), absolute),
        Rule(
            "day_month_year",
            re.compile(rf"\b\d{{1,2}}{day_suffix}\s+(?:of\s+)?(?:{every_re})\.?,?\s+\d{{4}}\b", month_flags),
            absolute,
        ),
        Rule(
            "day_month",
            re.compile(
                rf"\b(?P<d>\d{{1,2}}){day_suffix}\s+(?:of\s+)?(?P<m>{wide_re})\b(?!\s+\d)", month_flags
            ),
            day_month,
        ),
        Rule(
            "month_year",
            re.compile(rf"(?P<x>\b(?P<m>{wide_re})\s+{link_re}(?P<y>\d{{4}}))\b", month_flags),
            month_year,
        ),
        Rule(
            "year",
            re.compile(rf"(?<![\w'’])(?:{years})\s+(?P<y>\d{{4}}){no_more_digits}\b", re.IGNORECASE),
            year,
        ),
    ]
    if lang == "en":
        rules.append(
            Rule(
                "month_day_year",
                re.compile(rf"\b(?:{every_re})\.?\s+\d{{1,2}}{day_suffix},?\s+\d{{4}}\b"),
                absolute,
            )
        )
        rules.append(
            Rule(
                "month_day",
                re.compile(rf"\b(?P<m>{wide_re})\s+(?P<d>\d{{1,2}}){day_suffix}\b(?!,?\s+\d{{4}})"),
                day_month,
            )
        )
        before = _alternation(str(w) for w in data.get("month_words", []))
        rules.append(
            Rule(
                "month",
                re.compile(rf"(?i:\b(?:{before}))[\s-]+(?P<m>{wide_re})\b"),
                bare_month,
            )
        )
        rules.append(
            Rule(
                "decade",
                re.compile(
                    r"(?:\bthe\s+)?(?:(?<![\w'’])(?P<y>(?:19|20)\d0)s|['’](?P<d>\d0)s)\b", re.IGNORECASE
                ),
                decade,
            )
        )
    else:
        rules.append(Rule("month", re.compile(rf"\b(?P<m>{wide_re})\b", month_flags), bare_month))
        rules.append(
            Rule(
                "decade",
                re.compile(r"\banni\s+(?:(?P<y>(?:19|20)\d0)|['’]?(?P<d>\d0))\b", re.IGNORECASE),
                decade,
            )
        )
    rules.extend(_relative_rules(lang, data, wide, wide_re))
    return rules


def _relative_rules(lang: str, data: dict[str, Any], wide: dict[str, int], wide_re: str) -> list[Rule]:
    classes = {str(k): [str(w) for w in v] for k, v in data["classes"].items()}
    units = {str(k).lower(): str(v) for k, v in data["units"].items()}
    every_unit = {**units, **{str(k).lower(): str(v) for k, v in data.get("plurals", {}).items()}}
    if any(u not in UNITS for u in every_unit.values()):
        raise ValueError(f"units must map to one of {UNITS}")
    rules: list[Rule] = []

    def days_rule(m: re.Match[str], offset: int) -> Match:
        return Match(
            m.start(), m.end(), "", "day", True, lambda a, _f: shift(a, "day", offset) if a else None
        )

    for phrase, offset in data.get("days", {}).items():
        pattern = re.compile(rf"(?<![\w'’]){_apostrophes(str(phrase))}\b", re.IGNORECASE)
        rules.append(
            Rule("today" if offset == 0 else "day_word", pattern, lambda m, o=int(offset): days_rule(m, o))
        )

    for entry in data.get("relative", []):
        name = str(entry["rule"])
        for phrase in entry["phrases"]:
            regex = _phrase_regex(str(phrase), classes, units, every_unit, wide_re)
            flags = re.IGNORECASE if lang == "it" or "{month}" not in str(phrase) else 0
            rules.append(Rule(name, re.compile(regex, flags), _relative_maker(entry, every_unit, wide, lang)))
    return rules


def _phrase_regex(
    phrase: str,
    classes: dict[str, list[str]],
    units: dict[str, str],
    every_unit: dict[str, str],
    wide_re: str,
) -> str:
    """A time.yaml phrase ("{det?} {past} {unit}") as a regex; each class word brings its own
    separator, so an elided "l'" joins the next word ("l'anno") and others need a space."""
    tokens = phrase.split()
    parts = []
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        match = re.fullmatch(r"\{(\w+)(\?)?\}", token)
        if not match:
            parts.append("(?i:" + _apostrophes(token) + ")" + ("" if last else r"\s+"))
            continue
        name, optional = match.group(1), bool(match.group(2))
        if name in ("unit", "units"):
            body = f"(?P<unit>(?i:{_alternation(units if name == 'unit' else every_unit)}))"
            parts.append(body + ("" if last else r"\s+"))
        elif name == "n":
            parts.append(r"(?P<n>\d+|[^\W\d_]+(?:-[^\W\d_]+)?)" + ("" if last else r"\s+"))
        elif name == "month":
            parts.append(f"(?P<month>{wide_re})" + ("" if last else r"\s+"))
        else:
            alternatives = []
            for word in sorted(classes[name], key=len, reverse=True):
                sep = "" if last else (r"\s*" if word.endswith("'") else r"\s+")
                alternatives.append(_apostrophes(word) + sep)
            group = "(?i:" + "|".join(alternatives) + ")"
            parts.append(group + ("?" if optional else ""))
    return r"(?<![\w'’])" + "".join(parts) + r"\b"


def _relative_maker(
    entry: dict[str, Any], units: dict[str, str], wide: dict[str, int], lang: str
) -> Callable[[re.Match[str]], Match | None]:
    def make(m: re.Match[str]) -> Match | None:
        groups = m.groupdict()
        if "month" in entry:
            month = wide[groups["month"].lower()]
            direction = str(entry["month"])
            return Match(
                m.start(),
                m.end(),
                "",
                "month",
                True,
                lambda a, _f: month_near(a, month, direction) if a else None,
            )
        unit = units[groups["unit"].lower()]
        if "sign" in entry:
            count = _count(groups["n"], lang)
            if count is None:
                return None
            n = int(entry["sign"]) * count
        else:
            n = int(entry["shift"])
        return Match(m.start(), m.end(), "", unit, True, lambda a, _f: shift(a, unit, n) if a else None)

    return make


def _count(text: str, lang: str) -> int | None:
    if text.isdigit():
        value = parse_number(text, lang)
        return int(value) if value is not None else None
    return parse_number_word(text, lang)


# ---------------------------------------------------------------------------------------
# Finding


def find_timexes(
    text: str,
    language: str,
    anchor: Interval | None,
    is_future: Callable[[int], bool] | None = None,
) -> list[Mention]:
    """Every time expression in ``text``, resolved against ``anchor`` (the article date).

    ``is_future(offset)`` says whether the sentence around an offset speaks of the future;
    a bare month there resolves to its next occurrence instead of the last one.
    """
    lang = (language or "").lower().split("-")[0]
    rules, _, _ = rules_for(lang)
    candidates: list[tuple[Match, str]] = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            found = rule.make(m)
            if found is not None:
                candidates.append((found, rule.name))
    # Longest first; an expression inside a longer one ("2024" in "giugno del 2024") loses.
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
    taken: list[tuple[int, int]] = []
    mentions = []
    for found, name in candidates:
        if any(found.start < end and start < found.end for start, end in taken):
            continue
        taken.append((found.start, found.end))
        future = bool(is_future and found.anchored and is_future(found.start))
        interval = found.resolve(anchor, future)
        mentions.append(
            Mention(
                "timex",
                found.start,
                found.end,
                text[found.start : found.end],
                label=found.granularity,
                value=timex_dict(interval, found.anchored),
                component=COMPONENT,
                rule=f"{lang}.{name}",
            )
        )
    mentions.sort(key=lambda m: m.start)
    return mentions


@component("timexes", version=1, requires=["tokens", "sentences"], assigns=["timexes"])
def timexes():
    """Find time expressions and resolve them against the article's published date."""

    def process(doc: Doc) -> None:
        lang = (doc.language or "").lower().split("-")[0]
        _, future, _ = rules_for(lang)

        def is_future(offset: int) -> bool:
            sentence = doc.sentence_at(offset)
            return bool(future and sentence and future.search(sentence.text))

        doc.mentions.extend(find_timexes(doc.text, lang, doc.article.published, is_future))

    return process
