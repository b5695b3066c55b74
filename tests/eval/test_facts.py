"""`cronaca eval facts`: pairing, checks, groups and judgements on records written here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cronaca.errors import UsageError
from cronaca.eval.facts import load_gold, score
from cronaca.eval.judgements import Judgements, event_key
from cronaca.serve.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data" / "facts"
GOLD = DATA / "gold.yaml"


def article(name: str, text: str, aid: str) -> dict:
    return {"kind": "article", "id": aid, "source": f"/x/{name}", "text": text}


def event(
    eid,
    aid,
    kind,
    src,
    tgt,
    start,
    end,
    *,
    time=None,
    quantity=None,
    attribution=(),
    fact="asserted",
    claim="c1",
    trigger=("w", 0),
):
    return {
        "kind": "event",
        "id": eid,
        "article_id": aid,
        "type": kind,
        "source_actors": [{"id": s, "name": s} for s in src],
        "target_actors": [{"id": t, "name": t} for t in tgt],
        "span": {"start": start, "end": end},
        "time": time,
        "quantity": quantity,
        "attribution": [{"id": a, "name": a, "role": "source"} for a in attribution],
        "factuality": fact,
        "claim_id": claim,
        "trigger": {"start": trigger[1], "text": trigger[0]},
    }


IT = (
    "Secondo fonti militari, l'esercito della Turchia ha attaccato la Grecia lunedì. "
    "La Grecia ha condannato la Turchia."
)
EN = "Turkey attacked Greece on Monday, according to military sources. Peru signed an agreement with Chile."


def records(**changes):
    monday = {"start": "2024-03-11", "end": "2024-03-11", "precision": "day"}
    evs = [
        event(
            "e1",
            "a1",
            "FIGHT",
            ["TUR"],
            ["GRC"],
            0,
            80,
            time=monday,
            attribution=["source:fonti"],
            fact="reported",
            trigger=("attaccato", 50),
        ),
        event(
            "e2",
            "a1",
            "ACCUSE",
            ["GRC"],
            ["TUR"],
            81,
            118,
            time={"start": None, "end": "2024-03-12", "precision": "day"},
            claim="c2",
        ),
        event(
            "e3",
            "a2",
            "FIGHT",
            ["TUR"],
            ["GRC"],
            0,
            64,
            time=monday,
            attribution=["source:sources"],
            quantity={"value": 3, "lower": 3, "upper": 3},
            fact="reported",
        ),
        # Chile → Peru: the agreement is symmetric, so the sides may be swapped
        event(
            "e4",
            "a2",
            "AGREE",
            ["CHL"],
            ["PER"],
            65,
            101,
            claim="c3",
            time={"start": None, "end": "2024-03-13", "precision": "day"},
        ),
    ]
    for eid, change in changes.items():
        for e in evs:
            if e["id"] == eid:
                e.update(change)
    return [article("it-test-01.txt", IT, "a1"), article("en-test-01.txt", EN, "a2"), *evs]


def by_id(result):
    return {f["id"]: f for f in result.facts}


def test_found_facts_and_their_checks():
    result = score(load_gold(str(GOLD)), records())
    facts = by_id(result)
    assert [f["found"] for f in result.facts] == [True, True, True, True, False]
    assert facts["it-test-01-a"]["checks"] == {
        "date": True,
        "quantity": None,
        "attribution": True,
        "factuality": True,
    }
    assert facts["en-test-01-a"]["checks"]["quantity"] is True
    assert facts["en-test-01-b"]["event"]["source"] == ["CHL"]  # swapped sides, symmetric fact
    assert result.groups == [{"group": "attack", "facts": 2, "found": 2, "claims": 1, "merged": True}]


@pytest.mark.parametrize(
    "change, check, expected",
    [
        ({"time": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"}}, "date", False),
        ({"time": None}, "date", False),
        ({"quantity": {"value": 3, "lower": 3, "upper": None}}, "quantity", False),  # at least, not exact
        ({"quantity": {"value": 4, "lower": 4, "upper": 4}}, "quantity", False),
        ({"attribution": []}, "attribution", False),
        ({"factuality": "asserted"}, "factuality", False),
    ],
)
def test_each_check_can_fail(change, check, expected):
    result = score(load_gold(str(GOLD)), records(e3=change))
    assert by_id(result)["en-test-01-a"]["checks"][check] is expected


def test_a_wrong_type_or_wrong_target_is_a_miss_and_sides_only_swap_when_symmetric():
    result = score(load_gold(str(GOLD)), records(e1={"type": "AGREE"}, e2={"source_actors": [{"id": "TUR"}]}))
    facts = by_id(result)
    assert not facts["it-test-01-a"]["found"] and not facts["it-test-01-b"]["found"]
    assert result.groups[0]["merged"] is False


def test_split_groups_and_claims_mixing_groups_are_reported():
    result = score(load_gold(str(GOLD)), records(e3={"claim_id": "c9"}))
    assert result.groups[0] == {"group": "attack", "facts": 2, "found": 2, "claims": 2, "merged": False}


def test_one_event_stands_for_one_fact_preferring_the_facts_own_sentence():
    # one FIGHT event only, in the second sentence: it may pair with one of the two facts
    recs = records()
    recs = [r for r in recs if r.get("id") not in ("e1",)]
    recs.append(event("e5", "a1", "FIGHT", ["TUR"], ["GRC"], 81, 118, attribution=["source:fonti"]))
    result = score(load_gold(str(GOLD)), recs)
    facts = by_id(result)
    assert facts["it-test-01-a"]["found"] and not facts["it-test-01-a"]["event"]["in_sentence"]


def test_judgements_give_precision_and_list_what_is_not_judged(tmp_path):
    recs = records()
    path = tmp_path / "j.yaml"
    e1 = next(r for r in recs if r.get("id") == "e1")
    entry = dict(
        zip(
            ("article", "at", "trigger", "type", "source", "target"),
            event_key("it-test-01.txt", e1),
            strict=True,
        )
    )
    entry.update(right=True, source=list(entry["source"]), target=list(entry["target"]))
    assert Judgements.merge(path, [entry, {**entry, "at": 1, "right": None}]) == 1
    assert "sentence" not in path.read_text()
    result = score(load_gold(str(GOLD)), recs, Judgements.load(path))
    assert result.precision == {"emitted": 4, "judged": 1, "right": 1, "unjudged": 3, "rate": 1.0}
    assert {u["event_id"] for u in result.unjudged} == {"e2", "e3", "e4"}
    # a changed actor makes the event new, and unjudged
    result = score(
        load_gold(str(GOLD)), records(e1={"target_actors": [{"id": "CYP"}]}), Judgements.load(path)
    )
    assert result.precision["judged"] == 0


def test_bad_gold_is_a_usage_error(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text(
        yaml.safe_dump(
            {"actors": {}, "articles": {"a.txt": {"facts": [{"id": "x", "type": "AID", "source": ["NOPE"]}]}}}
        )
    )
    with pytest.raises(UsageError, match="unknown actor keys"):
        load_gold(str(bad))
    bad.write_text("articles: [")
    with pytest.raises(UsageError):
        load_gold(str(bad))


def test_the_command_runs_on_articles_it_ingests(tmp_path):
    out = tmp_path / "unjudged.yaml"
    result = CliRunner().invoke(
        cli, ["eval", "facts", str(GOLD), str(DATA / "articles"), "--unjudged", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "facts found (type and actors)" in result.output
    assert "MISS   en-test-01-c" in result.output
    skeletons = yaml.safe_load(out.read_text())
    assert skeletons and all(s["right"] is None and "sentence" in s for s in skeletons)


def claim_records(members=("e1", "e3")):
    claim = {
        "kind": "claim",
        "id": "c1",
        "type": "FIGHT",
        "summary": "Turkey → Greece: FIGHT",
        "event_ids": list(members),
        "article_ids": sorted({"e1": "a1", "e2": "a1", "e3": "a2"}[m] for m in members),
    }
    single = {"kind": "claim", "id": "c2", "type": "ACCUSE", "event_ids": ["e2"], "article_ids": ["a1"]}
    return [*records(), claim, single]


def test_claims_joining_articles_are_judged_sound_or_not_and_unjudged_ones_listed(tmp_path):
    from cronaca.eval.claim_judgements import ClaimJudgements, path_beside

    assert path_beside("eval/judgements/x.yaml").name == "x-claims.yaml"
    result = score(load_gold(str(GOLD)), claim_records(), claim_judgements=ClaimJudgements({}))
    assert result.claims["multi_article"] == 1 and result.claims["unjudged"] == 1
    [skeleton] = result.unjudged_claims
    assert skeleton["events"] == ["en-test-01.txt@0:w", "it-test-01.txt@50:attaccato"]
    path = tmp_path / "claims.yaml"
    ClaimJudgements.append_skeletons(path, result.unjudged_claims)
    assert "Turkey attacked" not in path.read_text()  # no article text
    path.write_text(path.read_text().replace("sound: null", "sound: false\n  cause: join"))
    judged = ClaimJudgements.load(path)
    result = score(load_gold(str(GOLD)), claim_records(), claim_judgements=judged)
    assert result.claims["judged"] == 1 and result.claims["sound"] == 0
    assert result.claims["unsound_by_cause"] == {"join": 1, "extraction": 0}
    # a claim whose members change is a new claim, unjudged
    changed = [r for r in claim_records() if r.get("id") != "e3"]
    changed.append({**records()[-2], "trigger": {"start": 9, "text": "attacked"}})
    result = score(load_gold(str(GOLD)), changed, claim_judgements=judged)
    assert result.claims["judged"] == 0 and result.claims["unjudged"] == 1


def test_an_unsound_claim_needs_a_cause(tmp_path):
    from cronaca.eval.claim_judgements import ClaimJudgements

    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n- type: FIGHT\n  events: [a@1:x]\n  sound: false\n")
    with pytest.raises(UsageError):
        ClaimJudgements.load(path)


def test_a_fact_in_two_nested_groups_does_not_make_its_claim_mixed(tmp_path):
    gold = yaml.safe_load(GOLD.read_text())
    ids = [f["id"] for entry in gold["articles"].values() for f in entry["facts"]]
    first = next(name for name, members in gold["same_claim"].items())
    gold["same_claim"][first + "-part"] = list(gold["same_claim"][first])[:1]
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump(gold))
    result = score(load_gold(str(path)), records())
    assert result.mixed_claims == [] and ids
