"""Finding candidates: every rule of the language run over the text, and the overlaps
settled (the longer candidate wins).

Two cheap first passes keep the ~100 rule patterns off most of the text:

- *windows*: the rules only run within ``WINDOW_MARGIN`` characters of a digit or of a
  word an expression is anchored on (a month, a weekday, a unit, a day word, a word of a
  relative phrase);
- *needs*: within a window, a rule only runs when the window holds one word of each group
  of its ``Rule.needs`` (a unit word for "{n} {units} fa", "fa" too). This is checked on
  the lower-cased text, which finds every word the rule's pattern could match as long as
  lower-casing keeps the length of the text and the text holds no character that a
  case-insensitive pattern matches to a different letter ("ſ" for "s"; see
  ``extract/letters.py``); a text that does runs every rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from cronaca.extract.letters import unsafe_letters
from cronaca.extract.patterns import trie_alternation
from cronaca.extract.time.candidates import Found, Match, Rule
from cronaca.extract.time.names import month_names, weekday_names
from cronaca.extract.time.rules import LANGUAGES, rules_for
from cronaca.resources import load_yaml

WINDOW_MARGIN = 120  # characters around a hint where an expression may lie


@cache
def hint_words(language: str) -> frozenset[str]:
    """The words an expression is anchored on (a month, a weekday, a unit, a day word, a
    literal word of a relative phrase), lower-cased. Words under four letters ("del", "fa")
    never anchor one alone: the phrases they appear in also hold a unit or a number."""
    data = load_yaml(f"{language}/time.yaml")
    words: set[str] = set(month_names(language)[0]) | set(weekday_names(language))
    words |= {str(w).lower() for w in (data.get("units") or {})}
    words |= {str(w).lower() for w in (data.get("plurals") or {}).values() if isinstance(w, str)}
    words |= {str(w).lower() for w in (data.get("plurals") or {})}
    # a night phrase is anchored on its noun only ("notte", "overnight", "hours"), not on the
    # common words around it ("nella", "durante", "questa"), which would open a window everywhere
    words |= {str(p).lower().split()[-1] for p in data.get("nights") or []}
    for phrase in [*(data.get("days") or {}), *(p for r in data.get("relative") or [] for p in r["phrases"])]:
        for word in re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", str(phrase).lower()).split():
            if len(word.strip("'’")) >= 4:
                words.add(word)
    return frozenset(words)


@cache
def hint(language: str) -> re.Pattern[str]:
    """Digits, or one of the ``hint_words``: a cheap first pass, so the rule patterns only
    run near one of them. A run of digits gives the same window as each of its digits
    would; the words are written as a trie, which finds what their alternation finds."""
    return re.compile(rf"\d+|(?<!\w)(?:{trie_alternation(hint_words(language))})", re.IGNORECASE)


def windows(text: str, language: str) -> list[tuple[int, int]]:
    """Merged spans of text around every hint; the whole text for unknown languages."""
    if language not in LANGUAGES:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in hint(language).finditer(text):
        lo, hi = max(0, m.start() - WINDOW_MARGIN), min(n, m.end() + WINDOW_MARGIN)
        if spans and lo <= spans[-1][1]:
            lo = spans[-1][0]  # merged: where it starts is known already
        else:
            while lo > 0 and not text[lo - 1].isspace():  # never start or end inside a word
                lo -= 1
        while hi < n and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


@dataclass(frozen=True)
class _Gate:
    """The words a language's rules need, and the characters that make checking unsafe.

    Each group of needed words is a bit; each rule needs a mask of them. One pass of
    ``finder`` over a window lists the needed words it holds (the longest at each position:
    ``held`` also gives the bits of the needed words that are prefixes of it), so a rule's
    test is one ``&``, where a ``str.find`` per word per rule cost a third of the stage."""

    masks: tuple[int, ...]  # per rule: the bits of the groups it needs
    finder: re.Pattern[str] | None  # the needed words, at every position of lower-cased text
    held: dict[str, int]  # a word the finder matches → the bits of the groups it holds
    unsafe: re.Pattern[str] | None  # a character that matches a needed letter but lowers to another


@cache
def _gate(language: str) -> _Gate:
    rules = rules_for(language)[0]
    index: dict[frozenset[str], int] = {}
    needs = tuple(tuple(index.setdefault(g, len(index)) for g in rule.needs if g) for rule in rules)
    # a word that holds another word of its group adds nothing: "agosto" after "ago"
    groups = tuple(tuple(sorted(w for w in g if not any(v != w and v in w for v in g))) for g in index)
    bits: dict[str, int] = {}
    for i, group in enumerate(groups):
        for word in group:
            bits[word] = bits.get(word, 0) | 1 << i
    held = {w: sum(b for v, b in bits.items() if w.startswith(v)) for w in bits}
    # the longest word at a position: a trie does find it, but it lets ' match ’ too
    exact = any("'" in w or "’" in w for w in bits)
    longest_first = sorted(bits, key=len, reverse=True)
    words = "|".join(map(re.escape, longest_first)) if exact else trie_alternation(bits)
    finder = re.compile(f"(?=({words}))") if bits else None
    unsafe = unsafe_letters(c for g in groups for word in g for c in word)
    return _Gate(tuple(sum(1 << i for i in need) for need in needs), finder, held, unsafe)


def candidates(text: str, language: str, rules: Sequence[Rule]) -> list[tuple[Match, str]]:
    """Every candidate of every rule, window by window, in rule order within a window."""
    found: list[tuple[Match, str]] = []
    spans = windows(text, language)
    if not spans:
        return found
    gate = _gate(language) if language in LANGUAGES else None
    masks: Sequence[int] = gate.masks if gate is not None else [0] * len(rules)
    lowered, finder, bits = "", None, {}
    if gate is not None:
        lowered = text.lower()
        if len(lowered) == len(text) and not (gate.unsafe and gate.unsafe.search(text)):
            finder, bits = gate.finder, gate.held
    for lo, hi in spans:
        held = -1  # every group: no needed words, or lower-casing cannot be trusted
        if finder is not None:
            held = 0
            for word in set(finder.findall(lowered, lo, hi)):
                held |= bits[word]
        for rule, need in zip(rules, masks, strict=True):
            if need & ~held:
                continue
            for m in rule.pattern.finditer(text, lo, hi):
                try:
                    candidate = rule.make(m)
                except KeyError:
                    # A case-insensitive pattern also matches odd letters ("ſettimana",
                    # "lunedı") that str.lower() leaves alone, so the matched word is not a
                    # key of the name tables: it is no time expression.
                    continue
                if candidate is not None:
                    found.append((candidate, rule.name))
    return found


def choose(candidates: list[tuple[Match, str]]) -> list[Found]:
    """The candidates that win their overlaps, in text order: longest first, then the
    earliest; an expression inside a longer one ("2024" in "giugno del 2024") loses."""
    ordered = sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), c[0].start))
    taken: list[Found] = []
    for match, name in ordered:
        if any(match.start < t.end and t.start < match.end for t in taken):
            continue
        taken.append(Found(match, name, match.start, match.end))
    taken.sort(key=lambda f: f.start)
    return taken
