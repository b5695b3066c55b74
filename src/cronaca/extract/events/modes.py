"""PLOVER modes: *how* an event happened ("hunger strike", "car bomb", "phone call").

PLOVER gives several event types a ``mode``: PROTEST (demo-org, riot-spon, strike-hun, …),
ASSAULT (explosives, suicide-attack, torture, …), CONSULT (visit, host, phone, …), COERCE,
MOBILIZE, THREATEN, and the GSR's FIGHT weapons. The modes each type may take are declared
in ``resources/ontology/plover.yaml`` (``modes``); the words that select them, per language,
in the ``modes`` section of ``resources/<lang>/events.yaml``::

    modes:
      PROTEST:
        - {mode: strike-hun, words: [fame]}       # "sciopero della fame"
        - {mode: strike-gen, words: [sciopero, scioperare]}

The first entry whose words are the trigger itself, or stand within ``window`` tokens of it
(default 4) in the trigger's clause, gives the mode (lemmas or lowercased forms, as for
triggers). A rule's own ``mode:`` wins over these. A mode not declared for its type in
``plover.yaml`` raises ``ResourceError`` at load time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cronaca.errors import ResourceError
from cronaca.extract.events.clauses import Clauses
from cronaca.extract.sentence_view import SentenceView
from cronaca.resources import load_yaml

DEFAULT_WINDOW = 4


@dataclass(frozen=True)
class ModeCue:
    mode: str
    words: frozenset[str]
    window: int


@cache
def declared_modes() -> dict[str, frozenset[str]]:
    """The modes ``plover.yaml`` allows for each event type."""
    ontology = load_yaml("ontology/plover.yaml")
    return {kind: frozenset(modes) for kind, modes in ontology.get("modes", {}).items()}


@cache
def load_modes(language: str) -> dict[str, tuple[ModeCue, ...]]:
    """The mode cues of a language's rule file, checked against the ontology."""
    try:
        data = load_yaml(f"{language}/events.yaml")
    except ResourceError:
        return {}
    allowed = declared_modes()
    out: dict[str, tuple[ModeCue, ...]] = {}
    for kind, entries in (data.get("modes") or {}).items():
        cues = []
        for entry in entries:
            mode = entry.get("mode", "")
            if mode not in allowed.get(kind, ()):
                raise ResourceError(
                    f"{language}/events.yaml modes: {mode!r} is not a mode of {kind} in ontology/plover.yaml"
                )
            cues.append(
                ModeCue(mode, frozenset(entry.get("words", [])), int(entry.get("window", DEFAULT_WINDOW)))
            )
        out[kind] = tuple(cues)
    return out


def mode_at(sent: SentenceView, i: int, kind: str, language: str, clauses: Clauses) -> str:
    """The mode of an event of type ``kind`` whose trigger is token ``i``; "" when no cue says."""
    cues = load_modes(language).get(kind, ())
    if not cues:
        return ""
    own = clauses.tokens(i)
    for cue in cues:
        for k in own:
            if abs(k - i) <= cue.window and (sent.lemmas[k] in cue.words or sent.lower[k] in cue.words):
                return cue.mode
    return ""
