"""Reluctance, refusal, purpose and intention; cues that reach only forward; a bare title as
subject; the weapon an object adjective names. Sentences written for these tests, with other
actors and weapons than the demo seeds.

- "riluttante a fornire", "reluctant to supply" is ``possible``; "ha rifiutato di", "refused
  to" ``negated``; "per aiutare", "in order to", "al fine di", "plans to", "mira a" is
  ``intended`` (possible and still to come); "said it would send" is ``future``;
- "expected to" governs the infinitive after it, not the rest of its clause;
- "il leader", "the president" with no name is the person of that role named last before;
- "i test missilistici", "un test nucleare": the object word names the weapon and its kind.
"""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Interval

PUBLISHED = Interval.day(date(2025, 5, 10))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def extract(pipeline, text: str, language: str = "it"):
    article = Article(id="a_h", text=text, language=language, published=PUBLISHED, outlet="Test")
    return pipeline(article).events


def ids(actors) -> list[str]:
    return [a.id for a in actors]


def only(events, kind: str):
    (event,) = [e for e in events if e.type == kind]
    return event


# -- reluctance, refusal, purpose, intention ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "factuality"),
    [
        ("La Turchia era riluttante a fornire droni all'Azerbaigian.", "it", "possible"),
        ("Il Pakistan si è detto restio a inviare soldati in Yemen.", "it", "possible"),
        ("Turkey is reluctant to supply drones to Azerbaijan.", "en", "possible"),
        ("Pakistan was hesitant to send troops to Yemen.", "en", "possible"),
        ("La Turchia ha rifiutato di fornire droni all'Azerbaigian.", "it", "negated"),
        ("Turkey refused to supply drones to Azerbaijan.", "en", "negated"),
        ("Pakistan was unwilling to send troops to Yemen.", "en", "negated"),
    ],
)
def test_reluctance_and_refusal_are_no_plans(pipeline, text, language, factuality):
    aid = only(extract(pipeline, text, language), "AID")
    assert aid.factuality == factuality
    assert aid.factuality != "future"


@pytest.mark.parametrize(
    ("text", "language", "cue"),
    [
        ("La Turchia ha aperto una base per inviare soldati in Libia.", "it", "per inviare"),
        ("La Turchia ha aperto una base al fine di inviare soldati in Libia.", "it", "al fine di"),
        ("L'Iran mira a fornire droni al Venezuela.", "it", "mira a"),
        ("L'Iran intende inviare droni al Venezuela.", "it", "intende"),
        ("Iran opened a new plant in order to supply drones to Venezuela.", "en", "in order to"),
        ("Iran plans to send drones to Venezuela.", "en", "plans to"),
        ("Iran made an effort to send drones to Venezuela.", "en", "effort to"),
    ],
)
def test_a_purpose_or_an_intention_is_intended(pipeline, text, language, cue):
    aid = only(extract(pipeline, text, language), "AID")
    assert aid.factuality == "intended"
    assert cue in aid.factuality_cue.lower()
    assert ids(aid.source_actors) == ["TUR"] or ids(aid.source_actors) == ["IRN"]


def test_what_someone_said_they_would_do_is_future(pipeline):
    aid = only(extract(pipeline, "Egypt said that Sudan would send troops to Libya.", "en"), "AID")
    assert aid.factuality == "future" and aid.factuality_cue == "would send"


def test_expected_to_reaches_only_the_infinitive_after_it(pipeline):
    events = extract(
        pipeline, "Turkey sent troops to Libya and is expected to send drones to Azerbaijan.", "en"
    )
    sent = {ids(e.target_actors)[0]: e for e in events if e.type == "AID"}
    assert sent["LBY"].factuality == "asserted"
    assert sent["AZE"].factuality == "probable"
    events = extract(
        pipeline, "Turkey, expected to send drones to Azerbaijan, has sent troops to Libya.", "en"
    )
    sent = {ids(e.target_actors)[0]: e for e in events if e.type == "AID"}
    assert sent["LBY"].factuality == "asserted" and sent["AZE"].factuality == "probable"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Fonti diplomatiche hanno detto che il Giappone era preoccupato che un test missilistico "
            "iraniano avrebbe complicato i negoziati.",
            "it",
        ),
        ("Officials said Japan was worried that an Iranian missile test would derail the talks.", "en"),
    ],
)
def test_what_someone_fears_is_possible(pipeline, text, language):
    test = only(extract(pipeline, text, language), "TEST_WEAPONS")
    assert test.factuality == "possible"
    assert ids(test.source_actors) == ["IRN"]


# -- a bare title as subject --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "kind", "person"),
    [
        (
            "Xi Jinping ha incontrato i vertici dell'esercito a Pechino. Secondo i media statali, il "
            "giorno prima il leader aveva visitato un cantiere navale a Dalian.",
            "it",
            "VISIT_FACILITY",
            "Q15031",
        ),
        (
            "Lukashenko met officers in Minsk. State media said the president had visited a tank "
            "factory near Brest.",
            "en",
            "VISIT_FACILITY",
            "person:alexander-lukashenko",
        ),
        (
            "Putin ha parlato a Mosca. Il presidente ha poi firmato un accordo con la Bielorussia.",
            "it",
            "AGREE",
            "Q7747",
        ),
    ],
)
def test_a_bare_title_is_the_person_of_that_role_named_before(pipeline, text, language, kind, person):
    event = only(extract(pipeline, text, language), kind)
    assert ids(event.source_actors) == [person]


def test_a_bare_title_with_no_one_of_that_role_before_is_nobody(pipeline):
    events = extract(
        pipeline, "La Turchia ha inviato soldati in Libia. Il leader aveva visitato una fabbrica."
    )
    assert [e.type for e in events] == ["AID"]


# -- the weapon an object word names ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "weapon", "category"),
    [
        ("L'Iran ha intensificato i test missilistici.", "it", "weapon:missile", "missile"),
        ("Il Pakistan ha condotto un test nucleare.", "it", "weapon:nuclear-weapon", "nuclear"),
        ("Pakistan carried out a nuclear test.", "en", "weapon:nuclear-weapon", "nuclear"),
    ],
)
def test_an_object_word_names_the_weapon_and_its_kind(pipeline, text, language, weapon, category):
    test = only(extract(pipeline, text, language), "TEST_WEAPONS")
    assert [(a.id, a.sector) for a in test.equipment] == [(weapon, category)]


def test_a_source_cue_ending_with_to_still_reaches_the_whole_clause(pipeline):
    # "according to" ends with the infinitive marker "to" but names a source, not a plan
    text = (
        "Egypt has sent more than 400 soldiers to Chad, "
        "according to a report published on Monday by a think tank."
    )
    event = only(extract(pipeline, text, "en"), "AID")
    assert (event.factuality, event.factuality_cue) == ("reported", "according to")


@pytest.mark.parametrize(
    "text",
    [
        "The court denied the government's request to extradite him.",
        "The court denied the request for asylum, the ministry said.",
    ],
)
def test_a_denial_that_is_the_event_is_no_denial_of_it(text: str) -> None:
    from tests.extract.coding import events

    found = [e for e in events(text, "en") if e.type == "REJECT"]
    assert found and all(e.factuality in ("asserted", "reported") for e in found)
