"""Claims hold one real-world fact: quantity kinds, report time vs event time, roles, and the
guards against joins that only share a type and actors (issue 12). Events are hand-made."""

from __future__ import annotations

from cronaca.consolidate.claims import build_claims
from cronaca.consolidate.quantities import canonical_unit, measure

from .test_claims import event


def said(e: dict, text: str, trigger: str, number: str | None = None) -> dict:
    """Give an event its sentence, trigger and (when it has one) its quantity's offsets."""
    e["text"] = text
    e["span"] = {"start": 0, "end": len(text)}
    at = text.index(trigger)
    e["trigger"] = {"start": at, "end": at + len(trigger), "text": trigger}
    if number and e["quantity"]:
        at = text.index(number)
        e["quantity"].update(start=at, end=at + len(number), text=number)
    return e


def test_killed_is_never_added_to_sent():
    sent = said(
        event("e1", article="a1", published="2025-03-04", value=10000, lower=10000, upper=10000),
        "Belarus sent 10,000 soldiers to Moldova.",
        "sent",
        "10,000",
    )
    killed = said(
        event("e2", article="a2", published="2025-03-05", value=2000, lower=2000, upper=2000),
        "Of the soldiers Belarus sent, 2,000 of them were killed in Moldova.",
        "sent",
        "2,000",
    )
    assert measure(sent) == ("soldiers", "sent") and measure(killed)[1] == "killed"
    claims, _ = build_claims([sent, killed])
    assert len(claims) == 2
    assert sorted(c["quantity"]["kind"] for c in claims) == ["killed", "sent"]


def test_pronouns_are_never_units():
    assert canonical_unit({"unit": "its"}) is None and canonical_unit({"unit": "loro"}) is None
    assert canonical_unit({"unit": "dead"}) == "people" and canonical_unit({"unit": "soldiers"}) == "soldiers"
    a = event("e1", article="a1", published="2025-03-04", value=10000, lower=10000, upper=10000)
    b = event("e2", article="a2", published="2025-03-05", value=10000, lower=10000, upper=10000, unit="its")
    [claim], _ = build_claims([a, b])
    assert claim["n_events"] == 2 and claim["quantity"]["unit"] == "soldiers"


def test_a_mention_dated_by_another_phrase_does_not_split_the_claim():
    first = event("e1", article="a1", published="2025-04-01", time=("2025-03-31", "2025-03-31", "day"))
    undated = event("e2", article="a2", published="2025-04-01")
    other_phrase = event(
        "e3", article="a3", published="2025-04-01", time=("2025-04-01", "2025-04-30", "month")
    )
    [claim], _ = build_claims([first, undated, other_phrase])
    assert claim["n_events"] == 3
    assert any("contradicts one other mention" in line for line in claim["data"]["explanation"])
    # alone, two mentions stating different days are two facts
    assert len(build_claims([first, other_phrase])[0]) == 2


def test_undated_mentions_far_apart_need_agreeing_counts():
    early = event("e1", article="a1", published="2025-01-10")
    late = event("e2", article="a2", published="2025-06-10")
    assert len(build_claims([early, late])[0]) == 2
    close = event("e3", article="a3", published="2025-01-15")
    [claim], _ = build_claims([early, close])
    assert any("reported 5 day(s) apart" in line for line in claim["data"]["explanation"])
    counted = [
        event(f"e{i}", article=f"a{i}", published=day, value=5000, lower=4000, upper=6000)
        for i, day in ((4, "2025-01-10"), (5, "2025-06-10"))
    ]
    [claim], _ = build_claims(counted)
    assert any("counts agree" in line for line in claim["data"]["explanation"])


def test_different_trigger_frames_split():
    fled = said(
        event("e1", article="a1", published="2024-12-08", type="RETREAT", target=None), "He fled.", "fled"
    )
    freed = said(
        event("e2", article="a2", published="2024-12-08", type="RETREAT", target=None),
        "They were freed.",
        "freed",
    )
    also_fled = said(
        event("e3", article="a3", published="2024-12-09", type="RETREAT", target=None),
        "Il leader è fuggito.",
        "fuggito",
    )
    claims, _ = build_claims([fled, freed, also_fled])
    assert sorted(c["n_events"] for c in claims) == [1, 2]


def test_a_continent_does_not_clash_with_a_city():
    city = {"id": "geonames:1", "name": "Goma", "country": "COD"}
    continent = {"id": "geonames:2", "name": "Africa", "country": ""}
    other_city = {"id": "geonames:3", "name": "Bukavu", "country": "COD"}
    a = event("e1", article="a1", published="2025-01-27", place=city)
    b = event("e2", article="a2", published="2025-01-28", place=continent)
    c = event("e3", article="a3", published="2025-01-28", place=other_city)
    claims, _ = build_claims([a, b, c])
    assert sorted(x["n_events"] for x in claims) == [1, 2]


def test_civilians_struck_in_a_country_are_its_people():
    place = {"id": "geonames:9", "name": "Chisinau", "country": "MDA"}
    civilians = event("e1", article="a1", published="2025-03-04", type="ASSAULT", place=place)
    civilians["target_actors"] = [
        {"id": "agent:civilians", "name": "civilians", "sector": "civilian", "country": ""}
    ]
    country = event("e2", article="a2", published="2025-03-04", type="ASSAULT")
    [claim], _ = build_claims([civilians, country])
    assert claim["n_events"] == 2


def test_contradicting_figures_of_one_fact_stay_one_claim():
    a = event("e1", article="a1", published="2025-03-04", value=4000, lower=4000, upper=None)
    b = event("e2", article="a2", published="2025-03-05", value=300, lower=300, upper=300)
    [claim], _ = build_claims([a, b])
    assert claim["quantity"]["agree"] is False and claim["quantity"]["kind"] == "sent"


def test_goods_sent_and_delivered_are_one_kind():
    sent = said(
        event("e1", article="a1", published="2025-04-02", value=40, lower=40, upper=None, unit="drones"),
        "L'Iran avrebbe inviato almeno 40 droni al Sudan.",
        "inviato",
        "almeno 40",
    )
    delivered = said(
        event("e2", article="a2", published="2025-04-05", value=40, lower=36, upper=44, unit="drones"),
        "Iran delivered about 40 drones to Sudan.",
        "delivered",
        "about 40",
    )
    assert measure(sent) == measure(delivered) == ("drones", "shipped")
    [claim], _ = build_claims([sent, delivered])
    assert claim["quantity"]["kind"] == "shipped"


def test_an_exchange_joins_whichever_way_round_its_sides_are_named():
    one = said(
        event("e1", article="a1", published="2025-05-23", type="RETREAT", source="UKR", target="RUS"),
        "Kyiv and Moscow completed the exchange.",
        "exchange",
    )
    other = said(
        event("e2", article="a2", published="2025-05-24", type="RETREAT", source="RUS", target="UKR"),
        "Moscow returned 390 people in the swap.",
        "swap",
    )
    [claim], _ = build_claims([one, other])
    assert [a["id"] for a in claim["source_actors"]] == ["RUS"]
    assert [a["id"] for a in claim["target_actors"]] == ["UKR"]
    # a one-way release is not keyed mutually
    freed = said(
        event("e3", article="a3", published="2025-05-24", type="RETREAT", source="UKR", target="RUS"),
        "Ukraine freed the soldiers.",
        "freed",
    )
    assert len(build_claims([other, freed])[0]) == 2


def test_a_mention_naming_part_of_the_targets_joins():
    both = event("e1", article="a1", published="2025-06-13", type="THREATEN", source="IRN", target="ISR")
    both["target_actors"].append({"id": "USA", "name": "USA", "sector": "", "country": "USA"})
    one = event("e2", article="a2", published="2025-06-13", type="THREATEN", source="IRN", target="ISR")
    other = event("e3", article="a3", published="2025-06-13", type="THREATEN", source="IRN", target="GBR")
    claims, _ = build_claims([both, one, other])
    assert sorted(c["n_events"] for c in claims) == [1, 2]
    joined = next(c for c in claims if c["n_events"] == 2)
    assert any("targets in part" in line for line in joined["data"]["explanation"])


def test_the_verb_right_before_a_count_says_what_it_counts():
    def toll(eid: str, text: str, trigger: str, number: str, value: int) -> dict:
        e = event(
            eid, article=eid, published="2025-03-04", value=value, lower=value, unit="people", type="ASSAULT"
        )
        return said(e, text, trigger, number)

    active = toll(
        "e1", "The attacks killed at least eight people and injured 35 others.", "killed", "eight people", 8
    )
    passive = toll("e2", "At least 26 people were killed and 46 others injured.", "killed", "26 people", 26)
    italian = toll(
        "e3", "I raid hanno ucciso 12 civili e ferito altre 30 persone.", "ucciso", "12 civili", 12
    )
    wounded = toll("e4", "The shelling wounded 40 people, killing two.", "wounded", "40 people", 40)
    assert measure(active)[1] == measure(passive)[1] == measure(italian)[1] == "killed"
    assert measure(wounded)[1] == "wounded"
    assert len(build_claims([active, passive])[0]) == 1


def test_killings_of_different_people_are_different_claims():
    def killing(eid: str, *victims: str) -> dict:
        e = event(
            eid, article=eid, published="2025-06-13", type="ASSAULT", source="ISR", target="IRN", unit=""
        )
        e["participants"] = [{"id": v, "name": v, "sector": "", "role": "victim"} for v in victims]
        return e

    first = killing("e1", "person:hossein-salami")
    both = killing("e2", "person:mohammad-bagheri", "person:hossein-salami")
    second = killing("e3", "person:mohammad-bagheri")
    civilians = killing("e4", "agent:civilians")
    unnamed = killing("e5")
    claims, links = build_claims([first, both, second, civilians, unnamed])
    claim_of = {e: c for c, e in links}
    assert claim_of["e1"] != claim_of["e3"]  # the guards' commander is not the chief of staff
    assert claim_of["e2"] == claim_of["e3"]  # a report naming both joins the first it names
    assert claim_of["e4"] not in {claim_of["e1"], claim_of["e3"]}  # civilians killed are a fact of their own
    assert len(claims) == 3  # a toll naming no one joins one of them


def test_a_call_made_jointly_joins_the_call_told_with_one_maker():
    alone = event("e1", article="a1", published="2025-05-07", type="REQUEST", source="UN", target="IND")
    jointly = event("e2", article="a2", published="2025-05-07", type="REQUEST", source="UN", target="IND")
    jointly["source_actors"].append({"id": "USA", "name": "USA", "sector": ""})
    other = event("e3", article="a3", published="2025-05-07", type="REQUEST", source="USA", target="PAK")
    claims, links = build_claims([alone, jointly, other])
    claim_of = {e: c for c, e in links}
    assert claim_of["e1"] == claim_of["e2"] != claim_of["e3"]
    (joint,) = [c for c in claims if c["n_events"] == 2]
    assert "sources in part" in " ".join(joint["data"]["explanation"])


def test_a_day_named_against_a_day_named_is_another_fact():
    drills = event("e1", article="a1", published="2025-04-01", time=("2025-04-01", "2025-04-01", "day"))
    undated = event("e2", article="a2", published="2025-04-01")
    day_before = event("e3", article="a3", published="2025-04-01", time=("2025-03-31", "2025-03-31", "day"))
    claims, links = build_claims([drills, undated, day_before])
    claim_of = {e: c for c, e in links}
    assert claim_of["e1"] == claim_of["e2"] != claim_of["e3"]
