"""Event mentions through the whole pipeline: type, roles, quantity, time, factuality, provenance.

The sentences are written for these tests (other actors and weapons than the demo seeds),
so a rule tuned to one seed sentence does not pass them by accident.
"""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.errors import ResourceError
from cronaca.extract.events import component as events_mod
from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Interval
from cronaca.resources import load_yaml

PUBLISHED = Interval.day(date(2025, 5, 10))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def extract(pipeline, text: str, language: str = "it", published: Interval | None = PUBLISHED):
    article = Article(id="a_t", text=text, language=language, published=published, outlet="Test")
    return pipeline(article).events


def one(pipeline, text: str, language: str = "it", **kw):
    found = extract(pipeline, text, language, **kw)
    assert len(found) == 1, [(e.type, e.rule, e.trigger.text) for e in found]
    return found[0]


def ids(actors) -> list[str]:
    return [a.id for a in actors]


# -- forces and weapons sent ------------------------------------------------------------


def test_troops_sent_italian(pipeline):
    e = one(pipeline, "La Bielorussia ha inviato circa 3.000 soldati in Moldavia.")
    assert (e.type, e.context) == ("AID", "military")
    assert ids(e.source_actors) == ["BLR"]
    assert ids(e.target_actors) == ["MDA"]
    assert e.quantity is not None
    assert (e.quantity.lower, e.quantity.upper, e.quantity.unit) == (2700, 3300, "soldiers")
    assert e.factuality == "asserted"
    assert e.cameo == "07"


def test_troops_deployed_english(pipeline):
    e = one(pipeline, "Belarus has deployed up to 4,000 troops to Moldova.", "en")
    assert e.type == "AID"
    assert (ids(e.source_actors), ids(e.target_actors)) == (["BLR"], ["MDA"])
    assert e.quantity.upper == 4000
    assert e.quantity.lower is None
    assert e.quantity.unit == "soldiers"


def test_forces_present_reportative_attributed_not_acknowledged(pipeline):
    e = one(
        pipeline,
        "Oltre 2.000 soldati bielorussi sarebbero in Moldavia, secondo la Romania, "
        "sebbene né Minsk né Chisinau abbiano riconosciuto la loro presenza.",
    )
    assert e.type == "AID"
    assert e.rule.startswith("it.aid.forces_present@4")
    assert (ids(e.source_actors), ids(e.target_actors)) == (["BLR"], ["MDA"])
    assert e.factuality == "not_acknowledged"
    assert "ROU" in ids(e.attribution)
    assert e.quantity.lower == 2000
    # the cited source is not an actor of the event
    assert "ROU" not in ids(e.source_actors) + ids(e.target_actors)


def test_forces_present_english(pipeline):
    e = one(pipeline, "Belarusian troops are in Moldova.", "en")
    assert (e.type, ids(e.source_actors), ids(e.target_actors)) == ("AID", ["BLR"], ["MDA"])


def test_nominal_trigger_with_agent_phrase(pipeline):
    e = one(pipeline, "L'invio di carri armati da parte della Turchia alla Siria è cominciato.")
    assert e.type == "AID"
    assert e.trigger.text == "invio"
    assert (ids(e.source_actors), ids(e.target_actors)) == (["TUR"], ["SYR"])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Carri armati sono stati inviati dalla Turchia in Siria.", "it"),
        ("Tanks were sent to Syria by Turkey.", "en"),
    ],
)
def test_passive_send_with_object_before_trigger(pipeline, text, language):
    e = one(pipeline, text, language)
    assert e.type == "AID"
    assert (ids(e.source_actors), ids(e.target_actors)) == (["TUR"], ["SYR"])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La Siria è stata accusata dalla Francia di aver bombardato villaggi.", "it"),
        ("Syria was accused by France of shelling villages.", "en"),
    ],
)
def test_passive_accuse_swaps_roles(pipeline, text, language):
    found = [e for e in extract(pipeline, text, language) if e.type == "ACCUSE"]
    assert len(found) == 1
    assert ids(found[0].target_actors) == ["SYR"]
    assert ids(found[0].source_actors) == ["FRA"]


def test_italian_plural_drones_is_an_object(pipeline):
    # simplemma leaves "droni" unlemmatised; the rule lists the plural form too
    e = one(pipeline, "Teheran ha fornito droni alla Russia.")
    assert (e.type, ids(e.source_actors), ids(e.target_actors)) == ("AID", ["IRN"], ["RUS"])


# -- factuality ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "factuality"),
    [
        ("La Polonia potrebbe inviare proiettili di artiglieria alla Moldavia.", "it", "possible"),
        ("L'Iran ha negato di aver fornito droni alla Russia.", "it", "denied"),
        ("Si vociferava che la Turchia avesse inviato carri armati in Siria.", "it", "rumoured"),
        ("La Francia fornirà proiettili di artiglieria alla Moldavia.", "it", "future"),
        ("La Polonia ha inviato proiettili di artiglieria alla Moldavia.", "it", "asserted"),
        ("Poland could send artillery shells to Moldova.", "en", "possible"),
        ("Iran has reportedly shipped drones to Syria.", "en", "reported"),
        ("Iran denied sending drones to Russia.", "en", "denied"),
        ("France will send tanks to Moldova.", "en", "future"),
    ],
)
def test_factuality_cues(pipeline, text, language, factuality):
    e = one(pipeline, text, language)
    assert e.type == "AID"
    assert e.factuality == factuality
    if factuality != "asserted":
        assert e.factuality_cue and e.rule.endswith("@4")


def test_according_to_is_attribution_not_agreement(pipeline):
    found = extract(pipeline, "According to France, Turkey delivered tanks to Syria.", "en")
    assert [e.type for e in found] == ["AID"]
    e = found[0]
    assert (ids(e.source_actors), ids(e.target_actors)) == (["TUR"], ["SYR"])
    assert e.factuality == "reported"
    assert "FRA" in ids(e.attribution)
    assert e.attribution[0].id == "outlet:test"  # the outlet always comes first


# -- time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A marzo la Bielorussia ha inviato 500 soldati in Moldavia.", "it"),
        ("In March Belarus sent 500 soldiers to Moldova.", "en"),
    ],
)
def test_event_time_from_sentence_timex(pipeline, text, language):
    e = one(pipeline, text, language, published=Interval.month(2025, 5))
    assert e.time == Interval.month(2025, 3)
    assert e.time_text.lower() in text.lower()


def test_no_timex_means_on_or_before_the_article_date(pipeline):
    e = one(pipeline, "La Bielorussia ha inviato 500 soldati in Moldavia.")
    assert e.time.open_start and e.time.end == PUBLISHED.end
    assert e.time.to_dict()["start"] is None
    assert e.time_text == ""


def test_month_precision_article_keeps_its_uncertainty(pipeline):
    e = one(pipeline, "Belarus has sent 500 troops to Moldova.", "en", published=Interval.month(2025, 2))
    assert e.time == Interval.on_or_before(date(2025, 2, 28), "month")
    assert e.time.label == "≤2025-02"


# -- sentences without events ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Domani a Milano è previsto sole con temperature fino a 25 gradi.", "it"),
        ("La squadra di casa ha vinto la partita per 2 a 1.", "it"),
        ("Rain is expected in Paris tomorrow, according to forecasters.", "en"),
        ("The home side won the match two to one.", "en"),
        ("According to the minister, the weather in Ankara was mild.", "en"),
    ],
)
def test_no_event(pipeline, text, language):
    assert extract(pipeline, text, language) == []


# -- provenance ------------------------------------------------------------------------


def test_provenance_and_spans(pipeline):
    text = (
        "Il vertice è stato rinviato. La Bielorussia ha inviato circa 3.000 soldati in Moldavia. "
        "Poi la Francia ha accusato la Siria."
    )
    article = Article(id="a_t", text=text, language="it", published=PUBLISHED, outlet="Test")
    found = Pipeline()(article).events
    assert {e.type for e in found} >= {"AID", "ACCUSE"}
    for e in found:
        assert e.component == "events@2"
        assert e.article_id == "a_t"
        assert e.rule.split(";")[0].endswith("@4")
        assert e.rule.startswith("it.")
        assert text[e.start : e.end] == e.text
        assert e.start <= e.trigger.start < e.trigger.end <= e.end
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for actor in (*e.source_actors, *e.target_actors):
            assert e.start <= actor.start < actor.end <= e.end
    aid = next(e for e in found if e.type == "AID")
    assert aid.rule == "it.aid.send_forces@4"
    assert aid.text.startswith("La Bielorussia")


def test_event_ids_are_deterministic(pipeline):
    text = "La Bielorussia ha inviato circa 3.000 soldati in Moldavia."
    first = [e.id for e in extract(pipeline, text)]
    assert first and first == [e.id for e in extract(pipeline, text)]


# -- rule files ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["it", "en"])
def test_rule_types_are_in_the_ontology(language):
    ontology = load_yaml("ontology/plover.yaml")
    known = {**ontology["types"], **ontology["extension"]}
    version, rules = events_mod.load_rules(language)
    assert version >= 1 and rules
    for rule in rules:
        assert rule.type in known, rule.id
        assert rule.id.startswith(f"{language}.")
        assert rule.triggers
    assert len({r.id for r in rules}) == len(rules)


def test_extension_types_map_to_cameo():
    extension = load_yaml("ontology/plover.yaml")["extension"]
    assert set(extension) == {"PRODUCE_WEAPONS", "TEST_WEAPONS", "VISIT_FACILITY"}
    assert all(v["cameo"] and v["quad"] in (1, 2, 3, 4) for v in extension.values())


def test_unknown_event_type_raises(monkeypatch):
    real = events_mod.load_yaml

    def fake(name: str):
        if name == "xx/events.yaml":
            return {"version": 1, "rules": [{"id": "bad", "type": "TELEPORT", "trigger": ["teleport"]}]}
        return real(name)

    monkeypatch.setattr(events_mod, "load_yaml", fake)
    events_mod.load_rules.cache_clear()
    try:
        with pytest.raises(ResourceError, match="TELEPORT"):
            events_mod.load_rules("xx")
    finally:
        events_mod.load_rules.cache_clear()


def test_language_without_rules_gives_no_events():
    events_mod.load_rules.cache_clear()
    assert events_mod.load_rules("zz") == (0, ())


@pytest.mark.parametrize(
    ("text", "language", "factuality"),
    [
        ("La Bielorussia non ha inviato soldati in Moldavia.", "it", "negated"),
        ("Belarus did not send troops to Moldova.", "en", "negated"),
        ("Belarus never sent troops to Moldova.", "en", "negated"),
        # a negation in another clause leaves the event alone
        ("Non è chiaro quando, ma la Bielorussia ha inviato soldati in Moldavia.", "it", "asserted"),
        # who denied it is stronger than a bare negation in the same clause
        ("Minsk ha negato di non aver inviato soldati in Moldavia, ha detto la Romania.", "it", "denied"),
        # a denial in a coordinated clause is that clause's: this event is negated by its own "non"
        ("Minsk ha negato e non ha inviato soldati in Moldavia, ha detto la Romania.", "it", "negated"),
    ],
)
def test_negation_right_before_the_trigger(pipeline, text, language, factuality):
    e = one(pipeline, text, language)
    assert e.factuality == factuality
    if factuality == "negated":
        assert e.factuality_cue.split()[0].lower() in {"non", "not", "never", "n't"}
