"""Paragraph unwrapping, language and date parsing in isolation."""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.ingest import language, pubdate
from cronaca.ingest.text import paragraphs
from cronaca.model import Interval


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Titolo breve\n"
        "La giunta regionale ha approvato ieri sera il piano per la manutenzione\n"
        "delle strade provinciali, che prevede interventi su oltre trecento\n"
        "chilometri entro la fine dell'anno.\n"
        "\n"
        "I sindacati hanno chiesto di essere ascoltati prima dell'avvio dei\n"
        "cantieri, previsto per l'autunno.\n"
    )
    paras = paragraphs(text)
    assert paras[0] == "Titolo breve"
    assert paras[1].startswith(
        "La giunta regionale ha approvato ieri sera il piano per la manutenzione delle"
    )
    assert paras[1].endswith("entro la fine dell'anno.")
    assert paras[2] == (
        "I sindacati hanno chiesto di essere ascoltati prima dell'avvio dei cantieri, previsto per l'autunno."
    )


def test_one_line_per_paragraph_is_kept() -> None:
    long = "Una frase lunga che occupa un intero paragrafo su una sola riga, senza andare a capo. " * 3
    paras = paragraphs(f"{long}\n{long}\nFirma Breve\n")
    assert len(paras) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02", Interval.month(2025, 2)),
        ("2025", Interval.year(2025)),
        ("2025-02-14", Interval.day(date(2025, 2, 14))),
        ("2025-02-14T10:30:00+01:00", Interval.day(date(2025, 2, 14))),
        ("14 febbraio 2025", Interval.day(date(2025, 2, 14))),
        ("febbraio 2025", Interval.month(2025, 2)),
        ("February 2025", Interval.month(2025, 2)),
        ("Fri, 14 Feb 2025 10:00:00 +0000", Interval.day(date(2025, 2, 14))),
        ("03/02/2025", Interval.day(date(2025, 2, 3))),
        ("ieri", None),
        ("non è una data", None),
        ("2025-13", None),
    ],
)
def test_date_precision(value: str, expected: Interval | None) -> None:
    assert pubdate.parse(value) == expected


def test_timestamps_and_dicts() -> None:
    assert pubdate.from_value(1739527200) == Interval.day(date(2025, 2, 14))
    assert pubdate.from_value(1739527200000) == Interval.day(date(2025, 2, 14))
    assert pubdate.from_value(
        {"start": "2025-02-01", "end": "2025-02-28", "precision": "month"}
    ) == Interval.month(2025, 2)
    assert pubdate.from_value(True) is None


def test_language_detection() -> None:
    assert (
        language.detect("Il governo ha approvato ieri la nuova legge sul lavoro dopo un lungo dibattito.")
        == "it"
    )
    assert (
        language.detect("The government approved the new labour law yesterday after a long debate.") == "en"
    )
    assert language.detect("Kim a Mosca") is None
    assert language.choose("Kim a Mosca", declared="en-GB") == "en"
    assert language.choose("Kim a Mosca") == "it"
    assert language.choose("The government approved the new law yesterday.", explicit="it") == "it"
    assert language.normalise_code("ita") == "it"
    assert language.normalise_code("pt_BR") == "pt"
