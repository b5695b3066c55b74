"""Coordinates in the read API and every export; `export --format geojson`."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from cronaca.serve import export
from cronaca.serve.cli import cli

from .geo_fixtures import geo_app, geo_kb  # noqa: F401


def _by_text(events, words):
    return next(e for e in events if words in e["text"])


def test_events_carry_their_places_point_and_hierarchy(geo_kb):  # noqa: F811
    events = geo_kb.events(limit=100)
    fight = _by_text(events, "bombardato Kharkiv")
    place = fight["place"]
    assert place["id"] == "geonames:706483" and place["role"] == "clause" and place["point_of"] == "place"
    assert place["lat"] == pytest.approx(49.98, abs=0.01) and place["lon"] == pytest.approx(36.25, abs=0.01)
    assert (
        place["feature_class"] == "P"
        and place["country"] == "UKR"
        and place["admin1"]["code"].startswith("UA.")
    )
    arrest = _by_text(events, "carabinieri")
    assert arrest["place"]["admin1"] == {"code": "IT.09", "name": "Lombardy"}


def test_claims_and_entities_carry_points(geo_kb):  # noqa: F811
    claim = next(c for c in geo_kb.claims(limit=100) if c["place"])
    assert claim["place"]["lat"] is not None
    russia = next(e for e in geo_kb.entities(q="Russia") if e["id"] == "RUS")
    assert russia["feature_class"] == "A" and 50 < russia["lat"] < 70
    person = next(e for e in geo_kb.entities(limit=200) if e["type"] == "person")
    assert person["lat"] is None


def test_geojson_export_of_events_and_claims(geo_kb):  # noqa: F811
    out = io.StringIO()
    n, without = export.write_geojson(geo_kb.store, out, "event")
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n and n >= 4 and without >= 1
    fight = next(f for f in data["features"] if "bombardato" in f["properties"]["text"])
    lon, lat = fight["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) == (49.98, 36.25)  # GeoJSON order: lon, lat
    props = fight["properties"]
    assert props["quad"] == 4 and props["quad_label"] == "material conflict" and props["mentions"] == 1
    assert props["source_ids"] == "RUS" and props["place_id"] == "geonames:706483"
    assert all(not isinstance(v, (dict, list)) for v in props.values())  # flat, as QGIS reads them
    out = io.StringIO()
    n, _ = export.write_geojson(geo_kb.store, out, "claim")
    claims = json.loads(out.getvalue())["features"]
    assert n == len(claims) >= 3 and all(f["properties"]["kind"] == "claim" for f in claims)


def test_geojson_cli(geo_kb, tmp_path):  # noqa: F811
    path = tmp_path / "events.geojson"
    db = geo_kb.store.engine.url.database
    result = CliRunner().invoke(cli, ["--db", db, "export", "--format", "geojson", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text())["features"]
    bad = CliRunner().invoke(cli, ["--db", db, "export", "--format", "geojson", "--kind", "article"])
    assert bad.exit_code == 2 and "GeoJSON holds events or claims" in bad.output


def test_csv_and_parquet_have_coordinate_columns(geo_kb, tmp_path):  # noqa: F811
    out = io.StringIO()
    export.write_csv(geo_kb.store, out, "event")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    fight = _by_text(rows, "bombardato Kharkiv")
    assert float(fight["place_lat"]) == pytest.approx(49.98, abs=0.01) and fight["place_country"] == "UKR"
    path = tmp_path / "events.parquet"
    export.write_parquet(geo_kb.store, str(path), "event")
    table = pq.read_table(path).to_pylist()
    assert any(r["place_lat"] and abs(r["place_lat"] - 49.98) < 0.01 for r in table)
    assert str(pq.read_schema(path).field("place_lon").type) == "double"
    out = io.StringIO()
    export.write_csv(geo_kb.store, out, "entity")
    russia = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["id"] == "RUS")
    assert russia["feature_class"] == "A" and float(russia["lat"]) > 50


def test_api_events_have_coordinates(geo_app):  # noqa: F811
    from fastapi.testclient import TestClient

    with TestClient(geo_app) as client:
        events = client.get("/api/events", params={"limit": 100}).json()
    items = events["items"] if isinstance(events, dict) else events
    assert any((e["place"] or {}).get("lat") for e in items)


@pytest.mark.parametrize("kind", ["event", "mention", "claim"])
def test_parquet_written_a_row_group_at_a_time_holds_every_row(geo_kb, tmp_path, monkeypatch, kind):  # noqa: F811
    whole, grouped = tmp_path / "whole.parquet", tmp_path / "grouped.parquet"
    n = export.write_parquet(geo_kb.store, str(whole), kind)
    monkeypatch.setattr(export, "PARQUET_ROW_GROUP", 2)
    assert export.write_parquet(geo_kb.store, str(grouped), kind) == n > 2
    assert pq.ParquetFile(grouped).metadata.num_row_groups == (n + 1) // 2
    assert pq.read_table(grouped).to_pylist() == pq.read_table(whole).to_pylist()


def test_parquet_of_nothing_has_the_columns(tmp_path):
    from cronaca import Cronaca

    path = tmp_path / "empty.parquet"
    assert export.write_parquet(Cronaca(str(tmp_path / "kb.db")).store, str(path), "event") == 0
    assert "place_lat" in pq.read_schema(path).names and pq.read_table(path).num_rows == 0
