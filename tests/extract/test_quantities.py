"""Quantities: value, bounds, unit and what is not a quantity."""

from __future__ import annotations

import pytest

from cronaca.extract.pipeline import Pipeline
from cronaca.extract.quantities import bounds
from cronaca.model import Article, Interval

PUBLISHED = Interval.month(2025, 2)


def quantities(text: str, language: str = "it"):
    article = Article(id="q", text=text, language=language, published=PUBLISHED)
    return Pipeline(["sentences", "timexes", "quantities"])(article).of_kind("quantity")


def only(text: str, language: str = "it"):
    found = quantities(text, language)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# (language, sentence, span, value, lower, upper, unit, approx, rule)
CASES = [
    (
        "it",
        "Sono stati schierati 4.500 soldati al confine.",
        "4.500 soldati",
        4500,
        4500,
        4500,
        "soldiers",
        "",
        "it.digits",
    ),
    (
        "en",
        "Some 4,500 soldiers were deployed.",
        "Some 4,500 soldiers",
        4500,
        4050,
        4950,
        "soldiers",
        "some",
        "en.digits",
    ),
    (
        "it",
        "Ben 8.000 militari hanno partecipato.",
        "Ben 8.000 militari",
        8000,
        None,
        8000,
        "soldiers",
        "ben",
        "it.digits",
    ),
    (
        "it",
        "Il governo ha inviato più di 10mila soldati.",
        "più di 10mila soldati",
        10000,
        10000,
        None,
        "soldiers",
        "più di",
        "it.digits",
    ),
    (
        "it",
        "Al porto sono giunti circa 7.000 container.",
        "circa 7.000 container",
        7000,
        6300,
        7700,
        "containers",
        "circa",
        "it.digits",
    ),
    (
        "it",
        "Sono fuggite oltre 1,5 milioni di persone.",
        "oltre 1,5 milioni di persone",
        1_500_000,
        1_500_000,
        None,
        "people",
        "oltre",
        "it.digits",
    ),
    ("it", "Sono arrivati 20 mila droni.", "20 mila droni", 20000, 20000, 20000, "drones", "", "it.digits"),
    (
        "it",
        "Il deposito conteneva 12 000 proiettili.",
        "12 000 proiettili",
        12000,
        12000,
        12000,
        "shells",
        "",
        "it.digits",
    ),
    ("it", "Quasi 300 morti nella notte.", "Quasi 300 morti", 300, 270, 300, "dead", "quasi", "it.digits"),
    (
        "it",
        "Si contano almeno 40 feriti.",
        "almeno 40 feriti",
        40,
        40,
        None,
        "injured",
        "almeno",
        "it.digits",
    ),
    (
        "it",
        "Il piano prevede fino a 600 missili.",
        "fino a 600 missili",
        600,
        None,
        600,
        "missiles",
        "fino a",
        "it.digits",
    ),
    (
        "it",
        "Restano meno di 100 persone.",
        "meno di 100 persone",
        100,
        None,
        100,
        "people",
        "meno di",
        "it.digits",
    ),
    (
        "it",
        "Hanno combattuto intorno ai 2.000 soldati.",
        "intorno ai 2.000 soldati",
        2000,
        1800,
        2200,
        "soldiers",
        "intorno ai",
        "it.digits",
    ),
    (
        "it",
        "Il reparto conta dodicimila militari.",
        "dodicimila militari",
        12000,
        12000,
        12000,
        "soldiers",
        "",
        "it.words",
    ),
    ("it", "Sono partiti tremila soldati.", "tremila soldati", 3000, 3000, 3000, "soldiers", "", "it.words"),
    (
        "it",
        "Hanno lanciato una dozzina di droni.",
        "una dozzina di droni",
        12,
        10.8,
        13.2,
        "drones",
        "una dozzina",
        "it.vague",
    ),
    (
        "it",
        "Sono morte centinaia di persone.",
        "centinaia di persone",
        200,
        200,
        None,
        "people",
        "centinaia",
        "it.vague",
    ),
    (
        "it",
        "Il contratto vale 3 miliardi di dollari.",
        "3 miliardi di dollari",
        3e9,
        3e9,
        3e9,
        "USD",
        "",
        "it.digits",
    ),
    ("it", "La spesa è salita del 12%.", "12%", 12, 12, 12, "percent", "", "it.digits"),
    (
        "it",
        "La spesa è salita del 4,5 per cento.",
        "4,5 per cento",
        4.5,
        4.5,
        4.5,
        "percent",
        "",
        "it.digits",
    ),
    ("it", "Sono arrivati 250 trattori.", "250 trattori", 250, 250, 250, "trattore", "", "it.digits"),
    ("it", "Sono arrivati 250 carri armati.", "250 carri armati", 250, 250, 250, "tanks", "", "it.digits"),
    (
        "en",
        "Up to 3,000 troops crossed the river.",
        "Up to 3,000 troops",
        3000,
        None,
        3000,
        "soldiers",
        "up to",
        "en.digits",
    ),
    (
        "en",
        "About 1.5 million people fled.",
        "About 1.5 million people",
        1.5e6,
        1.35e6,
        1.65e6,
        "people",
        "about",
        "en.digits",
    ),
    (
        "en",
        "More than 10,000 North Korean troops fought.",
        "More than 10,000 North Korean troops",
        10000,
        10000,
        None,
        "soldiers",
        "more than",
        "en.digits",
    ),
    (
        "en",
        "Nearly 500 drones were launched.",
        "Nearly 500 drones",
        500,
        450,
        500,
        "drones",
        "nearly",
        "en.digits",
    ),
    (
        "en",
        "Fewer than 20 dead were counted.",
        "Fewer than 20 dead",
        20,
        None,
        20,
        "dead",
        "fewer than",
        "en.digits",
    ),
    (
        "en",
        "As many as 900 shells fell.",
        "As many as 900 shells",
        900,
        None,
        900,
        "shells",
        "as many as",
        "en.digits",
    ),
    (
        "en",
        "At least 60 wounded arrived.",
        "At least 60 wounded",
        60,
        60,
        None,
        "injured",
        "at least",
        "en.digits",
    ),
    ("en", "The deal is worth $5 million.", "$5 million", 5e6, 5e6, 5e6, "USD", "", "en.digits"),
    (
        "en",
        "They fired three thousand shells.",
        "three thousand shells",
        3000,
        3000,
        3000,
        "shells",
        "",
        "en.words",
    ),
    (
        "en",
        "Hundreds of people gathered.",
        "Hundreds of people",
        200,
        200,
        None,
        "people",
        "hundreds",
        "en.vague",
    ),
    ("en", "Prices rose 7 per cent.", "7 per cent", 7, 7, 7, "percent", "", "en.digits"),
    ("en", "The farm bought 40 tractors.", "40 tractors", 40, 40, 40, "tractor", "", "en.digits"),
    ("en", "The army bought 40 tanks.", "40 tanks", 40, 40, 40, "tanks", "", "en.digits"),
]


@pytest.mark.parametrize("language,text,span,value,lower,upper,unit,approx,rule", CASES)
def test_quantities(language, text, span, value, lower, upper, unit, approx, rule):
    mention = only(text, language)
    assert mention.text == span == text[mention.start : mention.end]
    assert mention.value == {"value": value, "lower": lower, "upper": upper, "unit": unit, "approx": approx}
    assert mention.label == unit
    assert mention.rule == rule
    assert mention.component == "quantities@1"


@pytest.mark.parametrize(
    "language,text,value",
    [
        ("it", "Arrivano 12.000 uomini.", 12000),
        ("en", "Some 12,000 men arrive.", 12000),
        ("it", "Sono 1,5 milioni.", 1.5e6),
        ("en", "It is 1.5 million.", 1.5e6),
    ],
)
def test_separators_follow_the_article_language(language, text, value):
    assert only(text, language).value["value"] == value


@pytest.mark.parametrize(
    "language,text",
    [
        ("it", "Il programma è iniziato nel 2019 ed è proseguito."),
        ("it", "Il 2024 è stato un anno difficile."),
        ("it", "Il trattato del 14 febbraio 2024 resta in vigore."),
        ("it", "L'incontro è fissato alle 14.30 in prefettura."),
        ("it", "È arrivato 3° nella classifica."),
        ("it", "Il missile KN-23 è stato lanciato."),
        ("en", "The programme started in 2019 and went on."),
        ("en", "The treaty of March 3, 2022 still holds."),
        ("en", "The meeting starts at 10:30 sharp."),
        ("en", "He finished 1st in the race."),
    ],
)
def test_not_quantities(language, text):
    assert quantities(text, language) == []


def test_year_with_a_counted_noun_is_a_quantity():
    assert only("Sono stati inviati 2000 soldati.").value["value"] == 2000


def test_numbers_inside_a_timex_are_skipped_but_others_are_kept():
    text = "Il 3 marzo 2023 sono arrivati 500 soldati."
    assert [m.text for m in quantities(text)] == ["500 soldati"]


@pytest.mark.parametrize(
    "kind,value,expected",
    [
        ("exact", 100.0, (100.0, 100.0)),
        ("about", 100.0, (90.0, 110.0)),
        ("nearly", 100.0, (90.0, 100.0)),
        ("min", 100.0, (100.0, None)),
        ("max", 100.0, (None, 100.0)),
    ],
)
def test_bounds(kind, value, expected):
    assert bounds(value, kind) == expected


def test_unknown_bounds_kind_is_an_error():
    with pytest.raises(ValueError):
        bounds(1.0, "roughly")


def test_article_without_a_date():
    article = Article(id="q", text="Circa 70 droni.", language="it", published=None)
    found = Pipeline(["sentences", "timexes", "quantities"])(article).of_kind("quantity")
    assert [m.value["unit"] for m in found] == ["drones"]
