"""The extract engine: small registered components run in order over one article.

Each component declares what it needs (``requires``) and what it adds (``assigns``),
and is registered under a versioned name ("entities.gazetteer@1") that is written on
everything it produces, so a stored annotation stays explainable after rules change.
``Pipeline`` checks the contract before running anything.

Extract is a pure function of one article plus read-only resources: no store access,
so a batch can run it anywhere.
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from functools import lru_cache
from typing import Any

from cronaca.errors import PipelineError
from cronaca.extract.base import REGISTRY, ComponentInfo, Doc, Process, component
from cronaca.model import Annotations, Article, EventMention

__all__ = [
    "REGISTRY",
    "ComponentInfo",
    "DEFAULT_COMPONENTS",
    "Doc",
    "Pipeline",
    "Process",
    "component",
    "default_pipeline",
]


DEFAULT_COMPONENTS: tuple[str, ...] = ("sentences", "entities", "timexes", "quantities", "events")
VOCAB_CAP = 250_000  # strings in a language's spaCy vocabulary; then articles run in memory zones


def _load_builtin_components() -> None:
    """Import the modules whose decorators fill ``REGISTRY`` (optional ones when present)."""
    import importlib

    from cronaca.extract import entities, events, quantities, sentences, timexes  # noqa: F401

    for optional in ("entities.ner_spacy",):
        try:
            importlib.import_module(f"cronaca.extract.{optional}")
        except ModuleNotFoundError as e:
            if e.name != f"cronaca.extract.{optional}":
                raise


class Pipeline:
    """An ordered, checked list of components.

    ``options`` are read-only settings handed to every factory that takes an ``options``
    argument: ``entities`` (extra registry YAML files), ``ner`` (e.g. ``"spacy:PATH"``).
    Setting ``ner`` adds the ``ner`` component after ``entities``.
    """

    def __init__(self, names: Iterable[str] | None = None, options: dict[str, Any] | None = None) -> None:
        _load_builtin_components()
        self.options = dict(options or {})
        names = tuple(names) if names is not None else DEFAULT_COMPONENTS
        if self.options.get("ner") and "ner" not in names and "entities" in names:
            at = names.index("entities") + 1
            names = names[:at] + ("ner",) + names[at:]
        self.names = names
        unknown = [n for n in self.names if n not in REGISTRY]
        if unknown:
            raise PipelineError(
                f"unknown component(s) {', '.join(unknown)}; known: {', '.join(sorted(REGISTRY))}"
            )
        self.infos = [REGISTRY[n] for n in self.names]
        available: set[str] = set()
        for info in self.infos:
            missing = [r for r in info.requires if r not in available]
            if missing:
                raise PipelineError(
                    f"component {info.label} needs {', '.join(missing)}, which no earlier component "
                    "assigns: put the component that assigns it first"
                )
            available.update(info.assigns)
        self._processes: list[Process] | None = None

    @property
    def versions(self) -> dict[str, str]:
        """What annotated an article: component versions, plus the options that change output."""
        versions = {info.name: info.label for info in self.infos}
        for key in ("entities", "ner"):
            if self.options.get(key):
                versions[f"option:{key}"] = str(self.options[key])
        return versions

    def _load(self) -> list[Process]:
        """Build the components once. Their resources (gazetteers, lexicons, rule tables,
        spaCy's vocabulary: some 300,000 objects) then live as long as the process, so they
        are frozen out of the cycle collector's view (``gc.freeze``): its full passes walked
        them all, about every 150 articles, some 7% of extract time. (Frozen objects are
        never collected; everything created later is, as before.)"""
        if self._processes is None:
            self._processes = [
                info.factory(options=self.options)
                if "options" in inspect.signature(info.factory).parameters
                else info.factory()
                for info in self.infos
            ]
            gc.freeze()
        return self._processes

    def __call__(self, article: Article) -> Annotations:
        processes = self._load()
        with self._memory_zone(article):
            doc = Doc(article)
            if article.title.strip() and "events" in self.names:
                doc.headline = self._headline_events(article)
            for info, process in zip(self.infos, processes, strict=True):
                process(doc)
                doc.done.update(info.assigns)
            mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end, m.kind))
            return Annotations(article, mentions, doc.events)

    def _memory_zone(self, article: Article) -> AbstractContextManager:
        """spaCy's memory zone for one article, once the language's vocabulary holds
        ``VOCAB_CAP`` strings. Every word form spaCy's tokenizer meets (each number, name,
        typo) stays in its vocabulary and tokenizer cache for good: 2 million of them take
        ~800 MB, so a long-running ingest would grow without bound. From the cap on, what an
        article adds is freed when it is done. Not from the start: a word met in a zone is
        not cached either, and tokenising with a cold vocabulary is ~4x slower; by the cap
        the common words are in. Nothing spaCy makes outlives the zone: annotations hold
        offsets and Python strings (tokens, sentences and events are the same either way)."""
        if "sentences" not in self.names:
            return nullcontext()
        from cronaca.extract.sentences import nlp_for

        nlp = nlp_for(article.language or "xx")
        return nlp.memory_zone() if len(nlp.vocab.strings) >= VOCAB_CAP else nullcontext()

    def _headline_events(self, article: Article) -> list[EventMention]:
        """The events of the headline alone (at most 300 characters), read as a text of its own."""
        headline = replace(article, id=f"{article.id}#headline", text=article.title.strip()[:300], title="")
        doc = Doc(headline)
        for info, process in zip(self.infos, self._load(), strict=True):
            process(doc)
            doc.done.update(info.assigns)
        return doc.events


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    return Pipeline()
