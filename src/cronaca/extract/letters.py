"""When reading lower-cased words finds what a case-insensitive pattern finds.

Some stages look for a pattern's words in ``text.lower()`` (or in each word lower-cased)
before running the pattern, to keep it off most of the text. That finds every word the
pattern could match unless the text holds a character that ``re.IGNORECASE`` matches to one
of the words' letters while ``str.lower()`` makes it something else ("ſ" matches "s",
"K" (Kelvin) matches "k"); a stage that finds such a character runs its pattern everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def unsafe_letters(letters: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for the characters that make lower-casing unsafe for words of ``letters``
    (lower-case letters); None when there are none."""
    letters = frozenset(letters)
    unsafe = {
        c
        for c in _case_partners(letters)
        if c.lower() not in letters
        or any(re.fullmatch(re.escape(a), c, re.IGNORECASE) and c.lower() != a for a in letters)
    }
    return re.compile("[" + "".join(re.escape(c) for c in sorted(unsafe)) + "]") if unsafe else None


# No code point from here on has a case mapping (Unicode 15: the last cased script, Adlam,
# ends at U+1E95F), so none matches another character case-insensitively; reading the code
# points below it finds every partner in a seventh of the time (0.19 s -> 0.03 s of each
# process's start for the four sets of letters the stages ask about). A test checks the
# bound on every code point of the running Python's Unicode.
CASELESS_FROM = 0x20000


def _case_partners(letters: frozenset[str]) -> set[str]:
    """Every character a case-insensitive pattern of ``letters`` matches, the letters aside
    (read from every code point that has a case, a block at a time to keep memory flat)."""
    if not letters:
        return set()
    cls = re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]", re.IGNORECASE)
    found: set[str] = set()
    for block in range(0, CASELESS_FROM, 0x1000):
        found.update(cls.findall("".join(map(chr, range(block, block + 0x1000)))))
    return found - letters
