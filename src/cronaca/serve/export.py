"""Exports following the contract in the README.

JSONL: one object per line, each with ``kind`` (article, entity, mention, event, claim;
and on request story, node, edge) and ``id``. CSV and Parquet: one table of one kind,
nested values flattened as in CSV (Parquet keeps numbers typed, missing values null and
id lists as lists). GraphML and GEXF: the actor network for Gephi.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from cronaca.consolidate import network, stories
from cronaca.errors import UsageError
from cronaca.serve import derived, geojson
from cronaca.store import Store

KINDS = ("article", "entity", "mention", "event", "claim")
# derived at read time from the claims; exported only when asked for by --kind
DERIVED_KINDS = ("story", "node", "edge")
ALL_KINDS = KINDS + DERIVED_KINDS
FORMATS = ("jsonl", "csv", "parquet", "geojson", "graphml", "gexf")
BINARY_FORMATS = ("parquet", "graphml", "gexf")  # these need a file (-o)


def records(store: Store, kinds: tuple[str, ...] = KINDS) -> Iterator[dict[str, Any]]:
    """Every stored record of the given kinds: each kind in id order (``Store.walk``, a
    page at a time, so a dump of a million articles is linear and holds one page)."""
    for kind in ("article", "mention"):
        if kind in kinds:
            yield from store.walk(kind)
    if "entity" in kinds:
        yield from _paged(store.entities)
    for kind in ("event", "claim"):
        if kind in kinds:
            yield from store.walk(kind)
    if "story" in kinds:
        for story in derived.stories(store):
            yield stories.summary(story)
    if "node" in kinds or "edge" in kinds:
        graph = derived.network(store)
        for kind in ("node", "edge"):
            if kind in kinds:
                yield from ({"kind": kind, **row} for row in graph[f"{kind}s"])


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


# a record's place, flattened (``_flat``): its name and id, point, feature class, country, region
PLACE_PARTS = ("id", "lat", "lon", "feature_class", "country")
PLACE_COLUMNS = ["place", *(f"place_{part}" for part in PLACE_PARTS), "place_admin1"]

CSV_COLUMNS = {
    "event": [
        "id",
        "type",
        "mode",
        "context",
        "cameo",
        "source_actors",
        "target_actors",
        *PLACE_COLUMNS,
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
        *PLACE_COLUMNS,
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
    "entity": ["id", "type", "name", "n_mentions", "lat", "lon", "feature_class", "country", "admin1"],
    "story": [
        "id",
        "name",
        "actors",
        "domain",
        "first_reported",
        "last_reported",
        "n_claims",
        "n_events",
        "n_articles",
        "types",
        "claim_ids",
        "article_ids",
    ],
    "node": ["id", "name", "type", "n_claims", "n_articles", "members"],
    "edge": [
        "id",
        "source",
        "target",
        "quad",
        "label",
        "weight",
        "n_articles",
        "n_events",
        "types",
        "claim_ids",
    ],
    "mention": [
        "id",
        "article_id",
        "type",
        "label",
        "entity_id",
        "span_start",
        "span_end",
        "text",
        "place_id",
        "place_lat",
        "place_lon",
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
            for part in PLACE_PARTS:
                row[f"place_{part}"] = (value or {}).get(part)
            row["place_admin1"] = ((value or {}).get("admin1") or {}).get("code")
        elif key == "admin1":
            row[key] = (value or {}).get("code")
        elif key == "time":
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
        elif key in ("event_ids", "article_ids", "claim_ids", "members"):
            row[key] = " ".join(value)
        elif key == "actors":
            row[key] = "; ".join(f"{a['name']} ({a['id']})" for a in value)
        elif key == "types":
            row[key] = " ".join(f"{t}:{n}" for t, n in value.items())
        else:
            row[key] = value
    return row


def write_csv(store: Store, out: IO[str], kind: str = "event") -> int:
    writer = csv.DictWriter(out, fieldnames=_columns(kind), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for record in records(store, (kind,)):
        writer.writerow(_flat(record))
        n += 1
    return n


LIST_COLUMNS = {"event_ids", "article_ids", "claim_ids", "members"}
FLOAT_COLUMNS = {"quantity_value", "quantity_lower", "quantity_upper", "lat", "lon", "place_lat", "place_lon"}
INT_COLUMNS = {"span_start", "span_end", "n_events", "n_articles", "n_mentions", "n_claims", "quad", "weight"}


def _columns(kind: str) -> list[str]:
    if kind not in CSV_COLUMNS:
        raise UsageError(f"a table of {kind!r} is not supported; choose one of {', '.join(CSV_COLUMNS)}")
    return CSV_COLUMNS[kind]


def write_parquet(store: Store, path: str, kind: str = "event") -> int:
    """One kind as a Parquet table: the CSV columns, numbers typed, missing values null,
    id lists as lists (``pandas.read_parquet(path)`` or ``pyarrow.parquet.read_table``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = _columns(kind)

    def arrow_type(col: str):
        if col in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.float64() if col in FLOAT_COLUMNS else pa.int64() if col in INT_COLUMNS else pa.string()

    schema = pa.schema([(col, arrow_type(col)) for col in columns])
    rows: list[dict[str, Any]] = []
    n = 0
    with pq.ParquetWriter(path, schema) as writer:  # a row group at a time: memory holds one
        for record in records(store, (kind,)):
            rows.append(_parquet_row(record, columns))
            if len(rows) == PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n, rows = n + len(rows), []
        if rows or not n:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return n + len(rows)


PARQUET_ROW_GROUP = 10_000  # rows per Parquet row group (and per batch held in memory)


def _parquet_row(record: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    """A record as a Parquet row: numbers typed, missing values null, id lists as lists."""
    flat = _flat(record)
    row: dict[str, Any] = {}
    for col in columns:
        value = flat.get(col)
        if col in LIST_COLUMNS:
            row[col] = list(record.get(col) or [])
        elif value is None or value == "":
            row[col] = None
        elif col in FLOAT_COLUMNS:
            row[col] = float(value)
        elif col in INT_COLUMNS:
            row[col] = int(value)
        else:
            row[col] = str(value)
    return row


GEO_KINDS = ("event", "claim")


def write_geojson(store: Store, out: IO[str], kind: str = "event") -> tuple[int, int]:
    """Events or claims as a GeoJSON FeatureCollection of points (QGIS, kepler.gl); returns
    (features, records left out because their place has no point or they have no place)."""
    if kind not in GEO_KINDS:
        raise UsageError(f"GeoJSON holds events or claims, not {kind!r}: use --kind event or --kind claim")
    return geojson.write(records(store, (kind,)), out)


def write_graph(store: Store, path: str, fmt: str = "graphml") -> int:
    """The actor network as GraphML or GEXF (Gephi: File → Open); returns the number of edges."""
    import networkx as nx

    graph = network.to_networkx(derived.network(store))
    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise UsageError(f"unknown graph format {fmt!r}: graphml or gexf")
    return graph.number_of_edges()
