"""`cronaca eval ner GOLD.tsv`: score entity mentions on BIO files in the KIND format.

The gold file has one token per line, ``token<TAB>tag`` (a leading index column, as in
CoNLL-U-like exports, is tolerated), and a blank line between sentences; tags are BIO
over PER, LOC and ORG. Each sentence is rebuilt as text (tokens joined by spaces, with
a token → character map), run through the cronaca pipeline, and every entity mention
is turned back into BIO tags on the gold tokens. Scores are exact-span precision,
recall and F1 per type and micro-averaged overall, the CoNLL-2003 convention: a span
counts only when its type, first and last token all match.

Which cronaca labels are which KIND type is a decision made on the data (see
docs/ner.md): countries, capitals, cities and statistical places are LOC; organisations
and metonyms ("Cremlino", "Farnesina": institutions named by their seat) are ORG;
people are PER; demonyms ("britannici") are not entities in KIND.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from cronaca.errors import InputError, UsageError
from cronaca.model import Article, Mention

TYPES: tuple[str, ...] = ("PER", "LOC", "ORG")

# cronaca entity label → KIND type; a label not listed here is not an entity in KIND.
KIND_TYPES: dict[str, str] = {
    "person": "PER",
    "organisation": "ORG",
    "metonym": "ORG",
    "country": "LOC",
    "capital": "LOC",
    "city": "LOC",
    "place": "LOC",
}

BATCH = 200  # sentences per synthetic article: one pipeline call per batch
SEPARATOR = "\n\n"  # a blank line: always a sentence break, never inside a name match

Sentence = list[tuple[str, str]]


# ---------------------------------------------------------------------------- reading


def read_bio(path: str | Path) -> list[Sentence]:
    """Sentences of (token, tag) from a BIO file with 2 columns (token, tag) or 3 (index, token, tag)."""
    sentences: list[Sentence] = []
    current: Sentence = []
    columns = 0
    try:
        handle = Path(path).open(encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror or e}") from e
    with handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if current:
                    sentences.append(current)
                    current = []
                continue
            fields = line.split("\t")
            if not columns:
                columns = len(fields)
                if columns not in (2, 3):
                    raise InputError(
                        f"{path}:{number}: expected token<TAB>tag (or index<TAB>token<TAB>tag), "
                        f"found {columns} tab-separated column(s)"
                    )
            if len(fields) != columns:
                raise InputError(
                    f"{path}:{number}: {len(fields)} column(s) where earlier lines have {columns}"
                )
            token, tag = fields[-2], fields[-1].strip()
            if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
                raise InputError(f"{path}:{number}: {tag!r} is not a BIO tag (O, B-TYPE, I-TYPE)")
            current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def write_bio(path: str | Path, tokens: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> None:
    """``token<TAB>tag`` per line, a blank line after each sentence: the KIND format."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for words, labels in zip(tokens, tags, strict=True):
            for word, label in zip(words, labels, strict=True):
                handle.write(f"{word}\t{label}\n")
            handle.write("\n")


# ---------------------------------------------------------------------------- scoring


def spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """Chunks as (type, first token, last token + 1), conlleval style: an I- tag that does not
    continue a chunk of its own type starts a new one."""
    found: set[tuple[str, int, int]] = set()
    kind, start = "", -1
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind and not continues:
            found.add((kind, start, i))
            kind = ""
        if prefix == "B" or (prefix == "I" and not continues):
            kind, start = label, i
    return found


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "correct": self.tp,
        }


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, dict[str, Any]]:
    """Exact-span P/R/F1 per type and micro-averaged ``"overall"``, from parallel tag sequences."""
    counts: dict[str, Counts] = {}
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise InputError(f"a sentence has {len(gold_tags)} gold tags and {len(pred_tags)} predicted")
        g, p = spans(gold_tags), spans(pred_tags)
        for kind, *_ in g | p:
            counts.setdefault(kind, Counts())
        for kind, *_ in g & p:
            counts[kind].tp += 1
        for kind, *_ in g - p:
            counts[kind].fn += 1
        for kind, *_ in p - g:
            counts[kind].fp += 1
    overall = Counts(*(sum(getattr(c, f) for c in counts.values()) for f in ("tp", "fp", "fn")))
    result = {kind: counts[kind].to_dict() for kind in sorted(counts, key=_type_order)}
    result["overall"] = overall.to_dict()
    return result


def _type_order(kind: str) -> tuple[int, str]:
    return (TYPES.index(kind) if kind in TYPES else len(TYPES), kind)


# ---------------------------------------------------------------------------- predicting


def to_tags(mentions: Iterable[Mention], offsets: Sequence[tuple[int, int]]) -> list[str]:
    """BIO tags on tokens at ``offsets`` (start, end): a token is inside a mention when their
    characters overlap. Longer mentions win; a token is never claimed twice."""
    tags = ["O"] * len(offsets)
    chosen = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    for m in chosen:
        # an anaphor ("the island" for Taiwan) refers to a name but is none
        kind = KIND_TYPES.get(m.label) if m.kind == "entity" and not (m.value or {}).get("anaphor") else None
        if kind is None:
            continue
        inside = [i for i, (s, e) in enumerate(offsets) if s < m.end and m.start < e]
        if not inside or any(tags[i] != "O" for i in inside):
            continue
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + kind
    return tags


def _batches(sentences: Sequence[Sequence[str]], size: int) -> Iterator[tuple[int, Sequence[Sequence[str]]]]:
    for at in range(0, len(sentences), size):
        yield at, sentences[at : at + size]


def predict(
    sentences: Sequence[Sequence[str]],
    options: dict[str, Any] | None = None,
    *,
    model_only: bool = False,
    language: str = "it",
    batch: int = BATCH,
    progress: bool = False,
) -> list[list[str]]:
    """Predicted BIO tags for tokenised sentences: the rules, the rules and a statistical model
    (``options={"ner": "spacy:PATH"}``) or, with ``model_only``, the model alone."""
    from cronaca.extract.pipeline import Pipeline

    options = dict(options or {})
    if model_only:
        if not options.get("ner"):
            raise UsageError("--model-only needs a model: pass --ner spacy:NAME_OR_PATH")
        options["ner_mode"] = "replace"
    pipeline = Pipeline(["sentences", "entities"], options=options)
    result: list[list[str]] = []
    started = time.monotonic()
    for at, group in _batches(sentences, batch):
        pieces: list[str] = []
        offsets: list[list[tuple[int, int]]] = []
        cursor = 0
        for words in group:
            spans_ = []
            for word in words:
                spans_.append((cursor, cursor + len(word)))
                cursor += len(word) + 1
            offsets.append(spans_)
            pieces.append(" ".join(words))
            cursor += len(SEPARATOR) - 1
        text = SEPARATOR.join(pieces)
        article = Article(id=f"kind_{at}", text=text, language=language)
        mentions = [m for m in pipeline(article).mentions if m.kind == "entity"]
        mentions.sort(key=lambda m: m.start)
        for spans_ in offsets:
            if not spans_:
                result.append([])
                continue
            low, high = spans_[0][0], spans_[-1][1]
            local = [m for m in mentions if m.start < high and low < m.end]
            result.append(to_tags(local, spans_))
        if progress:
            done = min(at + batch, len(sentences))
            print(f"  {done}/{len(sentences)} sentences, {time.monotonic() - started:.0f}s", file=sys.stderr)
    return result


def evaluate(
    gold: Sequence[Sentence],
    options: dict[str, Any] | None = None,
    *,
    model_only: bool = False,
    progress: bool = False,
) -> tuple[dict[str, dict[str, Any]], list[list[str]]]:
    """Scores and predicted tags for gold sentences."""
    tokens = [[token for token, _ in sentence] for sentence in gold]
    predicted = predict(tokens, options, model_only=model_only, progress=progress)
    return score([[tag for _, tag in s] for s in gold], predicted), predicted


def format_table(scores: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'ok':>6}"]
    for kind, s in scores.items():
        lines.append(
            f"{kind:<8} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
            f"{s['gold']:>6} {s['predicted']:>6} {s['correct']:>6}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------- command


@click.command("ner")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(dir_okay=False), help="Write token<TAB>predicted tag here.")
@click.option("--ner", "ner", metavar="spacy:NAME_OR_PATH", help="Add a statistical model beside the rules.")
@click.option("--model-only", is_flag=True, help="Score the statistical model alone, without the rules.")
@click.option("--limit", type=int, help="Only the first N sentences.")
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON on stdout instead of a table.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def eval_ner(gold, predictions, ner, model_only, limit, as_json, quiet) -> None:
    """Score entity mentions on a BIO file in the KIND format (token<TAB>tag).

    \b
    Examples:
      cronaca eval ner WN_dev.tsv
      cronaca eval ner WN_dev.tsv --ner spacy:/tmp/kind-model --predictions dev.pred.tsv
      cronaca eval ner WN_dev.tsv --ner spacy:/tmp/kind-model --model-only
    """
    import json

    sentences = read_bio(gold)
    if limit is not None:
        sentences = sentences[:limit]
    options = {"ner": ner} if ner else {}
    started = time.monotonic()
    scores, predicted = evaluate(sentences, options, model_only=model_only, progress=not quiet)
    elapsed = time.monotonic() - started
    if predictions:
        write_bio(predictions, [[t for t, _ in s] for s in sentences], predicted)
    if not quiet:
        tokens = sum(len(s) for s in sentences)
        print(f"{len(sentences)} sentences, {tokens} tokens in {elapsed:.1f}s", file=sys.stderr)
    if as_json:
        click.echo(json.dumps(scores, indent=2))
    else:
        click.echo(format_table(scores))
