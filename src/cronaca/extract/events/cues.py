"""Cue lists for attribution and factuality, loaded from ``resources/<lang>/cues.yaml``.

Phrases are lowercased token sequences. In factuality cues ``*`` ends a word stem and
``…`` is a gap of up to 12 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from cronaca.errors import ResourceError
from cronaca.resources import load_yaml


@dataclass(frozen=True)
class ClauseCues:
    """Words that open clauses, for :mod:`cronaca.extract.events.clauses` (no parser: word lists)."""

    complementizers: frozenset[str] = frozenset()  # "che", "that": complement after a verb, else relative
    relative: frozenset[str] = frozenset()  # "cui", "which", "who", "dove"
    subordinators: tuple[tuple[str, ...], ...] = ()  # "poiché", "perché", "dopo che", "because"
    concessive: tuple[tuple[str, ...], ...] = ()  # "sebbene", "although": comments on the main event
    purpose: tuple[tuple[str, ...], ...] = ()  # "per" + infinitive, "in order to": the main subject acts
    not_purpose: frozenset[str] = frozenset()  # "per avere ferito": a cause, no purpose
    coordinators: frozenset[str] = frozenset()  # "ma", "but": always a new clause
    weak_coordinators: frozenset[str] = frozenset()  # "e", "and": a new clause before a finite auxiliary
    finite_aux: frozenset[str] = frozenset()  # "ha", "è", "has", "was"
    skippable: frozenset[str] = frozenset()  # between "e" and its auxiliary: "poi", "anche", "non"
    focus: frozenset[str] = frozenset()  # "speriamo solo che": between a verb and its complementizer
    complement_heads: frozenset[str] = frozenset()  # non-verbs that take "che": "possibile", "likely"
    articles: frozenset[str] = frozenset()  # skipped when looking left of a name: "la", "the"
    possessives: frozenset[str] = frozenset()  # "la sua visita": the visitor is named earlier
    genitive: frozenset[str] = frozenset()  # "di", "della", "of": "la visita di Kim"
    not_gerunds: frozenset[str] = frozenset()  # "according", "including": no clause of their own
    prepositions: frozenset[str] = frozenset()  # a name after one is no direct object
    infinitive_markers: frozenset[str] = frozenset()  # "to": the word after it is an infinitive
    between: frozenset[str] = frozenset()  # "un accordo tra X e Y": both are parties
    own_country: frozenset[str] = frozenset()  # "il suo paese", "his country": the last actor's
    infinitive: str = r"$^"  # regex: an actor right after an infinitive is its object

    @cached_property
    def markers(self) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        """The clause-marker phrases by their first word, as (kind, phrase): concessive, then
        adverbial ("subordinators"), then purpose, each list in its own order. Built once per
        language: a token is compared only with the phrases that can start at it."""
        return by_first_word(
            [("concessive", self.concessive), ("adverbial", self.subordinators), ("purpose", self.purpose)]
        )

    @cached_property
    def openers(self) -> frozenset[str]:
        """Every word that may open a clause, but for a gerund (which follows a comma)."""
        return frozenset(self.markers) | self.relative | self.complementizers | self.coordinators | (
            self.weak_coordinators
        )


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
    # a sentence that only says who said the previous one: "Lo riferiscono i media statali."
    attribution_previous: tuple[re.Pattern[str], ...] = ()
    attribution_opening: frozenset[str] = frozenset()  # "Per gli analisti, …": a source before the comma
    anaphora: frozenset[str] = frozenset()  # "l'", "the": "l'emittente" is the broadcaster named before
    # a bare infinitive after these is planned, not done: "agreed to send", "pronta a produrre"
    infinitive_markers: frozenset[str] = frozenset()
    implicative: frozenset[str] = frozenset()  # "managed to send": it happened
    negative_implicative: frozenset[str] = frozenset()  # "failed to pass": it did not
    hesitant: frozenset[str] = frozenset()  # "reluctant to supply", "riluttante a fornire": possible
    intentional: frozenset[str] = frozenset()  # "an effort to pump", "nel tentativo di": intended
    purpose_markers: frozenset[str] = frozenset()  # "per aiutare": a purpose, so intended
    future_in_past: frozenset[str] = frozenset()  # "said it would buy": future
    clauses: ClauseCues = field(default_factory=ClauseCues)
    # "he added that", "lui ha detto": the source named last before; ``pro_drop``: a reporting
    # verb that opens the sentence ("Ha aggiunto che …") says the same
    speaker_pronouns: frozenset[str] = frozenset()
    pro_drop: bool = False
    speaker_adverbs: frozenset[str] = frozenset()  # "He also said", "Ha poi aggiunto"
    speaker_openers: frozenset[str] = frozenset()  # what may stand before the pronoun: ",", "and"
    reporting_participle_after: frozenset[str] = frozenset()  # "as reported by", "come riportato da"
    # reporting_verbs of several words, by their last one: "sapere" → ("fatto", "sapere"), …
    reporting_phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @cached_property
    def agents_at(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The agent phrases ("da parte di", "by") by their first word, in their listed order."""
        return {word: tuple(p for _, p in group) for word, group in by_first_word([("", self.agent)]).items()}

    @cached_property
    def previous_pattern(self) -> re.Pattern[str] | None:
        """The ``attribution_previous`` patterns as one: each is anchored at the start of the
        text, so the alternation of their bodies matches where one of them does."""
        if not self.attribution_previous:
            return None
        bodies = [p.pattern.removeprefix(r"^\W*") for p in self.attribution_previous]
        return re.compile(r"^\W*(?:" + "|".join(bodies) + ")")

    @cached_property
    def factuality_pieces(self) -> tuple[tuple[str, ...], ...]:
        """For each factuality cue, the literal pieces every match of its pattern holds (its
        words, cut at ``*``): a text that lacks one cannot match, so its pattern is not run."""
        words = [phrase.lower().replace("…", " ").split() for _value, phrase, _pattern in self.factuality]
        return tuple(tuple(piece for word in cue for piece in word.split("*") if piece) for cue in words)

    @cached_property
    def source_cues(self) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
        """The attribution phrases by their first word, as (kind, phrase): attribution_before,
        attribution_after, sub_source, then agent, each list in its own order. Built once per
        language, so a token is compared only with the phrases that can start at it (the
        same matches, in the same order, as trying every phrase of every list)."""
        return by_first_word(
            [
                ("before", self.attribution_before),
                ("after", self.attribution_after),
                ("sub_source", self.sub_source),
                ("agent", self.agent),
            ]
        )


def by_first_word(
    lists: list[tuple[str, tuple[tuple[str, ...], ...]]],
) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Phrases of several named lists indexed by their first word, as (name, phrase) in the
    order of the lists and, within one, of its phrases."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, phrases in lists:
        for phrase in phrases:
            index.setdefault(phrase[0], []).append((name, phrase))
    return {word: tuple(group) for word, group in index.items()}


def _by_last_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases ("fatto sapere", "reso noto") as token tuples indexed by their last word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        tokens = phrase_tokens(phrase)
        index.setdefault(tokens[-1], []).append(tokens)
    return {word: tuple(group) for word, group in index.items()}


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
            reporting_verbs=frozenset(v for v in data.get("reporting_verbs", []) if " " not in v),
            reporting_phrases=_by_last_word(v for v in data.get("reporting_verbs", []) if " " in v),
            speaker_pronouns=frozenset(data.get("speaker_pronouns", [])),
            pro_drop=bool(data.get("pro_drop", False)),
            speaker_adverbs=frozenset(data.get("speaker_adverbs", [])),
            speaker_openers=frozenset(data.get("speaker_openers", [])),
            reporting_participle_after=frozenset(data.get("reporting_participle_after", [])),
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
            attribution_previous=tuple(
                re.compile(r"^\W*" + cue_pattern(p).pattern) for p in data.get("attribution_previous", [])
            ),
            attribution_opening=frozenset(data.get("attribution_opening", [])),
            anaphora=frozenset(data.get("anaphora", [])),
            infinitive_markers=frozenset(data.get("planned", {}).get("markers", [])),
            implicative=frozenset(data.get("planned", {}).get("implicative", [])),
            negative_implicative=frozenset(data.get("planned", {}).get("negative_implicative", [])),
            hesitant=frozenset(data.get("planned", {}).get("hesitant", [])),
            intentional=frozenset(data.get("planned", {}).get("intentional", [])),
            purpose_markers=frozenset(data.get("planned", {}).get("purpose", [])),
            future_in_past=frozenset(data.get("planned", {}).get("future_in_past", [])),
            clauses=_clause_cues(data.get("clauses", {})),
        )
    except (KeyError, TypeError, AttributeError, re.error) as e:
        raise ResourceError(f"{language}/cues.yaml is malformed: {e!r}") from e


def _clause_cues(data: dict) -> ClauseCues:
    def words(key: str) -> frozenset[str]:
        return frozenset(data.get(key, []))

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        # longest first, so "anche se" wins over "se"
        return tuple(sorted((phrase_tokens(p) for p in data.get(key, [])), key=len, reverse=True))

    return ClauseCues(
        complementizers=words("complementizers"),
        relative=words("relative"),
        subordinators=phrases("subordinators"),
        concessive=phrases("concessive"),
        purpose=phrases("purpose"),
        not_purpose=words("not_purpose"),
        coordinators=words("coordinators"),
        weak_coordinators=words("weak_coordinators"),
        finite_aux=words("finite_aux"),
        skippable=words("skippable"),
        focus=words("focus"),
        complement_heads=words("complement_heads"),
        articles=words("articles"),
        possessives=words("possessives"),
        genitive=words("genitive"),
        not_gerunds=words("not_gerunds"),
        prepositions=words("prepositions"),
        infinitive_markers=words("infinitive_markers"),
        between=words("between"),
        own_country=words("own_country"),
        infinitive=data.get("infinitive", r"$^"),
    )
