"""Exports following the contract in the README: JSON Lines of every kind, or CSV tables.

JSONL: one object per line, each with ``kind`` (article, entity, mention, event, claim)
and ``id``. CSV: one table of one kind, nested values flattened to readable cells.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from cronaca.errors import UsageError
from cronaca.store import Store

KINDS = ("article", "entity", "mention", "event", "claim")


def records(store: Store, kinds: tuple[str, ...] = KINDS) -> Iterator[dict[str, Any]]:
    """Every stored record of the given kinds, in a stable order, paged."""
    if "article" in kinds or "mention" in kinds:
        offset = 0
        while page := store.articles(limit=200, offset=offset):
            for row in page:
                article = store.article(row["id"])
                mentions = article.pop("mentions")
                article.pop("events")
                if "article" in kinds:
                    yield article
                if "mention" in kinds:
                    yield from mentions
            offset += len(page)
    if "entity" in kinds:
        yield from _paged(store.entities)
    if "event" in kinds:
        yield from store.all_events()
    if "claim" in kinds:
        yield from _paged(store.claims)


def _paged(query) -> Iterator[dict[str, Any]]:
    offset = 0
    while page := query(limit=1000, offset=offset):
        yield from page
        offset += len(page)


def write_jsonl(store: Store, out: IO[str], kinds: tuple[str, ...] = KINDS) -> int:
    n = 0
    for record in records(store, kinds):
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n


CSV_COLUMNS = {
    "event": [
        "id",
        "type",
        "mode",
        "context",
        "cameo",
        "source_actors",
        "target_actors",
        "place",
        "time_start",
        "time_end",
        "time_precision",
        "time_text",
        "quantity_value",
        "quantity_lower",
        "quantity_upper",
        "quantity_unit",
        "factuality",
        "attribution",
        "article_id",
        "published",
        "outlet",
        "span_start",
        "span_end",
        "claim_id",
        "rule",
        "text",
    ],
    "claim": [
        "id",
        "type",
        "mode",
        "context",
        "source_actors",
        "target_actors",
        "time_start",
        "time_end",
        "time_precision",
        "quantity_lower",
        "quantity_upper",
        "quantity_unit",
        "first_reported",
        "last_reported",
        "n_events",
        "n_articles",
        "summary",
        "event_ids",
        "article_ids",
    ],
    "article": [
        "id",
        "title",
        "language",
        "published_start",
        "published_end",
        "published_precision",
        "outlet",
        "url",
        "byline",
        "source",
        "format",
    ],
    "entity": ["id", "type", "name", "n_mentions"],
    "mention": [
        "id",
        "article_id",
        "type",
        "label",
        "entity_id",
        "span_start",
        "span_end",
        "text",
        "component",
        "rule",
    ],
}


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("source_actors", "target_actors", "attribution"):
            row[key] = "; ".join(f"{a['name']} ({a['id']})" for a in value)
        elif key == "place":
            row[key] = f"{value['name']} ({value['id']})" if value else ""
        elif key in ("time", "published") and key == "time":
            for part in ("start", "end", "precision"):
                row[f"time_{part}"] = (value or {}).get(part, "")
        elif key == "published":
            row["published"] = (value or {}).get("start", "") if record["kind"] != "article" else ""
            for part in ("start", "end", "precision"):
                row[f"published_{part}"] = (value or {}).get(part, "")
        elif key == "quantity":
            for part in ("value", "lower", "upper", "unit"):
                row[f"quantity_{part}"] = (value or {}).get(part, "")
        elif key == "span":
            row["span_start"], row["span_end"] = value["start"], value["end"]
        elif key in ("event_ids", "article_ids"):
            row[key] = " ".join(value)
        else:
            row[key] = value
    return row


def write_csv(store: Store, out: IO[str], kind: str = "event") -> int:
    if kind not in CSV_COLUMNS:
        raise UsageError(f"CSV export of {kind!r} is not supported; choose one of {', '.join(CSV_COLUMNS)}")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS[kind], extrasaction="ignore")
    writer.writeheader()
    n = 0
    for record in records(store, (kind,)):
        writer.writerow(_flat(record))
        n += 1
    return n
