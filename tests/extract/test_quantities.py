"""Quantities: value, bounds, unit and what is not a quantity."""

from __future__ import annotations

import pytest

from cronaca.extract.pipeline import Pipeline
from cronaca.extract.quantities import bounds, find_quantities
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
    expected = {"value": value, "lower": lower, "upper": upper, "unit": unit, "approx": approx}
    assert {k: mention.value[k] for k in expected} == expected
    assert mention.label == unit
    assert mention.rule == rule
    assert mention.component == "quantities@2"


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


# --- ranges, vague counts, units before the number, currencies --------------------------

# (language, sentence, span, value, lower, upper, unit)
MORE = [
    (
        "it",
        "Tra 3.000 e 4.000 soldati sono stati richiamati.",
        "Tra 3.000 e 4.000 soldati",
        3500,
        3000,
        4000,
        "soldiers",
    ),
    ("it", "Da 200 a 300 droni al mese.", "Da 200 a 300 droni", 250, 200, 300, "drones"),
    ("it", "Sono stati mobilitati 8-9.000 riservisti.", "8-9.000 riservisti", 8500, 8000, 9000, "riservista"),
    (
        "it",
        "Al porto 6.000-8.000 container attendono.",
        "6.000-8.000 container",
        7000,
        6000,
        8000,
        "containers",
    ),
    ("it", "Servono 2-3 milioni di euro.", "2-3 milioni di euro", 2.5e6, 2e6, 3e6, "EUR"),
    (
        "en",
        "Between 1,200 and 1,500 troops crossed.",
        "Between 1,200 and 1,500 troops",
        1350,
        1200,
        1500,
        "soldiers",
    ),
    ("en", "They stored 3-4,000 missiles.", "3-4,000 missiles", 3500, 3000, 4000, "missiles"),
    ("it", "Arrivati quindicimila soldati.", "quindicimila soldati", 15000, 15000, 15000, "soldiers"),
    ("it", "Ne sono arrivati tremilacinquecento.", "tremilacinquecento", 3500, 3500, 3500, ""),
    ("it", "Una decina di missili è caduta.", "Una decina di missili", 10, 9, 11, "missiles"),
    ("it", "Un migliaio di persone in piazza.", "Un migliaio di persone", 1000, 900, 1100, "people"),
    ("it", "Mezzo milione di persone è fuggito.", "Mezzo milione di persone", 5e5, 5e5, 5e5, "people"),
    ("en", "Half a million people fled.", "Half a million people", 5e5, 5e5, 5e5, "people"),
    ("it", "Decine di droni hanno colpito la città.", "Decine di droni", 20, 20, None, "drones"),
    ("it", "Il numero dei container è salito a 18.000.", "18.000", 18000, 18000, 18000, "containers"),
    ("en", "The number of soldiers rose to 9,000.", "9,000", 9000, 9000, 9000, "soldiers"),
    ("en", "A $2.5bn loan was agreed.", "$2.5bn", 2.5e9, 2.5e9, 2.5e9, "USD"),
    ("en", "A £40 million contract.", "£40 million", 4e7, 4e7, 4e7, "GBP"),
    ("it", "Un pacchetto da €450 milioni.", "€450 milioni", 4.5e8, 4.5e8, 4.5e8, "EUR"),
    ("it", "Un prestito di 3 miliardi di dollari.", "3 miliardi di dollari", 3e9, 3e9, 3e9, "USD"),
    ("it", "Aiuti per 80 milioni di sterline.", "80 milioni di sterline", 8e7, 8e7, 8e7, "GBP"),
    ("it", "Poco più di 900 feriti.", "Poco più di 900 feriti", 900, 900, None, "injured"),
    ("en", "Well over 5,000 people marched.", "Well over 5,000 people", 5000, 5000, None, "people"),
]


@pytest.mark.parametrize("language,text,span,value,lower,upper,unit", MORE)
def test_more_quantities(language, text, span, value, lower, upper, unit):
    mention = only(text, language)
    assert mention.text == span
    v = mention.value
    assert (v["value"], v["lower"], v["upper"], v["unit"]) == (value, lower, upper, unit)


def test_a_range_is_one_quantity_with_both_bounds():
    mention = only("Tra 5.500 e 6.500 soldati.")
    assert mention.rule == "it.range" and mention.value["range"] == [5500, 6500]


def test_a_year_range_is_not_a_quantity_range():
    assert [m.value["value"] for m in quantities("Erano 300 nel 2020-2021.")] == [300]


@pytest.mark.parametrize(
    "language, text, value, unit",
    [
        ("it", "Il Ciad ha lanciato cento droni verso il Sudan.", 100, "drones"),
        ("it", "Le fonti riportano almeno cinque morti.", 5, "dead"),
        ("en", "Chad downed five Sudanese Air Force jets.", 5, "aircraft"),
        ("en", "Three civilians were killed.", 3, "civilians"),
    ],
)
def test_a_number_written_as_a_word_counts_a_known_unit(language, text, value, unit):
    (q,) = [m for m in find_quantities(text, language)]
    assert (q.value["value"], q.value["unit"]) == (value, unit)


@pytest.mark.parametrize(
    "language, text",
    [("it", "Ci sono stati tre attacchi in due anni."), ("en", "One of them said it two times.")],
)
def test_a_number_word_before_no_known_unit_is_no_count(language, text):
    assert find_quantities(text, language) == []


@pytest.mark.parametrize(
    "language, text, span, unit",
    [
        ("it", "Due scienziati sono stati uccisi nel raid.", "Due scienziati", "scientists"),
        ("it", "Nell'attacco sono morti tre bambini e due giornalisti.", "tre bambini", "children"),
        ("en", "Two journalists were killed in the shelling.", "Two journalists", "journalists"),
        ("en", "Four medics were wounded.", "Four medics", "medics"),
    ],
)
def test_a_number_word_counts_the_people_a_toll_names(language, text, span, unit):
    found = quantities(text, language)
    assert (span, unit) in [(m.text, m.value["unit"]) for m in found]


def test_a_count_that_holds_the_trigger_is_its_count():
    from tests.extract.coding import events

    text = "Il Ciad ha bombardato il Sudan. I media riportano almeno cinque morti e cinquanta feriti."
    toll = next(e for e in events(text, "it") if e.type == "ASSAULT")
    assert toll.quantity is not None and toll.quantity.value == 5
