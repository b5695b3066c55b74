"""People the registry does not hold become actors when the text gives their country and office
(extract/entities/titled_people.py). Names made up here."""

from __future__ import annotations

import pytest
from tests.extract.coding import annotated

from cronaca.model import slug


@pytest.mark.parametrize(
    "language, text, name, country",
    [
        (
            "en",
            "Pakistan President Tariq Malvani rejected an offer from Afghanistan.",
            "Tariq Malvani",
            "PAK",
        ),
        ("en", "Kenyan Foreign Minister Otieno Kamau met the Ethiopian president.", "Otieno Kamau", "KEN"),
        ("it", "Il generale sudanese Osman Kabbashi ha attaccato Khartum.", "Osman Kabbashi", "SDN"),
        # the portfolio between office and demonym: "il ministro degli Esteri francese X"
        ("it", "Il ministro degli Esteri keniano Otieno Kamau ha incontrato Abiy.", "Otieno Kamau", "KEN"),
        (
            "it",
            "Il ministro della Difesa cileno Tomás Herrera ha minacciato la Bolivia.",
            "Tomás Herrera",
            "CHL",
        ),
    ],
)
def test_a_person_introduced_with_country_and_office_is_an_actor(language, text, name, country) -> None:
    found = annotated(text, language)
    people = [m for m in found.mentions if m.label == "person" and m.text == name]
    assert people and people[0].entity_id == "person:" + slug(name)
    assert people[0].value["country"] == country
    assert any(
        a.country == country and a.id.startswith("person:") for e in found.events for a in e.source_actors
    )


@pytest.mark.parametrize(
    "language, text, name",
    [
        ("en", "In Kenya, Otieno Kamau opened a bakery.", "Otieno Kamau"),  # a country, no office
        ("en", "The minister Otieno Kamau met the envoy.", "Otieno Kamau"),  # an office, no country
    ],
)
def test_without_both_country_and_office_no_actor_is_made_up(language, text, name) -> None:
    people = [m for m in annotated(text, language).mentions if m.label == "person" and m.text == name]
    assert all(m.entity_id is None for m in people)


@pytest.mark.parametrize(
    "language, text, country",
    [
        ("en", "Malawian troops arrived in Mozambique.", "MWI"),
        ("it", "I soldati malawiani sono arrivati in Mozambico.", "MWI"),
        ("en", "Jamaican police arrested three men in Kingston.", "JAM"),
    ],
)
def test_demonyms_of_smaller_states_name_their_country(language: str, text: str, country: str) -> None:
    found = annotated(text, language)
    assert any(a.country == country or a.id == country for e in found.events for a in e.source_actors)


def test_an_accented_name_keeps_its_letters_in_its_id() -> None:
    assert slug("Tomás Núñez") == "tomas-nunez"
    assert slug("Владимир Путин") == "владимир-путин"


@pytest.mark.parametrize(
    "language, text, name, country",
    [
        ("it", "Il comandante delle Guardie Rivoluzionarie Ahmad Karimi è morto.", "Ahmad Karimi", "IRN"),
        ("en", "Revolutionary Guard chief Ahmad Karimi was killed on Friday.", "Ahmad Karimi", "IRN"),
        ("en", "People's Liberation Army spokesman Li Wenhao said the drills ended.", "Li Wenhao", "CHN"),
    ],
)
def test_an_office_in_a_state_organ_gives_the_person_its_country(language, text, name, country) -> None:
    people = [m for m in annotated(text, language).mentions if m.label == "person" and m.text == name]
    assert people and people[0].entity_id == "person:" + slug(name) and people[0].value["country"] == country


def test_an_office_in_an_organisation_of_no_country_names_no_one() -> None:
    people = [
        m
        for m in annotated("Il portavoce dell'Onu Yusuf Darwish ha parlato ieri.", "it").mentions
        if m.text == "Yusuf Darwish"
    ]
    assert people and people[0].entity_id is None
