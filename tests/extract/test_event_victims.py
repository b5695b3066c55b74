"""The people a toll names as its dead (extract/events/roles.py victims): claims keep the killing
of one person apart from another's. Sentences made up here; the pattern comes from real news
(docs/events.md)."""

from __future__ import annotations

import pytest
from tests.extract.coding import events


def victims(text: str, language: str) -> list[str]:
    tolls = [e for e in events(text, language) if e.type == "ASSAULT"]
    return [a.id for e in tolls for a in e.participants if a.role == "victim"]


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("it", "Il generale Marco Ferretti è stato ucciso nei raid russi.", ["person:marco-ferretti"]),
        (
            "it",
            "Kiev ha confermato la morte del colonnello Taras Melnyk nei bombardamenti russi.",
            ["person:taras-melnyk"],
        ),
        (
            "en",
            "Colonel Pavel Orlov, the head of the brigade, was killed in Ukrainian strikes.",
            ["person:pavel-orlov"],
        ),
    ],
)
def test_a_person_killed_is_the_tolls_victim(language: str, text: str, expected: list[str]) -> None:
    assert victims(text, language)[:1] == expected


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il portavoce Luca Bianchi ha detto che tre soldati sono stati uccisi nei raid russi."),
        ("en", "Spokesman Lt Gen. Omar Farouk told reporters that 13 people were killed in Indian strikes."),
    ],
)
def test_who_tells_the_toll_is_no_victim(language: str, text: str) -> None:
    assert not any(v.startswith("person:") for v in victims(text, language))


def test_a_possessor_is_no_victim() -> None:
    text = (
        "Israele ha bombardato l'Iran. Nei raid sono morti il capo di stato maggiore Carlo Neri e il "
        "consigliere del presidente Mario Rossi, Paolo Verdi."
    )
    found = victims(text, "it")
    assert "person:carlo-neri" in found and "person:mario-rossi" not in found


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Five people were killed in Russian strikes, including women and children."),
        ("it", "Almeno cinque morti nei raid russi, tra cui donne e bambini."),
    ],
)
def test_civilians_named_in_a_toll_are_its_victims(language: str, text: str) -> None:
    assert victims(text, language) == ["agent:civilians"]
