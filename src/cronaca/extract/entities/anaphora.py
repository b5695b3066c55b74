"""Common nouns that stand for a state or a town the article has named: "the island" in a story
about Taiwan, "l'isola" in one about Cuba, "la città" / "in città" in one about Goma. Reports use
them where the name would repeat ("China's carrier group entered the island's response area",
"19 navi attorno alle coste dell'isola", "i guerriglieri hanno cominciato a entrare in città"),
and without them the event loses its target or its place.

Each kind in ``entities/anaphora.yaml`` lists its noun, the determiners that must stand right
before it, and what it refers back to: island states (``states``) or towns (``labels``). The
noun is the last such name before it. "The island of Lampedusa", "l'isola di Gorée", "la città
mineraria di Nyabibwe" name their own; an article that names none keeps the noun a common noun.
The mention copies the name's label, id and value and adds ``value["anaphor"]``, so the events
engine reads it as that actor or place; the NER scorer leaves anaphors out (they are no names).
Written by hand: coreference models resolve pronouns and names, and none that runs here knows
which states news calls "the island".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cronaca.extract.entities.linking import Found
from cronaca.resources import load_yaml

RULE = "anaphora.yaml@2"
# "the island of Lampedusa", "la città mineraria di Nyabibwe", "la città “gemella” di Gisenyi":
# the noun is followed by its own name, up to two words after it
_NAMED_AFTER = re.compile(r"(?:\s+[^\s.,;:]+){0,2}?\s+(?:of|di|d['’])\s*[\"“«]?[A-Z]")


@cache
def _data() -> dict[str, Any]:
    return load_yaml("entities/anaphora.yaml")


@cache
def _pattern(kind: str, language: str) -> re.Pattern[str] | None:
    """A determiner of the language right before the kind's noun; group 1 is the noun."""
    spec = _data()[kind]
    noun, determiners = spec["nouns"].get(language), spec["determiners"].get(language) or []
    if not noun or not determiners:
        return None
    alternatives = []
    for d in sorted(determiners, key=len, reverse=True):
        written = re.escape(d).replace("'", "['’]")
        alternatives.append(written if d.endswith("'") else written + r"\s+")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})({re.escape(noun)})(?!\w)", re.IGNORECASE)


def _antecedent(kind: str, f: Found) -> bool:
    spec = _data()[kind]
    if "states" in spec:
        return f.label == "country" and f.entity_id in frozenset(spec["states"])
    return f.label in spec["labels"] and bool(f.entity_id)


def anaphor_mentions(text: str, language: str, found: list[Found]) -> list[Found]:
    """One mention per noun phrase of ``anaphora.yaml`` that refers back to a name before it."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for kind in _data():
        if kind == "version":
            continue
        pattern = _pattern(kind, language)
        noun = _data()[kind]["nouns"].get(language, "")
        if pattern is None or (noun not in text and noun.capitalize() not in text):
            continue  # most articles hold no "isola": no scan of the whole text
        named = sorted((f for f in found if _antecedent(kind, f)), key=lambda f: f.start)
        if not named:
            continue
        for m in pattern.finditer(text):
            start, end = m.span(1)
            if _NAMED_AFTER.match(text, end) or any(s < end and start < e for s, e in taken):
                continue  # "the island of Lampedusa": the island is named
            before = [f for f in named if f.end <= start]
            if not before:
                continue
            name = before[-1]
            value = {**name.value, "anaphor": kind}
            out.append(Found(start, end, name.label, name.entity_id, value, RULE))
    return out
