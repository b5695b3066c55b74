"""Claims: acknowledgement over time, original sources, self-reports, incremental updates."""

from pathlib import Path

from tests.store.search_cases import claim_links_agree

from cronaca import Cronaca
from cronaca.consolidate import build_claims


def actor(code, sector="", role="", country=""):
    return {"id": code, "name": code, "sector": sector, "role": role, "country": country}


def event(
    eid,
    *,
    article,
    published,
    type="AID",
    source=("BLR",),
    target=("MDA",),
    attribution=(),
    factuality="asserted",
    context="military",
    participants=(),
):
    return {
        "id": eid,
        "article_id": article,
        "type": type,
        "mode": "",
        "context": context,
        "source_actors": [a if isinstance(a, dict) else actor(a) for a in source],
        "target_actors": [a if isinstance(a, dict) else actor(a) for a in target],
        "participants": list(participants),
        "time": None,
        "quantity": None,
        "factuality": factuality,
        "attribution": list(attribution),
        "published": {"start": published, "end": published, "precision": "day"},
        "span": {"start": 0, "end": 10},
        "text": eid,
    }


def deployment_and_praise() -> tuple[dict, dict]:
    """Belarusian troops sent to Moldova, not acknowledged; later, Moldova's president (a
    person of MDA) praises the Belarusian soldiers: an event of another type."""
    deployment = event("e1", article="a1", published="2025-02-01", factuality="not_acknowledged")
    praise = event(
        "e2",
        article="a2",
        published="2025-11-01",
        type="SUPPORT",
        source=(actor("person:x", "government", country="MDA"),),
        target=(actor("BLR", "military"),),
        context="",
    )
    return deployment, praise


def test_an_actor_praising_the_other_sides_troops_acknowledges_the_deployment():
    deployment, praise = deployment_and_praise()
    claims, _ = build_claims([deployment, praise])
    claim = next(c for c in claims if c["type"] == "AID")
    history = claim["data"]["factuality"]
    assert [(h["reported"], h["factuality"]) for h in history] == [
        ("2025-02-01", "not_acknowledged"),
        ("2025-11-01", "acknowledged"),
    ]
    assert history[-1]["by"] == "MDA" and claim["data"]["status"] == "acknowledged"


def test_praise_of_civilians_or_by_a_third_party_is_no_acknowledgement():
    deployment = event("e1", article="a1", published="2025-02-01")
    third = event(
        "e2",
        article="a2",
        published="2025-03-01",
        type="SUPPORT",
        source=("FRA",),
        target=(actor("BLR", "military"),),
        context="",
    )
    civil = event(
        "e3",
        article="a3",
        published="2025-03-01",
        type="SUPPORT",
        source=("MDA",),
        target=(actor("BLR", ""),),
        context="",
    )
    claims, _ = build_claims([deployment, third, civil])
    aid = next(c for c in claims if c["type"] == "AID")
    assert [h["factuality"] for h in aid["data"]["factuality"]] == ["asserted"]


def test_two_outlets_repeating_one_agency_count_once_and_state_media_are_self_sources():
    agency = actor("org:agency", "media", role="source")
    e1 = event(
        "e1",
        article="a1",
        published="2025-02-01",
        attribution=[actor("outlet:one", "media", role="outlet"), agency],
    )
    e2 = event(
        "e2",
        article="a2",
        published="2025-02-02",
        attribution=[actor("outlet:two", "media", role="outlet"), agency],
    )
    e3 = event(
        "e3",
        article="a3",
        published="2025-02-03",
        attribution=[
            actor("outlet:three", "media", role="outlet"),
            {**actor("source:state-media:BLR", "media", role="source"), "name": "Belarus state media"},
        ],
    )
    claims, _ = build_claims([e1, e2, e3])
    data = claims[0]["data"]
    assert data["n_sources"] == 2  # the agency once, Belarusian state media once
    by_id = {s["id"]: s for s in data["sources"]}
    assert by_id["source:state-media:BLR"]["self"] is True
    assert by_id["org:agency"]["self"] is False
    assert by_id["outlet:one"]["role"] == "outlet"


def test_a_person_counts_as_their_country():
    by_state = event("e1", article="a1", published="2025-02-01", source=("BLR",))
    by_leader = event(
        "e2",
        article="a2",
        published="2025-02-05",
        source=(actor("person:leader", "government", country="BLR"),),
    )
    claims, _ = build_claims([by_state, by_leader])
    assert len(claims) == 1 and claims[0]["n_events"] == 2


def _write(folder: Path, name: str, day: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"date {day}\nTitolo\n\n{text}\n", encoding="utf-8")


def test_incremental_ingest_equals_a_full_rebuild_and_leaves_other_claims_alone(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first, "1.txt", "2025-03-01", "La Bielorussia ha inviato circa 3.000 soldati in Moldavia.")
    _write(first, "2.txt", "2025-03-02", "La Turchia ha inviato 40 carri armati in Siria.")
    _write(second, "3.txt", "2025-03-09", "Belarus has sent up to 3,200 troops to Moldova.")
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(first)])
    turkey_before = [c for c in kb.claims() if any(a["id"] == "TUR" for a in c["source_actors"])]
    kb.ingest([str(second)])
    incremental = sorted((c["id"], c["n_events"]) for c in kb.claims())
    turkey_after = [c for c in kb.claims() if any(a["id"] == "TUR" for a in c["source_actors"])]
    assert turkey_after == turkey_before  # untouched
    assert claim_links_agree(kb.store)
    kb.consolidate()  # full rebuild
    assert sorted((c["id"], c["n_events"]) for c in kb.claims()) == incremental
    assert claim_links_agree(kb.store)
    belarus = [c for c in kb.claims() if any(a["id"] == "BLR" for a in c["source_actors"])]
    assert len(belarus) == 1 and belarus[0]["n_articles"] == 2


def test_an_incremental_rebuild_keeps_every_member_of_a_claim_it_rebuilds(tmp_path):
    # a call made jointly joins the same call told with one of its makers; a later article that
    # names only the other maker must not leave the first telling without its claim
    first, second = tmp_path / "first", tmp_path / "second"
    _write(
        first,
        "1.txt",
        "2025-03-01",
        "The United Nations and the United States urged India to show restraint.",
    )
    _write(first, "2.txt", "2025-03-02", "The United Nations urged India to show restraint.")
    _write(second, "3.txt", "2025-03-03", "The United States imposed sanctions on Iran.")
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(first)])
    assert [c["n_events"] for c in kb.claims() if c["type"] == "REQUEST"] == [2]
    kb.ingest([str(second)])
    assert kb.store.unclaimed_event_ids() == set()
    incremental = sorted((c["id"], c["n_events"]) for c in kb.claims())
    assert claim_links_agree(kb.store)
    kb.consolidate()
    assert sorted((c["id"], c["n_events"]) for c in kb.claims()) == incremental
    assert claim_links_agree(kb.store)
