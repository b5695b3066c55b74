"""Cue lists for attribution and factuality, loaded from ``resources/<lang>/cues.yaml``.

Phrases are lowercased token sequences. In factuality cues ``*`` ends a word stem and
``…`` is a gap of up to 12 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cronaca.errors import ResourceError
from cronaca.resources import load_yaml


@dataclass(frozen=True)
class Cues:
    version: int
    agent: tuple[tuple[str, ...], ...]
    attribution_before: tuple[tuple[str, ...], ...]  # cue, then the source: "secondo X"
    attribution_after: tuple[tuple[str, ...], ...]  # "ha riferito X", ", riporta X"
    sub_source: tuple[tuple[str, ...], ...]  # "citando X": X is the source's own source
    reporting_verbs: frozenset[str]  # lemmas: "X ha affermato", "X said"
    attribution_stop: frozenset[str]  # tokens that end a cited-source phrase: ",", "che", "that"
    relative_pronouns: frozenset[str]  # "che", "which": a time after one dates another clause
    generic_sources: dict[str, tuple[str, str]]  # word → (canonical name, sector): "fonti" → sources
    source_modifiers: dict[str, str]  # word → prefix: "statali" → "state", "anonime" → "unnamed"
    passive_aux: frozenset[str]
    participle: str
    negation: frozenset[str]  # "non", "not": right before a trigger, the event is negated
    gerund: str  # regex: "aggiungendo", "adding" share the speaker of the main clause
    factuality: tuple[tuple[str, str, re.Pattern[str]], ...]  # (value, cue text, pattern)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().split())


def cue_pattern(phrase: str) -> re.Pattern[str]:
    """A cue phrase as a regex over lowercased text: ``*`` ends a word stem, ``…`` is a gap."""
    parts = []
    for chunk in phrase.lower().split("…"):
        words = [re.escape(w).replace(r"\*", r"\w*") for w in chunk.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<!\w)" + r"(?:\W+\w+){0,12}?\W+".join(parts) + r"(?!\w)")


@cache
def load_cues(language: str) -> Cues:
    try:
        data = load_yaml(f"{language}/cues.yaml")
    except ResourceError:
        data = {}
    try:
        factuality = [
            (value, phrase, cue_pattern(phrase))
            for value, phrases in data.get("factuality", {}).items()
            for phrase in phrases
        ]
        generic = {
            word: (name, sector)
            for name, spec in data.get("generic_sources", {}).items()
            for sector in [spec.get("sector", "")]
            for word in spec["words"]
        }
        return Cues(
            version=int(data.get("version", 1)),
            agent=tuple(phrase_tokens(p) for p in data.get("agent", [])),
            attribution_before=tuple(phrase_tokens(p) for p in data.get("attribution_before", [])),
            attribution_after=tuple(phrase_tokens(p) for p in data.get("attribution_after", [])),
            sub_source=tuple(phrase_tokens(p) for p in data.get("sub_source", [])),
            reporting_verbs=frozenset(data.get("reporting_verbs", [])),
            relative_pronouns=frozenset(data.get("relative_pronouns", [])),
            attribution_stop=frozenset([",", ".", ";", ":", *data.get("attribution_stop", [])]),
            generic_sources=generic,
            source_modifiers={
                w: prefix for prefix, words in data.get("source_modifiers", {}).items() for w in words
            },
            passive_aux=frozenset(data.get("passive_aux", [])),
            participle=data.get("participle", r"$^"),
            gerund=data.get("gerund", r"$^"),
            negation=frozenset(data.get("negation", [])),
            factuality=tuple(factuality),
        )
    except (KeyError, TypeError, AttributeError, re.error) as e:
        raise ResourceError(f"{language}/cues.yaml is malformed: {e!r}") from e
