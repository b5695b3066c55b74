"""Statistical NER beside the rules: any installed spaCy pipeline with an ``ner`` component.

Selected with the ``ner`` option (``--ner spacy:NAME_OR_PATH``, setting ``ner``): NAME is
an installed package ("it_core_news_lg") and PATH a folder written by ``nlp.to_disk``,
such as the one ``cronaca train ner`` saves. The pipeline is loaded once per process.

By default the model *complements* the rules: its spans that overlap no rule entity, or
that strictly enclose the rule entities they overlap ("università di Nottingham" around
the city "Nottingham"; both are kept, ``value["encloses"]`` counts the rule mentions
inside), are added as ``entity`` mentions labelled person, organisation or place, linked to a
registry actor when the whole span is a registry name, and otherwise left unlinked
(``entity_id=None``). With ``ner_mode="replace"`` the rule entities are dropped and the
model's spans are kept instead (``cronaca eval ner --model-only`` uses it).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cronaca.errors import ConfigError, ResourceError
from cronaca.extract.base import Doc, component
from cronaca.model import Mention

VERSION = 1
COMPONENT = f"ner@{VERSION}"
MODES = ("complement", "replace")

# spaCy / CoNLL / OntoNotes entity labels → cronaca entity labels; the rest are skipped.
LABELS: dict[str, str] = {
    "PER": "person",
    "PERSON": "person",
    "ORG": "organisation",
    "LOC": "place",
    "GPE": "place",
    "FAC": "place",
    "NORP": "demonym",
}

HOW_TO_GET_ONE = (
    "install a spaCy pipeline (python -m spacy download it_core_news_lg, or pip install a "
    "package you trust) or train one on your own BIO data with "
    "`cronaca train ner DATA.tsv --output DIR`, then pass --ner spacy:DIR"
)


def parse(value: str) -> str:
    """The NAME_OR_PATH of a ``spacy:NAME_OR_PATH`` setting."""
    backend, sep, name = value.partition(":")
    if not sep or backend != "spacy" or not name:
        raise ConfigError(f"ner = {value!r}: expected spacy:NAME_OR_PATH (e.g. spacy:/models/kind)")
    return name


@lru_cache(maxsize=4)
def load(name: str) -> Any:
    """The spaCy pipeline ``name`` (package or folder), loaded once; only NER is kept active."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:  # E050 (no such package or folder), E053 (no config.cfg)
        raise ResourceError(f"spaCy pipeline {name!r} cannot be loaded: {HOW_TO_GET_ONE}") from e
    if "ner" not in nlp.pipe_names:
        raise ResourceError(f"spaCy pipeline {name!r} has no 'ner' component: {HOW_TO_GET_ONE}")
    keep = set(_ner_needs(nlp))
    disabled = [n for n in nlp.pipe_names if n not in keep]
    if disabled:
        nlp.select_pipes(disable=disabled)
    nlp.max_length = max(nlp.max_length, 20_000_000)
    return nlp


def _ner_needs(nlp: Any) -> list[str]:
    """ "ner" and the components before it that it may listen to (a shared tok2vec/transformer)."""
    names = nlp.pipe_names
    return [n for n in names[: names.index("ner") + 1] if n == "ner" or n in ("tok2vec", "transformer")]


def model_rule(name: str, nlp: Any) -> str:
    """The versioned name written on every mention: "<lang>_<name>@<version>"."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', name)}@{meta.get('version', '0')}"


def link(text: str, language: str) -> tuple[str | None, dict[str, Any]]:
    """A registry actor when ``text`` is, as a whole, one registry name."""
    from cronaca.extract import entities

    for start, end, entry in entities.find(text, language):
        if start == 0 and end == len(text):
            return entry.actor or None, {
                "name": entry.actor_name,
                "actor": entry.actor,
                "type": entry.actor_type,
            }
    return None, {}


@component("ner", version=VERSION, requires=["tokens", "sentences", "entities"], assigns=["ner"])
def ner(options: dict[str, Any] | None = None):
    """Statistical entity mentions from a spaCy pipeline, complementing (or replacing) the rules."""
    options = options or {}
    value = options.get("ner")
    if not value:
        raise ConfigError("the ner component needs the ner option, e.g. spacy:NAME_OR_PATH")
    name = parse(str(value))
    mode = options.get("ner_mode") or "complement"
    if mode not in MODES:
        raise ConfigError(f"ner_mode = {mode!r}: expected one of {', '.join(MODES)}")
    nlp = load(name)
    rule = model_rule(name, nlp)
    source = f"spacy:{name}"

    def process(doc: Doc) -> None:
        if mode == "replace":
            doc.mentions = [m for m in doc.mentions if m.kind != "entity"]
        # the model may override the rules' guesses (unlinked names), never their links
        taken = sorted((m.start, m.end) for m in doc.mentions if m.kind == "entity" and m.entity_id)
        for ent, offset in _entities(nlp, doc):
            label = LABELS.get(ent.label_)
            start, end = offset + ent.start_char, offset + ent.end_char
            overlapping = [(s, e) for s, e in taken if s < end and start < e]
            if label is None or not all(
                start <= s and e <= end and e - s < end - start for s, e in overlapping
            ):
                continue
            entity_id, linked = link(ent.text, doc.language or "")
            doc.mentions = [  # an unlinked rule guess on the same words gives way to the model
                m
                for m in doc.mentions
                if not (m.kind == "entity" and m.entity_id is None and m.start < end and start < m.end)
            ]
            doc.mentions.append(
                Mention(
                    "entity",
                    start,
                    end,
                    doc.text[start:end],
                    label=label,
                    entity_id=entity_id,
                    value={
                        **linked,
                        "linked": entity_id is not None,
                        "source": source,
                        "model_label": ent.label_,
                    },
                    component=COMPONENT,
                    rule=rule,
                )
            )

    return process


def _entities(nlp: Any, doc: Doc) -> Iterator[tuple[Any, int]]:
    """The model's spans with the offset of the text they were found in: sentence by sentence
    (models are trained on sentences, and a span never crosses a sentence break)."""
    sentences = doc.of_kind("sentence") or [Mention("sentence", 0, len(doc.text), doc.text)]
    texts = (doc.text[s.start : s.end] for s in sentences)
    for sentence, parsed in zip(sentences, nlp.pipe(texts, batch_size=64), strict=True):
        for ent in parsed.ents:
            yield ent, sentence.start
