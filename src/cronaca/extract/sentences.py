"""Tokens and sentences, from spaCy's rule-based tokenizer and sentencizer.

spaCy has no Italian statistical pipeline on PyPI, and none is needed here: the blank
language classes carry each language's tokenizer exceptions (elisions, abbreviations).
We add the abbreviations news uses before names ("dott.", "on.", "Gen.") so the
sentencizer does not split "Il dott. Rossi".

spaCy is imported when a pipeline's components are built, not with this module: a process
that only needs the components' names and versions (the writer of an ingest with workers,
a server reading the store) is spared its import, half a second of CPU.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from cronaca.extract.base import Doc, component
from cronaca.model import Mention
from cronaca.resources import load_yaml

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as Tokens

COMPONENT = "sentences@1"


@lru_cache(maxsize=16)
def nlp_for(language: str) -> Language:
    """A blank spaCy pipeline with a sentencizer for ``language`` ("xx" when spaCy lacks it)."""
    import spacy
    from spacy.symbols import ORTH

    try:
        nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    abbreviations = load_yaml("abbreviations.yaml")
    for abbr in abbreviations.get(language, []) + abbreviations.get("all", []):
        for form in {abbr, abbr.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000_000
    return nlp


@component("sentences", version=1, assigns=["tokens", "sentences"])
def sentences():
    """Split the text into tokens and sentences; blank lines always end a sentence."""
    import spacy  # noqa: F401 - with the pipeline's resources, so frozen with them (Pipeline._load)

    def process(doc: Doc) -> None:
        nlp = nlp_for(doc.language or "xx")
        tokens = nlp(doc.text)
        doc.tokens = tokens
        for sent_start, sent_end in sentence_spans(tokens):
            # A line break inside a spaCy sentence (a title, a caption) ends a sentence:
            # ingest keeps each paragraph on one line.
            for start, end in _line_pieces(doc.text, sent_start, sent_end):
                doc.mentions.append(Mention("sentence", start, end, doc.text[start:end], component=COMPONENT))

    return process


def sentence_spans(tokens: Tokens) -> list[tuple[int, int]]:
    """The (start_char, end_char) of each sentence, as ``tokens.sents`` gives them, read from
    the token arrays: a sentence starts at the first token and at each token whose
    ``SENT_START`` is 1 (what ``Doc.sents`` does, without a ``Span`` object per sentence)."""
    from spacy.attrs import IDX, LENGTH, SENT_START

    n = len(tokens)
    if not n:
        return []
    table = tokens.to_array([SENT_START, IDX, LENGTH])
    starts = [0, *((table[1:, 0] == 1).nonzero()[0] + 1).tolist()]
    offsets, lengths = table[:, 1].tolist(), table[:, 2].tolist()
    ends = [*starts[1:], n]
    return [(offsets[a], offsets[b - 1] + lengths[b - 1]) for a, b in zip(starts, ends, strict=True)]


def _line_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]`` as stripped (start, end) offsets."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        if line.strip():
            left = len(line) - len(line.lstrip())
            pieces.append((start + match.start() + left, start + match.start() + len(line.rstrip())))
    return pieces
