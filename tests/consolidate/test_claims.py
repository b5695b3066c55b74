"""Claims: mentions of one story from many articles, merged deterministically.

End-to-end tests ingest small dated seed files written here (a Belarus–Moldova story in
Italian and English); unit tests call ``build_claims`` on hand-made event dicts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cronaca.api import Cronaca
from cronaca.consolidate import claims as claims_mod
from cronaca.consolidate.claims import build_claims

UP_TO_5000_IT = (
    "2025-03-04",
    "Soldati bielorussi in Moldavia",
    "A marzo la Bielorussia ha inviato fino a 5.000 soldati in Moldavia.",
)
MORE_THAN_4000_EN = (
    "2025-03-06",
    "Belarusian troops in Moldova",
    "In March Belarus sent more than 4,000 troops to Moldova, according to Romania.",
)
ONLY_300_EN = (
    "2025-03-09",
    "A smaller estimate",
    "In March Belarus reportedly sent 300 soldiers to Moldova.",
)
TANKS_IT = (
    "2025-03-10",
    "Carri armati verso la Moldavia",
    "A marzo la Bielorussia ha inviato 40 carri armati in Moldavia.",
)
OLD_IT = (
    "2023-06-12",
    "Un vecchio dispiegamento",
    "Nel 2023 la Bielorussia ha inviato 5.000 soldati in Moldavia.",
)


def write(folder: Path, name: str, article: tuple[str, str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    day, title, text = article
    (folder / name).write_text(f"date {day}\n{title}\n\n{text}\n", encoding="utf-8")


def soldiers_claims(kb: Cronaca) -> list[dict]:
    return [c for c in kb.claims() if c["quantity"] and c["quantity"]["unit"] == "soldiers"]


@pytest.fixture
def two_reports(tmp_path):
    folder = tmp_path / "src"
    write(folder, "01_it.txt", UP_TO_5000_IT)
    write(folder, "02_en.txt", MORE_THAN_4000_EN)
    kb = Cronaca(str(tmp_path / "kb.db"))
    report = kb.ingest([str(folder)])
    assert report.new == 2 and report.events == 2
    return kb, tmp_path


def test_two_languages_join_one_claim_with_reconciled_bounds(two_reports):
    kb, _ = two_reports
    claims = kb.claims()
    assert len(claims) == 1
    claim = claims[0]
    assert claim["type"] == "AID" and claim["context"] == "military"
    assert [a["id"] for a in claim["source_actors"]] == ["BLR"]
    assert [a["id"] for a in claim["target_actors"]] == ["MDA"]
    q = claim["quantity"]
    assert (q["lower"], q["upper"], q["unit"], q["agree"]) == (4000, 5000, "soldiers", True)
    assert (q["min_reported"], q["max_reported"]) == (4000, 5000)
    assert claim["n_articles"] == 2 and claim["n_events"] == 2
    assert len(claim["event_ids"]) == 2 and len(claim["article_ids"]) == 2
    assert str(claim["first_reported"]) == "2025-03-04"
    assert str(claim["last_reported"]) == "2025-03-06"
    assert claim["time"]["start"] == "2025-03-01" and claim["time"]["precision"] == "month"
    assert "4,000–5,000 soldiers" in claim["summary"]


def test_factuality_history_and_sources(two_reports):
    kb, _ = two_reports
    claim = kb.claims()[0]
    history = [(str(h["reported"]), h["factuality"]) for h in claim["factuality"]]
    assert history == [("2025-03-04", "asserted"), ("2025-03-06", "reported")]
    assert "ROU" in {s["id"] for s in claim["sources"]}
    assert any("joined" in line for line in claim["explanation"])


def test_contradicting_count_is_flagged(two_reports):
    kb, tmp_path = two_reports
    write(tmp_path / "more", "03_low.txt", ONLY_300_EN)
    kb.ingest([str(tmp_path / "more")])
    [claim] = soldiers_claims(kb)
    q = claim["quantity"]
    assert q["agree"] is False
    assert q["lower"] is None and q["upper"] is None
    assert (q["min_reported"], q["max_reported"]) == (300, 5000)
    assert claim["n_articles"] == 3
    assert str(claim["last_reported"]) == "2025-03-09"
    assert "reports disagree" in claim["summary"]


def test_other_unit_and_other_year_are_separate_claims(two_reports):
    kb, tmp_path = two_reports
    write(tmp_path / "more", "04_tanks.txt", TANKS_IT)
    write(tmp_path / "more", "05_old.txt", OLD_IT)
    kb.ingest([str(tmp_path / "more")])
    claims = kb.claims()
    assert len(claims) == 3
    by_unit_year = sorted((c["quantity"]["unit"], c["time"]["start"][:4], c["n_articles"]) for c in claims)
    assert by_unit_year == [("soldiers", "2023", 1), ("soldiers", "2025", 2), ("tanks", "2025", 1)]


def test_consolidate_is_deterministic(two_reports):
    kb, tmp_path = two_reports
    write(tmp_path / "more", "04_tanks.txt", TANKS_IT)
    kb.ingest([str(tmp_path / "more")])
    before = sorted((c["id"], tuple(sorted(c["event_ids"]))) for c in kb.claims())
    kb.consolidate()
    assert sorted((c["id"], tuple(sorted(c["event_ids"]))) for c in kb.claims()) == before
    # a fresh knowledge base from the same files gives the same ids
    fresh = Cronaca(str(tmp_path / "kb2.db"))
    fresh.ingest([str(tmp_path / "src"), str(tmp_path / "more")])
    assert sorted(c["id"] for c in fresh.claims()) == [cid for cid, _ in before]


def test_undated_report_cannot_join_a_claim_after_its_article(tmp_path):
    """A report with no time of its own happened on or before its article's date."""
    folder = tmp_path / "src"
    write(folder, "01_old.txt", OLD_IT)  # the 2023 deployment
    undated = ("2022-03-04", "Oggi", "La Bielorussia ha inviato 5.000 soldati in Moldavia.")
    write(folder, "02_earlier.txt", undated)
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(folder)])
    assert len(kb.claims()) == 2


def test_undated_report_joins_an_earlier_claim(tmp_path):
    folder = tmp_path / "src"
    write(folder, "01_old.txt", OLD_IT)
    undated = ("2023-09-04", "Ancora", "La Bielorussia ha inviato 5.000 soldati in Moldavia.")
    write(folder, "02_later.txt", undated)
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(folder)])
    assert len(kb.claims()) == 1


# -- build_claims on hand-made events ----------------------------------------------------


def actor(code: str) -> dict:
    return {"id": code, "name": code, "sector": ""}


def event(
    eid: str,
    *,
    article: str,
    published: str,
    value=None,
    lower=None,
    upper=None,
    unit="soldiers",
    time: tuple[str, str, str] | None = None,
    type: str = "AID",
    source="BLR",
    target="MDA",
    factuality: str = "asserted",
    attribution=(),
    mode: str = "",
    place: dict | None = None,
    weapons: tuple[str, ...] = (),
) -> dict:
    quantity = None
    if value is not None:
        quantity = {"value": value, "lower": lower, "upper": upper, "unit": unit, "text": f"{value} {unit}"}
    return {
        "id": eid,
        "type": type,
        "mode": mode,
        "context": "military",
        "cameo": "07",
        "source_actors": [actor(source)] if source else [],
        "target_actors": [actor(target)] if target else [],
        "place": place,
        "equipment": [{"id": f"weapon:{w}", "name": w, "sector": w.split("-")[-1]} for w in weapons],
        "time": {"start": time[0], "end": time[1], "precision": time[2]} if time else None,
        "time_text": "",
        "quantity": quantity,
        "factuality": factuality,
        "attribution": [actor(a) for a in attribution],
        "article_id": article,
        "published": {"start": published, "end": published, "precision": "day"},
        "span": {"start": 0, "end": 10},
        "text": "",
    }


MARCH = ("2025-03-01", "2025-03-31", "month")
MARCH_10 = ("2025-03-10", "2025-03-10", "day")
JUNE = ("2025-06-01", "2025-06-30", "month")


def test_build_claims_merges_and_reconciles_bounds():
    events = [
        event(
            "e2",
            article="a2",
            published="2025-03-12",
            value=4000,
            lower=4000,
            time=MARCH_10,
            factuality="reported",
            attribution=["ROU"],
        ),
        event("e1", article="a1", published="2025-03-11", value=5000, upper=5000, time=MARCH),
    ]
    claims, links = build_claims(events)
    assert len(claims) == 1
    c = claims[0]
    assert c["quantity"]["lower"] == 4000 and c["quantity"]["upper"] == 5000 and c["quantity"]["agree"]
    assert c["quantity"]["value"] is None  # two different reported values
    assert (c["first_reported"], c["last_reported"]) == (date(2025, 3, 11), date(2025, 3, 12))
    # the claim's time is the intersection of the mentions' times
    assert (c["time_start"], c["time_end"]) == (date(2025, 3, 10), date(2025, 3, 10))
    assert c["time_precision"] == "day"
    # visited in publication order: e1 opened the claim
    assert [h["event_id"] for h in c["data"]["factuality"]] == ["e1", "e2"]
    assert [h["factuality"] for h in c["data"]["factuality"]] == ["asserted", "reported"]
    assert c["data"]["explanation"][0] == "e1 opened the claim"
    assert c["data"]["sources"] == [
        {"id": "ROU", "name": "ROU", "role": "", "self": False, "event_ids": ["e2"], "original": "ROU"}
    ]
    assert c["data"]["n_sources"] == 1
    assert sorted(links) == [(c["id"], "e1"), (c["id"], "e2")]
    assert c["component"] == "claims@3"


def test_build_claims_flags_disagreement():
    # "more than 4,000" and "300": no count satisfies both ("up to 5,000" and "300" would)
    events = [
        event("e1", article="a1", published="2025-03-11", value=4000, lower=4000),
        event("e2", article="a2", published="2025-03-12", value=300, lower=300, upper=300),
    ]
    [c], _ = build_claims(events)
    assert c["quantity"]["agree"] is False
    assert c["quantity"]["lower"] is None and c["quantity"]["upper"] is None
    assert "(reports disagree)" in c["summary"]


@pytest.mark.parametrize(
    "other",
    [
        event(
            "e2", article="a2", published="2025-03-12", value=40, lower=40, upper=40, unit="tanks", time=MARCH
        ),
        event("e2", article="a2", published="2025-07-02", value=5000, lower=5000, upper=5000, time=JUNE),
        event(
            "e2",
            article="a2",
            published="2025-03-12",
            value=5000,
            lower=5000,
            upper=5000,
            time=MARCH,
            target="UKR",
        ),
        event(
            "e2",
            article="a2",
            published="2025-03-12",
            value=5000,
            lower=5000,
            upper=5000,
            time=MARCH,
            type="FIGHT",
        ),
    ],
    ids=["other-unit", "other-time", "other-target", "other-type"],
)
def test_build_claims_keeps_incompatible_mentions_apart(other):
    first = event("e1", article="a1", published="2025-03-11", value=5000, lower=5000, upper=5000, time=MARCH)
    claims, links = build_claims([first, other])
    assert len(claims) == 2
    assert len({cid for cid, _ in links}) == 2


def place(pid: str, country: str = "") -> dict:
    return {"id": pid, "name": pid.capitalize(), "country": country}


def test_places_keep_two_deployments_apart_but_a_city_joins_its_region_and_country():
    kursk = event("e1", article="a1", published="2025-03-11", time=MARCH, place=place("geonames:1", "RUS"))
    belgorod = event("e2", article="a2", published="2025-03-12", time=MARCH, place=place("geonames:2", "RUS"))
    russia = event("e3", article="a3", published="2025-03-13", time=MARCH, place=place("RUS"))
    nowhere = event("e4", article="a4", published="2025-03-14", time=MARCH)
    oblast = event("e5", article="a5", published="2025-03-15", time=MARCH, place=place("place:oblast", "RUS"))
    abroad = event("e6", article="a6", published="2025-03-16", time=MARCH, place=place("geonames:3", "UKR"))
    claims, links = build_claims([kursk, belgorod, russia, nowhere, oblast, abroad])
    by_claim: dict[str, set[str]] = {}
    for cid, eid in links:
        by_claim.setdefault(cid, set()).add(eid)
    assert sorted(map(sorted, by_claim.values())) == [["e1", "e3", "e4", "e5"], ["e2"], ["e6"]]
    kursk_claim = next(c for c in claims if len(by_claim[c["id"]]) == 4)
    assert kursk_claim["data"]["place"]["id"] == "geonames:1"
    assert any("places agree (Rus ~ Geonames:1)" in line for line in kursk_claim["data"]["explanation"])


def test_weapons_of_other_kinds_stay_apart():
    events = [
        event(
            "e1",
            article="a1",
            published="2025-03-11",
            time=MARCH,
            type="PRODUCE_WEAPONS",
            weapons=("attack-drone",),
        ),
        event(
            "e2",
            article="a2",
            published="2025-03-12",
            time=MARCH,
            type="PRODUCE_WEAPONS",
            weapons=("cruise-missile",),
        ),
        event(
            "e3",
            article="a3",
            published="2025-03-13",
            time=MARCH,
            type="PRODUCE_WEAPONS",
            weapons=("naval-drone",),
        ),
        event("e4", article="a4", published="2025-03-14", time=MARCH, type="PRODUCE_WEAPONS"),
    ]
    claims, links = build_claims(events)
    groups: dict[str, set[str]] = {}
    for cid, eid in links:
        groups.setdefault(cid, set()).add(eid)
    assert sorted(map(sorted, groups.values())) == [["e1", "e3", "e4"], ["e2"]]
    drones = next(c for c in claims if len(groups[c["id"]]) == 3)
    assert any("same kind of weapon (drone)" in line for line in drones["data"]["explanation"])


def test_modes_must_agree_when_both_are_set():
    events = [
        event("e1", article="a1", published="2025-03-11", time=MARCH, mode="military"),
        event("e2", article="a2", published="2025-03-12", time=MARCH, mode="humanitarian"),
        event("e3", article="a3", published="2025-03-13", time=MARCH),
    ]
    claims, links = build_claims(events)
    assert len(claims) == 2
    assert sorted(c["mode"] for c in claims) == ["humanitarian", "military"]
    assert len({cid for cid, eid in links if eid in ("e1", "e3")}) == 1


def test_build_claims_is_order_independent_and_deterministic():
    events = [
        event("e1", article="a1", published="2025-03-11", value=5000, upper=5000, time=MARCH),
        event("e2", article="a2", published="2025-03-12", value=4000, lower=4000, time=MARCH),
        event(
            "e3", article="a3", published="2025-03-13", value=40, lower=40, upper=40, unit="tanks", time=MARCH
        ),
    ]
    a, links_a = build_claims(events)
    b, links_b = build_claims(list(reversed(events)))
    assert [c["id"] for c in a] == [c["id"] for c in b]
    assert sorted(links_a) == sorted(links_b)
    assert all(c["id"].startswith("c_") for c in a)


def test_build_claims_without_quantity_or_time():
    [c], links = build_claims([event("e1", article="a1", published="2025-03-11")])
    assert c["quantity"] is None and c["time_start"] is None
    assert c["summary"] == "BLR → MDA: AID (military)"
    assert links == [(c["id"], "e1")]
    assert build_claims([]) == ([], [])


def test_component_name():
    assert claims_mod.COMPONENT == "claims@3"


def test_non_state_actors_are_not_their_country():
    # "the Syrian rebels took Homs" and "Syria took Homs" are two claims; a minister still counts as Syria
    rebels = event("e1", article="a1", published="2025-03-05", type="FIGHT", source="", target="")
    rebels["source_actors"] = [
        {"id": "agent:rebels:SYR", "name": "rebels", "sector": "rebel", "country": "SYR"}
    ]
    army = event("e2", article="a2", published="2025-03-06", type="FIGHT", source="SYR", target="")
    minister = event("e3", article="a3", published="2025-03-06", type="FIGHT", source="", target="")
    minister["source_actors"] = [{"id": "person:x", "name": "X", "sector": "government", "country": "SYR"}]
    claims, _ = build_claims([rebels, army, minister])
    assert sorted(c["n_events"] for c in claims) == [1, 2]


def test_a_mention_with_no_target_joins_the_claim_that_names_one():
    named = event(
        "e1",
        article="a1",
        published="2025-03-05",
        type="FIGHT",
        source="SDN",
        target="TCD",
        value=None,
        time=MARCH_10,
    )
    bare = event(
        "e2",
        article="a2",
        published="2025-03-11",
        type="FIGHT",
        source="SDN",
        target="",
        value=None,
        time=MARCH_10,
    )
    later = event(
        "e3",
        article="a3",
        published="2025-06-11",
        type="FIGHT",
        source="SDN",
        target="",
        value=None,
        time=JUNE,
    )
    claims, _ = build_claims([bare, named, later])
    joined = next(c for c in claims if c["n_events"] == 2)
    assert [a["id"] for a in joined["target_actors"]] == ["TCD"]
    assert any("no target of its own" in line for line in joined["data"]["explanation"])
    assert len(claims) == 2  # June is another time: its own claim


def test_drills_with_other_weapons_named_are_one_claim_but_shipments_are_not():
    drill = [
        event(
            f"e{k}",
            article=f"a{k}",
            published="2025-03-05",
            type="MOBILIZE",
            value=None,
            time=MARCH_10,
            weapons=(w,),
        )
        for k, w in ((1, "drone"), (2, "missile"))
    ]
    sent = [
        event(
            f"s{k}",
            article=f"b{k}",
            published="2025-03-05",
            type="AID",
            value=None,
            time=MARCH_10,
            weapons=(w,),
        )
        for k, w in ((1, "drone"), (2, "missile"))
    ]
    assert len(build_claims(drill)[0]) == 1 and len(build_claims(sent)[0]) == 2


def told(eid: str, article: str, trigger: str, text: str = "", **kw) -> dict:
    """An event mention whose trigger (and sentence, when given) the test names."""
    e = event(eid, article=article, time=MARCH_10, **kw)
    start = text.index(trigger) if text else 0
    e["text"], e["trigger"] = text, {"text": trigger, "start": start, "end": start + len(trigger)}
    return e


def members(links: list[tuple[str, str]]) -> list[list[str]]:
    """The event ids of each claim, sorted."""
    by_claim: dict[str, set[str]] = {}
    for claim, eid in links:
        by_claim.setdefault(claim, set()).add(eid)
    return sorted(sorted(ids) for ids in by_claim.values())


def test_forces_sighted_are_not_the_drill_they_were_seen_in():
    """ "Japan detected 12 Chinese ships" is its own report, not one more telling of the drill."""
    china = {"published": "2025-03-05", "type": "MOBILIZE", "source": "CHN", "target": "JPN"}
    drills = [
        told("d1", "a1", "drills", value=None, **china),
        told("d2", "a2", "esercitazione", value=None, **china),
    ]
    seen = told("s1", "a3", "detected", value=12, unit="ships", **china)
    claims, links = build_claims([*drills, seen])
    assert len(claims) == 2
    assert members(links) == [["d1", "d2"], ["s1"]]


def test_a_government_overthrown_is_not_an_arrest_by_the_same_side():
    """ "hanno rovesciato il potere di X" and "the rebels arrested the prime minister": two facts."""
    rebels = {"published": "2024-12-08", "type": "COERCE", "source": "agent:rebels", "target": "TCD"}
    rebels["value"] = None
    toppled = told("o1", "a1", "rovesciato", **rebels)
    ousted = told("o2", "a2", "ousted", **rebels)
    arrested = told("r1", "a3", "arrested", **rebels)
    claims, links = build_claims([toppled, ousted, arrested])
    assert members(links) == [["o1", "o2"], ["r1"]]


def test_killings_of_two_named_people_are_two_claims_of_one_country():
    strike = {"published": "2025-06-13", "type": "ASSAULT", "source": "ISR", "value": None}
    first = told("k1", "a1", "killed", target="person:ali-rahimi", **strike)
    again = told("k2", "a2", "ucciso", target="person:ali-rahimi", **strike)
    other = told("k3", "a3", "killed", target="person:reza-tabari", **strike)
    unnamed = told("k4", "a4", "morti", target="IRN", **strike)
    for e in (first, again, other):
        e["target_actors"][0]["country"] = "IRN"
    claims, links = build_claims([first, again, other, unnamed])
    groups = members(links)
    assert ["k1", "k2"] in [[m for m in g if m != "k4"] for g in groups]
    assert not any({"k1", "k3"} <= set(g) for g in groups)


def test_asylum_granted_is_not_the_backing_of_a_side():
    """ "received asylum from Russia" and "forces backed by Russia": one ally, two facts."""
    russia = {"published": "2024-12-08", "type": "AID", "source": "RUS", "target": "SYR", "value": None}
    asylum = told("a1", "a1", "received", "Assad received asylum from Russia.", **russia)
    granted = told("a2", "a2", "granted", "Russia granted asylum to the family.", **russia)
    backed = told("b1", "a3", "backed", "The government forces, backed by Russia and Iran.", **russia)
    claims, links = build_claims([asylum, granted, backed])
    assert members(links) == [["a1", "a2"], ["b1"]]


def test_two_rounds_of_a_swap_named_by_their_ordinals_are_two_claims():
    swap = {"published": "2025-05-25", "type": "RETREAT", "source": "RUS", "target": "UKR", "value": None}
    first = told(
        "a",
        "a1",
        "scambio",
        'Kiev e Mosca hanno completato la "prima fase" dello scambio di prigionieri.',
        **swap,
    )
    last = told(
        "b", "a2", "swap", "Both sides confirmed the third and final round of the prisoner swap.", **swap
    )
    again = told("c", "a3", "swap", "The first stage of the swap ended on Friday.", **swap)
    claims, links = build_claims([first, last, again])
    assert members(links) == [["a", "c"], ["b"]]


def test_stage_reads_the_round_named_before_the_trigger():
    from cronaca.consolidate.stages import stage

    def at(text: str, word: str) -> str:
        return stage(
            {"text": text, "span": {"start": 0}, "trigger": {"start": text.index(word), "text": word}}
        )

    assert at("la seconda tranche di aiuti è stata consegnata", "consegnata") == "2"
    assert at("the final phase of the withdrawal began", "withdrawal") == "final"
    assert at("la fase finale del ritiro è cominciata", "ritiro") == "final"
    assert at("the swap ended on Sunday", "swap") == ""
