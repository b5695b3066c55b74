"""Numbers as Italian and English news write them: "12.000", "12,000", "1,5", "dodicimila".

The separators and number words are per-language data (``resources/<lang>/quantities.yaml``);
this module only holds the engine. ``parse_number`` reads a digit string the way the
article's language writes it: in Italian "12.000" is twelve thousand and "1,5" one and a
half, in English "12,000" and "1.5". A string that cannot be a thousands grouping in its
own language but has the other language's decimal mark ("1.5" in an Italian article) is
read leniently as a decimal, since "1.5 milioni" does appear in Italian copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cronaca.errors import ResourceError
from cronaca.resources import load_yaml

LANGUAGES = ("it", "en")


@dataclass(frozen=True)
class NumberConventions:
    """How one language writes numbers."""

    language: str
    decimal: str
    thousands: frozenset[str]
    multipliers: dict[str, int]
    words: dict[str, int]

    @property
    def other_decimal(self) -> str:
        return "." if self.decimal == "," else ","


def base_language(language: str | None) -> str:
    """ "it-IT" → "it"; unknown or empty → "en"."""
    code = (language or "").lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else "en"


@cache
def conventions(language: str) -> NumberConventions:
    lang = base_language(language)
    data = load_yaml(f"{lang}/quantities.yaml")
    try:
        return NumberConventions(
            lang,
            str(data["decimal"]),
            frozenset(str(c) for c in data["thousands"]),
            {str(k).lower(): int(v) for k, v in data["multipliers"].items()},
            {str(k).lower(): int(v) for k, v in data["words"].items()},
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ResourceError(f"{lang}/quantities.yaml lacks or mistypes a number field: {e}") from e


_GROUPED = re.compile(r"(\d{1,3})((?:(\D)\d{3})(?:\3\d{3})*)(?:(\D)(\d+))?")
_PLAIN = re.compile(r"(\d+)(?:([.,])(\d+))?")


def parse_number(text: str, language: str) -> float | None:
    """The value of a digit string written the ``language`` way, or None if it is not one."""
    conv = conventions(language)
    s = text.strip()
    grouped = _GROUPED.fullmatch(s)
    if grouped and grouped.group(3) in conv.thousands:
        decimal_mark, fraction = grouped.group(4), grouped.group(5)
        if decimal_mark is None or (decimal_mark == conv.decimal and decimal_mark != grouped.group(3)):
            digits = grouped.group(1) + grouped.group(2).replace(grouped.group(3), "")
            return float(f"{digits}.{fraction}" if fraction else digits)
    plain = _PLAIN.fullmatch(s)
    if not plain:
        return None
    whole, mark, fraction = plain.groups()
    if mark is None:
        return float(whole)
    if mark == conv.decimal:
        return float(f"{whole}.{fraction}")
    # The other language's decimal mark. Three digits after it would be a thousands group in
    # that language ("12,000" in an English quote); in ours it can only be a decimal.
    return float(f"{whole}.{fraction}")


def format_number(value: int, language: str, grouping: str | None = None) -> str:
    """An integer written the ``language`` way: 12000 → "12.000" (it) or "12,000" (en)."""
    sep = grouping if grouping is not None else ("." if base_language(language) == "it" else ",")
    return f"{value:,}".replace(",", sep)


def parse_number_word(word: str, language: str) -> int | None:
    """A number written as one word or hyphenated compound: "dodicimila", "duecento", "twenty-five"."""
    conv = conventions(language)
    w = word.lower().strip()
    if not w:
        return None
    if w in conv.words:
        return conv.words[w]
    if conv.language == "it":
        return _italian_compound(w, conv.words)
    if "-" in w:  # English "twenty-five"
        head, _, tail = w.partition("-")
        tens, units = conv.words.get(head), conv.words.get(tail)
        if tens and units and tens % 10 == 0 and tens >= 20 and 1 <= units <= 9:
            return tens + units
    return None


def _italian_compound(w: str, words: dict[str, int]) -> int | None:
    """Italian writes numbers below a million as one word: tre+mila, due+cento+mila+cinque,
    vent+itré, cent+otto (a vowel is dropped before "otto"/"ottanta" and "uno")."""
    if "mila" in w:
        head_text, _, tail_text = w.partition("mila")
        head = _below_thousand(head_text, words)
        tail = _below_thousand(tail_text, words) if tail_text else 0
        if head is None or not 2 <= head < 1000 or tail is None:
            return None
        return head * 1000 + tail
    if w.startswith("mille"):
        tail = _below_thousand(w[5:], words) if len(w) > 5 else 0
        return 1000 + tail if tail is not None else None
    return _below_thousand(w, words)


def _below_thousand(w: str, words: dict[str, int]) -> int | None:
    if "cento" in w:
        head_text, _, tail_text = w.partition("cento")
        head = 1 if not head_text else words.get(head_text)
        if head is None or not 1 <= head <= 9 or (head == 1 and head_text):
            return None
        if not tail_text:
            return head * 100
        tail = _below_hundred(tail_text, words)
        if tail is None and tail_text.startswith("tt"):  # cent+otto, cent+ottanta
            tail = _below_hundred("o" + tail_text, words)
        return head * 100 + tail if tail is not None and 1 <= tail < 100 else None
    return _below_hundred(w, words)


def _below_hundred(w: str, words: dict[str, int]) -> int | None:
    w = w[:-3] + "tré" if w.endswith("tre") and len(w) > 3 else w
    if w in words and words[w] < 100:
        return words[w]
    for tens_word, tens in words.items():
        if tens % 10 or not 20 <= tens <= 90:
            continue
        for stem in (tens_word, tens_word[:-1]):  # "ventuno", "trentotto" drop the vowel
            rest = w[len(stem) :]
            if w.startswith(stem) and rest and words.get(rest, 0) in range(1, 10):
                return tens + words[rest]
    return None


def multiplier(word: str, language: str) -> int | None:
    """The factor of a multiplier word: "mila" → 1000, "milioni" → 1e6, "billion" → 1e9."""
    return conventions(language).multipliers.get(word.lower())


def number_pattern() -> str:
    """A regex for digit strings with optional grouping and a decimal part (either language).

    It does not start inside a word or another number ("KN-23", "1/2"); the caller reads
    the match with ``parse_number``.
    """
    return (
        r"(?<![\w.,/:\-])"
        r"(?:\d{1,3}(?:(?P<sep>[.,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
        r"(?![\d]|[.,:/]\d)"
    )
