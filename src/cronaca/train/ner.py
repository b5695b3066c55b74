"""`cronaca train ner DATA.tsv --output DIR`: a spaCy NER model from BIO-tagged sentences.

The data is read as ``cronaca eval ner`` reads gold (``token<TAB>tag``, or
``index<TAB>token<TAB>tag`` as in wikineural-style CoNLL files; a blank line between
sentences). Each sentence becomes a spaCy ``Example`` on its own tokens, so training
sees exactly the gold tokenisation; a blank pipeline for ``--lang`` gets an ``ner``
component (spaCy's default CNN tok2vec + transition parser, CPU-friendly) and is
trained with shuffled minibatches and dropout. With ``--dev`` the model is scored
after every epoch and the best epoch is the one saved; without it, the last.

The saved folder loads with ``spacy.load(DIR)`` and plugs into cronaca with
``--ner spacy:DIR``. A model is as redistributable as its training data: one trained on
a non-commercial corpus (such as KIND) must not ship inside a product.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from cronaca.errors import UsageError
from cronaca.eval.ner import Sentence, read_bio, spans

VERSION = "1.0.0"


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Well-formed BIO (an I- that starts a chunk becomes B-), chunks as ``spans`` reads them."""
    fixed = ["O"] * len(tags)
    for kind, start, end in spans(tags):
        fixed[start] = f"B-{kind}"
        for i in range(start + 1, end):
            fixed[i] = f"I-{kind}"
    return fixed


def examples(nlp: Any, sentences: Sequence[Sentence]) -> list[Any]:
    """spaCy ``Example``s: an untagged Doc on the gold tokens, paired with the tagged one."""
    from spacy.tokens import Doc
    from spacy.training import Example

    result = []
    for sentence in sentences:
        words = [token for token, _ in sentence]
        spaces = [True] * (len(words) - 1) + [False]
        reference = Doc(nlp.vocab, words=words, spaces=spaces, ents=clean_tags([t for _, t in sentence]))
        predicted = Doc(nlp.vocab, words=words, spaces=spaces)
        result.append(Example(predicted, reference))
    return result


def train(
    data: str | Path,
    output: str | Path,
    *,
    lang: str = "it",
    epochs: int = 10,
    dev: str | Path | None = None,
    seed: int = 0,
    dropout: float = 0.2,
    batch_size: int = 32,
    name: str = "",
    log: Any = None,
) -> dict[str, Any]:
    """Train, save the model to ``output`` and return its scores (on ``dev`` when given)."""
    import spacy
    from spacy.util import fix_random_seed, minibatch

    say = log or (lambda message: print(message, file=sys.stderr))
    if epochs < 1:
        raise UsageError("--epochs must be at least 1")
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError) as e:
        raise UsageError(f"spaCy has no language {lang!r}: use an ISO code such as it, en, fr") from e
    fix_random_seed(seed)
    rng = random.Random(seed)
    train_set = examples(nlp, read_bio(data))
    dev_set = examples(nlp, read_bio(dev)) if dev else []
    if not train_set:
        raise UsageError(f"{data} has no sentences")
    ner = nlp.add_pipe("ner")
    labels = sorted({ent.label_ for ex in train_set for ent in ex.reference.ents})
    if not labels:
        raise UsageError(f"{data} has no B-/I- tags: nothing to learn")
    for label in labels:
        ner.add_label(label)
    optimizer = nlp.initialize(lambda: train_set)
    tokens = sum(len(ex) for ex in train_set)
    say(f"training {lang} NER on {len(train_set)} sentences ({tokens} tokens), labels {', '.join(labels)}")

    output = Path(output)
    nlp.meta["name"] = name or re.sub(r"[^A-Za-z0-9_]+", "_", output.resolve().name).strip("_") or "ner"
    nlp.meta["version"] = VERSION
    nlp.meta["description"] = f"cronaca train ner on {Path(data).name} ({len(train_set)} sentences)"
    best: dict[str, Any] = {}
    best_f = -1.0
    started = time.monotonic()
    for epoch in range(1, epochs + 1):
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        for batch in minibatch(train_set, size=batch_size):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
        line = f"epoch {epoch}/{epochs}  loss {losses.get('ner', 0.0):.1f}  {time.monotonic() - started:.0f}s"
        with nlp.use_params(optimizer.averages):
            if dev_set:
                scores = _scores(nlp, dev_set)
                line += f"  dev P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}"
                if scores["f1"] > best_f:
                    best_f, best = scores["f1"], {**scores, "epoch": epoch}
                    nlp.to_disk(output)
                    line += "  saved"
            else:
                best = {"epoch": epoch}
                nlp.to_disk(output)
        say(line)
    best["seconds"] = round(time.monotonic() - started, 1)
    best["output"] = str(output)
    return best


def _scores(nlp: Any, dev_set: Sequence[Any]) -> dict[str, Any]:
    scores = nlp.evaluate(dev_set)
    per_type = {
        kind: {"precision": s["p"], "recall": s["r"], "f1": s["f"]}
        for kind, s in sorted((scores.get("ents_per_type") or {}).items())
    }
    return {
        "precision": scores["ents_p"] or 0.0,
        "recall": scores["ents_r"] or 0.0,
        "f1": scores["ents_f"] or 0.0,
        "per_type": per_type,
    }


@click.command("ner")
@click.argument("conll_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--output", "-o", required=True, type=click.Path(file_okay=False), help="Folder to save the model in."
)
@click.option("--lang", default="it", show_default=True, help="Language of the blank spaCy pipeline.")
@click.option("--epochs", default=10, show_default=True, help="Passes over the training data.")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False), help="BIO file scored after each epoch.")
@click.option("--seed", default=0, show_default=True, help="Random seed (shuffling, initialisation).")
@click.option("--dropout", default=0.2, show_default=True, help="Dropout rate during training.")
@click.option("--batch-size", default=32, show_default=True, help="Sentences per update.")
@click.option("--name", default="", help="Model name in its meta (default: the output folder's name).")
def train_ner(conll_file, output, lang, epochs, dev, seed, dropout, batch_size, name) -> None:
    """Train a spaCy NER model on BIO data (token<TAB>tag, blank line between sentences).

    \b
    Examples:
      cronaca train ner train.tsv --output models/ner --dev dev.tsv --epochs 10
      cronaca --ner spacy:models/ner ingest articles/
    """
    result = train(
        conll_file,
        output,
        lang=lang,
        epochs=epochs,
        dev=dev,
        seed=seed,
        dropout=dropout,
        batch_size=batch_size,
        name=name,
    )
    click.echo(f"saved {result['output']} (epoch {result['epoch']}, {result['seconds']}s)")
    if "f1" in result:
        click.echo(f"dev     P {result['precision']:.3f}  R {result['recall']:.3f}  F1 {result['f1']:.3f}")
        for kind, s in result["per_type"].items():
            click.echo(f"  {kind:<5} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
