"""Time expressions: finding, spans and resolution against the article date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cronaca.extract.pipeline import Pipeline
from cronaca.extract.timexes import add, month_near, period_of, shift, timex_value
from cronaca.model import Article, Interval

FEB_2025 = Interval.month(2025, 2)  # an article dated only to the month
JAN_2025 = Interval.month(2025, 1)
DEC_26 = Interval.day(date(2025, 12, 26))
MAR_10 = Interval.day(date(2025, 3, 10))


def timexes(text: str, language: str = "it", published: Interval | None = FEB_2025):
    article = Article(id="t", text=text, language=language, published=published)
    annotations = Pipeline(["sentences", "timexes", "quantities"])(article)
    return annotations.of_kind("timex")


def only(text: str, language: str = "it", published: Interval | None = FEB_2025):
    found = timexes(text, language, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# (language, article date, sentence, expected span text, expected value, granularity, rule)
CASES = [
    # absolute dates
    (
        "it",
        FEB_2025,
        "Il vertice si è tenuto il 3 marzo 2023 a Vienna.",
        "3 marzo 2023",
        "2023-03-03",
        "day",
        "it.day_month_year",
    ),
    (
        "it",
        FEB_2025,
        "La firma è datata 1° aprile 2022.",
        "1° aprile 2022",
        "2022-04-01",
        "day",
        "it.day_month_year",
    ),
    (
        "it",
        FEB_2025,
        "Il documento porta la data 05/09/2021.",
        "05/09/2021",
        "2021-09-05",
        "day",
        "it.numeric_date",
    ),
    (
        "it",
        FEB_2025,
        "Il rapporto del 2023-11-30 è stato aggiornato.",
        "2023-11-30",
        "2023-11-30",
        "day",
        "it.iso_date",
    ),
    (
        "en",
        FEB_2025,
        "The treaty was signed on September 9, 2021 in Oslo.",
        "September 9, 2021",
        "2021-09-09",
        "day",
        "en.month_day_year",
    ),
    (
        "en",
        FEB_2025,
        "Talks opened on 7 July 2023 in Geneva.",
        "7 July 2023",
        "2023-07-07",
        "day",
        "en.day_month_year",
    ),
    (
        "en",
        FEB_2025,
        "Records dated 08/30/2022 were released.",
        "08/30/2022",
        "2022-08-30",
        "day",
        "en.numeric_date",
    ),
    # month + year
    (
        "it",
        FEB_2025,
        "Le esercitazioni sono riprese a settembre 2023.",
        "settembre 2023",
        "2023-09",
        "month",
        "it.month_year",
    ),
    (
        "it",
        FEB_2025,
        "L'intesa fu raggiunta nel marzo del 2022.",
        "marzo del 2022",
        "2022-03",
        "month",
        "it.month_year",
    ),
    ("en", FEB_2025, "The plant opened in May 2023.", "May 2023", "2023-05", "month", "en.month_year"),
    (
        "en",
        FEB_2025,
        "The drills resumed in April of 2022.",
        "April of 2022",
        "2022-04",
        "month",
        "en.month_year",
    ),
    # bare months: the most recent one not after the article's month
    (
        "it",
        FEB_2025,
        "Il ministro ha visitato la base a novembre.",
        "novembre",
        "2024-11",
        "month",
        "it.month",
    ),
    ("it", FEB_2025, "Le truppe erano arrivate ad agosto.", "agosto", "2024-08", "month", "it.month"),
    ("it", FEB_2025, "Il piano è stato annunciato a febbraio.", "febbraio", "2025-02", "month", "it.month"),
    ("it", JAN_2025, "Le consegne erano iniziate a dicembre.", "dicembre", "2024-12", "month", "it.month"),
    ("en", FEB_2025, "The convoy left in March.", "March", "2024-03", "month", "en.month"),
    ("en", DEC_26, "The inspection took place in October.", "October", "2025-10", "month", "en.month"),
    # a clearly future verb picks the next occurrence
    ("it", FEB_2025, "Il nuovo impianto aprirà a giugno.", "giugno", "2025-06", "month", "it.month"),
    ("it", FEB_2025, "I colloqui riprenderanno a gennaio.", "gennaio", "2026-01", "month", "it.month"),
    ("en", FEB_2025, "The factory will open in June.", "June", "2025-06", "month", "en.month"),
    # day + month without a year
    ("it", MAR_10, "Il lancio è avvenuto il 2 marzo.", "2 marzo", "2025-03-02", "day", "it.day_month"),
    ("en", MAR_10, "The launch happened on March 2.", "March 2", "2025-03-02", "day", "en.month_day"),
    # years
    ("it", FEB_2025, "La produzione è raddoppiata nel 2023.", "2023", "2023", "year", "it.year"),
    ("it", FEB_2025, "Le sanzioni sono in vigore dal 2017.", "2017", "2017", "interval", "it.year"),
    ("en", FEB_2025, "Output doubled in 2023.", "2023", "2023", "year", "en.year"),
    ("en", FEB_2025, "Sanctions have applied since 2017.", "2017", "2017", "interval", "en.year"),
    # decades
    ("it", FEB_2025, "Un programma avviato negli anni '90.", "anni '90", "199", "decade", "it.decade"),
    ("en", FEB_2025, "A programme begun in the 1990s.", "the 1990s", "199", "decade", "en.decade"),
    # relative expressions, day-precision article date
    ("it", DEC_26, "Oggi il governo ha risposto.", "Oggi", "2025-12-26", "day", "it.today"),
    ("it", DEC_26, "Ieri sono ripresi i colloqui.", "Ieri", "2025-12-25", "day", "it.day_word"),
    ("it", DEC_26, "Domani è prevista una riunione.", "Domani", "2025-12-27", "day", "it.day_word"),
    (
        "it",
        DEC_26,
        "La lettera è arrivata la scorsa settimana.",
        "la scorsa settimana",
        "2025-W51",
        "week",
        "it.last_unit",
    ),
    (
        "it",
        DEC_26,
        "La lettera è arrivata la settimana scorsa.",
        "la settimana scorsa",
        "2025-W51",
        "week",
        "it.last_unit",
    ),
    (
        "it",
        DEC_26,
        "Il bilancio è stato chiuso il mese scorso.",
        "il mese scorso",
        "2025-11",
        "month",
        "it.last_unit",
    ),
    (
        "it",
        DEC_26,
        "Il piano partirà il mese prossimo.",
        "il mese prossimo",
        "2026-01",
        "month",
        "it.next_unit",
    ),
    (
        "it",
        DEC_26,
        "Gli impianti cresceranno il prossimo anno.",
        "il prossimo anno",
        "2026",
        "year",
        "it.next_unit",
    ),
    (
        "it",
        DEC_26,
        "Le spese aumenteranno l'anno prossimo.",
        "l'anno prossimo",
        "2026",
        "year",
        "it.next_unit",
    ),
    ("it", DEC_26, "Le spese erano salite l’anno scorso.", "l’anno scorso", "2024", "year", "it.last_unit"),
    ("it", DEC_26, "Il raccolto di quest'anno è scarso.", "quest'anno", "2025", "year", "it.this_unit"),
    (
        "it",
        DEC_26,
        "Il porto è stato chiuso tre giorni fa.",
        "tre giorni fa",
        "2025-12-23",
        "day",
        "it.units_ago",
    ),
    ("it", DEC_26, "Il trattato fu firmato 2 anni fa.", "2 anni fa", "2023", "year", "it.units_ago"),
    ("it", DEC_26, "Il reparto era partito sei mesi fa.", "sei mesi fa", "2025-06", "month", "it.units_ago"),
    (
        "it",
        DEC_26,
        "Era successo lo scorso marzo.",
        "lo scorso marzo",
        "2025-03",
        "month",
        "it.last_month_name",
    ),
    ("en", DEC_26, "Yesterday the ministry replied.", "Yesterday", "2025-12-25", "day", "en.day_word"),
    ("en", DEC_26, "The letter arrived last week.", "last week", "2025-W51", "week", "en.last_unit"),
    ("en", DEC_26, "Production will expand next year.", "next year", "2026", "year", "en.next_unit"),
    ("en", DEC_26, "Spending rose last year.", "last year", "2024", "year", "en.last_unit"),
    ("en", DEC_26, "Output rose this year.", "this year", "2025", "year", "en.this_unit"),
    ("en", DEC_26, "The port closed 3 days ago.", "3 days ago", "2025-12-23", "day", "en.units_ago"),
    ("en", DEC_26, "The unit left two months ago.", "two months ago", "2025-10", "month", "en.units_ago"),
    ("en", DEC_26, "It happened last March.", "last March", "2025-03", "month", "en.last_month_name"),
    # relative expressions, article in January: the year turns over
    (
        "it",
        JAN_2025,
        "Il vertice si era svolto l'anno scorso.",
        "l'anno scorso",
        "2024",
        "year",
        "it.last_unit",
    ),
    (
        "it",
        JAN_2025,
        "Il bilancio è stato chiuso il mese scorso.",
        "il mese scorso",
        "2024-12",
        "month",
        "it.last_unit",
    ),
]


@pytest.mark.parametrize("language,published,text,span,value,granularity,rule", CASES)
def test_finds_and_resolves(language, published, text, span, value, granularity, rule):
    mention = only(text, language, published)
    assert mention.text == span
    assert text[mention.start : mention.end] == span
    assert mention.value["value"] == value
    assert mention.label == granularity
    assert mention.rule == rule
    assert mention.component == "timexes@2"


def test_month_precision_article_keeps_its_uncertainty():
    today = only("Oggi la delegazione è partita.")
    assert {k: today.value[k] for k in ("value", "start", "end", "precision", "anchored")} == {
        "value": "2025-02",
        "start": "2025-02-01",
        "end": "2025-02-28",
        "precision": "month",
        "anchored": True,
    }
    yesterday = only("Ieri la delegazione è partita.")
    assert (yesterday.value["start"], yesterday.value["end"]) == ("2025-01-31", "2025-02-27")
    assert yesterday.value["precision"] == "month"
    last_week = only("La delegazione è partita la scorsa settimana.")
    assert (last_week.value["start"], last_week.value["end"]) == ("2025-01-20", "2025-02-23")
    assert last_week.label == "week" and last_week.value["precision"] == "month"


def test_next_year_in_december_article_is_the_next_year():
    assert only("Il programma sarà ampliato il prossimo anno.", published=DEC_26).value["value"] == "2026"


def test_absolute_dates_are_not_anchored_and_relative_ones_are():
    found = timexes("Nel 2022 e ieri.", published=DEC_26)
    assert [(m.text, m.value["anchored"]) for m in found] == [("2022", False), ("ieri", True)]


def test_without_article_date_relative_expressions_have_no_value():
    found = timexes("Ieri e a novembre, non nel 2021.", published=None)
    by_text = {m.text: m.value for m in found}
    assert by_text["Ieri"]["value"] is None and by_text["Ieri"]["anchored"] is True
    assert by_text["novembre"]["value"] is None
    assert by_text["2021"]["value"] == "2021"


def test_span_leaves_the_preposition_out():
    text = "Le truppe sono rientrate nel giugno del 2023 e dal 2024 sono in caserma."
    assert [m.text for m in timexes(text)] == ["giugno del 2023", "2024"]


@pytest.mark.parametrize(
    "language,text",
    [
        ("it", "Le navi sono entrate nel Mar del Giappone."),
        ("en", "Officials may march on the capital."),
        ("en", "The KN-23 missile flew 2024 kilometres."),
    ],
)
def test_false_friends_are_not_time_expressions(language, text):
    assert timexes(text, language) == []


def test_unknown_language_finds_nothing():
    assert timexes("Am 3. März 2023 war es kalt.", "de") == []


# --- interval arithmetic ---------------------------------------------------------------

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
units = st.sampled_from(["day", "week", "month", "year"])


@given(days, units)
def test_period_of_contains_the_day(d, unit):
    period = period_of(d, unit)
    assert period.start <= d <= period.end
    assert period.precision == unit


@given(days)
def test_week_is_monday_to_sunday(d):
    week = period_of(d, "week")
    assert week.start.weekday() == 0 and week.end - week.start == timedelta(days=6)
    assert timex_value(week).startswith(f"{week.start.isocalendar()[0]:04d}-W")


@given(days, units, st.integers(-30, 30))
def test_shift_of_a_day_lands_on_the_shifted_period(d, unit, n):
    shifted = shift(Interval.day(d), unit, n)
    assert shifted == period_of(add(d, unit, n), unit)


@given(days, st.sampled_from(["week", "month", "year"]), st.integers(-30, 30))
def test_shift_of_a_period_is_reversible(d, unit, n):
    period = period_of(d, unit)
    assert shift(shift(period, unit, n), unit, -n) == period


@given(days, units, st.integers(-30, 30))
def test_shift_of_a_month_anchor_covers_every_shifted_day(d, unit, n):
    anchor = Interval.month(d.year, d.month)
    shifted = shift(anchor, unit, n)
    for day in (anchor.start, d, anchor.end):
        target = add(day, unit, n)
        assert shifted.start <= target <= shifted.end
    assert shifted.precision in (unit, "month") or unit == "year"


@given(days, st.integers(1, 12))
def test_month_near_past_is_never_after_the_anchor(d, month):
    anchor = Interval.day(d)
    past = month_near(anchor, month, "past")
    future = month_near(anchor, month, "future")
    assert past.start <= d and past.start > d - timedelta(days=366)
    assert future.end >= d and future.end < d + timedelta(days=366)
    assert past.start.month == future.start.month == month
