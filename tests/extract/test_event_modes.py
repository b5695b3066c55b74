"""PLOVER modes: declared per type in ontology/plover.yaml, chosen by words near the trigger
(``modes`` in resources/<lang>/events.yaml), in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.errors import ResourceError
from cronaca.extract.events import component as events_mod
from cronaca.extract.events import modes as modes_mod
from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Interval
from cronaca.resources import load_yaml

PUBLISHED = Interval.day(date(2025, 5, 10))


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def first(pipeline, text: str, language: str, kind: str):
    article = Article(id="a_m", text=text, language=language, published=PUBLISHED, outlet="Test")
    found = [e for e in pipeline(article).events if e.type == kind]
    assert found, [(e.type, e.trigger.text) for e in pipeline(article).events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "kind", "mode"),
    [
        ("I medici egiziani hanno iniziato uno sciopero della fame.", "it", "PROTEST", "strike-hun"),
        ("Egyptian doctors began a hunger strike.", "en", "PROTEST", "strike-hun"),
        (
            "I sindacati greci hanno proclamato uno sciopero generale contro il governo.",
            "it",
            "PROTEST",
            "strike-gen",
        ),
        ("Thousands of Chilean students staged a rally in Santiago.", "en", "PROTEST", "demo-org"),
        ("Chilean students threw stones during a protest in Santiago.", "en", "PROTEST", "riot-spon"),
        ("Un'autobomba ha ucciso 12 soldati siriani a Damasco.", "it", "ASSAULT", "explosives"),
        ("A suicide bomber killed 9 Nigerian soldiers.", "en", "ASSAULT", "suicide-attack"),
        ("The French president telephoned the Indian prime minister.", "en", "CONSULT", "phone"),
        ("Il presidente francese ha telefonato al primo ministro indiano.", "it", "CONSULT", "phone"),
        (
            "Turkish artillery shelled Kurdish positions in Syria, attacking the Syrian army.",
            "en",
            "FIGHT",
            "heavy-weapons",
        ),
        ("La polizia egiziana ha arrestato 40 attivisti sudanesi.", "it", "COERCE", "arrest"),
        ("Hungary imposed a curfew on Serbian border towns.", "en", "COERCE", "curfew"),
        ("Iran threatened to launch a new offensive against Iraq.", "en", "THREATEN", "violence"),
    ],
)
def test_modes_from_the_words_near_the_trigger(pipeline, text, language, kind, mode):
    assert first(pipeline, text, language, kind).mode == mode


def test_aid_has_no_mode_but_a_context(pipeline):
    e = first(pipeline, "La Germania ha fornito aiuti umanitari al Sudan.", "it", "AID")
    assert e.mode == "" and e.context == "humanitarian"


@pytest.mark.parametrize("language", ["it", "en"])
def test_every_mode_in_the_rule_files_is_declared_in_the_ontology(language):
    declared = load_yaml("ontology/plover.yaml")["modes"]
    modes = modes_mod.load_modes(language)
    assert modes
    for kind, cues in modes.items():
        assert kind in declared
        assert all(cue.mode in declared[kind] and cue.words for cue in cues)


def test_an_undeclared_mode_raises(monkeypatch):
    real = modes_mod.load_yaml

    def fake(name: str):
        if name == "xx/events.yaml":
            return {"version": 1, "modes": {"PROTEST": [{"mode": "flash-mob", "words": ["flashmob"]}]}}
        return real(name)

    monkeypatch.setattr(modes_mod, "load_yaml", fake)
    modes_mod.load_modes.cache_clear()
    try:
        with pytest.raises(ResourceError, match="flash-mob"):
            modes_mod.load_modes("xx")
    finally:
        modes_mod.load_modes.cache_clear()


def test_an_unknown_target_kind_raises(monkeypatch):
    real = events_mod.load_yaml

    def fake(name: str):
        if name == "xx/events.yaml":
            return {
                "version": 1,
                "rules": [{"id": "r", "type": "AID", "trigger": ["give"], "target": "sideways"}],
            }
        return real(name)

    monkeypatch.setattr(events_mod, "load_yaml", fake)
    events_mod.load_rules.cache_clear()
    try:
        with pytest.raises(ResourceError, match="sideways"):
            events_mod.load_rules("xx")
    finally:
        events_mod.load_rules.cache_clear()
