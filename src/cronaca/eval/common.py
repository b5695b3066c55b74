"""What the scorers share: running the pipeline on one gold sentence, comparing actor codes,
ratios, plain-text tables and predictions written as JSON lines.

Gold files are read from wherever the user keeps them; nothing here ships or copies them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click

from cronaca.errors import UsageError
from cronaca.extract.pipeline import Pipeline, default_pipeline
from cronaca.model import Actor, Article, EventMention, Interval

# Organisations whose sector marks them as intergovernmental: PLOVER/CAMEO code them "IGO".
IGO_SECTORS = frozenset({"international", "military"})
DEFAULT_DAY = date(2000, 1, 1)


def pipeline(entities: Sequence[str] = ()) -> Pipeline:
    """The default pipeline, or one with extra entity registries (``--entities FILE``)."""
    return Pipeline(options={"entities": tuple(entities)}) if entities else default_pipeline()


def events_of(nlp: Pipeline, record_id: str, text: str, day: date | None = None) -> list[EventMention]:
    """The events cronaca codes in one gold sentence, read as an English article of ``day``."""
    article = Article(
        id=record_id, text=text, language="en", published=Interval.day(day or DEFAULT_DAY), format="eval"
    )
    return nlp(article).events


def parse_day(value: str | None) -> date | None:
    """``2000-01-01`` or ``20000101`` → a date; anything else → None (the default day is used)."""
    value = (value or "").strip()
    for text in (value, f"{value[:4]}-{value[4:6]}-{value[6:8]}" if len(value) == 8 else ""):
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return None


def actor_codes(actor: Actor) -> set[str]:
    """The CAMEO-style codes one cronaca actor stands for: its ISO alpha-3 country, "IGO" for an
    intergovernmental organisation, a person's country; empty when none applies."""
    from cronaca.extract.entities import lookup

    if len(actor.id) == 3 and actor.id.isalpha():
        return {actor.id.upper()}
    record = lookup(actor.id) or {}
    if record.get("type") == "organisation" and record.get("sector") in IGO_SECTORS:
        return {"IGO"}
    if record.get("country"):
        return {str(record["country"]).upper()}
    if actor.country:  # a person the registry does not hold, with the country the text gave
        return {actor.country.upper()}
    return set()


def codes_of(actors: Iterable[Actor]) -> set[str]:
    return set().union(*(actor_codes(a) for a in actors))


def event_json(event: EventMention) -> dict[str, Any]:
    """One predicted event as written in predictions files."""
    return {
        "type": event.type,
        "cameo": event.cameo,
        "mode": event.mode,
        "context": event.context,
        "source": [a.id for a in event.source_actors],
        "target": [a.id for a in event.target_actors],
        "trigger": event.trigger.text,
        "factuality": event.factuality,
        "rule": event.rule,
    }


def ratio(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places; None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return 0.0 if precision is not None and recall is not None else None
    return round(2 * precision * recall / (precision + recall), 4)


def share(part: int, whole: int) -> str:
    """``"37/161 = 23.0%"`` for tables."""
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str] | None = None) -> str:
    """Left-aligned plain-text columns (numbers right-aligned)."""
    lines = [list(map(str, headers))] if headers else []
    lines += [["" if v is None else str(v) for v in row] for row in rows]
    if not lines:
        return ""
    widths = [max(len(line[i]) for line in lines if i < len(line)) for i in range(len(lines[0]))]
    out = []
    for line in lines:
        cells = [
            cell.rjust(w) if cell.replace(".", "", 1).replace("%", "").isdigit() else cell.ljust(w)
            for cell, w in zip(line, widths, strict=False)
        ]
        out.append("  ".join(cells).rstrip())
    if headers:
        out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def top(counter: Counter, n: int = 10) -> list[list[Any]]:
    """The ``n`` most common items as JSON-friendly ``[key, count]`` pairs (tuple keys joined by →)."""
    return [[" → ".join(k) if isinstance(k, tuple) else k, c] for k, c in counter.most_common(n)]


def write_jsonl(path: str | Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line; returns how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_text(path: str | Path, what: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read {what} {path}: {e}; give the path to the gold file") from e


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# click options every scorer takes
limit_option = click.option("--limit", type=click.IntRange(min=1), help="Score only the first N records.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
predictions_option = click.option(
    "--predictions",
    type=click.Path(dir_okay=False, writable=True),
    help="Write one JSON line per record: id, gold, cronaca's predictions.",
)
entities_option = click.option(
    "--entities",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra entity registry YAML (repeatable), handed to the pipeline as in `ingest --entities`.",
)
