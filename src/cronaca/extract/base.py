"""What every extract component shares: the working ``Doc`` of one article and the
``component`` decorator that registers a component under a versioned name.

This module imports no component, so components import it and ``pipeline.py`` imports them:
the flow of imports is one way (components → base ← pipeline → components).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cronaca.errors import PipelineError
from cronaca.model import Article, EventMention, Mention


@dataclass
class Doc:
    """The working state of one article while components run over it."""

    article: Article
    tokens: Any = None  # a spaCy Doc (tokens with character offsets)
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # what has been assigned so far
    # the headline's events: they set the story's sides for the text ("Israele attacca l'Iran"
    # before "Salami è stato ucciso"); read by extract/events/discourse.py, never stored
    headline: list[EventMention] = field(default_factory=list)
    # analyses of the whole document that later steps share, each built once (the token
    # arrays of ``sentence_view.token_arrays``); never stored
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def language(self) -> str:
        return self.article.language

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def sentence_at(self, offset: int) -> Mention | None:
        for sentence in self.of_kind("sentence"):
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


Process = Callable[[Doc], None]


@dataclass(frozen=True)
class ComponentInfo:
    name: str
    version: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[], Process]
    doc: str = ""

    @property
    def label(self) -> str:
        """The versioned name written on every annotation the component makes."""
        return f"{self.name}@{self.version}"


REGISTRY: dict[str, ComponentInfo] = {}


def component(
    name: str, *, version: int, requires: Sequence[str] = (), assigns: Sequence[str] = ()
) -> Callable[[Callable[[], Process]], Callable[[], Process]]:
    """Register a component factory: a zero-argument callable returning ``process(doc)``.

    The factory loads the component's resources once; ``process`` runs per article.
    """

    def register(factory: Callable[[], Process]) -> Callable[[], Process]:
        if name in REGISTRY:
            raise PipelineError(f"component {name!r} is registered twice")
        REGISTRY[name] = ComponentInfo(
            name, version, tuple(requires), tuple(assigns), factory, (factory.__doc__ or "").strip()
        )
        return factory

    return register
