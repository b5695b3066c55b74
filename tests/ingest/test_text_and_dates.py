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


# About 300 characters each, in every language detection chooses among.
LONG_TEXTS = {
    "it": "Il consiglio comunale si è riunito ieri sera per discutere il bilancio della città. Dopo "
    "una lunga discussione, la maggioranza ha approvato il piano che prevede nuovi fondi per le "
    "scuole e per la manutenzione delle strade, mentre l'opposizione ha chiesto più trasparenza "
    "sulle spese degli ultimi due anni di governo.",
    "en": "The city council met last night to discuss the town's budget. After a long debate the "
    "majority approved a plan that sets aside new money for schools and for repairing roads, "
    "while the opposition asked for more openness about how the money of the last two years had "
    "been spent by the office of the mayor.",
    "fr": "Le conseil municipal s'est réuni hier soir pour discuter du budget de la ville. Après un "
    "long débat, la majorité a approuvé le plan qui prévoit de nouveaux fonds pour les écoles et "
    "pour l'entretien des routes, tandis que l'opposition a demandé plus de transparence sur les "
    "dépenses des deux dernières années.",
    "de": "Der Stadtrat hat sich gestern Abend getroffen, um über den Haushalt der Stadt zu sprechen. "
    "Nach einer langen Debatte hat die Mehrheit den Plan angenommen, der neues Geld für Schulen und "
    "für die Reparatur der Straßen vorsieht, während die Opposition mehr Offenheit über die Ausgaben "
    "der letzten zwei Jahre verlangte.",
    "es": "El ayuntamiento se reunió anoche para discutir el presupuesto de la ciudad. Después de un "
    "largo debate, la mayoría aprobó el plan que prevé nuevos fondos para las escuelas y para el "
    "mantenimiento de las calles, mientras que la oposición pidió más transparencia sobre los "
    "gastos de los últimos dos años.",
    "pt": "A câmara municipal reuniu-se ontem à noite para discutir o orçamento da cidade. Depois de "
    "um longo debate, a maioria aprovou o plano que prevê novos fundos para as escolas e para a "
    "manutenção das estradas, enquanto a oposição pediu mais transparência sobre as despesas dos "
    "últimos dois anos de governo.",
    "ru": "Городской совет собрался вчера вечером, чтобы обсудить бюджет города. После долгих "
    "споров большинство одобрило план, который предусматривает новые средства для школ и для "
    "ремонта дорог, а оппозиция потребовала больше открытости в отношении расходов за последние "
    "два года работы городской администрации.",
}


def test_long_texts_are_detected_in_every_supported_language() -> None:
    assert sorted(LONG_TEXTS) == sorted(language.SUPPORTED)
    for code, text in LONG_TEXTS.items():
        assert len(text) >= 300
        assert language.detect(text) == code, code
    # a batch mixing long and short texts answers as each text alone does
    short = ["Il governo ha approvato ieri la nuova legge sul lavoro.", "Kim a Mosca", ""]
    batch = [*LONG_TEXTS.values(), *short]
    assert language.detect_many(batch) == [language.detect(t) for t in batch]
    assert language.detect_many(batch)[: len(LONG_TEXTS)] == list(LONG_TEXTS)


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
