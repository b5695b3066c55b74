"""'The island' for the island state and 'the city' for the town named before them
(extract/entities/anaphora.py). Sentences made up here; the patterns come from real news about
Taiwan, Cuba and Goma."""

from __future__ import annotations

import pytest
from tests.extract.coding import annotated, coded


def islands(text: str, language: str) -> list[tuple[str, str | None]]:
    return [
        (m.text, m.entity_id)
        for m in annotated(text, language).mentions
        if m.kind == "entity" and (m.value or {}).get("anaphor")
    ]


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Cuba protested. The US tightened its embargo on the island.", [("island", "CUB")]),
        ("it", "Taiwan ha protestato: navi cinesi attorno alle coste dell'isola.", [("isola", "TWN")]),
        ("it", "Cuba ha protestato: l’isola non cederà.", [("isola", "CUB")]),
    ],
)
def test_the_island_is_the_island_state_named_before(language: str, text: str, expected) -> None:
    assert islands(text, language) == expected


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The island was hit by a storm. Cuba sent aid."),  # nothing named before
        ("en", "Italy rescued migrants near the island of Lampedusa."),  # no island state
        ("it", "Cuba ha protestato. Poi l'isola di Gorée ha accolto i turisti."),  # named there
        ("it", "Il Giappone ha protestato: navi cinesi attorno all'isola."),  # not in the list
    ],
)
def test_no_island_state_no_anaphor(language: str, text: str) -> None:
    assert islands(text, language) == []


def test_the_islands_zone_entered_is_the_island_states() -> None:
    text = "Taiwan said China's carrier group had entered the island's response area on Monday."
    assert ("MOBILIZE", ("CHN",), ("TWN",)) in coded(text, "en")


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("it", "I ribelli hanno assediato Kharkiv e ora entrano in città.", [("città", "UKR")]),
        ("it", "Kharkiv è caduta. La città è senza luce.", [("città", "UKR")]),
        ("en", "Rebels besieged Kharkiv and then entered the city.", [("city", "UKR")]),
        # the noun with its own name, or no town before it: no anaphor
        ("it", "Kharkiv resiste; la città mineraria di Vuhledar è caduta.", []),
        ("en", "The city of Vuhledar fell.", []),
        ("it", "In città si vota domenica.", []),
    ],
)
def test_the_city_is_the_town_named_before(language: str, text: str, expected) -> None:
    assert islands(text, language) == expected


def test_a_city_entered_by_its_common_noun_is_taken_from_its_country() -> None:
    text = "Kharkiv è sotto assedio: le truppe russe hanno cominciato a entrare in città."
    assert ("FIGHT", ("RUS",), ("UKR",)) in coded(text, "it")
