"""`cronaca eval petrarch`: CAMEO root agreement on PETRARCH validation records.

Reads ``PETR.UnitTest.records.xml`` (PETRARCH-2's unit tests) or ``PETR2_GSR_validation.xml``
(UniversalPetrarch's news sentences): ``<Sentence>`` records, each with zero or more
``<EventCoding sourcecode=… targetcode=… eventcode=…>`` and a ``<Text>``. Each text is read by
the ordinary pipeline; cronaca's events carry the CAMEO root of their type (``EventMention.cameo``,
from ``ontology/plover.yaml``), and only roots are compared (cronaca codes PLOVER types, not
CAMEO leaves).

Measured: a record *agrees* when any predicted root equals any expected root (over records
with an expected CAMEO code); precision, recall and F1 over (record, root) pairs; false alarms
on ``noevents`` records; on agreeing records, whether the source and target agree too (country
part of the gold code). Agreement ignores actors: the unit tests use fictitious states (Arnor,
Gondor, …) that cronaca's gazetteer does not know, and rules that require an actor cannot fire
on them. Expected codes whose root is not a CAMEO root (01–20), like the validation
dictionary's 903 or 223, are counted apart and left out of the scores.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import click

from cronaca.errors import UsageError
from cronaca.eval.common import (
    codes_of,
    entities_option,
    event_json,
    events_of,
    f1,
    json_option,
    limit_option,
    parse_day,
    pipeline,
    predictions_option,
    print_json,
    ratio,
    read_text,
    share,
    table,
    top,
    write_jsonl,
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>")
_ATTRS = re.compile(r'([\w-]+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


@dataclass
class Record:
    id: str
    category: str
    text: str
    day: Any
    codings: list[dict[str, str]]  # source, target, code

    @property
    def codes(self) -> list[str]:
        return [c["code"] for c in self.codings]

    @property
    def roots(self) -> set[str]:
        """Expected CAMEO roots (01–20)."""
        return {r for r in map(cameo_root, self.codes) if r}

    @property
    def other_codes(self) -> list[str]:
        """Expected codes that are not CAMEO (validation-dictionary codes such as 903)."""
        return [c for c in self.codes if not cameo_root(c)]


def cameo_root(code: str) -> str | None:
    """ "064" → "06", "1717" → "17"; None for anything that is not a CAMEO code (01–20)."""
    code = (code or "").strip()
    if len(code) < 2 or not code[:2].isdigit():
        return None
    return code[:2] if 1 <= int(code[:2]) <= 20 else None


def read_records(path: str) -> list[Record]:
    """The ``<Sentence>`` records of a PETRARCH validation file (both layouts: codings inside
    the element, or a self-closing ``<Sentence/>`` followed by its codings)."""
    text = _COMMENT.sub("", read_text(path, "PETRARCH validation file"))
    heads = list(_SENTENCE.finditer(text))
    if not heads:
        raise UsageError(f"{path}: no <Sentence> records; expected a PETRARCH validation XML file")
    records = []
    for i, head in enumerate(heads):
        body = text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)]
        attrs = dict(_ATTRS.findall(head.group(1)))
        found = _TEXT.search(body)
        if not found:
            raise UsageError(f"{path}: record {attrs.get('id', i)} has no <Text>")
        codings = []
        for coding in _CODING.finditer(body):
            values = dict(_ATTRS.findall(coding.group(1)))
            if values.get("eventcode"):
                codings.append(
                    {
                        "source": values.get("sourcecode", ""),
                        "target": values.get("targetcode", ""),
                        "code": values["eventcode"].strip(),
                    }
                )
        records.append(
            Record(
                id=attrs.get("id", str(i)),
                category=attrs.get("category", ""),
                text=" ".join(found.group(1).split()),
                day=parse_day(attrs.get("date")),
                codings=codings,
            )
        )
    return records


def predicted_roots(events: list) -> set[str]:
    return {r for r in (cameo_root(e.cameo[:2]) for e in events) if r}


def dyad_match(record: Record, events: list, role: str) -> bool:
    """Whether an event with an agreeing root has an actor whose code starts the gold actor code
    of that root ("ISRMIL" → ISR): the country part only, as cronaca codes no sectors."""
    for coding in record.codings:
        root, gold = cameo_root(coding["code"]), coding[role][:3].upper()
        for event in events:
            if cameo_root(event.cameo[:2]) == root and gold in codes_of(getattr(event, f"{role}_actors")):
                return True
    return False


def score(records: list[Record], predictions: list[list]) -> dict[str, Any]:
    scored = agree = covered = 0
    tp = fp = fn = 0
    empty = false_alarms = other_only = 0
    source_ok = target_ok = 0
    other: Counter = Counter()
    missed: Counter = Counter()
    spurious: Counter = Counter()
    confusion: Counter = Counter()
    by_category: dict[str, Counter] = {}
    for record, events in zip(records, predictions, strict=True):
        expected, got = record.roots, predicted_roots(events)
        other.update(record.other_codes)
        if not record.codings:
            empty += 1
            false_alarms += bool(got)
            fp += len(got)
            spurious.update(got)
            continue
        if not expected:  # only validation-dictionary codes: nothing to compare with
            other_only += 1
            continue
        scored += 1
        covered += bool(got)
        hit = bool(expected & got)
        agree += hit
        if hit:
            source_ok += dyad_match(record, events, "source")
            target_ok += dyad_match(record, events, "target")
        row = by_category.setdefault(record.category, Counter())
        row["n"] += 1
        row["agree"] += hit
        tp += len(expected & got)
        fp += len(got - expected)
        fn += len(expected - got)
        missed.update(expected - got)
        spurious.update(got - expected)
        if not hit:
            for root in sorted(expected):
                confusion[(root, ",".join(sorted(got)) or "none")] += 1
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {
        "records": len(records),
        "scored": scored,
        "covered": covered,
        "agree": agree,
        "agreement": ratio(agree, scored),
        "agreement_covered": ratio(agree, covered),
        "actors_on_agreeing": {"source": source_ok, "target": target_ok, "records": agree},
        "pairs": {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
        },
        "noevents": {"records": empty, "false_alarms": false_alarms},
        "non_cameo": {"records_only_non_cameo": other_only, "codes": top(other, 20)},
        "by_category": {
            c: {"n": v["n"], "agree": v["agree"]}
            for c, v in sorted(by_category.items(), key=lambda kv: (-kv[1]["n"], kv[0]))
        },
        "missed_roots": top(missed),
        "spurious_roots": top(spurious),
        "confusions": top(confusion),
    }


def _counts(pairs: list[list[Any]]) -> str:
    return ", ".join(f"{k} ×{n}" for k, n in pairs) or "none"


def report(figures: dict[str, Any]) -> str:
    f, p = figures, figures["pairs"]
    lines = [
        f"PETRARCH records: {f['records']} ({f['scored']} with an expected CAMEO code, "
        f"{f['noevents']['records']} with none, {f['non_cameo']['records_only_non_cameo']} with only "
        "non-CAMEO validation codes)",
        "Agreement compares CAMEO roots (first two digits) only; actors are checked on agreeing records.",
        table(
            [
                ["coverage (≥1 event)", share(f["covered"], f["scored"])],
                ["root agreement", share(f["agree"], f["scored"])],
                ["  over covered records", share(f["agree"], f["covered"])],
                ["  … with the source actor too", share(f["actors_on_agreeing"]["source"], f["agree"])],
                ["  … with the target actor too", share(f["actors_on_agreeing"]["target"], f["agree"])],
                ["(record, root) precision", share(p["tp"], p["tp"] + p["fp"])],
                ["(record, root) recall", share(p["tp"], p["tp"] + p["fn"])],
                ["(record, root) F1", "" if p["f1"] is None else f"{100 * p['f1']:.1f}%"],
                [
                    "false alarms on no-event records",
                    share(f["noevents"]["false_alarms"], f["noevents"]["records"]),
                ],
            ],
            ["measure", "value"],
        ),
        "",
        "By category:",
        table(
            [[c, v["n"], v["agree"]] for c, v in f["by_category"].items()], ["category", "records", "agree"]
        ),
        "",
        "Expected roots missed:  " + ", ".join(f"{k} ×{n}" for k, n in f["missed_roots"]),
        "Spurious roots:         " + ", ".join(f"{k} ×{n}" for k, n in f["spurious_roots"]),
    ]
    if f["non_cameo"]["codes"]:
        lines.append(
            "Non-CAMEO codes left out: " + ", ".join(f"{k} ×{n}" for k, n in f["non_cameo"]["codes"])
        )
    return "\n".join(lines)


@click.command("petrarch")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@limit_option
@predictions_option
@json_option
@entities_option
def eval_petrarch(
    gold: str, limit: int | None, predictions: str | None, as_json: bool, entities: tuple[str, ...]
) -> None:
    """Score CAMEO root agreement on PETRARCH validation records (XML).

    \b
    Examples:
      cronaca eval petrarch ../shared/data/petrarch2-validation/PETR.UnitTest.records.xml
      cronaca eval petrarch PETR2_GSR_validation.xml --predictions petr.jsonl --json
    """
    records = read_records(gold)[:limit]
    nlp = pipeline(entities)
    predicted = [events_of(nlp, r.id, r.text, r.day) for r in records]
    figures = score(records, predicted)
    figures["gold"] = gold
    figures["pipeline"] = nlp.versions
    if predictions:
        write_jsonl(
            predictions,
            (
                {
                    "id": r.id,
                    "category": r.category,
                    "text": r.text,
                    "gold": {"codings": r.codings, "roots": sorted(r.roots)},
                    "predicted": [event_json(e) for e in events],
                    "predicted_roots": sorted(predicted_roots(events)),
                }
                for r, events in zip(records, predicted, strict=True)
            ),
        )
    if as_json:
        print_json(figures)
    else:
        click.echo(report(figures))
