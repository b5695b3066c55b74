"""Common nouns that stand for a state the article has named: "the island" in a story about
Taiwan, "l'isola" in one about Cuba. Reports use them where the name would repeat ("China's
carrier group entered the island's response area", "19 navi attorno alle coste dell'isola"),
and without them the event loses its target.

Only island states are read this way (``entities/anaphora.yaml``), and only the noun right
after a determiner: "the island" is the island state named last before it. "The island of
Lampedusa", "l'isola di Gorée" name their island; an article that names no island state
keeps "the island" a common noun. The mention is a ``country`` mention of that state with
``value["anaphor"]``, so the events engine reads it as an actor; the NER scorer leaves
anaphors out (they are no names). Written by hand: coreference models resolve pronouns and
names, and none that runs here knows which states news calls "the island".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from cronaca.extract.entities.linking import Found
from cronaca.resources import load_yaml

RULE = "anaphora.yaml@1"


@cache
def _data() -> dict[str, Any]:
    return load_yaml("entities/anaphora.yaml")


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    """A determiner of the language right before its island noun; group 1 is the noun."""
    spec = _data()["island"]
    noun, determiners = spec["nouns"].get(language), spec["determiners"].get(language) or []
    if not noun or not determiners:
        return None
    dets = "|".join(re.escape(d).replace("'", "['’]") for d in sorted(determiners, key=len, reverse=True))
    space = "" if all(d.endswith("'") for d in determiners) else r"\s+"
    return re.compile(rf"(?<!\w)(?:{dets}){space}({re.escape(noun)})(?!\w)", re.IGNORECASE)


def island_mentions(text: str, language: str, found: list[Found]) -> list[Found]:
    """One ``country`` mention per island phrase that refers back to an island state."""
    pattern = _pattern(language)
    states = frozenset(_data()["island"]["states"])
    named = sorted(
        (f for f in found if f.label == "country" and f.entity_id in states), key=lambda f: f.start
    )
    if pattern is None or not named:
        return []
    taken = [(f.start, f.end) for f in found]
    named_after = re.compile(r"\s+(?:of|di|d['’])\s*[A-Z]")
    out = []
    for m in pattern.finditer(text):
        start, end = m.span(1)
        if named_after.match(text, end) or any(s < end and start < e for s, e in taken):
            continue  # "the island of Lampedusa": the island is named
        before = [f for f in named if f.end <= start]
        if not before:
            continue
        state = before[-1]
        value = {**state.value, "anaphor": "island"}
        out.append(Found(start, end, "country", state.entity_id, value, RULE))
    return out
