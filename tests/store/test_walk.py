"""``Store.walk``: every record of a kind, page after page by id, as the listings give it
(what the exports write, without OFFSET and without holding every record)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cronaca import Cronaca
from cronaca.serve import export

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Cronaca:
    kb = Cronaca(str(tmp_path_factory.mktemp("walk") / "kb.db"))
    kb.ingest([str(ROOT / "tests" / "data" / "ui"), str(ROOT / "src" / "cronaca" / "demo")])
    return kb


def _listed(kb: Cronaca, kind: str) -> list[dict]:
    if kind in ("article", "mention"):
        found = []
        for row in kb.articles(limit=None):
            article = kb.article(row["id"])
            mentions = article.pop("mentions")
            article.pop("events")
            found += [article] if kind == "article" else mentions
        return found
    return getattr(kb, f"{kind}s")(limit=None)


@pytest.mark.parametrize("kind", ["article", "mention", "event", "claim"])
@pytest.mark.parametrize("page", [1, 3, 500])
def test_a_walk_gives_every_record_as_listed_once(kb: Cronaca, kind: str, page: int) -> None:
    walked = list(kb.store.walk(kind, page=page))
    listed = _listed(kb, kind)
    assert len(walked) == len(listed) > 8
    assert sorted(walked, key=lambda r: r["id"]) == sorted(listed, key=lambda r: r["id"])
    if kind != "mention":  # mentions follow their article, in text order
        assert [r["id"] for r in walked] == sorted(r["id"] for r in walked)


def test_an_export_holds_every_kind(kb: Cronaca) -> None:
    kinds = [r["kind"] for r in export.records(kb.store)]
    stats = kb.stats()
    for kind, table in (
        ("article", "articles"),
        ("event", "events"),
        ("claim", "claims"),
        ("mention", "mentions"),
    ):
        assert kinds.count(kind) == stats[table]


FILTERS = [
    {},
    {"actor": "BLR"},
    {"actor": "Iran"},
    {"type": "AID"},
    {"since": "2025-03-11"},
    {"since": "2025-03-11", "type": "aid"},
    {"until": "2025-03-11"},
    {"actor": "IRN", "since": "2025-01-01", "until": "2026-01-01"},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_claim_outlines_are_the_listed_claims_without_their_detail(kb: Cronaca, filters: dict) -> None:
    outlines = kb.store.claim_outlines(**filters)
    listed = kb.claims(limit=None, **filters)
    assert [o["id"] for o in outlines] == [c["id"] for c in listed]
    for outline, claim in zip(outlines, listed, strict=True):
        assert outline == {k: claim[k] for k in outline}
        assert "sources" not in outline and "explanation" not in outline
    if not filters:
        assert len(outlines) > 8


def test_claims_of_a_type_are_the_claims_with_its_events_in_the_listing_order(kb: Cronaca) -> None:
    every = kb.claims(limit=None)
    types = {c["type"] for c in every}
    assert len(types) > 3
    for kind in types:
        by_events = {e["claim_id"] for e in kb.events(type=kind, limit=None)}
        expected = [c for c in every if c["id"] in by_events]
        assert kb.claims(type=kind.lower(), limit=None) == expected
        assert kb.claims(type=kind, limit=2, offset=1) == expected[1:3]
