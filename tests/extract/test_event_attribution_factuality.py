"""Attribution across sentences and factuality per clause, in sentences written for these
tests (other actors and weapons than the demo seeds).

- a sentence that only says who told the previous one ("Lo riferiscono i media statali.",
  "This was reported by state media.") attributes the previous sentence's events;
- a sentence that ends with a colon after a cited source ("Secondo la TASS:") attributes the
  next one;
- "l'agenzia", "the broadcaster" is the source of that kind named last in the article;
- a hedge in one clause does not reach an event in another; a concessive clause lends its
  non-acknowledgement to the clause it hangs on; a bare infinitive is planned.
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
    article = Article(id="a_f", text=text, language=language, published=PUBLISHED, outlet="Test")
    return pipeline(article).events


def ids(actors) -> list[str]:
    return [a.id for a in actors]


# -- attribution across sentences -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        (
            "La Bielorussia ha inviato 300 soldati in Serbia. Lo riferiscono i media statali russi.",
            "it",
            "source:state-media:RUS",
        ),
        ("L'Iran ha fornito droni al Venezuela. Lo ha riferito l'agenzia Reuters.", "it", "org:reuters"),
        ("L'Iran ha fornito droni al Venezuela. È quanto riferisce l'agenzia Reuters.", "it", "org:reuters"),
        ("Iran delivered drones to Venezuela. This was reported by state media.", "en", "source:state-media"),
    ],
)
def test_the_next_sentence_says_who_told_it(pipeline, text, language, source):
    (aid,) = extract(pipeline, text, language)
    assert aid.type == "AID"
    assert aid.attribution[0].id == "outlet:test" and source in ids(aid.attribution)
    assert aid.factuality == "reported"


def test_a_next_sentence_about_something_else_lends_nothing(pipeline):
    (aid,) = extract(
        pipeline, "Iran delivered drones to Venezuela. State media reported a fire in Tehran.", "en"
    )
    assert ids(aid.attribution) == ["outlet:test"] and aid.factuality == "asserted"


def test_only_the_previous_sentence_is_attributed(pipeline):
    found = extract(
        pipeline,
        "L'Iran ha fornito droni al Venezuela. Il tempo era mite. Lo riferiscono i media statali russi.",
    )
    (aid,) = found
    assert ids(aid.attribution) == ["outlet:test"]


def test_a_source_before_a_colon_attributes_the_next_sentence(pipeline):
    (aid,) = extract(pipeline, "Secondo la TASS:\nLa Russia ha inviato caccia in Libia.")
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["RUS"], ["LBY"])
    assert "org:tass" in ids(aid.attribution) and aid.factuality == "reported"


def test_the_agency_is_the_agency_named_before(pipeline):
    first, second = extract(
        pipeline,
        "L'Iran ha inviato droni in Sudan, ha riferito la Reuters. L'invio di munizioni da parte "
        "dell'Iran al Sudan è proseguito a marzo, ha aggiunto l'agenzia.",
    )
    assert "org:reuters" in ids(first.attribution)
    assert "org:reuters" in ids(second.attribution)
    assert [a.cue for a in second.attribution if a.id == "org:reuters"] == ["ha aggiunto"]


def test_a_reporting_participle_with_an_agent_cites_it(pipeline):
    (aid,) = extract(pipeline, "La Russia ha inviato droni in Mali, come riportato dalla TASS.")
    assert "org:tass" in ids(aid.attribution)


# -- factuality per clause ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "La Russia potrebbe fornire missili all'Iran in cambio dei soldati iraniani che combattono "
            "contro l'Ucraina.",
            "it",
        ),
        (
            "Russia could supply missiles to Iran in exchange for Iranian troops who are fighting against "
            "Ukraine.",
            "en",
        ),
    ],
)
def test_a_modal_does_not_reach_a_relative_clause(pipeline, text, language):
    found = {e.type: e for e in extract(pipeline, text, language)}
    assert found["AID"].factuality == "possible"
    fight = found["FIGHT"]
    assert fight.factuality == "asserted"
    # the relative clause's subject is its antecedent, the Iranian troops
    assert (ids(fight.source_actors), ids(fight.target_actors)) == (["IRN"], ["UKR"])


def test_a_denial_in_another_coordinated_clause_is_not_this_events(pipeline):
    (aid,) = extract(
        pipeline, "Minsk denied it, but Kyiv says 3,000 Belarusian troops arrived in Moldova.", "en"
    )
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["BLR"], ["MDA"])
    assert aid.factuality == "reported" and "UKR" in ids(aid.attribution)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Circa 800 soldati iraniani sarebbero in Siria, secondo Israele, sebbene né Teheran né Damasco "
            "abbiano riconosciuto la loro presenza.",
            "it",
        ),
        (
            "About 800 Iranian troops are in Syria, according to Israel, although neither Tehran "
            "nor Damascus has acknowledged their presence.",
            "en",
        ),
    ],
)
def test_a_concessive_clause_lends_its_non_acknowledgement(pipeline, text, language):
    (aid,) = extract(pipeline, text, language)
    assert (ids(aid.source_actors), ids(aid.target_actors)) == (["IRN"], ["SYR"])
    assert aid.factuality == "not_acknowledged"
    assert "ISR" in ids(aid.attribution)


def test_a_hedge_does_not_reach_a_coordinated_clause_with_its_own_verb(pipeline):
    (aid,) = extract(
        pipeline, "Il Cile ha detto che potrebbe servire tempo e ha inviato 200 soldati in Bolivia."
    )
    assert aid.factuality == "reported" and aid.factuality_cue != "potrebbe"
    assert "CHL" in ids(aid.source_actors)


@pytest.mark.parametrize(
    ("text", "language", "factuality"),
    [
        ("La Turchia ha accettato di inviare 500 soldati in Libia.", "it", "future"),
        ("Turkey agreed to send 500 troops to Libya.", "en", "future"),
        ("Turkey failed to send troops to Libya.", "en", "negated"),
        ("La Turchia è riuscita a inviare soldati in Libia.", "it", "asserted"),
        ("Turkey managed to send troops to Libya.", "en", "asserted"),
    ],
)
def test_a_bare_infinitive_is_planned_unless_its_verb_says_otherwise(pipeline, text, language, factuality):
    (aid,) = [e for e in extract(pipeline, text, language) if e.type == "AID"]
    assert aid.factuality == factuality


def test_a_source_opening_the_sentence_before_a_comma(pipeline):
    first, second = extract(
        pipeline,
        "Per gli analisti, le armi prodotte potrebbero essere cedute all'Iran. "
        "Per aiutare la Siria, l'Iran ha inviato droni a Damasco.",
    )
    assert "source:analysts" in ids(first.attribution) and first.factuality == "possible"
    # a purpose is no source
    assert ids(second.attribution) == ["outlet:test"] and ids(second.source_actors) == ["IRN"]


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "Le agenzie di intelligence sudcoreane e occidentali hanno stimato "
            "che la Turchia abbia inviato più di 3mila soldati in Libia.",
        ),
        (
            "en",
            "South Korean and Western intelligence agencies estimated "
            "that Turkey sent more than 3,000 troops to Libya.",
        ),
    ],
)
def test_a_modifier_coordinated_with_the_demonym_is_a_second_source(language, text):
    article = Article(
        id="a_c", text=text, language=language, published=Interval.day(date(2025, 3, 1)), outlet="T"
    )
    (event,) = [e for e in Pipeline()(article).events if e.type == "AID"]
    sources = [a.name for a in event.attribution if a.role != "outlet"]
    assert sources == ["South Korea intelligence", "western intelligence"]


# -- speakers named another way ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Il portavoce dell'esercito etiope ha detto che l'Eritrea ha colpito Mekelle. "
            "Ha aggiunto che l'Etiopia ha abbattuto tre droni eritrei.",
            "it",
        ),
        (
            "An Ethiopian army spokesman said Eritrea had shelled Mekelle. "
            "He added that Ethiopia had downed three Eritrean drones.",
            "en",
        ),
    ],
)
def test_he_added_is_the_source_cited_last(pipeline, text, language):
    downed = [e for e in extract(pipeline, text, language) if e.trigger.text in ("abbattuto", "downed")]
    assert downed and downed[0].factuality == "reported"
    assert any(a.country == "ETH" for a in downed[0].attribution if a.role == "source")


def test_a_pronoun_inside_a_clause_is_no_speaker(pipeline):
    text = "L'agenzia Reuters ha scritto dei raid. Il rapporto che lui ha detto falso accusa l'Eritrea."
    accusations = [e for e in extract(pipeline, text) if e.type == "ACCUSE"]
    assert accusations
    assert all("org:reuters" not in ids(e.attribution) for e in accusations)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Il ministero della Difesa di Addis Abeba ha fatto sapere di aver inviato truppe al confine.", "it"),
        ("Addis Abeba ha detto di aver inviato truppe al confine.", "it"),
    ],
)
def test_made_known_and_said_forms_are_verbs_of_saying(pipeline, text, language):
    sent = [e for e in extract(pipeline, text, language) if e.type == "MOBILIZE"]
    assert sent and ids(sent[0].source_actors) == ["ETH"]


def test_what_a_side_sighted_is_known_from_it(pipeline):
    text = "Le forze armate etiopi hanno rilevato 12 navi eritree attorno alle isole Dahlak."
    (sighted,) = [e for e in extract(pipeline, text) if e.type == "MOBILIZE"]
    assert ids(sighted.source_actors) == ["ERI"] and ids(sighted.target_actors) == ["ETH"]
    assert "ETH" in ids(sighted.attribution) and sighted.factuality == "reported"
