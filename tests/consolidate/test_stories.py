"""Stories from hand-made claim dicts: pairs, domains, people as their country, order, ids."""

from __future__ import annotations

import random
from typing import Any

from cronaca.consolidate.stories import build_stories, claim_order, story_id

REGISTRY = {
    "PRK": {"id": "PRK", "type": "country", "name": "North Korea"},
    "RUS": {"id": "RUS", "type": "country", "name": "Russia"},
    "UKR": {"id": "UKR", "type": "country", "name": "Ukraine"},
    "Q7747": {"id": "Q7747", "type": "person", "name": "Vladimir Putin", "country": "RUS"},
    "person:kim-jong-un": {
        "id": "person:kim-jong-un",
        "type": "person",
        "name": "Kim Jong Un",
        "country": "PRK",
    },
}


def lookup(entity_id: str) -> dict[str, Any] | None:
    return REGISTRY.get(entity_id)


def actor(entity_id: str) -> dict[str, Any]:
    return {"id": entity_id, "name": (REGISTRY.get(entity_id) or {}).get("name", entity_id), "sector": ""}


def claim(
    cid: str,
    type_: str,
    sources: list[str],
    targets: list[str],
    *,
    context: str = "military",
    start: str | None = None,
    reported: str = "2025-02-01",
    articles: tuple[str, ...] = ("a_1",),
    n_events: int = 1,
) -> dict[str, Any]:
    return {
        "kind": "claim",
        "id": cid,
        "type": type_,
        "context": context,
        "source_actors": [actor(s) for s in sources],
        "target_actors": [actor(t) for t in targets],
        "time": {"start": start, "end": start or reported, "precision": "day"},
        "first_reported": reported,
        "last_reported": reported,
        "n_events": n_events,
        "n_articles": len(articles),
        "article_ids": list(articles),
        "summary": f"{sources} → {targets}: {type_}",
    }


CLAIMS = [
    claim("c_troops", "AID", ["PRK"], ["RUS"], start="2024-10-01", articles=("a_1", "a_2"), n_events=2),
    claim("c_oil", "AID", ["RUS"], ["PRK"], start="2025-03-01", reported="2025-04-01", articles=("a_3",)),
    claim(
        "c_praise",
        "SUPPORT",
        ["Q7747"],
        ["PRK"],
        start="2025-12-15",
        reported="2025-12-26",
        articles=("a_4",),
    ),
    claim("c_treaty", "AGREE", ["RUS"], ["PRK"], context="", start="2024-06-19", articles=("a_1",)),
    claim("c_test", "TEST_WEAPONS", ["person:kim-jong-un"], [], start="2025-01-06", articles=("a_2",)),
    claim("c_fight", "FIGHT", ["RUS"], ["UKR"], articles=("a_1",)),
    claim("c_self", "MOBILIZE", ["Q7747"], ["RUS"], articles=("a_5",)),
]


def by_name(stories: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in stories}


def test_one_story_per_unordered_pair_and_domain() -> None:
    stories = by_name(build_stories(CLAIMS, lookup=lookup))
    assert set(stories) == {
        "North Korea – Russia: military",
        "North Korea – Russia: general",
        "North Korea: military",
        "Russia – Ukraine: military",
        "Russia: military",
    }
    military = stories["North Korea – Russia: military"]
    # both directions, and Putin counted as Russia
    assert military["claim_ids"] == ["c_troops", "c_oil", "c_praise"]
    assert [a["id"] for a in military["actors"]] == ["PRK", "RUS"]
    assert military["domain"] == "military"
    assert military["types"] == {"AID": 2, "SUPPORT": 1}
    assert stories["North Korea – Russia: general"]["claim_ids"] == ["c_treaty"]
    assert military["related"] == [stories["North Korea – Russia: general"]["id"]]


def test_one_sided_claims_make_a_story_of_one_actor() -> None:
    stories = by_name(build_stories(CLAIMS, lookup=lookup))
    # Kim Jong Un's test belongs to North Korea alone; Putin → Russia is Russia alone
    assert stories["North Korea: military"]["claim_ids"] == ["c_test"]
    assert stories["North Korea: military"]["actors"] == [{"id": "PRK", "name": "North Korea"}]
    assert stories["Russia: military"]["claim_ids"] == ["c_self"]


def test_counts_and_reporting_span() -> None:
    story = by_name(build_stories(CLAIMS, lookup=lookup))["North Korea – Russia: military"]
    assert story["n_claims"] == 3
    assert story["n_events"] == 4
    assert story["article_ids"] == ["a_1", "a_2", "a_3", "a_4"]
    assert story["n_articles"] == 4
    assert story["first_reported"] == "2025-02-01"
    assert story["last_reported"] == "2025-12-26"
    assert story["kind"] == "story" and story["id"].startswith("s_")


def test_claims_in_time_order_undated_by_report() -> None:
    undated = claim("c_undated", "AID", ["PRK"], ["RUS"], reported="2024-12-01")
    undated["time"] = None
    stories = by_name(build_stories([*CLAIMS, undated], lookup=lookup))
    assert stories["North Korea – Russia: military"]["claim_ids"] == [
        "c_troops",
        "c_undated",
        "c_oil",
        "c_praise",
    ]
    assert claim_order(undated)[0] == "2024-12-01"


def test_deterministic_whatever_the_input_order() -> None:
    expected = build_stories(CLAIMS, lookup=lookup)
    for seed in range(5):
        shuffled = CLAIMS[:]
        random.Random(seed).shuffle(shuffled)
        assert build_stories(shuffled, lookup=lookup) == expected
    # most reported first
    assert expected[0]["name"] == "North Korea – Russia: military"


def test_id_depends_on_pair_and_domain_only() -> None:
    before = by_name(build_stories(CLAIMS, lookup=lookup))["North Korea – Russia: military"]["id"]
    later = claim("c_more", "AID", ["PRK"], ["RUS"], start="2026-01-01", reported="2026-01-02")
    after = by_name(build_stories([*CLAIMS, later], lookup=lookup))["North Korea – Russia: military"]
    assert after["id"] == before == story_id([("PRK", "North Korea"), ("RUS", "Russia")], "military")
    assert after["claim_ids"][-1] == "c_more"


def test_unknown_ids_and_country_on_the_actor() -> None:
    # an actor the registry does not know stands for itself; a country on the actor wins
    odd = claim("c_odd", "ACCUSE", ["org:unknown"], ["UKR"])
    odd["source_actors"][0]["name"] = "Unknown Org"
    tagged = claim("c_tagged", "ACCUSE", ["person:someone"], ["UKR"])
    tagged["source_actors"][0]["country"] = "RUS"
    stories = by_name(build_stories([odd, tagged], lookup=lookup))
    assert set(stories) == {"Ukraine – Unknown Org: military", "Russia – Ukraine: military"}


def test_no_claims_no_stories() -> None:
    assert build_stories([], lookup=lookup) == []


def test_registry_by_default() -> None:
    # the packaged registry folds Putin (Q7747) into Russia
    stories = build_stories([claim("c_praise", "SUPPORT", ["Q7747"], ["PRK"])])
    assert stories[0]["name"] == "North Korea – Russia: military"
