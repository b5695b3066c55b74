"""Time expressions beyond single dates: relative to another time, durations, intervals,
vague references, modifiers; and the interval arithmetic behind them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cronaca.extract.timexes import (
    add,
    duration_value,
    find_timexes,
    hull,
    narrow,
    on_or_before,
    period_of,
    span_after,
    span_before,
    weekday_near,
)
from cronaca.model import Interval

DEC_26 = Interval.day(date(2025, 12, 26))
FEB_2025 = Interval.month(2025, 2)


def by_text(text: str, anchor: Interval | None = DEC_26, language: str = "it"):
    return {m.text: m for m in find_timexes(text, language, anchor)}


def test_preceding_months_after_a_month_reference():
    found = by_text("A settembre 2024 la centrale fu spenta. Nei tre mesi precedenti aveva lavorato poco.")
    span = found["tre mesi precedenti"]
    assert span.value["type"] == "DURATION" and span.value["value"] == "P3M"
    assert (span.value["start"], span.value["end"]) == ("2024-06-01", "2024-09-30")
    assert span.value["anchor"] == "previous" and span.value["kind"] == "interval"
    assert span.label == "interval"


def test_day_after_uses_the_previous_date_or_the_article():
    found = by_text("Il 14 aprile 2025 è caduto il governo. Il giorno dopo è stato convocato il parlamento.")
    assert found["Il giorno dopo"].value["value"] == "2025-04-15"
    alone = by_text("Il giorno dopo è stato convocato il parlamento.")
    assert alone["Il giorno dopo"].value["value"] == "2025-12-27"
    assert alone["Il giorno dopo"].value["anchor"] == "article"


def test_reference_is_only_looked_for_in_the_previous_sentence():
    text = "Nel 2012 fu aperta la miniera. Poi venne la crisi. Poi la ripresa. L'anno successivo si votò."
    assert by_text(text)["L'anno successivo"].value["value"] == "2026"


def test_at_the_time_is_the_previous_time():
    found = by_text("Nel 1999 il paese entrò nell'euro. All'epoca il cambio era fisso.")
    assert found["All'epoca"].value["value"] == "1999"
    found = by_text("In 2008 the bank failed. At the time nobody saw it coming.", language="en")
    assert found["the time"].value["value"] == "2008"


def test_open_interval_runs_to_the_article_date():
    found = by_text("Da novembre 2024 le frontiere sono chiuse.")
    v = found["novembre 2024"].value
    assert v["value"] == "2024-11" and v["open"] == "end" and v["kind"] == "interval"
    assert (v["start"], v["end"]) == ("2024-11-01", "2025-12-26")


def test_open_interval_keeps_a_month_precision_article_date():
    v = by_text("Dal 2023 il canone è aumentato.", FEB_2025)["2023"].value
    assert (v["start"], v["end"], v["precision"]) == ("2023-01-01", "2025-02-28", "year")


def test_closed_range_gives_both_ends_the_whole_span():
    found = by_text("Between 2018 and 2020 exports tripled.", language="en")
    for text in ("2018", "2020"):
        assert (found[text].value["start"], found[text].value["end"]) == ("2018-01-01", "2020-12-31")


def test_durations_are_not_placed_in_time_unless_anchored():
    free = by_text("La centrale resterà spenta per quattro mesi.")["quattro mesi"].value
    assert free["type"] == "DURATION" and free["value"] == "P4M" and free["start"] is None
    ongoing = by_text("Da due anni la centrale è spenta.")["due anni"].value
    assert ongoing["value"] == "P2Y" and (ongoing["start"], ongoing["end"]) == ("2023-12-26", "2025-12-26")
    english = by_text("The plant stayed shut for five weeks.", language="en")["five weeks"].value
    assert english["value"] == "P5W" and english["start"] is None


@pytest.mark.parametrize(
    "text,span,value,language",
    [
        ("In passato la valle era abitata.", "passato", "PAST_REF", "it"),
        ("Negli ultimi anni i raccolti sono calati.", "ultimi anni", "PAST_REF", "it"),
        ("In futuro servirà più acqua.", "futuro", "FUTURE_REF", "it"),
        ("Attualmente il valico è chiuso.", "Attualmente", "PRESENT_REF", "it"),
        ("Prices have risen recently.", "recently", "PAST_REF", "en"),
        ("In recent years exports fell.", "recent years", "PAST_REF", "en"),
        ("Talks will resume in the coming months.", "the coming months", "FUTURE_REF", "en"),
    ],
)
def test_vague_references_get_a_reasonable_interval(text, span, value, language):
    v = by_text(text, language=language)[span].value
    assert v["value"] == value and v["kind"] == "ref"
    start, end = date.fromisoformat(v["start"]), date.fromisoformat(v["end"])
    assert start <= DEC_26.start <= end or start <= DEC_26.end <= end


def test_modifiers_narrow_but_keep_the_value():
    v = by_text("Alla fine del 2023 il debito era alto.")["fine del 2023"].value
    assert (
        v["value"] == "2023" and v["mod"] == "END" and v["start"] >= "2023-09-01" and v["end"] == "2023-12-31"
    )
    v = by_text("Output recovered in early 2024.", language="en")["early 2024"].value
    assert v["value"] == "2024" and v["mod"] == "START" and v["end"] <= "2024-05-01"


def test_weekday_is_the_last_one_unless_the_verb_is_future():
    assert by_text("Mercoledì il ministro ha parlato.")["Mercoledì"].value["value"] == "2025-12-24"
    assert by_text("Mercoledì il ministro parlerà.")["Mercoledì"].value["value"] == "2025-12-31"


def test_set_expressions():
    v = by_text("Every week a convoy leaves the port.", language="en")["Every week"].value
    assert v["type"] == "SET" and v["value"] == "P1W"


def test_every_mention_carries_the_contract_keys():
    text = "Ieri, dal 2020, per tre mesi, in passato, il giorno dopo, ogni anno, a fine marzo."
    for m in find_timexes(text, "it", DEC_26):
        assert {"value", "start", "end", "precision", "anchored", "type", "kind", "mod", "anchor"} <= set(
            m.value
        )
        assert m.value["type"] in ("DATE", "DURATION", "SET")
        assert m.value["kind"] in ("point", "interval", "duration", "ref", "set")
        if m.value["start"]:
            Interval.from_dict(m.value)  # a valid interval


# --- interval arithmetic ---------------------------------------------------------------

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
units = st.sampled_from(["day", "week", "month", "year"])
periods = st.builds(period_of, days, st.sampled_from(["day", "week", "month", "year", "decade"]))


@given(periods, units, st.integers(1, 24))
def test_span_before_ends_at_the_reference_and_reaches_back_n_units(ref, unit, n):
    span = span_before(ref, unit, n)
    assert span.end == ref.end and span.start == add(ref.start, unit, -n)
    assert span.start <= ref.start


@given(periods, units, st.integers(1, 24))
def test_span_after_starts_at_the_reference(ref, unit, n):
    span = span_after(ref, unit, n)
    assert span.start == ref.start and span.end >= ref.end


@given(periods, periods)
def test_hull_holds_both_and_is_symmetric(a, b):
    h = hull(a, b)
    assert h == hull(b, a)
    assert h.start <= min(a.start, b.start) and h.end >= max(a.end, b.end)


@given(periods, st.sampled_from(["START", "MID", "END"]))
def test_narrow_stays_inside(interval, mod):
    part = narrow(interval, mod)
    assert interval.start <= part.start <= part.end <= interval.end


@given(periods)
def test_thirds_are_in_order(interval):
    start, mid, end = (narrow(interval, m) for m in ("START", "MID", "END"))
    assert start.start <= mid.start <= end.start


@given(days, st.integers(0, 6), st.sampled_from(["past", "future", "before", "after"]))
def test_weekday_near_is_that_weekday_within_a_week(d, weekday, direction):
    found = weekday_near(Interval.day(d), weekday, direction)
    assert found.start == found.end and found.start.weekday() == weekday
    gap = (found.start - d).days
    assert {"past": -6 <= gap <= 0, "before": -7 <= gap < 0, "future": 0 <= gap <= 6, "after": 0 < gap <= 7}[
        direction
    ]


@given(days)
def test_on_or_before_ends_on_the_article_date(d):
    anchor = Interval.day(d)
    interval = on_or_before(anchor)
    assert interval.end == d and interval.start < d and interval.precision == "unknown"


@given(st.integers(1, 500), st.sampled_from(["day", "week", "month", "year"]))
def test_duration_value_shape(n, unit):
    assert duration_value(n, unit) == f"P{n}{unit[0].upper()}"


def test_decade_ago_is_a_year():
    assert find_timexes("a decade ago", "en", DEC_26)[0].value["value"] == "2015"


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Chadian troops could withdraw from Sudan as early as Sunday.", "2025-03-09"),
        ("en", "Chadian troops could have withdrawn from Sudan on Sunday.", "2025-03-02"),
        ("en", "Chad attacked Sudan in May.", "2024-05"),
        ("it", "Le truppe del Ciad potrebbero ritirarsi dal Sudan domenica.", "2025-03-09"),
        ("it", "Il Ciad avrebbe attaccato il Sudan domenica.", "2025-03-02"),
    ],
)
def test_a_possibility_ahead_looks_forward_a_past_report_back(language, text, expected):
    from cronaca.extract.pipeline import default_pipeline
    from cronaca.model import Article, Interval

    article = Article(id="a_f", text=text, language=language, published=Interval.day(date(2025, 3, 5)))
    (timex,) = [m for m in default_pipeline()(article).mentions if m.kind == "timex"]
    assert timex.value["value"] == expected


@pytest.mark.parametrize(
    ("text", "language", "phrase"),
    [
        ("Nella notte i raid hanno colpito sei città.", "it", "Nella notte"),
        ("I combattimenti sono proseguiti durante la notte.", "it", "durante la notte"),
        ("India struck nine sites overnight.", "en", "overnight"),
    ],
)
def test_the_night_is_the_one_before_the_article(text, language, phrase):
    span = by_text(text, DEC_26, language)[phrase]
    assert (span.value["start"], span.value["end"]) == ("2025-12-25", "2025-12-26")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nella notte del 6 maggio ci fu un attacco.", "it"),
        ("Nella notte tra giovedì e venerdì ci fu un attacco.", "it"),
        ("Strikes came during the night of May 6.", "en"),
    ],
)
def test_a_night_with_its_own_date_is_told_by_it(text, language):
    found = by_text(text, DEC_26, language)
    assert not any("nott" in t.lower() or "night" in t.lower() for t in found)
