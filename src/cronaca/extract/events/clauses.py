"""Clauses of one sentence, from punctuation and the words that open clauses (no parser).

Event roles and factuality cues are looked for inside the trigger's clause, so that a hedge
in one clause does not reach an event in another: in "La Russia potrebbe fornire droni alla
Corea del Nord in cambio delle truppe che combattono a Kursk" the fighting is not a
*possible* event, and in "Kim ha affermato che sarà necessario ampliare la produzione e ha
ordinato la costruzione di nuovi stabilimenti" the order is not a *future* one.

A sentence is cut into *segments*. A clause interrupted by another one ("La Russia, che …,
ha inviato") is one *group* of several segments. Each group has a kind and a parent:

- ``main``: a top-level clause; ``;``, ``—`` and ``–`` start another one;
- ``complement``: opened by a complementizer ("che", "that") after a verb, a reporting
  verb or a word in ``complement_heads`` ("è possibile che"), and by ``:``; it inherits
  the cues of the clause it completes ("Si vociferava che …", "Iran denied that …");
- ``relative``: opened by a relative word ("cui", "which", "dove") or by a complementizer
  after a noun ("le truppe che combattono"); it ends at the next comma;
- ``adverbial`` and ``concessive``: opened by a subordinator ("poiché", "because";
  "sebbene", "although"); they end at the next comma. A concessive clause comments on the
  clause it hangs on: its denial and non-acknowledgement cues reach that clause ("… sarebbero
  in Russia, sebbene né Pyongyang né Mosca abbiano riconosciuto la loro presenza");
- ``coordinate``: opened by "ma"/"but", or by "e"/"and" right before a finite auxiliary or
  after a comma and before a preposition (", and in a video …")
  ("e ha ordinato", "and has sent"); a sibling of the clause before it, sharing nothing;
- ``gerund``: a gerund after a comma ("aggiungendo che …", "adding that …"); it ends at the
  next comma;
- ``parenthetical``: between brackets.

Which words open which clauses is data: the ``clauses`` section of ``cues.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cronaca.extract.events.cues import Cues
from cronaca.extract.sentence_view import SentenceView

SENTENCE_PARTS = {";", "—", "–", "…"}  # what separates two top-level clauses (an ellipsis too)
CLOSE_AT_COMMA = {"relative", "adverbial", "concessive", "gerund", "purpose"}
INHERITS = {"complement", "purpose"}  # kinds that take the cues of their parent clause


@dataclass(frozen=True)
class Group:
    kind: str
    parent: int  # the governing group; -1 for a top-level clause
    marker: int  # the token that opened it; -1 for the first clause


class Clauses:
    """The clauses of one sentence: for each token, its group, and the groups' kinds and parents."""

    def __init__(self, n: int, groups: list[Group], segments: list[tuple[int, int, int]]) -> None:
        self.groups = groups
        self.segments = segments
        self._group = [0] * n
        for start, end, group in segments:
            for k in range(start, end):
                self._group[k] = group
        self._tokens: dict[int, list[int]] = {}
        for k, g in enumerate(self._group):
            self._tokens.setdefault(g, []).append(k)

    def group(self, i: int) -> int:
        return self._group[i]

    def kind(self, i: int) -> str:
        return self.groups[self._group[i]].kind

    def marker(self, i: int) -> int:
        return self.groups[self._group[i]].marker

    def tokens(self, i: int) -> list[int]:
        """The tokens of the clause (all segments of the group) that holds token ``i``."""
        return self._tokens[self._group[i]]

    def same(self, i: int, j: int) -> bool:
        return self._group[i] == self._group[j]

    def scope(self, i: int) -> list[int]:
        """The tokens whose cues reach token ``i``: its clause and, for a complement clause,
        the clauses it completes."""
        group = self._group[i]
        seen: set[int] = set()
        while group >= 0 and group not in seen:
            seen.add(group)
            if self.groups[group].kind not in INHERITS:
                break
            group = self.groups[group].parent
        return sorted(k for g in seen for k in self._tokens.get(g, []))

    def comments(self, i: int) -> list[list[int]]:
        """Token lists of the concessive clauses that hang on token ``i``'s clause."""
        group = self._group[i]
        return [
            self._tokens.get(g, [])
            for g, info in enumerate(self.groups)
            if info.kind == "concessive" and info.parent == group
        ]


def clauses_of(sent: SentenceView, cues: Cues) -> Clauses:
    """The sentence's clauses, segmented once per sentence view."""
    found = sent.cache.get("clauses")
    if not isinstance(found, Clauses):
        found = sent.cache["clauses"] = segment(sent, cues)
    return found


def segment(sent: SentenceView, cues: Cues) -> Clauses:
    """Cut a sentence into clauses (see the module docstring)."""
    n = len(sent.lower)
    groups: list[Group] = [Group("main", -1, -1)]
    segments: list[tuple[int, int, int]] = []
    stack = [0]
    start = 0
    openers = cues.clauses.openers

    def cut(at: int) -> None:
        nonlocal start
        if at > start:
            segments.append((start, at, stack[-1]))
        start = at

    def open_group(kind: str, parent: int, marker: int) -> int:
        groups.append(Group(kind, parent, marker))
        return len(groups) - 1

    i = 0
    while i < n:
        word = sent.lower[i]
        if word in SENTENCE_PARTS:
            cut(i + 1)
            stack = [open_group("main", -1, i)]
        elif word == ":":
            cut(i + 1)
            stack = [open_group("complement", stack[-1], i)]
        elif word == "(":
            cut(i)
            stack.append(open_group("parenthetical", stack[-1], i))
        elif word == ")":
            cut(i + 1)
            if len(stack) > 1 and groups[stack[-1]].kind == "parenthetical":
                stack.pop()
        elif word == ",":
            if len(stack) > 1 and groups[stack[-1]].kind in CLOSE_AT_COMMA:
                cut(i + 1)
                stack.pop()
        elif word in openers or (i > 0 and sent.lower[i - 1] == ","):  # else _opener finds nothing
            opened = _opener(sent, i, cues)
            if opened is not None:
                kind, length = opened
                cut(i)
                if kind == "coordinate":  # a sibling: it takes the place of the clause before it
                    sibling = stack.pop()
                    stack.append(open_group(kind, groups[sibling].parent, i))
                else:
                    stack.append(open_group(kind, stack[-1], i))
                i += length
                continue
        i += 1
    cut(n)
    return Clauses(n, groups, segments)


def _infinitive(word: str, cues: Cues) -> bool:
    """An infinitive by its ending where the language has one ("discutere"); English marks its
    purposes with "to" inside the phrase ("in order to"), so any word will do there."""
    pattern = cues.clauses.infinitive
    return pattern == r"$^" or bool(re.search(pattern, word))


def _opener(sent: SentenceView, i: int, cues: Cues) -> tuple[str, int] | None:
    """The kind of clause token ``i`` opens and the length of its marker, or None."""
    cc = cues.clauses
    word = sent.lower[i]
    for kind, phrase in cc.markers.get(word, ()):
        if not sent.phrase_at(i, phrase):
            continue
        if kind != "purpose":
            return kind, len(phrase)
        after = i + len(phrase)
        if (
            after < len(sent.lower)
            and _infinitive(sent.lower[after], cues)
            and sent.lower[after] not in cc.not_purpose
        ):
            return "purpose", len(phrase)
    if word in cc.relative:
        return "relative", 1
    if word in cc.complementizers and i > 0:
        return ("complement" if _takes_complement(sent, i - 1, cues) else "relative"), 1
    if word in cc.coordinators and i > 0:
        return "coordinate", 1
    if word in cc.weak_coordinators and i > 1 and sent.lower[i - 1] == "," and i + 1 < len(sent.lower) and (
        sent.lower[i + 1] in cc.prepositions
    ):
        return "coordinate", 1  # "China detests Lai, and in a video … depicted him": a clause, no list
    if word in cc.weak_coordinators and i > 0:
        for j in range(i + 1, min(len(sent.lower), i + 4)):
            if sent.lower[j] in cc.finite_aux:
                return "coordinate", 1
            if sent.lower[j] not in cc.skippable:
                break
    if (
        i > 0
        and sent.lower[i - 1] == ","
        and len(word) > 5
        and word not in cc.not_gerunds
        and re.search(cues.gerund, word)
    ):
        return "gerund", 1
    return None


def _takes_complement(sent: SentenceView, j: int, cues: Cues) -> bool:
    """Whether the word before a complementizer is verb-like ("ha affermato che", "è possibile
    che"), so that the complementizer opens a complement, not a relative clause."""
    cc = cues.clauses
    while j > 0 and (sent.lower[j] == "," or sent.lower[j] in cc.focus):
        j -= 1  # "speriamo solo che"
    word, lemma = sent.lower[j], sent.lemmas[j]
    return (
        lemma in cues.reporting_verbs
        or word in cc.complement_heads
        or lemma in cc.complement_heads
        or word in cc.finite_aux
        or bool(re.search(cues.participle, word))
        or bool(re.search(cc.infinitive, word))
        or bool(re.search(cues.gerund, word))
    )
