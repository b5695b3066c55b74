"""`cronaca eval plover`: score event coding on PLOVER gold-standard records.

The gold is the OEDA ``PLOVER_GSR_CAMEO`` JSON list (a ``DOCUMENT`` header, then one record per
sentence with ``event``, ``mode``, ``source``/``target`` lists of ``{actorText, code, sector}``).
Each sentence is read by the ordinary pipeline as an English article dated by the record. Of the
events cronaca codes in a sentence, the one that best matches the gold (same type, then most
actor overlap) is scored, else the first: an optimistic choice, since a record holds one event.

Measured: coverage (records with an event), event type accuracy (over all records and over
covered ones), source and target actor match (any predicted code among the gold codes, over
records whose gold names codes), mode accuracy (over records whose gold names a mode).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import click

from cronaca.errors import UsageError
from cronaca.eval.common import (
    codes_of,
    entities_option,
    event_json,
    events_of,
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
from cronaca.model import EventMention

# The GSR (PLOVER 0.5, 2016) names two types that PLOVER 0.8 (2021), and so cronaca's
# ontology, renamed: CAMEO 10 DEMAND → REQUEST, CAMEO 11 DISAPPROVE → ACCUSE.
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}


@dataclass
class Gold:
    id: str
    text: str
    event: str  # as written in the gold
    mode: str
    source: set[str]
    target: set[str]
    day: Any = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """The gold type in cronaca's names."""
        return RENAMED.get(self.event, self.event)


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):  # "" or absent: no actor coded
        return set()
    return {str(a["code"]).upper() for a in actors if isinstance(a, dict) and a.get("code")}


def read_gold(path: str) -> list[Gold]:
    """The coded records of a PLOVER GSR JSON file (the ``DOCUMENT`` header left out)."""
    try:
        data = json.loads(read_text(path, "PLOVER gold file"))
    except json.JSONDecodeError as e:
        raise UsageError(f"{path} is not JSON ({e}); expected a PLOVER_GSR_*.json list of records") from e
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a JSON list of PLOVER records, found {type(data).__name__}")
    records = []
    for i, raw in enumerate(data):
        if isinstance(raw, dict) and raw.get("event") == "DOCUMENT":
            continue
        if not isinstance(raw, dict) or not raw.get("event") or "text" not in raw:
            raise UsageError(f"{path}: item {i} has no 'event' and 'text'; is this a PLOVER GSR file?")
        records.append(
            Gold(
                id=str(raw.get("id", i)),
                text=str(raw["text"]).strip(),
                event=str(raw["event"]),
                mode=str(raw.get("mode") or ""),
                source=_codes(raw.get("source")),
                target=_codes(raw.get("target")),
                day=parse_day(raw.get("date")),
                raw=raw,
            )
        )
    return records


def choose(gold: Gold, events: list[EventMention]) -> EventMention | None:
    """The predicted event to score: same type first, then the most actor codes in common."""
    if not events:
        return None

    def fit(pair: tuple[int, EventMention]) -> tuple[int, int, int]:
        i, e = pair
        overlap = len(codes_of(e.source_actors) & gold.source) + len(codes_of(e.target_actors) & gold.target)
        return (e.type == gold.type, overlap, -i)

    return max(enumerate(events), key=fit)[1]


def rule_types() -> set[str]:
    """The event types cronaca's English rules can produce."""
    from cronaca.extract.events import load_rules

    return {rule.type for rule in load_rules("en")[1]}


def _actor_failure(role: str, actors: tuple) -> str:
    if not actors:
        return f"{role}: none predicted"
    if not codes_of(actors):
        return f"{role}: predicted actor has no country/IGO code"
    return f"{role}: other actor predicted"


def score(records: list[Gold], predictions: list[list[EventMention]]) -> dict[str, Any]:
    """Figures for records and the events predicted for each (same order)."""
    n = len(records)
    covered = type_ok = mode_n = mode_ok = 0
    source_n = source_ok = target_n = target_ok = 0
    source_cov_n = source_cov_ok = target_cov_n = target_cov_ok = 0
    by_type: dict[str, Counter] = {}
    confusion: Counter = Counter()
    missed: Counter = Counter()
    failures: Counter = Counter()
    with_rules = rule_types()
    for gold, events in zip(records, predictions, strict=True):
        best = choose(gold, events)
        row = by_type.setdefault(gold.event, Counter())
        row["n"] += 1
        if best is None:
            missed[gold.event] += 1
            failures["no rule for the gold type" if gold.type not in with_rules else "no event found"] += 1
        else:
            covered += 1
            row["covered"] += 1
            if best.type == gold.type:
                type_ok += 1
                row["correct"] += 1
            else:
                confusion[(gold.event, best.type)] += 1
                failures["wrong type"] += 1
        if gold.source:
            source_n += 1
            hit = best is not None and bool(codes_of(best.source_actors) & gold.source)
            source_ok += hit
            if best is not None:
                source_cov_n += 1
                source_cov_ok += hit
                if not hit:
                    failures[_actor_failure("source", best.source_actors)] += 1
        if gold.target:
            target_n += 1
            hit = best is not None and bool(codes_of(best.target_actors) & gold.target)
            target_ok += hit
            if best is not None:
                target_cov_n += 1
                target_cov_ok += hit
                if not hit:
                    failures[_actor_failure("target", best.target_actors)] += 1
        if gold.mode:
            mode_n += 1
            mode_ok += best is not None and best.mode == gold.mode
            if best is not None and best.mode != gold.mode:
                failures["wrong or no mode"] += 1
    return {
        "records": n,
        "covered": covered,
        "coverage": ratio(covered, n),
        "type_correct": type_ok,
        "type_accuracy": ratio(type_ok, n),
        "type_accuracy_covered": ratio(type_ok, covered),
        "source": {"records": source_n, "matched": source_ok, "match": ratio(source_ok, source_n)},
        "source_covered": {
            "records": source_cov_n,
            "matched": source_cov_ok,
            "match": ratio(source_cov_ok, source_cov_n),
        },
        "target": {"records": target_n, "matched": target_ok, "match": ratio(target_ok, target_n)},
        "target_covered": {
            "records": target_cov_n,
            "matched": target_cov_ok,
            "match": ratio(target_cov_ok, target_cov_n),
        },
        "mode": {"records": mode_n, "correct": mode_ok, "accuracy": ratio(mode_ok, mode_n)},
        "by_type": {
            t: {"n": c["n"], "covered": c["covered"], "correct": c["correct"]}
            for t, c in sorted(by_type.items(), key=lambda kv: (-kv[1]["n"], kv[0]))
        },
        "confusions": top(confusion),
        "missed": top(missed),
        "failures": top(failures),
        "types_without_rules": sorted({g.event for g in records if g.type not in with_rules}),
        "renamed": RENAMED,
    }


def report(figures: dict[str, Any]) -> str:
    f = figures
    lines = [
        f"PLOVER GSR: {f['records']} records",
        table(
            [
                ["coverage (≥1 event)", share(f["covered"], f["records"])],
                ["event type accuracy", share(f["type_correct"], f["records"])],
                ["  over covered records", share(f["type_correct"], f["covered"])],
                ["source actor match", share(f["source"]["matched"], f["source"]["records"])],
                [
                    "  over covered records",
                    share(f["source_covered"]["matched"], f["source_covered"]["records"]),
                ],
                ["target actor match", share(f["target"]["matched"], f["target"]["records"])],
                [
                    "  over covered records",
                    share(f["target_covered"]["matched"], f["target_covered"]["records"]),
                ],
                ["mode accuracy", share(f["mode"]["correct"], f["mode"]["records"])],
            ],
            ["measure", "value"],
        ),
        "",
        "By gold type (gold DEMAND/DISAPPROVE are scored as cronaca's REQUEST/ACCUSE):",
        table(
            [[t, c["n"], c["covered"], c["correct"]] for t, c in f["by_type"].items()],
            ["gold type", "records", "covered", "correct"],
        ),
    ]
    lines += ["", "Failures by kind:", table(f["failures"], ["kind", "records"])]
    if f["types_without_rules"]:
        lines += ["Gold types with no English rule: " + ", ".join(f["types_without_rules"])]
    if f["confusions"]:
        lines += ["", "Most frequent confusions (gold → predicted):", table(f["confusions"], ["pair", "n"])]
    return "\n".join(lines)


@click.command("plover")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@limit_option
@predictions_option
@json_option
@entities_option
def eval_plover(
    gold: str, limit: int | None, predictions: str | None, as_json: bool, entities: tuple[str, ...]
) -> None:
    """Score event type, source and target actors and mode on PLOVER gold records.

    \b
    Examples:
      cronaca eval plover ../shared/data/plover-gsr/PLOVER_GSR_CAMEO.dev.json
      cronaca eval plover GSR.json --limit 20 --predictions plover.jsonl --json
    """
    records = read_gold(gold)[:limit]
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
                    "text": r.text,
                    "gold": {
                        "event": r.event,
                        "mode": r.mode,
                        "source": sorted(r.source),
                        "target": sorted(r.target),
                    },
                    "predicted": [event_json(e) for e in events],
                }
                for r, events in zip(records, predicted, strict=True)
            ),
        )
    if as_json:
        print_json(figures)
    else:
        click.echo(report(figures))
