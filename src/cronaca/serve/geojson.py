"""Events and claims as GeoJSON points (RFC 7946): `export --format geojson`, the `/map`
page and `/api/map`.

A record is a point where its place has one (the place's own, or its country's when the
place is known only by country: ``point_of`` says which). Properties are flat scalars, as
QGIS and kepler.gl read them: ids, type, CAMEO quad class, actors as names and ids, place,
time, factuality, and ``mentions`` (1 for an event, the claim's number of event mentions),
which the map sizes points by.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from cronaca.consolidate.network import quad_label, quad_of


def _names(actors: list[dict[str, Any]] | None) -> tuple[str, str]:
    actors = actors or []
    return "; ".join(a.get("name", "") for a in actors), " ".join(a.get("id", "") for a in actors)


def feature(record: dict[str, Any]) -> dict[str, Any] | None:
    """One event or claim as a GeoJSON Feature, or None when its place has no point."""
    place = record.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    source, source_ids = _names(record.get("source_actors"))
    target, target_ids = _names(record.get("target_actors"))
    time = record.get("time") or {}
    quad = quad_of(record.get("type", ""))
    properties: dict[str, Any] = {
        "id": record["id"],
        "kind": record["kind"],
        "type": record.get("type", ""),
        "quad": quad,
        "quad_label": quad_label(quad),
        "source": source,
        "source_ids": source_ids,
        "target": target,
        "target_ids": target_ids,
        "place": place.get("name", ""),
        "place_id": place.get("id", ""),
        "point_of": place.get("point_of"),
        "feature_class": place.get("feature_class"),
        "country": place.get("country", ""),
        "admin1": (place.get("admin1") or {}).get("code"),
        "time_start": time.get("start"),
        "time_end": time.get("end"),
        "time_precision": time.get("precision"),
    }
    if record["kind"] == "event":
        properties.update(
            {
                "mentions": 1,
                "factuality": record.get("factuality", ""),
                "published": (record.get("published") or {}).get("start"),
                "article_id": record.get("article_id"),
                "article_title": record.get("article_title", ""),
                "claim_id": record.get("claim_id"),
                "text": record.get("text", ""),
            }
        )
    else:
        properties.update(
            {
                "mentions": record.get("n_events", 0),
                "n_articles": record.get("n_articles", 0),
                "first_reported": record.get("first_reported"),
                "last_reported": record.get("last_reported"),
                "status": record.get("status", ""),
                "summary": record.get("summary", ""),
            }
        )
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": properties,
    }


def collection(records: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """A FeatureCollection of the records that have a point, and how many had none."""
    features, without = [], 0
    for record in records:
        f = feature(record)
        if f is None:
            without += 1
        else:
            features.append(f)
    return {"type": "FeatureCollection", "features": features}, without


def write(records: Iterable[dict[str, Any]], out: IO[str]) -> tuple[int, int]:
    """Write a FeatureCollection, one feature a line (valid JSON, and diffable); returns
    (features written, records left out for want of a point)."""
    n = without = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for record in records:
        f = feature(record)
        if f is None:
            without += 1
            continue
        out.write((",\n" if n else "") + json.dumps(f, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n, without
