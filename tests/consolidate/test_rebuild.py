"""A rebuild of the claims a batch of event types at a time, from slim events, writes what
one pass over every full event writes (``Cronaca.consolidate``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.store.search_cases import claim_links_agree

from cronaca import Cronaca, api
from cronaca.consolidate import build_claims, speakers_of

from .test_status_and_sources import deployment_and_praise

ROOT = Path(__file__).resolve().parents[2]
# a deployment no side acknowledges, and months later one side's president praising the
# other's soldiers: an acknowledgement of the AID claim by an event of another type
TEXTS = {
    "1.txt": (
        "2025-02-01",
        "Truppe in Moldavia",
        "Circa 3.000 soldati bielorussi sarebbero stati inviati in Moldavia, secondo l'Ucraina, "
        "sebbene né la Bielorussia né la Moldavia abbiano riconosciuto la loro presenza.",
    ),
    "2.txt": (
        "2025-11-01",
        "Elogi",
        "La presidente moldava Maia Sandu ha elogiato i soldati bielorussi per il loro coraggio.",
    ),
}


@pytest.fixture()
def kb(tmp_path: Path) -> Cronaca:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (day, title, text) in TEXTS.items():
        (folder / name).write_text(f"date {day}\n{title}\n\n{text}\n", encoding="utf-8")
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(folder), str(ROOT / "tests" / "data" / "ui"), str(ROOT / "src" / "cronaca" / "demo")])
    return kb


def _claims(kb: Cronaca) -> list[dict]:
    return sorted(kb.claims(limit=None), key=lambda c: c["id"])


def test_slim_events_make_the_claims_that_full_events_make(kb: Cronaca) -> None:
    ids = {i for found in kb.store.event_ids_by_type().values() for i in found}
    assert len(ids) == kb.stats()["events"] > 15
    full = build_claims(kb.store.events_by_ids(ids))
    slim = build_claims(kb.store.events_for_claims(ids), speakers_of(kb.store.speaking_events(ids)))
    assert sorted(full[0], key=lambda c: c["id"]) == sorted(slim[0], key=lambda c: c["id"])
    assert sorted(full[1]) == sorted(slim[1])
    # only who may acknowledge: asserted or reported, a source, a target of a named sector
    speaking = kb.store.speaking_events(ids)
    assert 0 < len(speaking) < len(ids)
    assert all(e["factuality"] in ("asserted", "reported") and e["source_actors"] for e in speaking)


def test_a_rebuild_type_by_type_writes_what_one_batch_writes(kb: Cronaca, monkeypatch) -> None:
    before = _claims(kb)
    aid = [c for c in before if c["type"] == "AID" and [a["id"] for a in c["target_actors"]] == ["MDA"]]
    assert len(aid) == 1
    assert [h["factuality"] for h in kb.claim(aid[0]["id"])["factuality"]] == [
        "not_acknowledged",
        "acknowledged",
    ]
    # a claim of a type no event has any more (rules changed): a rebuild must drop it
    kb.store.replace_claims(
        [
            {
                "id": "c_stale",
                "type": "ZZZ",
                "source_actors": [],
                "target_actors": [],
                "n_events": 0,
                "n_articles": 0,
                "summary": "",
                "component": "t@1",
            }
        ],
        [],
        remove=set(),
    )
    assert len(_claims(kb)) == len(before) + 1
    monkeypatch.setattr(api, "CONSOLIDATE_BATCH", 1)  # every type its own batch and transaction
    assert kb.consolidate() == len(before)
    assert _claims(kb) == before
    assert claim_links_agree(kb.store)
    # incremental, batch by batch: the touched actors' claims rebuilt, the same again
    assert kb.consolidate({"BLR", "MDA"}) > 0
    assert _claims(kb) == before
    assert kb.store.unclaimed_event_ids() == set()


def test_an_acknowledgement_of_another_type_reaches_a_claim_built_alone() -> None:
    deployment, praise = deployment_and_praise()
    together, _ = build_claims([deployment, praise])
    alone, _ = build_claims([deployment], speakers_of([deployment, praise]))
    assert alone == [c for c in together if c["type"] == "AID"]
    assert [h["factuality"] for h in alone[0]["data"]["factuality"]] == ["not_acknowledged", "acknowledged"]
    without, _ = build_claims([deployment])
    assert [h["factuality"] for h in without[0]["data"]["factuality"]] == ["not_acknowledged"]


def test_type_batches_keep_a_large_type_whole() -> None:
    by_type = {"AID": ["a"] * 3, "COERCE": ["c"] * 10, "FIGHT": ["f"] * 2, "SUPPORT": ["s"]}
    assert api._batches(by_type, 5) == [["AID"], ["FIGHT", "SUPPORT"], ["COERCE"]]  # the largest last
    assert api._batches(by_type, 100) == [["AID", "COERCE", "FIGHT", "SUPPORT"]]
    assert api._batches({}, 5) == [[]]
