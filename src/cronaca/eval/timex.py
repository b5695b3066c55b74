"""`cronaca eval timex DIR`: score time expressions on TimeML files (TempEval-3 format).

Each ``*.tml`` file gives its document creation time in ``<DCT><TIMEX3
functionInDocument="CREATION_TIME" value=...>`` and its gold ``<TIMEX3 type= value=>`` tags
inside ``<TEXT>``. The plain text of ``<TEXT>`` (tags removed) is run through
:func:`cronaca.extract.timexes.find_timexes` with the DCT as a day-precision article date.

Scores, as TempEval-3 reports them: extraction precision/recall/F1 *strict* (same span) and
*relaxed* (overlapping spans, one-to-one), and the accuracy of the normalised ``value`` and
``type`` over the relaxed matches. ``--predictions DIR`` writes each file back as TimeML with
cronaca's TIMEX3 tags in place of the gold ones.

``--table FILE`` scores instead a YAML table of expressions (the Italian suite in
``tests/extract/data/timex_it.yaml``): each row has an article date, a sentence, the span
expected and its value; see :func:`score_table`.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import click
import yaml

from cronaca.errors import InputError, UsageError
from cronaca.extract.timexes import find_timexes
from cronaca.model import Interval, Mention


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: date | None
    text: str
    gold: list[Timex] = field(default_factory=list)
    dct_value: str = ""


# ---------------------------------------------------------------------------- reading


def _flatten(element: ET.Element, parts: list[str], found: list[Timex], offset: int) -> int:
    """Append the text under ``element`` to ``parts``, recording TIMEX3 tags; returns the
    new offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _flatten(child, parts, found, offset)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:offset]
            found.append(Timex(start, offset, text, child.get("type", ""), child.get("value", "")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_tml(path: str | Path) -> Document:
    """One TimeML file: its DCT, the plain text of <TEXT> and the gold TIMEX3 tags in it."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise InputError(f"{path} is not well-formed XML: {e}") from e
    dct_tag = root.find("DCT/TIMEX3")
    if dct_tag is None:
        dct_tag = next(
            (t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
        )
    dct_value = dct_tag.get("value", "") if dct_tag is not None else ""
    try:
        dct = date.fromisoformat(dct_value[:10]) if len(dct_value) >= 10 else None
    except ValueError:
        dct = None
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputError(f"{path} has no <TEXT> element")
    parts: list[str] = []
    gold: list[Timex] = []
    _flatten(text_el, parts, gold, 0)
    return Document(path.name, dct, "".join(parts), sorted(gold, key=lambda t: t.start), dct_value)


def read_dir(directory: str | Path) -> list[Document]:
    files = sorted(Path(directory).glob("*.tml"))
    if not files:
        raise UsageError(f"no *.tml files in {directory}: give a folder of TempEval-3 TimeML files")
    return [read_tml(f) for f in files]


# ---------------------------------------------------------------------------- predicting and scoring


def predict(doc: Document, language: str = "en") -> list[Timex]:
    anchor = Interval.day(doc.dct) if doc.dct else None
    return [_timex(m) for m in find_timexes(doc.text, language, anchor)]


def _timex(m: Mention) -> Timex:
    return Timex(m.start, m.end, m.text, m.value.get("type") or "DATE", m.value.get("value") or "")


def _pairs(gold: list[Timex], predicted: list[Timex], strict: bool) -> list[tuple[Timex, Timex]]:
    """One-to-one matches: same span (strict) or overlapping spans (relaxed), in text order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, p in enumerate(predicted):
            if i in used:
                continue
            same = (g.start, g.end) == (p.start, p.end)
            if same or (not strict and g.start < p.end and p.start < g.end):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def _prf(matched: int, gold: int, predicted: int) -> dict[str, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(docs: list[Document], predictions: dict[str, list[Timex]]) -> dict[str, Any]:
    n_gold = n_pred = n_strict = n_relaxed = n_value = n_type = 0
    for doc in docs:
        pred = predictions[doc.name]
        n_gold += len(doc.gold)
        n_pred += len(pred)
        n_strict += len(_pairs(doc.gold, pred, strict=True))
        relaxed = _pairs(doc.gold, pred, strict=False)
        n_relaxed += len(relaxed)
        n_value += sum(1 for g, p in relaxed if g.value == p.value)
        n_type += sum(1 for g, p in relaxed if g.type == p.type)
    return {
        "files": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(n_strict, n_gold, n_pred),
        "relaxed": _prf(n_relaxed, n_gold, n_pred),
        "value_accuracy": round(n_value / n_relaxed, 4) if n_relaxed else 0.0,
        "type_accuracy": round(n_type / n_relaxed, 4) if n_relaxed else 0.0,
        # value F1 as TempEval-3 counts it: a relaxed match with the right value
        "value_f1": _prf(n_value, n_gold, n_pred)["f1"],
    }


def to_tml(doc: Document, timexes: list[Timex]) -> str:
    """``doc`` as TimeML with ``timexes`` tagged in its text."""
    out, at = [], 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < at:
            continue
        out.append(escape(doc.text[at : t.start]))
        out.append(
            f"<TIMEX3 tid={quoteattr(f't{i}')} type={quoteattr(t.type)} value={quoteattr(t.value)}>"
            f"{escape(doc.text[t.start : t.end])}</TIMEX3>"
        )
        at = t.end
    out.append(escape(doc.text[at:]))
    dct = escape(doc.dct_value or (doc.dct.isoformat() if doc.dct else ""))
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(Path(doc.name).stem)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(dct)} temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(out)}</TEXT>\n</TimeML>\n"
    )


# ---------------------------------------------------------------------------- the YAML table


def read_table(path: str | Path) -> list[dict[str, Any]]:
    """Rows of ``[article date, sentence, expected span, expected value]`` (a list of
    lists under ``cases``, with ``language`` at the top)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    language = str(data.get("language", "it"))
    rows = []
    for i, row in enumerate(data["cases"]):
        if len(row) != 4:
            raise InputError(f"{path}: case {i} should be [date, sentence, span, value], got {row!r}")
        rows.append(
            {"language": language, "date": str(row[0]), "text": row[1], "span": row[2], "value": str(row[3])}
        )
    return rows


def article_date(value: str) -> Interval:
    """ "2025-02" → that month; "2025-12-26" → that day."""
    if len(value) == 7:
        return Interval.month(int(value[:4]), int(value[5:7]))
    return Interval.day(date.fromisoformat(value))


def score_table(path: str | Path) -> dict[str, Any]:
    """Found (the expected span exactly / overlapping) and value accuracy over a table."""
    rows = read_table(path)
    strict = relaxed = value_ok = 0
    errors = []
    for row in rows:
        found = find_timexes(row["text"], row["language"], article_date(row["date"]))
        at = row["text"].find(row["span"])
        end = at + len(row["span"])
        exact = [m for m in found if (m.start, m.end) == (at, end)]
        overlapping = exact or [m for m in found if m.start < end and at < m.end]
        strict += bool(exact)
        relaxed += bool(overlapping)
        got = overlapping[0].value.get("value") if overlapping else None
        if got == row["value"]:
            value_ok += 1
        else:
            errors.append({"text": row["text"], "expected": row["value"], "got": got, "date": row["date"]})
    n = len(rows)
    return {
        "cases": n,
        "span_strict": round(strict / n, 4) if n else 0.0,
        "span_relaxed": round(relaxed / n, 4) if n else 0.0,
        "value_accuracy": round(value_ok / n, 4) if n else 0.0,
        "errors": errors,
    }


# ---------------------------------------------------------------------------- command


def format_table(scores: dict[str, Any]) -> str:
    if "cases" in scores:
        return (
            f"cases {scores['cases']}  span strict {scores['span_strict']:.3f}  "
            f"span relaxed {scores['span_relaxed']:.3f}  value accuracy {scores['value_accuracy']:.3f}"
        )
    lines = [f"files {scores['files']}  gold {scores['gold']}  predicted {scores['predicted']}"]
    for kind in ("strict", "relaxed"):
        s = scores[kind]
        lines.append(f"{kind:8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    lines.append(
        f"value accuracy {scores['value_accuracy']:.3f}  type accuracy {scores['type_accuracy']:.3f}  "
        f"value F1 {scores['value_f1']:.3f}"
    )
    return "\n".join(lines)


@click.command("timex")
@click.argument("gold", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", type=click.Path(file_okay=False), help="Write predicted TimeML files here.")
@click.option("--language", default="en", show_default=True, help="Language of the TimeML texts.")
@click.option(
    "--table", type=click.Path(exists=True, dir_okay=False), help="Score a YAML table of expressions instead."
)
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON on stdout instead of a table.")
def eval_timex(gold, predictions, language, table, as_json) -> None:
    """Score time expressions on TempEval-3 TimeML files (*.tml) or on a YAML table.

    \b
    Examples:
      cronaca eval timex tempeval3/te3-platinum
      cronaca eval timex te3-platinum --predictions /tmp/timex-pred
      cronaca eval timex --table tests/extract/data/timex_it.yaml
    """
    if table:
        scores = score_table(table)
    elif gold:
        docs = read_dir(gold)
        predicted = {doc.name: predict(doc, language) for doc in docs}
        scores = score(docs, predicted)
        if predictions:
            out = Path(predictions)
            out.mkdir(parents=True, exist_ok=True)
            for doc in docs:
                (out / doc.name).write_text(to_tml(doc, predicted[doc.name]), encoding="utf-8")
            print(f"predictions written to {out}", file=sys.stderr)
    else:
        raise click.UsageError("give a folder of *.tml files or --table FILE")
    if as_json:
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(scores))
        for error in scores.get("errors", [])[:30]:
            click.echo(
                f"  {error['date']}  {error['text']!r}: expected {error['expected']}, got {error['got']}"
            )
