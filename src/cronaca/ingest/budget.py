"""The per-article budget: no input may stall a run, whatever its length.

Extraction time grows with the length of a sentence (a 4,000-character sentence without a
full stop takes seconds, an 11 KB one half a minute), so every article is held to a budget
before it is stored and annotated, and what was cut is reported as a note:

- the text keeps its first ``MAX_TEXT_CHARS`` characters, cut at a paragraph break (else a
  space) — the rest is neither stored nor annotated;
- a run longer than ``MAX_SENTENCE_CHARS`` with no sentence end (``.!?;:…`` or a line break)
  gets paragraph breaks at spaces (or, in one endless word, every ``MAX_SENTENCE_CHARS``),
  so no sentence the pipeline sees is longer; the words are all kept;
- title, outlet, byline and URL are cut to ``MAX_FIELD_CHARS``.

Everything here is linear in the length of the input.
"""

from __future__ import annotations

import re

MAX_TEXT_CHARS = 100_000  # a long read is ~60,000; worst case ~8 s of extraction
MAX_SENTENCE_CHARS = 1_000  # a long Italian sentence is ~600; extraction is quadratic in it
MAX_FIELD_CHARS = 1_000

PRECUT_CHARS = 3 * MAX_TEXT_CHARS  # what a reader cleans at all: the rest is cut unread

_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+|\n+")


def precut(text: str) -> tuple[str, int]:
    """``text`` cut to ``PRECUT_CHARS`` before a reader cleans and splits it (so a 20 MB
    record costs no more memory than a long article), and how many characters were cut."""
    if len(text) <= PRECUT_CHARS:
        return text, 0
    return text[:PRECUT_CHARS], len(text) - PRECUT_CHARS


def cap_text(paragraphs: list[str], limit: int = MAX_TEXT_CHARS) -> tuple[list[str], int]:
    """The paragraphs that fit in ``limit`` characters (joined by blank lines), the last one
    cut at a space if need be; and how many characters were left out."""
    total = sum(len(p) for p in paragraphs) + 2 * max(0, len(paragraphs) - 1)
    if total <= limit:
        return paragraphs, 0
    kept: list[str] = []
    used = 0
    for para in paragraphs:
        room = limit - used - (2 if kept else 0)
        if len(para) <= room:
            kept.append(para)
            used += len(para) + (2 if len(kept) > 1 else 0)
            continue
        if room > 0 and not kept or room > 200:  # a cut paragraph is worth keeping
            cut = para.rfind(" ", 0, room + 1)
            kept.append(para[: cut if cut > room // 2 else room].rstrip())
        break
    kept_chars = sum(len(p) for p in kept) + 2 * max(0, len(kept) - 1)
    return kept, total - kept_chars


def split_long_sentences(paragraph: str, limit: int = MAX_SENTENCE_CHARS) -> tuple[list[str], int]:
    """``paragraph`` as one or more paragraphs in which no run between sentence ends is longer
    than ``limit``, and how many runs had to be broken. A paragraph without such a run comes
    back as it is (its text, and so the article id, do not change)."""
    if len(paragraph) <= limit:
        return ([paragraph] if paragraph else []), 0
    ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(paragraph)]
    ends.append((len(paragraph), len(paragraph)))
    pieces: list[str] = []
    broken = 0
    piece_start = run_start = 0
    for end, after in ends:
        if end - run_start > limit:
            broken += 1
        while end - run_start > limit:
            cut = paragraph.rfind(" ", run_start + limit // 2, run_start + limit + 1)
            cut = cut if cut > run_start else run_start + limit
            pieces.append(paragraph[piece_start:cut].strip())
            piece_start = run_start = cut
        run_start = after
    pieces.append(paragraph[piece_start:].strip())
    return [p for p in pieces if p], broken
