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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import simplemma

from cronaca.errors import ResourceError
from cronaca.extract.base import Doc, component
from cronaca.extract.letters import unsafe_letters
from cronaca.extract.numbers import (
    base_language,
    conventions,
    number_pattern,
    parse_number,
    parse_number_word,
)
from cronaca.model import Mention
from cronaca.resources import load_yaml

COMPONENT = "quantities@2"
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
    range_pattern: re.Pattern[str]
    unit_before: frozenset[str]  # words between a unit and a number after it ("container a 20.000")
    starts: Starts | None = None  # where the two patterns may begin a match (None: anywhere)

    @property
    def canonical(self) -> frozenset[str]:
        """The canonical units (people, soldiers, drones …) a plain number word may count."""
        return frozenset(self.units.values())


@dataclass(frozen=True)
class Starts:
    """What the text must hold where ``Rules.pattern`` or ``Rules.range_pattern`` begins a
    match, so that they are tried only there (``match_starts``) instead of at every character."""

    first_words: frozenset[str]  # first words of approximators, vague counts, number words, "tra"
    multipliers: frozenset[str]  # "milioni": the words before one may be a number ("dieci milioni")
    runs: re.Pattern[str]  # digit runs, letter runs, and the signs that currency symbols hold
    signs: dict[str, tuple[int, ...]]  # sign → where it stands in a symbol ("$" in "US$": 0 and 2)
    unsafe: re.Pattern[str] | None  # a letter that makes comparing lower-cased words unsafe


COMPOUNDS = ("mila", "mille")  # what the Italian compound numbers of ``cword`` hold ("duemila", "millecento")
_COMPOUND = re.compile("|".join(COMPOUNDS))  # one C-level search per word, not a generator


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
    mila, mille = COMPOUNDS
    compound = rf"|(?P<cword>[^\W\d_]+{mila}[^\W\d_]*|{mille}[^\W\d_]*)\b" if lang == "it" else ""
    currency = _alternation(s for s in symbols if not s.isalpha())
    pattern = re.compile(
        rf"(?:(?<!\w)(?P<cue>{_alternation(approximators)})\s+)?"
        rf"(?:(?P<cur>{currency})\s?)?"
        rf"(?:(?P<num>{number_pattern()})(?:\s*(?P<mult>{mults})\b|(?![^\W_]))"
        rf"|(?<!\w)(?P<vague>{_alternation(vague)})\b"
        rf"|(?<!\w)(?P<word>[^\W\d_]+(?:-[^\W\d_]+)?)\s+(?P<wmult>{mults})\b"
        rf"{compound}"
        rf"|(?<!\w)(?P<pword>{_alternation(w for w, v in conv.words.items() if v >= 2)})\b)",
        re.IGNORECASE,
    )
    number = number_pattern()
    plain = number.replace("?P<sep>", "?:").replace("(?P=sep)", "[.,\u00a0\u202f ]")
    plain_b = plain.replace(r"(?<![\w.,/:\-])", "")
    from_words = _alternation(str(w) for w in data.get("range_from", []))
    to_words = _alternation(str(w) for w in data.get("range_to", []))
    range_pattern = re.compile(
        rf"(?:(?<!\w)(?P<cue>{_alternation(approximators)})\s+)?"
        rf"(?:(?P<cur>{currency})\s?)?"
        rf"(?:(?<!\w)(?P<from>{from_words})\s+(?P<a>{plain})(?:\s*(?P<am>{mults})\b)?\s+(?:{to_words})\s+"
        rf"|(?P<a2>{plain})(?:\s*(?P<am2>{mults})\b)?\s*[-–]\s*)"
        rf"(?:{currency})?\s?(?P<b>{plain_b})(?:\s*(?P<bm>{mults})\b|(?![^\W_]))",
        re.IGNORECASE,
    )
    first_words = [*approximators, *vague, *(w for w, v in conv.words.items() if v >= 2)]
    first_words += [str(w).lower() for w in data.get("range_from", [])]
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
        range_pattern,
        frozenset(_norm(str(w)) for w in data.get("unit_before", [])),
        _starts_for(first_words, conv.multipliers, [s for s in symbols if not s.isalpha()]),
    )


def _starts_for(phrases: list[str], multipliers: Iterable[str], currency: list[str]) -> Starts | None:
    """The ``Starts`` of a language's patterns; None (try them everywhere) when a phrase does
    not begin with a letter, a multiplier is not one word or a symbol holds no sign, which
    ``match_starts`` does not expect."""
    first = [re.match(r"[^\W\d_]+", phrase) for phrase in phrases]
    signs: dict[str, list[int]] = {}
    for symbol in currency:
        at = next((k for k, c in enumerate(symbol) if not c.isalpha()), None)
        if at is None:
            return None
        signs.setdefault(symbol[at], []).append(at)
    multipliers = frozenset(multipliers)
    if not all(first) or not all(re.fullmatch(r"[^\W\d_]+", w) for w in multipliers):
        return None
    first_words = frozenset(m.group() for m in first if m)
    runs = r"(?P<digits>\d+)|(?P<word>[^\W\d_]+)"
    if signs:
        runs += "|(?P<sign>[" + "".join(re.escape(c) for c in sorted(signs)) + "])"
    return Starts(
        first_words,
        multipliers,
        re.compile(runs),
        {sign: tuple(sorted(set(at))) for sign, at in signs.items()},
        unsafe_letters(c for word in (*first_words, *multipliers, *COMPOUNDS) for c in word),
    )


def match_starts(text: str, starts: Starts) -> list[int] | None:
    """Every offset where a quantity pattern may begin a match, in order: a digit run, a
    currency symbol, a word that begins an approximator, a vague count, a number word or a
    range ("circa", "centinaia", "cinque", "tra"), the two words before a multiplier
    ("dieci milioni", "twenty-five million"), each letter of a word that holds "mila" or
    "mille" ("duemila", which may start inside a word). More offsets than the patterns match at,
    never fewer; None when the text holds a letter that makes lower-casing unsafe."""
    if starts.unsafe is not None and starts.unsafe.search(text):
        return None
    found: set[int] = set()
    before = (-1, -1)  # the starts of the two runs before this one
    for m in starts.runs.finditer(text):
        at = m.start()
        kind = m.lastgroup
        if kind == "word":
            word = m.group().lower()
            if word in starts.first_words:
                found.add(at)
            if word in starts.multipliers:
                found.update(k for k in before if k >= 0)
            if _COMPOUND.search(word):
                found.update(range(at, m.end()))
        elif kind == "digits":
            found.add(at)
        else:
            found.update(at - k for k in starts.signs[m.group()] if at >= k)
        before = (before[1], at)
    return sorted(found)


def _matches(pattern: re.Pattern[str], text: str, offsets: list[int] | None) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only at ``offsets`` (``match_starts``;
    None: everywhere): the same matches (at each start the same match; a lookbehind still
    sees the text before it), for a fraction of the work."""
    if offsets is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for at in offsets:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            end = m.end()


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
    offsets = match_starts(text, rules.starts) if rules.starts is not None else None
    mentions: list[Mention] = _ranges(text, rules, skip, offsets)
    taken = [(r.start, r.end) for r in mentions]
    for m in _matches(rules.pattern, text, offsets):
        number_start, number_end = _number_span(m)
        if any(number_start < end and start < number_end for start, end in [*skip, *taken]):
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
        elif m.groupdict().get("pword"):
            # a number written as a plain word ("cinque morti", "five jets") counts only a
            # known unit: "tre volte", "due anni fa", "one of them" are no counts
            value, rule = float(conv.words[m.group("pword").lower()]), "words"
            unit, _ = _counted(text, m.end(), rules)
            if unit not in rules.canonical:
                continue
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
        start = m.start()
        if not unit:
            unit, start = _unit_before(text, m.start(), rules)
        lower, upper = bounds(value, kind)
        end = max(end, m.end())
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


def _range_value(raw: str, mult: str | None, rules: Rules) -> float | None:
    value = parse_number(raw, rules.language)
    if value is not None and mult:
        value *= conventions(rules.language).multipliers[mult.lower()]
    return value


def _ranges(
    text: str, rules: Rules, skip: Iterable[tuple[int, int]], offsets: list[int] | None = None
) -> list[Mention]:
    """ "tra 5.000 e 7.000 soldati", "between 5,000 and 7,000", "5.000-7.000", "5-7.000",
    "2-3 milioni": one quantity, lower = the first number, upper = the second, value = the
    midpoint. A bare first number takes the magnitude of the second ("5-7.000" → 5000)."""
    found = []
    for m in _matches(rules.range_pattern, text, offsets):
        if any(m.start() < end and start < m.end() for start, end in skip):
            continue
        a_raw, a_mult = (m.group("a"), m.group("am")) if m.group("from") else (m.group("a2"), m.group("am2"))
        b = _range_value(m.group("b"), m.group("bm"), rules)
        a = _range_value(a_raw, a_mult or m.group("bm"), rules)
        if a is None or b is None or _four_digit_year(m.group("b"), b) and not m.group("bm"):
            continue
        if not a_mult and not m.group("bm") and a_raw.isdigit() and a < b:
            scale = 10 ** (len(str(int(b))) - len(str(int(a))))
            if scale > 1 and a * scale < b and b % scale == 0:
                a *= scale  # "5-7.000": the thousands of the second number are the first's too
        if not a < b:
            continue
        unit, end = _counted(text, m.end(), rules)
        if m.group("cur"):
            unit = rules.symbols.get(m.group("cur"), unit)
        start = m.start()
        if not unit:
            unit, start = _unit_before(text, m.start(), rules)
        cue = _norm(m.group("cue") or "")
        lower, upper = a, b
        if cue:
            kind = rules.approximators.get(cue, "exact")
            lower, upper = bounds(a, kind)[0], bounds(b, kind)[1]
        end = max(end, m.end())
        found.append(
            Mention(
                "quantity",
                start,
                end,
                text[start:end],
                label=unit,
                value={
                    "value": _round((a + b) / 2),
                    "lower": lower,
                    "upper": upper,
                    "unit": unit,
                    "approx": cue or "range",
                    "range": [a, b],
                },
                component=COMPONENT,
                rule=f"{rules.language}.range",
            )
        )
    return found


def _unit_before(text: str, start: int, rules: Rules) -> tuple[str, int]:
    """A known unit written before the number, joined to it only by ``unit_before`` words:
    "container a 20.000", "the number of soldiers rose to 20,000". Returns (unit, new start)."""
    window = text[max(0, start - 60) : start]
    tokens = list(re.finditer(r"[^\W\d_]+(?:['’])?", window))
    if not tokens or window[tokens[-1].end() :].strip():
        return "", start
    words = [_norm(t.group()) for t in tokens]
    j = len(words)
    while j > 0 and words[j - 1] in rules.unit_before and len(words) - j < 3:
        j -= 1
    if j == len(words):
        return "", start
    for n in (2, 1):
        key = tuple(words[j - n : j])
        if j - n >= 0 and key in rules.units:
            return rules.units[key], start
    return "", start


def _number_span(m: re.Match[str]) -> tuple[int, int]:
    groups = m.groupdict()
    for group in ("num", "word", "cword", "pword", "vague"):
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


@component("quantities", version=2, requires=["tokens", "sentences"], assigns=["quantities"])
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
