"""Time expressions in Italian and English, resolved against the article date.

What is found (see docs/time-and-quantities.md for the full table):

- absolute dates ("14 febbraio 2025", "14/02/2025", "February 14, 2025", "2025-02-14"),
  month + year ("ottobre 2024", "giugno del 2024"), day + month ("14 febbraio"), bare months
  ("novembre", "in March") and weekdays ("lunedì", "on Monday"), years after a preposition
  ("nel 2024", "since 2022"), decades ("anni '90", "the 1990s");
- expressions relative to the article date ("ieri", "la scorsa settimana", "l'anno
  prossimo", "tre mesi fa", "gli ultimi due anni"), with the tense of the sentence choosing
  past or future for a bare month or weekday;
- expressions relative to the previous time expression of the same or previous sentence
  ("il giorno dopo", "tre settimane più tardi", "i due mesi precedenti", "all'epoca");
- durations ("per tre mesi" → P3M), recurring periods ("ogni anno" → SET P1Y) and vague
  references ("in passato" → PAST_REF, "attualmente" → PRESENT_REF);
- intervals: a date after "da"/"since" runs to the article date ("da dicembre 2024"), one
  after "fino a"/"until" from the article date, and "da gennaio a marzo" / "between 2020
  and 2022" is one closed range; "inizio"/"metà"/"fine", "early"/"mid"/"late" narrow a date
  to its first, middle or last third (TIMEX3 ``mod`` START, MID, END).

Span convention: a mention covers the expression without the preposition before it:
"a novembre" → "novembre", "nel giugno del 2024" → "giugno del 2024", "dal 2022" → "2022";
an article that is part of the phrase stays in ("la scorsa settimana", "l'anno prossimo"),
and so does a modifier ("inizio 2024", "early 2024").

What is written by hand, and why. dateparser (see shared/DEPENDENCIES.md) parses a date
string it is given well, so it reads the absolute day dates found here. It is not used to
*find* expressions or for anything relative: with Italian it misses prepositional forms
("a novembre"), never finds "il prossimo anno", "l'anno prossimo", "due mesi fa" or "nei
due mesi precedenti", splits "nel giugno del 2024" into two dates, and resolves a bare
month into the future unless told otherwise; it knows a single "relative base" datetime,
so it cannot keep the uncertainty of a month-precision article date, has no notion of a
reference time other than the article's, and returns no durations, ranges or PAST_REF.
So finding is done by regular expressions built from CLDR month and weekday names (babel)
and the per-language words in ``resources/<lang>/time.yaml``, and resolving by the small
interval arithmetic below.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

import dateparser
from babel.dates import get_day_names, get_month_names
from dateutil.relativedelta import relativedelta

from cronaca.errors import ResourceError
from cronaca.extract.numbers import parse_number, parse_number_word
from cronaca.extract.pipeline import Doc, component
from cronaca.model import PRECISIONS, Interval, Mention
from cronaca.resources import load_yaml

COMPONENT = "timexes@2"
LANGUAGES = ("it", "en")
UNITS = ("day", "week", "month", "year", "decade")
DURATION_LETTER = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE"}
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
MODS = ("START", "MID", "END")

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


def duration_value(n: float, unit: str) -> str:
    """An ISO 8601 duration as TIMEX3 writes it: P3M, P2Y, P1W, P1.5Y, P2DE."""
    number = int(n) if float(n).is_integer() else n
    return f"P{number}{DURATION_LETTER[unit]}"


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


# ---------------------------------------------------------------------------------------
# Rules: compiled once per language from CLDR month and weekday names and time.yaml

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
    name: str
    pattern: re.Pattern[str]
    make: Callable[[re.Match[str]], Match | None]


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


def weekday_names(language: str) -> dict[str, int]:
    """Wide weekday names → 0 (Monday) .. 6, lower-cased, from CLDR; Italian also unaccented."""
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for number, name in get_day_names("wide", context, locale=language).items():
            names[name.lower()] = number
            if name.lower().endswith("ì"):
                names[name.lower()[:-1] + "i"] = number
    return names


WINDOW_MARGIN = 120  # characters around a hint where an expression may lie


@cache
def _hint(language: str) -> re.Pattern[str]:
    """Digits, or a word an expression is anchored on (a month, a weekday, a unit, a day
    word, a literal word of a relative phrase): a cheap first pass, so the ~100 rule
    patterns only run near one of them. Words under four letters ("del", "fa") never anchor
    one alone: the phrases they appear in also hold a unit or a number."""
    data = load_yaml(f"{language}/time.yaml")
    words: set[str] = set(month_names(language)[0]) | set(weekday_names(language))
    words |= {str(w).lower() for w in (data.get("units") or {})}
    words |= {str(w).lower() for w in (data.get("plurals") or {}).values() if isinstance(w, str)}
    words |= {str(w).lower() for w in (data.get("plurals") or {})}
    for phrase in [*(data.get("days") or {}), *(p for r in data.get("relative") or [] for p in r["phrases"])]:
        for word in re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", str(phrase).lower()).split():
            if len(word.strip("'’")) >= 4:
                words.add(word)
    return re.compile(rf"\d|(?<!\w)(?:{_alternation(words)})", re.IGNORECASE)


def _windows(text: str, language: str) -> list[tuple[int, int]]:
    """Merged spans of text around every hint; the whole text for unknown languages."""
    if language not in LANGUAGES:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for m in _hint(language).finditer(text):
        lo, hi = max(0, m.start() - WINDOW_MARGIN), min(len(text), m.end() + WINDOW_MARGIN)
        while lo > 0 and not text[lo - 1].isspace():  # never start or end inside a word
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


@cache
def rules_for(language: str) -> tuple[list[Rule], Words | None, int]:
    """The compiled rules, the surrounding words and the time.yaml version for a language."""
    if language not in LANGUAGES:
        return [], None, 0
    data = load_yaml(f"{language}/time.yaml")
    try:
        return _compile(language, data), _words(data), int(data["version"])
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise ResourceError(f"{language}/time.yaml is malformed: {e}") from e


def _before_re(words: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for one of ``words`` ending right before an expression (at the end of the
    text it is searched in), with a word boundary before it."""
    words = [str(w) for w in words]
    if not words:
        return None
    return re.compile(rf"(?<![\w'’])(?:{_alternation(words)})\s*$", re.IGNORECASE)


def _words(data: dict[str, Any]) -> Words:
    cues = data.get("future") or []
    modifiers = {str(w).lower(): str(mod) for mod, ws in (data.get("modifiers") or {}).items() for w in ws}
    if any(mod not in MODS for mod in modifiers.values()):
        raise ValueError(f"modifiers must be one of {MODS}")
    links = r"(?:\s*(?:del|dello|della|dell['’]|dei|di|d['’]|of))?"
    modifier_re = (
        re.compile(rf"(?<!\w)(?P<mod>{_alternation(modifiers)}){links}[\s-]*$", re.IGNORECASE)
        if modifiers
        else None
    )
    to_words = [str(w) for w in data.get("to_words", [])]
    return Words(
        from_re=_before_re(data.get("from_words", [])),
        to_re=re.compile(rf"\s*(?:{_alternation(to_words)})\s*", re.IGNORECASE) if to_words else None,
        until_re=_before_re(data.get("until_words", [])),
        ongoing_re=_before_re(data.get("ongoing_words", [])),
        modifier_re=modifier_re,
        modifiers=modifiers,
        future=re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE) if cues else None,
    )


def _compile(lang: str, data: dict[str, Any]) -> list[Rule]:
    wide, every = month_names(lang)
    weekdays = weekday_names(lang)
    # English month and weekday names are matched with their capital, so "may" and
    # "march" stay verbs.
    month_flags = re.IGNORECASE if lang == "it" else 0
    if lang == "en":
        wide_re = "|".join(sorted((n.capitalize() for n in wide), key=len, reverse=True))
        every_re = "|".join(sorted((n.capitalize() for n in every), key=len, reverse=True))
        weekday_re = "|".join(sorted((n.capitalize() for n in weekdays), key=len, reverse=True))
    else:
        wide_re, every_re, weekday_re = _alternation(wide), _alternation(every), _alternation(weekdays)
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
            re.compile(rf"(?<![\w'’])(?:{years})[\s-]+(?P<y>\d{{4}}){no_more_digits}\b", re.IGNORECASE),
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
        rules.append(Rule("month", re.compile(rf"(?i:\b(?:{before}))[\s-]+(?P<m>{wide_re})\b"), bare_month))
        rules.append(
            Rule(
                "decade",
                re.compile(
                    r"(?:\bthe\s+)?(?:(?<![\w'’])(?P<y>(?:19|20)\d0)s|['’](?P<d>\d0)s)\b", re.IGNORECASE
                ),
                decade,
            )
        )
        rules.append(Rule("weekday", re.compile(rf"\b(?P<w>{weekday_re})\b"), bare_weekday))
    else:
        rules.append(Rule("month", re.compile(rf"\b(?P<m>{wide_re})\b", month_flags), bare_month))
        rules.append(
            Rule(
                "decade",
                re.compile(r"\banni\s+(?:(?P<y>(?:19|20)\d0)|['’]?(?P<d>\d0))\b", re.IGNORECASE),
                decade,
            )
        )
        rules.append(
            Rule("weekday", re.compile(rf"(?<![\w'’])(?P<w>{weekday_re})(?![\w'’])", re.I), bare_weekday)
        )
    rules.extend(_relative_rules(lang, data, wide, wide_re, weekdays, weekday_re))
    return rules


def _relative_rules(
    lang: str,
    data: dict[str, Any],
    wide: dict[str, int],
    wide_re: str,
    weekdays: dict[str, int],
    weekday_re: str,
) -> list[Rule]:
    classes = {str(k): [str(w) for w in v] for k, v in data["classes"].items()}
    units = {str(k).lower(): str(v) for k, v in data["units"].items()}
    every_unit = {**units, **{str(k).lower(): str(v) for k, v in data.get("plurals", {}).items()}}
    if any(u not in UNITS for u in every_unit.values()):
        raise ValueError(f"units must map to one of {UNITS}")
    names = {"month": wide_re, "weekday": weekday_re}
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
        make = _relative_maker(entry, every_unit, wide, weekdays, lang)
        for phrase in entry["phrases"]:
            regex = _phrase_regex(str(phrase), classes, units, every_unit, names)
            named = "{month}" in str(phrase) or "{weekday}" in str(phrase)
            flags = re.IGNORECASE if lang == "it" or not named else 0
            rules.append(Rule(name, re.compile(regex, flags), make))
    return rules


def _phrase_regex(
    phrase: str,
    classes: dict[str, list[str]],
    units: dict[str, str],
    every_unit: dict[str, str],
    names: dict[str, str],
) -> str:
    """A time.yaml phrase ("{det?} {past} {unit}") as a regex; each class word brings its own
    separator, so an elided "l'" joins the next word ("l'anno") and others need a space.
    A leading "[in|a]" must precede the phrase; the span (group ``x``) leaves it out."""
    tokens = phrase.split()
    required = ""
    if tokens and tokens[0].startswith("[") and tokens[0].endswith("]"):
        required = r"(?i:" + _alternation(tokens[0][1:-1].split("|")) + r")\s+"
        tokens = tokens[1:]
    parts = []
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        match = re.fullmatch(r"\{(\w+)(\?)?\}", token)
        if not match:
            sep = "" if last else (r"\s*" if token.endswith("'") else r"\s+")
            parts.append("(?i:" + _apostrophes(token) + ")" + sep)
            continue
        name, optional = match.group(1), bool(match.group(2))
        if name in ("unit", "units"):
            body = f"(?P<unit>(?i:{_alternation(units if name == 'unit' else every_unit)}))"
            parts.append(body + ("" if last else r"\s+"))
        elif name == "n":
            # "tre mesi", "three-month": a hyphen may join the number and the unit
            parts.append(r"(?P<n>\d+(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)?)" + ("" if last else r"(?:\s+|-)"))
        elif name in names:
            parts.append(f"(?P<{name}>{names[name]})" + ("" if last else r"\s+"))
        else:
            alternatives = []
            for word in sorted(classes[name], key=len, reverse=True):
                sep = "" if last else (r"\s*" if word.endswith("'") else r"\s+")
                alternatives.append(_apostrophes(word) + sep)
            group = "(?i:" + "|".join(alternatives) + ")"
            parts.append(group + ("?" if optional else ""))
    # An apostrophe may come before: "nell'ultimo anno" → "ultimo anno".
    return r"(?<!\w)" + required + "(?P<x>" + "".join(parts) + r")(?![\w'’])"


def _relative_maker(
    entry: dict[str, Any],
    units: dict[str, str],
    wide: dict[str, int],
    weekdays: dict[str, int],
    lang: str,
) -> Callable[[re.Match[str]], Match | None]:
    of = "previous" if entry.get("of") == "previous" else "article"

    def make(m: re.Match[str]) -> Match | None:
        groups = m.groupdict()
        start, end = m.start("x"), m.end("x")
        if "month" in entry:
            month = wide[groups["month"].lower()]
            direction = str(entry["month"])
            return Match(
                start,
                end,
                "",
                "month",
                True,
                lambda a, _f: month_near(a, month, direction) if a else None,
                of=of,
            )
        if "weekday" in entry:
            weekday = weekdays[groups["weekday"].lower()]
            direction = str(entry["weekday"])
            return Match(
                start,
                end,
                "",
                "day",
                True,
                lambda a, _f: weekday_near(a, weekday, direction) if a else None,
                of=of,
            )
        if "ref" in entry:
            return _ref_match(entry, start, end)
        unit = units[groups["unit"].lower()] if groups.get("unit") else str(entry.get("unit", "day"))
        count: float | None = 1
        if groups.get("n"):
            count = _count(groups["n"], lang)
            if count is None or count <= 0:
                return None
            if " e mezzo" in m.group(0).lower() or " and a half " in m.group(0).lower():
                count += 0.5
        if entry.get("set"):
            return Match(
                start, end, "", "set", False, lambda _a, _f: None, "SET", "set", duration_value(1, unit), ""
            )
        if entry.get("duration"):
            return Match(
                start,
                end,
                "",
                "duration",
                False,
                lambda _a, _f: None,
                "DURATION",
                "duration",
                duration_value(count, unit),
                "",
            )
        if "span" in entry:
            whole = int(count) if float(count).is_integer() else None
            if whole is None:
                return None
            spanner = span_before if entry["span"] == "before" else span_after
            return Match(
                start,
                end,
                "",
                "interval",
                True,
                lambda a, _f: spanner(a, unit, whole) if a else None,
                "DURATION",
                "interval",
                duration_value(whole, unit),
                of,
            )
        if entry.get("same"):
            fixed_unit = groups.get("unit") and unit
            return Match(
                start,
                end,
                "",
                fixed_unit or "",
                True,
                lambda a, _f: period_of(a.start, fixed_unit) if fixed_unit and a else a,
                of=of,
            )
        if not float(count).is_integer():
            return None
        n = int(entry["sign"]) * int(count) if "sign" in entry else int(entry["shift"])
        if unit == "decade" and "sign" in entry:  # "a decade ago" is a year ("2015"), not the decade "201"
            unit, n = "year", 10 * n
        return Match(start, end, "", unit, True, lambda a, _f: shift(a, unit, n) if a else None, of=of)

    return make


def _ref_match(entry: dict[str, Any], start: int, end: int) -> Match:
    """PAST_REF, PRESENT_REF, FUTURE_REF: a vague period before, at or after the article."""
    ref = str(entry["ref"])
    if ref not in REFS:
        raise ValueError(f"ref must be one of {REFS}")
    back, forward = entry.get("back"), entry.get("forward")

    def resolve(a: Interval | None, _f: bool) -> Interval | None:
        if a is None:
            return None
        if back:
            return Interval(
                add(a.start, str(back[1]), -int(back[0])), a.end, coarser(str(back[1]), a.precision)
            )
        if forward:
            return Interval(
                a.start, add(a.end, str(forward[1]), int(forward[0])), coarser(str(forward[1]), a.precision)
            )
        return a

    return Match(start, end, "", ref, True, resolve, "DATE", "ref", ref)


def _count(text: str, lang: str) -> float | None:
    if text[0].isdigit():
        return parse_number(text, lang)
    value = parse_number_word(text, lang)
    return float(value) if value is not None else None


# ---------------------------------------------------------------------------------------
# Finding

_SENTENCE_END = re.compile(r"[.!?]+[\"'”»)]*\s+(?=[\"'“«(]*[A-ZÀ-Ý])")


def _default_sentences(text: str) -> Callable[[int], int]:
    """Sentence number of an offset, by a plain punctuation split (when no Doc is at hand)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return lambda offset: sum(1 for e in ends if e <= offset)


def _default_future(text: str, future: re.Pattern[str]) -> Callable[[int], bool]:
    """Whether the sentence around an offset matches a future cue (punctuation split)."""
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]

    def is_future(offset: int) -> bool:
        for start, end in zip(bounds, bounds[1:], strict=False):
            if start <= offset < end:
                return bool(future.search(text[start:end]))
        return False

    return is_future


@dataclass
class _Found:
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


def find_timexes(
    text: str,
    language: str,
    anchor: Interval | None,
    is_future: Callable[[int], bool] | None = None,
    sentence_of: Callable[[int], int] | None = None,
) -> list[Mention]:
    """Every time expression in ``text``, resolved against ``anchor`` (the article date).

    ``is_future(offset)`` says whether the sentence around an offset speaks of the future;
    a bare month or weekday there resolves to its next occurrence instead of the last one.
    ``sentence_of(offset)`` numbers sentences, so that "il giorno dopo" looks for its
    reference only in its own and the previous sentence (default: a punctuation split).
    """
    lang = (language or "").lower().split("-")[0]
    rules, words, _ = rules_for(lang)
    candidates: list[tuple[Match, str]] = []
    for lo, hi in _windows(text, lang):
        for rule in rules:
            for m in rule.pattern.finditer(text, lo, hi):
                found = rule.make(m)
                if found is not None:
                    candidates.append((found, rule.name))
    # Longest first; an expression inside a longer one ("2024" in "giugno del 2024") loses.
    candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
    taken: list[_Found] = []
    for found, name in candidates:
        if any(found.start < t.end and t.start < found.end for t in taken):
            continue
        taken.append(_Found(found, name, found.start, found.end))
    taken.sort(key=lambda f: f.start)
    sentence_of = sentence_of or _default_sentences(text)
    if is_future is None and words is not None and words.future is not None:
        is_future = _default_future(text, words.future)
    _resolve_all(taken, anchor, is_future, sentence_of)
    if words is not None:
        _modifiers(text, taken, words)
        _ranges(text, taken, anchor, words)
    return [_mention(text, f, lang) for f in taken]


def _resolve_all(
    taken: list[_Found],
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


def _modifiers(text: str, taken: list[_Found], words: Words) -> None:
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


def _ranges(text: str, taken: list[_Found], anchor: Interval | None, words: Words) -> None:
    """Dates after "da"/"since" run to the article date, after "fino a"/"until" from it;
    "da gennaio a marzo" / "between 2020 and 2022" spans both dates."""

    def before(f: _Found, pattern: re.Pattern[str] | None) -> bool:
        return bool(pattern and pattern.search(text[max(0, f.start - 25) : f.start]))

    def dated(f: _Found) -> bool:
        return f.point is not None and f.match.type == "DATE" and f.match.kind == "point"

    i = 0
    while i < len(taken):
        f = taken[i]
        if not dated(f):
            i += 1
            continue
        nxt = taken[i + 1] if i + 1 < len(taken) else None
        if (
            before(f, words.from_re)
            and nxt is not None
            and dated(nxt)
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
            n, unit = _duration_parts(f.match.fixed or "")
            if n is not None:
                f.interval, f.anchor, f.open = span_before(anchor, unit, n), "article", None


def _duration_parts(value: str) -> tuple[int | None, str]:
    found = re.fullmatch(r"P(\d+)(DE|[DWMY])", value)
    if not found:
        return None, ""
    unit = {letter: u for u, letter in DURATION_LETTER.items()}[found.group(2)]
    return int(found.group(1)), unit


def _mention(text: str, f: _Found, lang: str) -> Mention:
    m = f.match
    kind = m.kind
    if kind == "duration" and f.interval is not None:
        kind = "interval"
    elif kind == "point" and f.interval is not None and f.interval != f.point:
        kind = "interval"
    granularity = m.granularity or (f.point.precision if f.point else "day")
    label = "interval" if kind == "interval" and m.kind == "point" else granularity
    fixed = m.fixed or (timex_value(f.named) if f.named is not None and f.interval != f.named else None)
    value = timex_dict(
        f.interval,
        m.anchored or f.anchor is not None,
        value=fixed,
        type=m.type,
        kind=kind,
        granularity=granularity,
        mod=f.mod,
        anchor=f.anchor,
        open=f.open,
    )
    return Mention(
        "timex",
        f.start,
        f.end,
        text[f.start : f.end],
        label=label,
        value=value,
        component=COMPONENT,
        rule=f"{lang}.{f.name}",
    )


@component("timexes", version=2, requires=["tokens", "sentences"], assigns=["timexes"])
def timexes():
    """Find time expressions and resolve them against the article's published date."""

    def process(doc: Doc) -> None:
        lang = (doc.language or "").lower().split("-")[0]
        _, words, _ = rules_for(lang)
        future = words.future if words else None
        sentences = sorted(s.start for s in doc.of_kind("sentence"))

        def is_future(offset: int) -> bool:
            sentence = doc.sentence_at(offset)
            return bool(future and sentence and future.search(sentence.text))

        def sentence_of(offset: int) -> int:
            return sum(1 for s in sentences if s <= offset)

        doc.mentions.extend(
            find_timexes(doc.text, lang, doc.article.published, is_future, sentence_of if sentences else None)
        )

    return process
