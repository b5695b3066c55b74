"""Month and weekday names from CLDR (babel), and the regex alternations built from words.

English names are matched with their capital ("May", "March"), so "may" and "march" stay
verbs; Italian names in any case, weekdays also without the accent ("lunedi").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names


def apostrophes(text: str) -> str:
    """A regex-escaped literal in which ' also matches ’."""
    return re.escape(text).replace("'", "['’]")


def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, ' matching ’ too."""
    return "|".join(apostrophes(w) for w in sorted(set(words), key=len, reverse=True))


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


def trie_alternation(words: Iterable[str]) -> str:
    """The same as ``alternation(words)`` under ``re.IGNORECASE``, written as a trie
    ("mar(?:zo|tedì)"), which the regex engine tries much faster at each position.

    It finds the same match: where several words match, the alternation takes the longest
    (it lists them longest first) and so does the trie (it goes as deep as it can). That
    holds while no two words branch on letters that one character matches in either case
    ("s", "ſ"); then, and for a word with a ’, the plain alternation is returned.
    """
    words = set(words)
    if not words or any("’" in w or not w for w in words):
        return alternation(words)
    end = ""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for c in word:
            node = node.setdefault(c, {})
        node[end] = {}

    def emit(node: dict[str, dict]) -> str | None:
        letters = sorted(c for c in node if c != end)
        for i, a in enumerate(letters):
            if any(re.fullmatch(apostrophes(a), b, re.IGNORECASE) for b in letters[i + 1 :]):
                return None
        branches = []
        for c in letters:
            rest = emit(node[c])
            if rest is None:
                return None
            branches.append(apostrophes(c) + rest)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end in node else body

    trie = emit(root)
    return alternation(words) if trie is None else trie
