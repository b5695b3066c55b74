"""Regex alternations built from word lists, shared by the stages.

``alternation`` lists the words longest first, so where several match at a position the
longest wins; ``trie_alternation`` writes the same words as a trie, which finds the same
match and which the regex engine tries much faster at each position of a long text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def apostrophes(text: str) -> str:
    """A regex-escaped literal in which ' also matches ’."""
    return re.escape(text).replace("'", "['’]")


def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first, ' matching ’ too."""
    return "|".join(apostrophes(w) for w in sorted(set(words), key=len, reverse=True))


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
