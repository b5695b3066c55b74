"""The rules written as phrases in time.yaml: day words ("ieri"), expressions relative to
the article date ("l'anno scorso", "tre mesi fa") or to the previous time expression ("il
giorno dopo"), durations, recurring periods and vague references ("in passato").

The phrase syntax is explained at the top of ``resources/it/time.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cronaca.extract.numbers import parse_number, parse_number_word
from cronaca.extract.patterns import alternation, apostrophes
from cronaca.extract.time.candidates import Match, Rule, any_of
from cronaca.extract.time.intervals import (
    UNITS,
    add,
    coarser,
    month_near,
    period_of,
    shift,
    span_after,
    span_before,
    weekday_near,
)
from cronaca.extract.time.names import CalendarNames
from cronaca.extract.time.values import REFS, duration_value
from cronaca.model import Interval


def relative_rules(lang: str, data: dict[str, Any], names: CalendarNames) -> list[Rule]:
    classes = {str(k): [str(w) for w in v] for k, v in data["classes"].items()}
    units = {str(k).lower(): str(v) for k, v in data["units"].items()}
    every_unit = {**units, **{str(k).lower(): str(v) for k, v in data.get("plurals", {}).items()}}
    if any(u not in UNITS for u in every_unit.values()):
        raise ValueError(f"units must map to one of {UNITS}")
    named = {"month": (names.wide_re, names.wide), "weekday": (names.weekday_re, names.weekdays)}
    rules: list[Rule] = []

    def days_rule(m: re.Match[str], offset: int) -> Match:
        return Match(
            m.start(), m.end(), "", "day", True, lambda a, _f: shift(a, "day", offset) if a else None
        )

    for phrase, offset in data.get("days", {}).items():
        pattern = re.compile(rf"(?<![\w'’]){apostrophes(str(phrase))}\b", re.IGNORECASE)
        rules.append(
            Rule(
                "today" if offset == 0 else "day_word",
                pattern,
                lambda m, o=int(offset): days_rule(m, o),
                (any_of([str(phrase)]),),
            )
        )

    # the night before the article ("nella notte", "overnight"): its day and the one before; a
    # night with a date of its own after it ("nella notte del 6 maggio", "tra giovedì e venerdì")
    # is told by that date
    def night_rule(m: re.Match[str]) -> Match:
        return Match(m.start(), m.end(), "", "day", True, lambda a, _f: _night_before(a) if a else None)

    for phrase in data.get("nights", []):
        pattern = re.compile(
            rf"(?<![\w'’]){apostrophes(str(phrase))}\b(?!\s+(?:del|della|dello|dell['’]|di|tra|fra|of|between|on)\b)",
            re.IGNORECASE,
        )
        rules.append(Rule("night", pattern, night_rule, (any_of([str(phrase)]),)))

    for entry in data.get("relative", []):
        name = str(entry["rule"])
        make = _relative_maker(entry, every_unit, names, lang)
        for phrase in entry["phrases"]:
            regex, needs = phrase_regex(str(phrase), classes, units, every_unit, named)
            has_name = "{month}" in str(phrase) or "{weekday}" in str(phrase)
            flags = re.IGNORECASE if lang == "it" or not has_name else 0
            rules.append(Rule(name, re.compile(regex, flags), make, needs))
    return rules


def _night_before(article: Interval) -> Interval:
    """The article's day and the day before it: what "nella notte", "overnight" span in a
    report written the morning after."""
    before = shift(article, "day", -1)
    return Interval(before.start, article.end, before.precision)


def phrase_regex(
    phrase: str,
    classes: dict[str, list[str]],
    units: dict[str, str],
    every_unit: dict[str, str],
    named: dict[str, tuple[str, dict[str, int]]],
) -> tuple[str, tuple[frozenset[str], ...]]:
    """A time.yaml phrase ("{det?} {past} {unit}") as a regex, and the words a match needs
    (``Rule.needs``); each class word brings its own separator, so an elided "l'" joins the
    next word ("l'anno") and others need a space. A leading "[in|a]" must precede the
    phrase; the span (group ``x``) leaves it out."""
    tokens = phrase.split()
    required = ""
    needs = []
    if tokens and tokens[0].startswith("[") and tokens[0].endswith("]"):
        required = r"(?i:" + alternation(tokens[0][1:-1].split("|")) + r")\s+"
        needs.append(any_of(tokens[0][1:-1].split("|")))
        tokens = tokens[1:]
    parts = []
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        match = re.fullmatch(r"\{(\w+)(\?)?\}", token)
        if not match:
            sep = "" if last else (r"\s*" if token.endswith("'") else r"\s+")
            parts.append("(?i:" + apostrophes(token) + ")" + sep)
            needs.append(any_of([token]))
            continue
        name, optional = match.group(1), bool(match.group(2))
        if name in ("unit", "units"):
            words = units if name == "unit" else every_unit
            parts.append(f"(?P<unit>(?i:{alternation(words)}))" + ("" if last else r"\s+"))
            needs.append(any_of(words))
        elif name == "n":
            # "tre mesi", "three-month": a hyphen may join the number and the unit
            parts.append(r"(?P<n>\d+(?:[.,]\d+)?|[^\W\d_]+(?:-[^\W\d_]+)?)" + ("" if last else r"(?:\s+|-)"))
        elif name in named:
            parts.append(f"(?P<{name}>{named[name][0]})" + ("" if last else r"\s+"))
            needs.append(any_of(named[name][1]))
        else:
            alternatives = []
            for word in sorted(classes[name], key=len, reverse=True):
                sep = "" if last else (r"\s*" if word.endswith("'") else r"\s+")
                alternatives.append(apostrophes(word) + sep)
            group = "(?i:" + "|".join(alternatives) + ")"
            parts.append(group + ("?" if optional else ""))
            if not optional:
                needs.append(any_of(classes[name]))
    # An apostrophe may come before: "nell'ultimo anno" → "ultimo anno".
    regex = r"(?<!\w)" + required + "(?P<x>" + "".join(parts) + r")(?![\w'’])"
    return regex, tuple(g for g in needs if g)


def _relative_maker(
    entry: dict[str, Any],
    units: dict[str, str],
    names: CalendarNames,
    lang: str,
) -> Callable[[re.Match[str]], Match | None]:
    of = "previous" if entry.get("of") == "previous" else "article"
    wide, weekdays = names.wide, names.weekdays

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


@lru_cache(maxsize=4096)
def _count(text: str, lang: str) -> float | None:
    if text[0].isdigit():
        return parse_number(text, lang)
    value = parse_number_word(text, lang)
    return float(value) if value is not None else None
