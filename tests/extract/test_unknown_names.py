"""Names the registry does not hold (cronaca.extract.entities.unknown_names): one test per rule kind,
on sentences written for these tests, in Italian and in English where the rule applies."""

from __future__ import annotations

import pytest

from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article, Mention


def annotate(text: str, language: str = "it") -> list[Mention]:
    article = Article(id=Article.make_id("", text), text=text, language=language)
    return Pipeline(["sentences", "entities"])(article).of_kind("entity")


def unlinked(text: str, language: str = "it") -> list[tuple[str, str, str]]:
    """(text, label, cue) of the names this stage marks: the unlinked mentions, and the
    institutions the agents stage then links ("il governo", "la Procura", "il Ministero ...")."""
    return [
        (m.text, m.label, m.value["cue"])
        for m in annotate(text, language)
        if m.entity_id is None or (m.value.get("agent") and "cue" in m.value)
    ]


def linked(text: str, language: str = "it") -> list[tuple[str, str | None]]:
    return [(m.text, m.entity_id) for m in annotate(text, language) if m.entity_id]


# ---------------------------------------------------------------------------- the name's own words


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "Il Partito Riformista Ligure e la Federazione Nazionale Bocce hanno firmato.",
            "it",
            [("Partito Riformista Ligure", "organisation"), ("Federazione Nazionale Bocce", "organisation")],
        ),
        (
            "La Fondazione Ruggeri e il Ministero delle Infrastrutture e dei Trasporti hanno risposto.",
            "it",
            [
                ("Fondazione Ruggeri", "organisation"),
                ("Ministero delle Infrastrutture e dei Trasporti", "organisation"),
            ],
        ),
        (
            "Ordini per la Bertolazzi S.p.A. e la Quarnaro Airlines.",
            "it",
            [("Bertolazzi S.p.A", "organisation"), ("Quarnaro Airlines", "organisation")],
        ),
        (
            "Shares of Halvorsen Holdings fell after the Brickworth University study.",
            "en",
            [("Halvorsen Holdings", "organisation"), ("Brickworth University", "organisation")],
        ),
        (
            "Gite al Lago di Vollmar e al Monte Caprile.",
            "it",
            [("Lago di Vollmar", "place"), ("Monte Caprile", "place")],
        ),
        (
            "Protesters gathered at Halvorsen Square near Mount Kelby.",
            "en",
            [("Halvorsen Square", "place"), ("Mount Kelby", "place")],
        ),
    ],
)
def test_organisation_and_place_head_and_tail_words(text, language, expected):
    assert [(t, label) for t, label, _ in unlinked(text, language)] == expected


def test_a_lowercase_place_head_joins_the_name():
    assert unlinked("Corteo in piazza Tienanmen e poi in via dei Fori Imperiali.") == [
        ("piazza Tienanmen", "place", "piazza"),
        ("via dei Fori Imperiali", "place", "via"),
    ]


def test_institutions_named_by_a_capitalised_noun():
    assert unlinked("Il testo passa al Senato; la Procura ha aperto un fascicolo.") == [
        ("Senato", "organisation", "institution"),
        ("Procura", "organisation", "institution"),
    ]
    assert unlinked("Il senato accademico e una procura speciale.") == []  # lowercase: common nouns


def test_institutions_named_by_a_lowercase_noun_after_an_article():
    text = "Il governo tace, la polizia locale indaga e l'esercito francese resta; agenti di polizia."
    assert unlinked(text) == [
        ("governo", "organisation", "institution"),
        ("polizia locale", "organisation", "institution"),
        ("esercito francese", "organisation", "institution"),
        # "agenti di polizia" stays one agent; the police inside it is an unlinked name
        ("polizia", "organisation", "of_person"),
    ]
    # the demonym stays the actor for events, with the institution's sector; without one the
    # institution is linked as a generic agent
    assert ("francese", "FRA") in linked(text) and ("esercito francese", "FRA") not in linked(text)
    assert ("governo", "agent:government") in linked(text)
    assert ("polizia locale", "agent:police") in linked(text)
    # "nazionale" only with a demonym or adjective after it
    assert unlinked("La nazionale spagnola ha vinto la finale nazionale.") == [
        ("nazionale spagnola", "organisation", "institution")
    ]
    assert unlinked("The government and the police.", "en") == []


def test_adjectives_and_directions_continue_a_name():
    got = unlinked(
        "La Chiesa cattolica, il Parlamento italiano e la Polizia ferroviaria nell'Italia settentrionale."
    )
    assert [(t, label) for t, label, _ in got] == [
        ("Chiesa cattolica", "organisation"),
        ("Parlamento italiano", "organisation"),
        ("Polizia ferroviaria", "organisation"),
        ("Italia settentrionale", "place"),
    ]
    # the country and the demonym stay linked inside, for events
    assert ("Italia", "ITA") in linked("Nell'Italia settentrionale.")
    assert ("italiano", "ITA") in linked("Il Parlamento italiano.")


# ---------------------------------------------------------------------------- context


def test_title_in_front_and_cue_before():
    assert unlinked("Papa Gregorio ha ricevuto il ministro Aldo Ferrucci.") == [
        ("Gregorio", "person", "papa"),
        ("Aldo Ferrucci", "person", "ministro"),
    ]
    assert unlinked("Foreign Minister Penny Wong met analyst Tom Hale.", "en") == [
        ("Penny Wong", "person", "minister"),
        ("Tom Hale", "person", "analyst"),
    ]


def test_first_names_regnal_numbers_surnames_and_verbs_of_saying():
    text = (
        "Ieri Giovanna Serafini ha incontrato Leone XIV. Poi Serafini è ripartita. "
        "Esposito era assente e Brambillonzi ha detto che tornerà."
    )
    assert unlinked(text) == [
        ("Giovanna Serafini", "person", "first_name"),
        ("Leone XIV", "person", "regnal"),
        ("Serafini", "person", "short_form"),
        ("Esposito", "person", "surname"),
        ("Brambillonzi", "person", "speech"),
    ]
    assert unlinked("Later Dravenholt said the talks had failed.", "en") == [
        ("Dravenholt", "person", "speech")
    ]


def test_particles_join_a_person_name():
    assert unlinked("Un dipinto di Leonardo da Vinci e una lettera di Ludovico van Dresselhuys.") == [
        ("Leonardo da Vinci", "person", "first_name"),
        ("Ludovico van Dresselhuys", "person", "first_name"),
    ]


def test_place_prepositions():
    assert unlinked("I soccorsi sono arrivati a Valdrogna e in Kelvarra.") == [
        ("Valdrogna", "place", "a"),
        ("Kelvarra", "place", "in"),
    ]
    # a person after "a" stays a person when something else says so
    assert unlinked("Ha scritto a Giovanna Serafini.") == [("Giovanna Serafini", "person", "first_name")]


def test_acronyms_are_organisations_but_not_technical_ones():
    assert unlinked("La FIOM e il PdR contro la Rebtel; il DNA, il COVID-19 e la PS5 no.") == [
        ("FIOM", "organisation", "acronym"),
        ("PdR", "organisation", "acronym"),
    ]


def test_sentence_start():
    """The first word of a sentence is dropped when it is a function or common word."""
    assert unlinked("Durante la notte nessuno è uscito. Secondo Aldo Ferrucci è tardi.") == [
        ("Aldo Ferrucci", "person", "first_name")
    ]
    assert unlinked("Il Consiglio ha votato.") == [("Consiglio", "organisation", "institution")]


# ---------------------------------------------------------------------------- one run, two names


def test_a_run_of_capitals_is_cut_where_a_second_name_starts():
    got = unlinked("Il presidente della Repubblica Giorgio Ferrandi ha firmato.")
    assert got == [
        ("Repubblica", "organisation", "institution"),
        ("Giorgio Ferrandi", "person", "presidente"),
    ]
    got = unlinked("Il portavoce Aldo Ferrucci Ministero della Salute ha parlato.")
    assert [(t, label) for t, label, _ in got] == [
        ("Aldo Ferrucci", "person"),
        ("Ministero della Salute", "organisation"),
    ]


# ---------------------------------------------------------------------------- registry names inside


def test_a_person_name_replaces_the_place_or_short_form_inside_it():
    mentions = annotate("Whitney Houston e Melania Trump sono arrivate; Trump ha parlato.", "it")
    got = [(m.text, m.label, m.entity_id) for m in mentions]
    assert ("Whitney Houston", "person", None) in got
    assert ("Melania Trump", "person", None) in got
    assert "Houston" not in [m.text for m in mentions]
    assert ("Trump", "person", "Q22686") in got  # the bare name alone still links


def test_an_organisation_name_keeps_the_actor_inside_it():
    mentions = annotate("La Fondazione d'Italia e la Banca Popolare di Sondrio hanno alzato i tassi.")
    got = [(m.text, m.label, m.entity_id) for m in mentions]
    assert ("Fondazione d'Italia", "organisation", None) in got
    assert ("Italia", "country", "ITA") in got  # events still see Italy
    assert ("Banca Popolare di Sondrio", "organisation", None) in got


def test_registry_names_and_events_are_unchanged():
    text = "Il leader nordcoreano Kim Jong Un ha incontrato a Mosca il presidente russo Vladimir Putin."
    assert linked(text) == [
        ("leader nordcoreano", "person:kim-jong-un"),
        ("Kim Jong Un", "person:kim-jong-un"),
        ("Mosca", "RUS"),
        ("presidente russo", "Q7747"),
        ("Vladimir Putin", "Q7747"),
    ]
    assert unlinked(text) == []


def test_every_unlinked_mention_has_the_unlinked_contract():
    text = "La Fondazione Ruggeri, Giovanna Serafini e la FIOM a Valdrogna, in piazza Tienanmen."
    mentions = [m for m in annotate(text) if m.entity_id is None]
    assert len(mentions) == 5
    for m in mentions:
        assert m.value["linked"] is False and m.value["cue"]
        assert m.rule.startswith("cues.yaml@")
        assert text[m.start : m.end] == m.text


def test_a_surname_that_is_a_demonym_or_country_stays_a_person():
    got = annotate("Il sindaco Mario Russo e Giovanni Greco hanno incontrato il ministro Francese.")
    people = [(m.text, m.label) for m in got if m.label == "person"]
    assert people == [("Mario Russo", "person"), ("Giovanni Greco", "person"), ("Francese", "person")]
    assert not [m for m in got if m.label in ("demonym", "country")]
    got = annotate("Senator John Chad met Maria Jordan in Amman.", "en")
    assert [(m.text, m.label) for m in got if m.label in ("person", "country")] == [
        ("John Chad", "person"),
        ("Maria Jordan", "person"),
    ]
    # without a first name or title the word is the country or demonym
    assert [(m.text, m.entity_id) for m in annotate("Chad and Jordan met.", "en")] == [
        ("Chad", "TCD"),
        ("Jordan", "JOR"),
    ]
    assert ("russo", "RUS") in linked("Il presidente russo ha parlato.") or any(
        e == "Q7747" for _, e in linked("Il presidente russo ha parlato.")
    )
