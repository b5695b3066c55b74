"""Quantities: how many of what, with the bounds an approximator implies.

A quantity is an optional approximator ("ben", "più di", "up to"), an optional currency
symbol, a number (digits written the article language's way, "10mila", "1,5 milioni",
"dodicimila", "three thousand") or a vague count ("centinaia di", "a dozen"), and the noun
it counts, mapped through ``resources/units.yaml`` to a canonical English unit or, failing
that, lemmatised with simplemma.

Span convention: from the approximator (or currency symbol) to the counted noun when one
is found ("oltre 1,5 milioni di persone"), else to the end of the number.

Bounds: exact → lower = upper = value; ``about`` → ±10%; ``nearly`` → 0.9·value..value;
``min`` → value..None; ``max`` → None..value. The cue words and their kinds are data in
``resources/<lang>/quantities.yaml``.

Not quantities: numbers inside a time expression (the timexes component runs first),
four-digit years 1900–2100 after a year preposition or with no known unit after them,
clock times ("alle 14.30", "14:30"), ordinals ("3°", "1st") and numbers glued to words
("KN-23", "F16").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import simplemma

from cronaca.errors import ResourceError
from cronaca.extract.numbers import (
    base_language,
    conventions,
    number_pattern,
    parse_number,
    parse_number_word,
)
from cronaca.extract.pipeline import Doc, component
from cronaca.model import Mention
from cronaca.resources import load_yaml

COMPONENT = "quantities@1"
BOUNDS = ("exact", "about", "nearly", "min", "max")
LOOKAHEAD_WORDS = 5  # how far after a number the counted noun may be ("3,000 North Korean troops")
_TOKEN = re.compile(r"%|US\$|[$€£]|[^\W\d_]+(?:['’](?=\s))?|[^\W\d_]+['’]|\S")
_PUNCT = re.compile(r"[^\w%$€£'’]")


def bounds(value: float, kind: str) -> tuple[float | None, float | None]:
    """The (lower, upper) bounds an approximator of ``kind`` puts around ``value``."""
    if kind == "exact":
        return value, value
    if kind == "about":
        return _round(value * 0.9), _round(value * 1.1)
    if kind == "nearly":
        return _round(value * 0.9), value
    if kind == "min":
        return value, None
    if kind == "max":
        return None, value
    raise ValueError(f"unknown bounds kind {kind!r}; expected one of {BOUNDS}")


def _round(x: float) -> float:
    return float(round(x, 6))


@dataclass(frozen=True)
class Rules:
    language: str
    pattern: re.Pattern[str]
    approximators: dict[str, str]
    vague: dict[str, tuple[float, str]]
    link_words: frozenset[str]
    year_words: frozenset[str]
    time_words: frozenset[str]
    stop_words: frozenset[str]
    units: dict[tuple[str, ...], str]  # lower-cased word sequence → canonical unit
    symbols: dict[str, str]


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(set(words), key=len, reverse=True))


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


@cache
def rules_for(language: str) -> Rules:
    lang = base_language(language)
    data = load_yaml(f"{lang}/quantities.yaml")
    unit_data = load_yaml("units.yaml")
    try:
        approximators = {_norm(str(k)): str(v) for k, v in data["approximators"].items()}
        if any(v not in BOUNDS for v in approximators.values()):
            raise ValueError(f"approximator kinds must be among {BOUNDS}")
        vague = {_norm(str(k)): (float(v["value"]), str(v["bounds"])) for k, v in data["vague"].items()}
        units: dict[tuple[str, ...], str] = {}
        symbols: dict[str, str] = {}
        for canonical, forms in unit_data["units"].items():
            for form in forms.get(lang, []):
                units[tuple(_norm(str(form)).split())] = str(canonical)
            for symbol in forms.get("symbols", []):
                symbols[str(symbol)] = str(canonical)
        conv = conventions(lang)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ResourceError(f"{lang}/quantities.yaml or units.yaml is malformed: {e}") from e

    mults = _alternation(conv.multipliers)
    compound = r"|(?P<cword>[^\W\d_]+mila|mille)\b" if lang == "it" else ""
    currency = _alternation(s for s in symbols if not s.isalpha())
    pattern = re.compile(
        rf"(?:(?<!\w)(?P<cue>{_alternation(approximators)})\s+)?"
        rf"(?:(?P<cur>{currency})\s?)?"
        rf"(?:(?P<num>{number_pattern()})(?:\s*(?P<mult>{mults})\b|(?![^\W_]))"
        rf"|(?<!\w)(?P<word>[^\W\d_]+(?:-[^\W\d_]+)?)\s+(?P<wmult>{mults})\b"
        rf"{compound}"
        rf"|(?<!\w)(?P<vague>{_alternation(vague)})\b)",
        re.IGNORECASE,
    )
    return Rules(
        lang,
        pattern,
        approximators,
        vague,
        frozenset(_norm(str(w)) for w in data.get("link_words", [])),
        frozenset(_norm(str(w)) for w in data.get("year_words", [])),
        frozenset(_norm(str(w)) for w in data.get("time_words", [])),
        frozenset(_norm(str(w)) for w in data.get("stop_words", [])),
        units,
        symbols,
    )


def _previous_words(text: str, offset: int, n: int = 2) -> list[str]:
    return [_norm(w) for w in re.findall(r"[^\W\d_]+['’]?", text[max(0, offset - 40) : offset])[-n:]]


def _counted(text: str, offset: int, rules: Rules) -> tuple[str, int]:
    """The canonical unit (or lemma) of what the number at ``offset`` counts, and its end."""
    tokens = []
    for m in _TOKEN.finditer(text, offset, min(len(text), offset + 120)):
        if m.group() in ("-", "‑"):  # compounds: "short-range ballistic missiles"
            continue
        if _PUNCT.fullmatch(m.group()) or m.group()[0].isdigit():
            break
        tokens.append(m)
        if len(tokens) >= LOOKAHEAD_WORDS + 3:
            break
    if not tokens:
        return "", offset
    if tokens[0].start() == offset and tokens[0].group() in rules.symbols:  # "20%"
        return rules.symbols[tokens[0].group()], tokens[0].end()
    words = [_norm(t.group()) for t in tokens]
    i = 0
    while i < len(words) and words[i] in rules.link_words:
        i += 1
    for j in range(i, min(len(words), i + LOOKAHEAD_WORDS)):
        for n in (2, 1):
            key = tuple(words[j : j + n])
            if len(key) == n and key in rules.units:
                return rules.units[key], tokens[j + n - 1].end()
        if words[j] in rules.stop_words or words[j] in rules.link_words:
            break
    if i < len(words):
        word = tokens[i].group()
        if word.isalpha() and word[0].islower() and _norm(word) not in rules.stop_words:
            return simplemma.lemmatize(word.lower(), lang=rules.language), tokens[i].end()
    return "", offset


def find_quantities(text: str, language: str, skip: list[tuple[int, int]] = ()) -> list[Mention]:
    """Every quantity in ``text``; numbers overlapping a ``skip`` span (a timex) are left out."""
    rules = rules_for(language)
    conv = conventions(rules.language)
    mentions: list[Mention] = []
    for m in rules.pattern.finditer(text):
        number_start, number_end = _number_span(m)
        if any(number_start < end and start < number_end for start, end in skip):
            continue
        cue = _norm(m.group("cue") or "")
        kind = rules.approximators.get(cue, "exact")
        rule = "digits"
        if m.group("num"):
            value = parse_number(m.group("num"), rules.language)
            if value is None or _not_a_count(text, m, value, rules):
                continue
            if m.group("mult"):
                value *= conv.multipliers[m.group("mult").lower()]
        elif m.group("word"):
            word_value = parse_number_word(m.group("word"), rules.language)
            if word_value is None:
                continue
            value, rule = float(word_value * conv.multipliers[m.group("wmult").lower()]), "words"
        elif m.groupdict().get("cword"):
            word_value = parse_number_word(m.group("cword"), rules.language)
            if word_value is None:
                continue
            value, rule = float(word_value), "words"
        else:
            value, vague_kind = rules.vague[_norm(m.group("vague"))]
            rule = "vague"
            if not cue:
                kind, cue = vague_kind, _norm(m.group("vague"))
        unit, end = _counted(text, m.end(), rules)
        if m.group("cur"):
            unit = rules.symbols.get(m.group("cur"), unit)
            end = m.end()
        lower, upper = bounds(value, kind)
        start, end = m.start(), max(end, m.end())
        mentions.append(
            Mention(
                "quantity",
                start,
                end,
                text[start:end],
                label=unit,
                value={"value": value, "lower": lower, "upper": upper, "unit": unit, "approx": cue},
                component=COMPONENT,
                rule=f"{rules.language}.{rule}",
            )
        )
    return mentions


def _number_span(m: re.Match[str]) -> tuple[int, int]:
    groups = m.groupdict()
    for group in ("num", "word", "cword", "vague"):
        if groups.get(group):
            return m.start(group), m.end(group)
    return m.start(), m.end()


def _four_digit_year(raw: str, value: float) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


def _not_a_count(text: str, m: re.Match[str], value: float, rules: Rules) -> bool:
    """Years, clock times and ordinals written in digits."""
    raw, end = m.group("num"), m.end("num")
    after = text[end : end + 1]
    if after in ("°", "º", "ª"):
        return True
    before = _previous_words(text, m.start("num"))
    if before and before[-1] in rules.time_words:
        return True
    if _four_digit_year(raw, value) and not m.group("mult") and not m.group("cur"):
        if before and (before[-1] in rules.year_words or " ".join(before) in rules.year_words):
            return True
        unit, _ = _counted(text, m.end(), rules)
        return unit not in set(rules.units.values())
    return False


@component("quantities", version=1, requires=["tokens", "sentences"], assigns=["quantities"])
def quantities():
    """Find quantities with their unit and the bounds their approximator implies."""

    def process(doc: Doc) -> None:
        skip = [(t.start, t.end) for t in doc.of_kind("timex")]
        doc.mentions.extend(find_quantities(doc.text, doc.language, skip))

    return process


def quantity_dict(mention: Mention) -> dict[str, Any]:
    """A quantity mention as the fields of ``model.Quantity`` (for the events component)."""
    v = mention.value
    return {
        "value": v["value"],
        "lower": v["lower"],
        "upper": v["upper"],
        "unit": v["unit"],
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
    }
