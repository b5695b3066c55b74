"""The per-article budget: long texts and endless sentences are cut or broken, linearly, with
a note; ordinary text is left byte for byte as it was."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cronaca.ingest import budget, read
from cronaca.model import Article

ENDS = re.compile(r"(?<=[.!?;:…])\s+|\n+")
words = st.text(alphabet=st.sampled_from("abc ,.;!?\n[x"), max_size=3000)


def longest_run(text: str) -> int:
    return max((len(r) for r in ENDS.split(text)), default=0)


@settings(max_examples=200, deadline=None)
@given(words, st.integers(min_value=20, max_value=400))
def test_no_run_is_longer_than_the_limit_and_no_word_is_lost(text: str, limit: int) -> None:
    para = " ".join(text.split())
    pieces, broken = budget.split_long_sentences(para, limit)
    assert all(longest_run(p) <= limit for p in pieces)
    assert "".join(para.split()) == "".join("".join(pieces).split())
    if longest_run(para) <= limit:
        assert pieces == ([para] if para else []) and broken == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab .", min_size=1, max_size=300), max_size=30), st.integers(50, 2000))
def test_the_text_cap(paras: list[str], limit: int) -> None:
    kept, dropped = budget.cap_text(paras, limit)
    joined = "\n\n".join(kept)
    assert len(joined) <= limit
    assert len(joined) + dropped == len("\n\n".join(paras)) or dropped > 0
    assert ("\n\n".join(paras)).startswith(joined.rstrip()) or not kept or kept[-1] != paras[len(kept) - 1]


def test_an_ordinary_article_is_unchanged() -> None:
    para = "La Russia ha attaccato Kiev con 30 droni, secondo Zelensky. " * 40  # 2,400 chars, short sentences
    assert budget.split_long_sentences(para.strip()) == ([para.strip()], 0)


def test_hostile_lengths_are_bounded_with_notes(tmp_path: Path) -> None:
    records = {
        "sentence": "La Russia ha attaccato Kiev " * 400,  # 11 KB, no full stop
        "brackets": "[" * 25_000,
        "word": "a" * 2_000_000,
        "lines": "Kiev.\n" * 200_000,
        "big": "La Russia ha attaccato Kiev. " * 40_000,  # 1.2 MB
    }
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join(json.dumps({"text": t, "title": k * 2000}) for k, t in records.items()))
    notes: list[tuple[str, str]] = []
    started = time.monotonic()
    got = [a for a in read([str(path)], note=lambda s, m: notes.append((s, m))) if isinstance(a, Article)]
    assert time.monotonic() - started < 10
    assert len(got) == 5
    for a in got:
        assert len(a.text) <= budget.MAX_TEXT_CHARS and len(a.title) <= budget.MAX_FIELD_CHARS
        assert longest_run(a.text) <= budget.MAX_SENTENCE_CHARS
    said = " ".join(m for _, m in notes)
    assert "text cut to its first 100,000 characters" in said
    assert "broken into paragraphs" in said and "title cut to 1,000 characters" in said
