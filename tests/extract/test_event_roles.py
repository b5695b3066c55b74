"""Event roles and precision: what a rule must not pick up, in sentences written for these
tests (other actors and weapons than the demo seeds).

Each test names the general rule it checks: a test has no target, an agent phrase belongs
to the nearest trigger, a name after a verb is its object, a cited source is no actor, and
so on (docs/events.md, "How the fields are found").
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
    article = Article(id="a_r", text=text, language=language, published=PUBLISHED, outlet="Test")
    return pipeline(article).events


def by_type(events, kind: str):
    return [e for e in events if e.type == kind]


def ids(actors) -> list[str]:
    return [a.id for a in actors]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("L'Iran ha condotto un test missilistico che preoccupa Israele e gli Stati Uniti.", "it"),
        ("Iran tested a ballistic missile, alarming Israel.", "en"),
    ],
)
def test_a_weapons_test_has_no_target(pipeline, text, language):
    (test,) = by_type(extract(pipeline, text, language), "TEST_WEAPONS")
    assert ids(test.source_actors) == ["IRN"] and test.target_actors == ()


def test_production_with_a_partner_has_no_target(pipeline):
    found = extract(pipeline, "La Turchia produrrà droni in collaborazione con il Qatar.")
    (produce,) = by_type(found, "PRODUCE_WEAPONS")
    assert ids(produce.source_actors) == ["TUR"] and produce.target_actors == ()
    assert "QAT" in ids(produce.participants)
    assert produce.factuality == "future"


def test_a_visit_noun_needs_a_partner_after_a_preposition(pipeline):
    # the news agency after "visita" is the one that reports it, not a meeting partner
    found = extract(
        pipeline,
        "Durante una visita agli impianti di munizioni, l'agenzia TASS ha detto che la Russia "
        "ha inviato nuovi missili in Siria.",
    )
    assert by_type(found, "CONSULT") == []
    (aid,) = by_type(found, "AID")
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["RUS"], ["SYR"])
    assert "org:tass" in ids(aid.attribution) and aid.factuality == "reported"


def test_receiving_a_letter_in_a_capital_is_no_meeting(pipeline):
    found = extract(pipeline, "Nella lettera, ricevuta a Teheran martedì, la Turchia ha elogiato l'Iran.")
    assert by_type(found, "CONSULT") == []
    (praise,) = by_type(found, "SUPPORT")
    assert (ids(praise.source_actors), ids(praise.target_actors)) == (["TUR"], ["IRN"])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il Pakistan era riluttante a fornire aiuto allo sviluppo di missili da parte dell'Iran.", "it"),
        ("Pakistan was reluctant to give help to the development of missiles by Iran.", "en"),
    ],
)
def test_an_agent_phrase_belongs_to_the_nearest_trigger(pipeline, text, language):
    found = extract(pipeline, text, language)
    (aid,) = by_type(found, "AID")
    assert ids(aid.source_actors) == ["PAK"]  # Iran develops; it does not help
    (produce,) = by_type(found, "PRODUCE_WEAPONS")
    assert ids(produce.source_actors) == ["IRN"]


def test_the_agent_of_a_participle_is_not_the_triggers(pipeline):
    # China poses the threat: it neither promises nor threatens here
    found = extract(pipeline, "L'India ha promesso di contrastare la minaccia rappresentata dalla Cina.")
    assert by_type(found, "THREATEN") == []
    assert all("CHN" not in ids(e.source_actors) for e in found)


def test_a_name_after_a_verb_is_its_object_not_the_next_subject(pipeline):
    found = extract(pipeline, "L'obiettivo è sfidare il Giappone e la Corea del Sud e testare nuovi missili.")
    assert by_type(found, "TEST_WEAPONS") == []


@pytest.mark.parametrize(
    ("text", "language", "aid_factuality"),
    [
        (
            "I due governi hanno firmato un accordo in base al quale l'Iran fornirà droni al Venezuela.",
            "it",
            "future",
        ),
        (
            "The two governments signed a deal under which Iran will supply drones to Venezuela.",
            "en",
            "future",
        ),
    ],
)
def test_an_agreement_is_between_the_parties_of_its_relative_clause(pipeline, text, language, aid_factuality):
    found = extract(pipeline, text, language)
    (agree,) = by_type(found, "AGREE")
    # an agreement between two parties names one as source, the other as target (either way)
    assert {*ids(agree.source_actors), *ids(agree.target_actors)} == {"IRN", "VEN"}
    assert len(agree.source_actors) == len(agree.target_actors) == 1
    (aid,) = by_type(found, "AID")
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["IRN"], ["VEN"])
    assert aid.factuality == aid_factuality


def test_an_agreement_between_two_countries(pipeline):
    found = extract(pipeline, "Egitto e Sudan hanno discusso un accordo tra Egitto e Sudan sull'acqua.")
    (agree,) = by_type(found, "AGREE")
    assert (ids(agree.source_actors), ids(agree.target_actors)) == (["EGY"], ["SDN"])


def test_coordinated_subjects_are_all_sources(pipeline):
    (aid,) = extract(pipeline, "La Russia e l'Iran hanno inviato droni in Sudan.")
    assert set(ids(aid.source_actors)) == {"RUS", "IRN"} and ids(aid.target_actors) == ["SDN"]


def test_a_relative_clause_takes_its_antecedent_as_subject(pipeline):
    found = extract(
        pipeline, "La Francia ha condannato la Russia, che ha lanciato un attacco contro l'Ucraina."
    )
    (fight,) = by_type(found, "FIGHT")
    assert (ids(fight.source_actors), ids(fight.target_actors)) == (["RUS"], ["UKR"])


def test_a_coordinated_clause_shares_the_speakers_subject(pipeline):
    # Japan says something, then orders: the order is Japan's, and not a "future" one
    found = extract(
        pipeline,
        "Il Giappone ha affermato che sarà necessario più tempo "
        "e ha ordinato la produzione di nuovi missili.",
    )
    (produce,) = by_type(found, "PRODUCE_WEAPONS")
    assert ids(produce.source_actors) == ["JPN"]
    assert produce.factuality == "reported"


def test_a_possessive_points_back_to_the_last_actor(pipeline):
    found = extract(
        pipeline, "La Francia ha detto che l'intesa è stata firmata durante la sua visita in India."
    )
    (consult,) = by_type(found, "CONSULT")
    assert (ids(consult.source_actors), ids(consult.target_actors)) == (["FRA"], ["IND"])


def test_quantity_time_and_sources_stay_in_their_part_of_the_sentence(pipeline):
    found = extract(
        pipeline,
        "La Polonia è stata accusata di aver inviato carri armati in Ucraina; Berlino ha detto a marzo 2024 "
        "che Varsavia aveva spedito circa 200 carri armati in Ucraina nei tre mesi precedenti.",
    )
    (accuse,) = by_type(found, "ACCUSE")
    assert accuse.quantity is None and "DEU" not in ids(accuse.attribution)
    # the same sending told twice in one sentence: the telling that counts it is kept
    (aid,) = by_type(found, "AID")
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["POL"], ["UKR"])
    assert aid.quantity is not None and aid.quantity.value == 200
    assert "DEU" in ids(aid.attribution)
    assert aid.time is not None and aid.time.start == date(2023, 12, 1)


def test_a_demonym_describing_a_cited_source_is_no_participant(pipeline):
    (aid,) = extract(
        pipeline, "Il Pakistan ha inviato 500 soldati in Afghanistan, ha riferito l'agenzia cinese Xinhua."
    )
    assert "CHN" not in ids(aid.participants) + ids(aid.source_actors) + ids(aid.target_actors)
    assert "org:xinhua" in ids(aid.attribution)


def test_a_capitalised_reporting_verb_is_part_of_a_name(pipeline):
    (consult,) = by_type(
        extract(
            pipeline, "The U.S. Secretary of State telephoned the Indian prime minister on Monday.", "en"
        ),
        "CONSULT",
    )
    # the Secretary of State (or the U.S.) telephones; "State" cites nobody
    assert [a.polity for a in consult.source_actors] == ["USA"] and consult.attribution[1:] == ()


def test_a_nominal_event_after_a_speakers_words_is_the_speakers_not_a_name_after_a_preposition():
    from tests.extract.coding import events

    text = (
        "Il governo etiope dice da tempo di voler riprendere il controllo dell'Eritrea, e periodicamente "
        "durante le esercitazioni le sue truppe si avvicinano al confine."
    )
    drills = [e for e in events(text, "it") if e.type == "MOBILIZE"]
    assert [[a.id for a in e.source_actors] for e in drills] == [["ETH"]]
