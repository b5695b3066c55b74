"""Generic agents as actors: "la polizia", "i ribelli", "the army", "Syrian rebels"."""

from __future__ import annotations

import pytest

from cronaca.extract import entities
from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Mention


def annotate(text: str, language: str = "it") -> list[Mention]:
    article = Article(id=Article.make_id("", text), text=text, language=language)
    return Pipeline(["sentences", "entities"])(article).of_kind("entity")


def actors(text: str, language: str = "it") -> list[tuple[str, str, str | None, str]]:
    return [
        (m.text, m.label, m.entity_id, m.value.get("sector", ""))
        for m in annotate(text, language)
        if m.entity_id
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I ribelli hanno preso il villaggio.", ("ribelli", "agent", "agent:rebels", "rebel")),
        ("Decine di manifestanti in piazza.", ("manifestanti", "agent", "agent:protesters", "opposition")),
        ("Almeno 40 miliziani sono morti.", ("miliziani", "agent", "agent:militants", "militant")),
        ("Il regime ha risposto.", ("regime", "organisation", "agent:government", "government")),
        ("La polizia ha arrestato due uomini.", ("polizia", "organisation", "agent:police", "police")),
        (
            "I servizi segreti lo sapevano.",
            ("servizi segreti", "agent", "agent:intelligence", "intelligence"),
        ),
    ],
)
def test_italian_agents_without_a_country(text, expected):
    assert expected in actors(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police arrested two men.", ("Police", "organisation", "agent:police", "police")),
        ("The rebels seized the bridge.", ("rebels", "agent", "agent:rebels", "rebel")),
        (
            "Security forces fired on the crowd.",
            ("Security forces", "organisation", "agent:police", "police"),
        ),
        ("Militants attacked a checkpoint.", ("Militants", "agent", "agent:militants", "militant")),
    ],
)
def test_english_agents_without_a_country(text, expected):
    assert expected in actors(text, "en")


def test_a_state_agent_with_its_country_is_the_country():
    # with a demonym, the demonym stays the actor (as "soldati nordcoreani") and takes the sector
    assert actors("L'esercito congolese ha lanciato un'offensiva.") == [
        ("congolese", "demonym", "COD", "military")
    ]
    assert ("italiana", "demonym", "ITA", "police") in actors("La polizia italiana indaga.")
    assert actors("The Israeli army said so.", "en") == [("Israeli", "demonym", "ISR", "military")]
    # with "di + country" or a possessive, the agent's id is the country's
    assert ("governo", "organisation", "UKR", "government") in actors("Il governo di Kiev ha protestato.")
    assert ("army", "organisation", "ISR", "military") in actors("Israel's army moved north.", "en")
    assert ("ministero della Difesa", "organisation", "TWN", "government") in actors(
        "Il ministero della Difesa di Taipei ha inviato navi."
    )


def test_a_non_state_agent_keeps_its_own_id_with_the_country():
    assert ("ribelli siriani", "agent", "agent:rebels:SYR", "rebel") in actors("I ribelli siriani avanzano.")
    assert ("Syrian rebels", "agent", "agent:rebels:SYR", "rebel") in actors(
        "Syrian rebels took the town.", "en"
    )
    record = entities.lookup("agent:rebels:SYR")
    assert record is not None and record["country"] == "SYR" and record["type"] == "agent"
    assert entities.lookup("agent:rebels")["sector"] == "rebel"
    assert entities.lookup("agent:nobody") is None and entities.lookup("agent:rebels:XXX") is None


def test_group_nouns_with_a_demonym_leave_the_demonym_as_actor():
    # "soldati nordcoreani" stays the demonym PRK with the military sector, as before
    assert ("nordcoreani", "demonym", "PRK", "military") in actors("I soldati nordcoreani combattono.")
    assert ("Ucraina", "country", "UKR", "") in actors("Le truppe dell'Ucraina avanzano.")
    assert [a for a in actors("Le truppe dell'Ucraina avanzano.") if a[0] == "truppe"] == []


def test_what_is_not_an_agent():
    # a title before a name
    assert actors("Judge Alejandro Rivera opened a probe.", "en") == []
    # a participle after an auxiliary: "si sono rifugiati"
    assert actors("I ladri si sono rifugiati nel furgone.") == []
    # one person's title, one person described
    assert actors("The head of the army resigned.", "en") == []
    assert [a[0] for a in actors("Il capo dell'esercito e un giudice.")] == []
    assert actors('They called him a "separatist".', "en") == []
    # an adjective after its noun in Italian: "comandanti militari", "vittime civili"
    assert actors("Uccisi comandanti militari e vittime civili.") == []
    assert [a[0] for a in actors("Uccisi tre civili e due militari.")] == ["civili", "militari"]
    # a bare singular institution word in English is a modifier: "joint army, navy exercises"
    assert actors("They began joint army, navy and air force exercises.", "en") == []
    # compounds and modifiers in English
    assert actors("Russia sent military aid and police equipment.", "en") == [
        ("Russia", "country", "RUS", "")
    ]
    # a possessive: the subject's own forces are no actor of their own
    assert [a for a in actors("Syria offered its troops.", "en") if a[2].startswith("agent:")] == []
    assert [a for a in actors("La Russia ha schierato le sue truppe.") if a[2].startswith("agent:")] == []
    # "agenti di polizia" is one agent, not the institution after "di"
    assert [a[0] for a in actors("Agenti di polizia sono arrivati.")] == ["Agenti di polizia"]
    # inside a name: "Free Syrian Army" is the group, not the Syrian army
    got = actors("The Free Syrian Army fought on.", "en")
    assert ("Free Syrian Army", "organisation", "org:fsa", "militant") in got
    assert not any(a[2] == "SYR" for a in got)


def test_agents_are_actors_of_events():
    article = Article(id="a_t", text="La polizia ha arrestato tre manifestanti a Milano.", language="it")
    events = Pipeline()(article).events
    assert any(
        [a.id for a in e.source_actors] == ["agent:police"]
        and [a.id for a in e.target_actors] == ["agent:protesters:ITA"]  # where they are: Milan
        for e in events
    )


def test_a_group_noun_next_to_a_named_group_is_that_group():
    got = actors("Rwanda-backed M23 rebels entered the city; Hamas militants fired.", "en")
    assert ("rebels", "agent", "org:m23", "rebel") in got
    assert ("militants", "agent", "org:hamas", "militant") in got
    got = actors("I ribelli dell'M23 sono entrati in città; i miliziani di Hamas hanno sparato.")
    assert ("ribelli", "agent", "org:m23", "rebel") in got
    assert ("miliziani", "agent", "org:hamas", "militant") in got
    assert ("troops", "agent", "Q7184", "military") in actors("NATO troops arrived.", "en")
    assert ("truppe", "agent", "Q7184", "military") in actors("Le truppe della NATO sono arrivate.")
    # "l'esercito di Israele" is Israel's army
    assert ("esercito", "organisation", "ISR", "military") in actors("L'esercito di Israele avanza.")


def test_a_leader_owns_the_forces_of_their_state():
    assert ("regime", "organisation", "SYR", "government") in actors("Assad's regime fell in days.", "en")
    got = actors("The government forces of President Bashar al-Assad retreated.", "en")
    assert ("government forces", "organisation", "SYR", "military") in got
    assert ("esercito", "organisation", "RWA", "military") in actors("L'esercito di Kagame avanza.")
    # a leader owns no rebels
    assert ("rebels", "agent", "agent:rebels", "rebel") in actors("Kagame's rebels", "en")


def test_forces_are_an_agent_only_with_an_owner():
    assert ("forze", "agent", "SYR", "military") in actors("Le forze di Assad si sono ritirate.")
    assert ("forces", "agent", "SYR", "military") in actors("Assad's forces withdrew.", "en")
    assert ("forze", "agent", "org:m23", "military") in actors("Le forze dell'M23 avanzano.")
    assert actors("Le forze politiche discutono.") == []
    assert actors("They joined forces.", "en") == []
    # with a demonym the demonym stays the actor
    assert actors("Russian forces advanced.", "en") == [("Russian", "demonym", "RUS", "military")]


def test_a_court_named_by_its_town_is_one_actor():
    """'il tribunale di Roma': Rome names the court; it is no second actor (Italy's government)."""
    for text in (
        "La sezione civile del tribunale di Roma non ha convalidato il fermo dei due uomini.",
        "La Procura di Roma ha aperto un'inchiesta sul sindaco.",
    ):
        events = Pipeline()(Article(id="a_c", text=text, language="it")).events
        assert events and all(a.id == "agent:judiciary:ITA" for e in events for a in e.source_actors)


def test_the_opposition_is_an_agent_after_an_article():
    assert ("opposition", "organisation", "agent:opposition", "opposition") in actors(
        "The government offered talks to the opposition.", "en"
    )
    # an article is needed, as for every singular institution word: a modifier stays one
    assert not [
        a for a in actors("He joined opposition lawmakers in the vote.", "en") if a[0] == "opposition"
    ]
