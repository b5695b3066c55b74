"""Sides of events the text names together or leaves to context (extract/events/roles.py).
Sentences made up here; the patterns come from real news (docs/events.md)."""

from __future__ import annotations

import pytest
from tests.extract.coding import coded


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Chile and Peru agreed to reopen the border crossing.", ("AGREE", ("CHL",), ("PER",))),
        ("it", "Armenia e Azerbaigian hanno concordato una tregua.", ("AGREE", ("ARM",), ("AZE",))),
        ("en", "Putin and Erdogan met in Sochi on Monday.", ("CONSULT", ("RUS",), ("TUR",))),
    ],
)
def test_two_countries_doing_a_mutual_act_are_each_others_party(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


def test_a_mutual_act_with_a_third_party_named_keeps_it_as_target() -> None:
    found = coded("France and Germany agreed to send aid to Ukraine.", "en")
    assert not any(t == "AGREE" and target == ("DEU",) for t, _, target in found)


def test_two_agencies_of_one_country_are_not_split() -> None:
    found = coded("The army and the government of Kenya agreed on a new plan.", "en")
    assert not any(t == "AGREE" and source == target for t, source, target in found)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "The US-China trade talks resumed in Geneva.", ("CONSULT", ("USA",), ("CHN",))),
        ("en", "The India–Pakistan negotiations stalled on Friday.", ("CONSULT", ("IND",), ("PAK",))),
        ("it", "Il vertice Usa-Cina si è svolto a Ginevra.", ("CONSULT", ("USA",), ("CHN",))),
        ("it", "I colloqui Armenia-Azerbaigian sono ripresi ad Alma Ata.", ("CONSULT", ("ARM",), ("AZE",))),
    ],
)
def test_a_dashed_pair_of_countries_holds_the_talks(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "Chile hosted the first direct Peru-Bolivia talks in years, where both sides agreed to a truce.",
        ),
        (
            "it",
            "Si sono svolti i primi colloqui diretti Perù-Bolivia, dove le due parti hanno concordato "
            "una tregua.",
        ),
    ],
)
def test_both_sides_agreeing_are_the_sides_of_the_talks(language: str, text: str) -> None:
    agreed = {(s, t) for kind, s, t in coded(text, language) if kind == "AGREE"}
    assert agreed and all({*s, *t} == {"PER", "BOL"} for s, t in agreed)
