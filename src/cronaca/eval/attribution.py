"""`cronaca eval attribution DIR`: score attribution cues and sources on PolNeAR brat files.

``DIR`` is a PolNeAR compartment (``dev/``): ``text/<article>.txt`` and
``attributions/<article>_<annotator>.ann``. Two articles per compartment carry one
annotation per annotator; the first file by name is scored and the others are ignored
(they measure agreement, not cronaca).

Each article runs through cronaca's sentences and entities, then
:func:`cronaca.extract.events.attribution_spans.doc_attributions` finds (cue, source) pairs.
Predicted ``Cue`` and ``Source`` spans are matched against the gold spans of the same
role, two ways: *strict* (the same character offsets; a discontinuous gold span must
match fragment for fragment) and *lenient* (any character overlap). Precision is the
share of predicted spans that match some gold span, recall the share of gold spans that
some predicted span matches; spans are deduplicated per article first.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from cronaca.errors import InputError, UsageError
from cronaca.model import Article

ROLES: tuple[str, ...] = ("cue", "source")
Fragments = tuple[tuple[int, int], ...]  # a brat span: one (start, end) per fragment


# ---------------------------------------------------------------------------- reading


@dataclass
class GoldArticle:
    name: str
    text: str
    annotation: str  # the .ann file scored
    spans: dict[str, set[Fragments]] = field(default_factory=dict)  # role → spans
    pairs: list[tuple[Fragments, Fragments | None]] = field(default_factory=list)  # (cue, source)
    texts: dict[Fragments, str] = field(default_factory=dict)


def read_ann(
    path: Path, text: str
) -> tuple[dict[str, set[Fragments]], list[tuple[Fragments, Fragments | None]]]:
    """Cue and Source spans of a brat file, and the (cue, source) pair of every relation."""
    spans: dict[str, set[Fragments]] = {role: set() for role in ROLES}
    ids: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("T"):
            try:
                tid, body, *_ = line.split("\t")
                role, offsets = body.split(" ", 1)
                frags = tuple((int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";")))
            except ValueError as e:
                raise InputError(f"{path}:{number}: not a brat text-bound line: {line[:80]!r}") from e
            if any(b > len(text) or a > b for a, b in frags):
                raise InputError(f"{path}:{number}: offsets {offsets} fall outside the article text")
            ids[tid] = (role, frags)
            if role.lower() in spans:
                spans[role.lower()].add(frags)
        elif line.startswith("E"):
            parts = line.split("\t")[1].split() if "\t" in line else []
            relations.append(dict(p.split(":", 1) for p in parts if ":" in p))
    pairs = []
    for rel in relations:
        cue = ids.get(rel.get("Cue", ""))
        source = ids.get(rel.get("Source", ""))
        if cue is not None:
            pairs.append((cue[1], source[1] if source else None))
    return spans, pairs


def read_gold(folder: str | Path, limit: int | None = None) -> list[GoldArticle]:
    """One annotation per article (the first ``.ann`` by name), with the article text."""
    root = Path(folder)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        hint = " (pass a compartment such as polnear/dev)" if (root / "dev").is_dir() else ""
        raise UsageError(f"{root} has no text/ and attributions/ folders{hint}")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    articles = []
    for name in sorted(chosen)[:limit]:
        txt = text_dir / f"{name}.txt"
        if not txt.is_file():
            raise InputError(f"{chosen[name]} has no article text {txt}")
        text = txt.read_text(encoding="utf-8")
        spans, pairs = read_ann(chosen[name], text)
        article = GoldArticle(name, text, chosen[name].name, spans, pairs)
        article.texts = {f: _text(text, f) for role in ROLES for f in spans[role]}
        articles.append(article)
    return articles


def _text(text: str, frags: Fragments) -> str:
    return " … ".join(text[a:b] for a, b in frags)


# ---------------------------------------------------------------------------- scoring


@dataclass
class Match:
    """Matched predicted / predicted spans and matched gold / gold spans."""

    pred_ok: int = 0
    pred: int = 0
    gold_ok: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Iterable[Fragments], pred: Iterable[Fragments], lenient: bool) -> None:
        gold, pred = list(gold), list(pred)
        same = overlaps if lenient else (lambda a, b: a == b)
        self.pred += len(pred)
        self.gold += len(gold)
        self.pred_ok += sum(any(same(p, g) for g in gold) for p in pred)
        self.gold_ok += sum(any(same(g, p) for p in pred) for g in gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.gold,
            "predicted": self.pred,
        }


def overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Prediction:
    cue: Fragments
    source: Fragments | None
    rule: str


def predict(articles: Sequence[GoldArticle], *, progress: bool = False) -> list[list[Prediction]]:
    """cronaca's (cue, source) pairs for every article."""
    from cronaca.extract.events.attribution_spans import doc_attributions
    from cronaca.extract.pipeline import Doc, Pipeline
    from cronaca.extract.sentences import nlp_for

    pipeline = Pipeline(["sentences", "entities"])
    result = []
    started = time.monotonic()
    for n, gold in enumerate(articles, 1):
        article = Article(id=gold.name, text=gold.text, language="en")
        annotations = pipeline(article)
        doc = Doc(article, tokens=nlp_for("en")(gold.text), mentions=list(annotations.mentions))
        result.append(
            [
                Prediction(
                    ((a.cue.start, a.cue.end),),
                    ((a.source.start, a.source.end),) if a.source else None,
                    a.rule,
                )
                for a in doc_attributions(doc)
            ]
        )
        if progress and (n % 20 == 0 or n == len(articles)):
            print(f"  {n}/{len(articles)} articles, {time.monotonic() - started:.0f}s", file=sys.stderr)
    return result


def score(articles: Sequence[GoldArticle], predicted: Sequence[Sequence[Prediction]]) -> dict[str, Any]:
    """Strict and lenient P/R/F1 for cues and sources, and the commonest failures."""
    counts = {(role, mode): Match() for role in ROLES for mode in ("strict", "lenient")}
    missed_cues: Counter[str] = Counter()
    spurious_cues: Counter[str] = Counter()
    source_failures: Counter[str] = Counter()
    spurious_sources: Counter[str] = Counter()
    for gold, preds in zip(articles, predicted, strict=True):
        pred_spans = {
            "cue": {p.cue for p in preds},
            "source": {p.source for p in preds if p.source is not None},
        }
        for role in ROLES:
            for mode in ("strict", "lenient"):
                counts[role, mode].add(gold.spans[role], pred_spans[role], lenient=mode == "lenient")
        for g in gold.spans["cue"]:
            if not any(overlaps(g, p) for p in pred_spans["cue"]):
                missed_cues[gold.texts[g].lower()] += 1
        for p in preds:
            if not any(overlaps(p.cue, g) for g in gold.spans["cue"]):
                spurious_cues[_text(gold.text, p.cue).lower()] += 1
            if p.source and not any(overlaps(p.source, g) for g in gold.spans["source"]):
                spurious_sources[p.rule] += 1
        for cue, source in gold.pairs:
            if source is None:
                continue
            found = [p for p in preds if overlaps(p.cue, cue)]
            if not found:
                source_failures["cue not found"] += 1
            elif not any(p.source for p in found):
                source_failures["cue found, no source predicted"] += 1
            elif not any(p.source and overlaps(p.source, source) for p in found):
                source_failures["cue found, source elsewhere"] += 1
            elif not any(p.source == source for p in found):
                source_failures["source overlaps, boundaries differ"] += 1
    scores: dict[str, Any] = {
        role: {mode: counts[role, mode].to_dict() for mode in ("strict", "lenient")} for role in ROLES
    }
    scores["failures"] = {
        "missed_cues": dict(missed_cues.most_common(15)),
        "spurious_cues": dict(spurious_cues.most_common(15)),
        "gold_sources": dict(source_failures.most_common()),
        "spurious_sources_by_rule": dict(spurious_sources.most_common()),
    }
    return scores


def write_predictions(folder: str | Path, articles: Sequence[GoldArticle], predicted) -> None:
    """One brat ``<article>.ann`` per article: Cue, Source and Attribution spans and relations."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for gold, preds in zip(articles, predicted, strict=True):
        lines, t = [], 0
        for e, p in enumerate(preds, 1):
            roles = [("Cue", p.cue), ("Attribution", p.cue)] + ([("Source", p.source)] if p.source else [])
            ids = {}
            for role, frags in roles:
                t += 1
                ids[role] = f"T{t}"
                offsets = ";".join(f"{a} {b}" for a, b in frags)
                lines.append(f"T{t}\t{role} {offsets}\t{_text(gold.text, frags)}")
            args = " ".join(f"{role}:{tid}" for role, tid in ids.items() if role != "Attribution")
            lines.append(f"E{e}\tAttribution:{ids['Attribution']} {args}")
        (out / f"{gold.name}.ann").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def format_table(scores: dict[str, Any]) -> str:
    lines = [
        f"{'':<8} {'strict P':>8} {'R':>6} {'F1':>6}   "
        f"{'lenient P':>9} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"
    ]
    for role in ROLES:
        s, le = scores[role]["strict"], scores[role]["lenient"]
        lines.append(
            f"{role:<8} {s['precision']:>8.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}   "
            f"{le['precision']:>9.3f} {le['recall']:>6.3f} {le['f1']:>6.3f} "
            f"{s['gold']:>6} {s['predicted']:>6}"
        )
    for name, counter in scores["failures"].items():
        items = ", ".join(f"{k!r} {v}" for k, v in counter.items())
        lines.append(f"{name.replace('_', ' ')}: {items or '-'}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- command


@click.command("attribution")
@click.argument("gold", type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", type=click.Path(file_okay=False), help="Write predicted brat .ann files here.")
@click.option("--limit", type=int, help="Only the first N articles (by name).")
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON on stdout instead of a table.")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def eval_attribution(gold, predictions, limit, as_json, quiet) -> None:
    """Score attribution cues and sources on a PolNeAR compartment (text/ + attributions/).

    Strict (same offsets) and lenient (overlap) precision, recall and F1 for Cue and
    Source spans; where an article has several annotators, the first file by name is used.

    \b
    Examples:
      cronaca eval attribution polnear/dev
      cronaca eval attribution polnear/dev --limit 10 --predictions /tmp/polnear-pred
    """
    articles = read_gold(gold, limit)
    started = time.monotonic()
    predicted = predict(articles, progress=not quiet)
    scores = score(articles, predicted)
    if predictions:
        write_predictions(predictions, articles, predicted)
    if not quiet:
        print(f"{len(articles)} articles in {time.monotonic() - started:.1f}s", file=sys.stderr)
    click.echo(json.dumps(scores, indent=2, ensure_ascii=False) if as_json else format_table(scores))
