"""The map, search and actor queries (store/explore.py) answer the same on PostgreSQL as on
SQLite (the cluster comes from test_postgres.py's fixture)."""

from __future__ import annotations

from pathlib import Path

from cronaca import Cronaca
from cronaca.store import explore

from .test_postgres import postgres_url  # noqa: F401

GEO = Path(__file__).parent.parent / "data" / "geo"


def _strip(records):
    return sorted((r["id"], r["place"]["id"], r["place"]["lat"]) for r in records)


def test_explore_queries_mean_the_same_on_postgres(postgres_url, tmp_path):  # noqa: F811
    pg, lite = Cronaca(postgres_url), Cronaca(str(tmp_path / "kb.db"))
    for kb in (pg, lite):
        kb.ingest([str(GEO)])
    for kind in ("claim", "event"):
        pg_map, lite_map = (
            explore.map_records(pg.store, kind=kind),
            explore.map_records(lite.store, kind=kind),
        )
        assert _strip(pg_map[0]) == _strip(lite_map[0]) and pg_map[0]
    assert _strip(explore.map_records(pg.store, actor="Kharkiv", since="2024-03")[0]) == _strip(
        explore.map_records(lite.store, actor="Kharkiv", since="2024-03")[0]
    )
    for q in ("Kharkiv", "russia", "putin", "carabinieri Bergamo", "%_"):
        found_pg, found_lite = explore.search(pg.store, q), explore.search(lite.store, q)
        for group in ("articles", "claims", "actors", "places"):
            assert [r["id"] for r in found_pg[group]] == [r["id"] for r in found_lite[group]], (q, group)
    for actor in ("RUS", "Q7747", "agent:police"):
        a, b = explore.actor(pg.store, actor), explore.actor(lite.store, actor)
        assert a["counts"] == b["counts"] and a["neighbours"] == b["neighbours"]
        assert [c["id"] for c in a["claims_as_source"]] == [c["id"] for c in b["claims_as_source"]]
