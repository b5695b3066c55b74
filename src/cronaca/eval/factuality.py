"""`cronaca eval factuality DIR`: score event certainty and polarity on MEANTIME CoNLL files.

``DIR`` holds ``*.conll`` files with one token per line, ``tok_id token EVENT CERTAINTY
POLARITY TIME`` (tab-separated; columns 3–6 ``_`` or ``B-/I-<value>-<event id>``) and a
blank line between sentences. The first sentence is the title, the second the date,
which becomes the article's publication date.

Each file is rebuilt as text (tokens joined by spaces, one sentence per paragraph, with a
token → character map) and run through the cronaca pipeline. Every gold event mention
gets a prediction: the factuality of a cronaca event whose trigger overlaps the mention's
first token when there is one, else the factuality cue of the cronaca sentence that holds
it (:func:`cronaca.extract.events.factuality_at`, rules from ``resources/en/cues.yaml``).
cronaca values map onto MEANTIME attributes with ``CERTAINTY``, ``POLARITY`` and ``TIME``
below (``hypothetical``, a condition or a question, is MEANTIME's UNDERSPECIFIED). Scores
are accuracy and per-class P/R/F1 with their macro average, beside the majority-class
baseline (CERTAIN, POS, NON_FUTURE) and the difference to it.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from cronaca.errors import InputError, UsageError
from cronaca.model import Article, Interval

# cronaca factuality value → MEANTIME attribute; a value not listed maps to the majority class.
CERTAINTY: dict[str, str] = {
    "probable": "PROBABLE",
    "possible": "POSSIBLE",
    "rumoured": "POSSIBLE",
    "intended": "POSSIBLE",
    "hypothetical": "UNDERSPECIFIED",
}
POLARITY: dict[str, str] = {
    "denied": "NEG",
    "not_acknowledged": "NEG",
    "negated": "NEG",
    "hypothetical": "UNDERSPECIFIED",
}
# a condition or a question is mostly about what is still to come
TIME: dict[str, str] = {"future": "FUTURE", "intended": "FUTURE", "hypothetical": "FUTURE"}
MAJORITY: dict[str, str] = {"certainty": "CERTAIN", "polarity": "POS", "time": "NON_FUTURE"}
ATTRIBUTES: tuple[str, ...] = ("certainty", "polarity", "time")
SEPARATOR = "\n\n"


def to_meantime(value: str) -> dict[str, str]:
    """MEANTIME certainty, polarity and time for a cronaca factuality value."""
    return {
        "certainty": CERTAINTY.get(value, MAJORITY["certainty"]),
        "polarity": POLARITY.get(value, MAJORITY["polarity"]),
        "time": TIME.get(value, MAJORITY["time"]),
    }


# ---------------------------------------------------------------------------- reading


@dataclass
class GoldEvent:
    sentence: int
    token: int  # index of the first token in the file
    text: str
    gold: dict[str, str]  # attribute → value


@dataclass
class GoldFile:
    name: str
    sentences: list[list[tuple[str, str]]]  # (tok_id, token)
    events: list[GoldEvent] = field(default_factory=list)

    def tokens(self) -> list[str]:
        return [token for sentence in self.sentences for _, token in sentence]


def _value(tag: str) -> tuple[str, str]:
    """("B", "CERTAIN") from "B-CERTAIN-8"."""
    prefix, rest = tag.split("-", 1)
    return prefix, rest.rsplit("-", 1)[0]


def read_conll(path: Path) -> GoldFile:
    sentences: list[list[tuple[str, str]]] = [[]]
    events: list[GoldEvent] = []
    index = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        fields = raw.split("\t")
        if len(fields) != 6:
            raise InputError(f"{path}:{number}: expected 6 tab-separated columns, found {len(fields)}")
        tok_id, token, event, *attributes = fields
        sentences[-1].append((tok_id, token))
        if event != "_":
            try:
                prefix, _ = _value(event)
                values = {name: _value(tag)[1] for name, tag in zip(ATTRIBUTES, attributes, strict=True)}
            except ValueError as e:
                raise InputError(f"{path}:{number}: {event!r} is not a B-/I- event tag") from e
            if prefix == "B":
                events.append(GoldEvent(len(sentences) - 1, index, token, values))
            elif events and events[-1].token + len(events[-1].text.split()) == index:
                events[-1].text += f" {token}"
        index += 1
    if not sentences[-1]:
        sentences.pop()
    return GoldFile(path.name, sentences, events)


def read_gold(folder: str | Path, limit: int | None = None) -> list[GoldFile]:
    files = sorted(Path(folder).glob("*.conll"))
    if not files:
        raise UsageError(f"{folder} has no *.conll files (pass the MEANTIME conll_gold folder)")
    return [read_conll(f) for f in files[:limit]]


def publication_date(gold: GoldFile) -> date | None:
    """The date in the second sentence ("December 10 , 2013"), when it parses."""
    if len(gold.sentences) < 2:
        return None
    text = " ".join(t for _, t in gold.sentences[1]).replace(" ,", ",")
    for form in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def rebuild(gold: GoldFile) -> tuple[str, list[int]]:
    """The file as text, one sentence per paragraph, and each token's start offset."""
    starts, pieces, cursor = [], [], 0
    for sentence in gold.sentences:
        words = [t for _, t in sentence]
        for word in words:
            starts.append(cursor)
            cursor += len(word) + 1
        cursor += len(SEPARATOR) - 1
        pieces.append(" ".join(words))
    return SEPARATOR.join(pieces), starts


# ---------------------------------------------------------------------------- predicting


@dataclass
class Predicted:
    value: str  # cronaca factuality
    cue: str
    origin: str  # event | sentence


def predict(files: Sequence[GoldFile], *, progress: bool = False) -> tuple[list[list[Predicted]], int]:
    """A cronaca factuality for every gold event, and how many files had no parsable date."""
    from cronaca.extract.events import factuality_at
    from cronaca.extract.events.cues import load_cues
    from cronaca.extract.pipeline import Doc, default_pipeline
    from cronaca.extract.sentence_view import SentenceView, linked_entities
    from cronaca.extract.sentences import nlp_for

    pipeline = default_pipeline()
    cues = load_cues("en")
    result, undated = [], 0
    started = time.monotonic()
    for n, gold in enumerate(files, 1):
        text, starts = rebuild(gold)
        published = publication_date(gold)
        undated += published is None
        article = Article(
            id=gold.name, text=text, language="en", published=Interval.day(published) if published else None
        )
        annotations = pipeline(article)
        doc = Doc(article, tokens=nlp_for("en")(text), mentions=list(annotations.mentions))
        entities = linked_entities(doc)
        sentence_values: dict[int, SentenceView] = {}
        predictions = []
        for event in gold.events:
            at = starts[event.token]
            hit = [e for e in annotations.events if e.trigger.start <= at < e.trigger.end]
            if hit:
                predictions.append(Predicted(hit[0].factuality, hit[0].factuality_cue, "event"))
                continue
            sentence = doc.sentence_at(at)
            if sentence is None:
                predictions.append(Predicted("asserted", "", "sentence"))
                continue
            if sentence.start not in sentence_values:
                sentence_values[sentence.start] = SentenceView(doc, sentence, entities)
            view = sentence_values[sentence.start]
            value, cue = factuality_at(view, view.index_at(at), cues)
            predictions.append(Predicted(value, cue, "sentence"))
        result.append(predictions)
        if progress and (n % 20 == 0 or n == len(files)):
            print(f"  {n}/{len(files)} files, {time.monotonic() - started:.0f}s", file=sys.stderr)
    return result, undated


# ---------------------------------------------------------------------------- scoring


def class_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-class P/R/F1 and their macro average over the gold classes."""
    labels = sorted(set(gold) | set(pred), key=lambda x: (-Counter(gold)[x], x))
    per_class = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred, n_gold = sum(p == label for p in pred), sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "gold": n_gold,
            "predicted": n_pred,
        }
    gold_labels = [label for label in labels if per_class[label]["gold"]]
    macro = sum(per_class[label]["f1"] for label in gold_labels) / len(gold_labels) if gold_labels else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "classes": per_class}


def score(files: Sequence[GoldFile], predicted: Sequence[Sequence[Predicted]]) -> dict[str, Any]:
    events = [e for f in files for e in f.events]
    preds = [p for ps in predicted for p in ps]
    mapped = [to_meantime(p.value) for p in preds]
    scores: dict[str, Any] = {"events": len(events), "origin": dict(Counter(p.origin for p in preds))}
    for name in ATTRIBUTES:
        gold = [e.gold[name] for e in events]
        scores[name] = class_scores(gold, [m[name] for m in mapped])
        scores[name]["baseline"] = class_scores(gold, [MAJORITY[name]] * len(gold))
    confusion: Counter[str] = Counter()
    wrong_cues: Counter[str] = Counter()
    missed_neg: Counter[str] = Counter()
    for e, p, m in zip(events, preds, mapped, strict=True):
        for name in ("certainty", "polarity"):
            if e.gold[name] != m[name]:
                confusion[f"{name} {e.gold[name]}→{m[name]}"] += 1
                if p.cue and m[name] != MAJORITY[name]:  # the cue made the wrong call
                    wrong_cues[f"{p.value}: {p.cue}"] += 1
        if e.gold["polarity"] == "NEG" and m["polarity"] != "NEG":
            missed_neg[e.text.lower()] += 1
    scores["failures"] = {
        "confusions": dict(confusion.most_common(10)),
        "cues_behind_errors": dict(wrong_cues.most_common(10)),
        "missed_negated_events": dict(missed_neg.most_common(10)),
    }
    return scores


def write_predictions(path: str | Path, files: Sequence[GoldFile], predicted) -> None:
    columns = ["file", "tok_id", "event", "value", "cue", "origin"]
    for name in ATTRIBUTES:
        columns += [f"gold_{name}", f"pred_{name}"]
    with Path(path).open("w", encoding="utf-8") as out:
        out.write("\t".join(columns) + "\n")
        for gold, preds in zip(files, predicted, strict=True):
            ids = [tok_id for sentence in gold.sentences for tok_id, _ in sentence]
            for e, p in zip(gold.events, preds, strict=True):
                m = to_meantime(p.value)
                row = [gold.name, ids[e.token], e.text, p.value, p.cue, p.origin]
                for name in ATTRIBUTES:
                    row += [e.gold[name], m[name]]
                out.write("\t".join(row) + "\n")


def format_table(scores: dict[str, Any]) -> str:
    origin = ", ".join(f"{k} {v}" for k, v in scores["origin"].items())
    lines = [
        f"{scores['events']} gold events (prediction from: {origin})",
        f"{'':<10} {'accuracy':>8} {'macro-F1':>8}   {'baseline acc':>12} {'macro-F1':>8}   over baseline",
    ]
    for name in ATTRIBUTES:
        s, b = scores[name], scores[name]["baseline"]
        lines.append(
            f"{name:<10} {s['accuracy']:>8.3f} {s['macro_f1']:>8.3f}   "
            f"{b['accuracy']:>12.3f} {b['macro_f1']:>8.3f}   "
            f"acc {s['accuracy'] - b['accuracy']:+.3f} macro-F1 {s['macro_f1'] - b['macro_f1']:+.3f}"
        )
    for name in ATTRIBUTES:
        for label, c in scores[name]["classes"].items():
            lines.append(
                f"  {name} {label:<15} P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}"
                f"  gold {c['gold']} pred {c['predicted']}"
            )
    for name, counter in scores["failures"].items():
        items = ", ".join(f"{k!r} {v}" for k, v in counter.items())
        lines.append(f"{name.replace('_', ' ')}: {items or '-'}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- command


@click.command("factuality")
@click.argument("gold", type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", type=click.Path(dir_okay=False), help="Write one TSV row per gold event here.")
@click.option("--limit", type=int, help="Only the first N files (by name).")
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON on stdout instead of a table.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def eval_factuality(gold, predictions, limit, as_json, quiet) -> None:
    """Score event certainty, polarity and time on MEANTIME CoNLL files (*.conll).

    Every gold event gets cronaca's factuality for its sentence (or for the cronaca event
    on the same token), mapped to MEANTIME values; the majority class is the baseline.

    \b
    Examples:
      cronaca eval factuality meantime-en-factuality/conll_gold
      cronaca eval factuality conll_gold --predictions /tmp/factuality.tsv
    """
    files = read_gold(gold, limit)
    started = time.monotonic()
    predicted, undated = predict(files, progress=not quiet)
    scores = score(files, predicted)
    scores["undated_files"] = undated
    if predictions:
        write_predictions(predictions, files, predicted)
    if not quiet:
        print(
            f"{len(files)} files ({undated} without a date) in {time.monotonic() - started:.1f}s",
            file=sys.stderr,
        )
    click.echo(json.dumps(scores, indent=2, ensure_ascii=False) if as_json else format_table(scores))
