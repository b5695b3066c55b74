"""Numbers written the Italian and the English way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cronaca.extract.numbers import format_number, multiplier, parse_number, parse_number_word

CASES = [
    ("it", "12.000", 12000),
    ("en", "12,000", 12000),
    ("it", "1,5", 1.5),
    ("en", "1.5", 1.5),
    ("it", "1.234.567", 1234567),
    ("en", "1,234,567", 1234567),
    ("it", "12 000", 12000),
    ("en", "12\u00a0000", 12000),
    ("it", "1.234,5", 1234.5),
    ("en", "1,234.5", 1234.5),
    ("it", "2024", 2024),
    ("en", "7", 7),
    # the other language's decimal mark, read leniently as a decimal
    ("it", "1.5", 1.5),
    ("en", "2,5", 2.5),
]


@pytest.mark.parametrize("language,text,value", CASES)
def test_parse_number(language, text, value):
    assert parse_number(text, language) == value


@pytest.mark.parametrize("language,text", [("it", "1.234.56"), ("en", "1,234,56"), ("it", "abc"), ("en", "")])
def test_not_a_number(language, text):
    assert parse_number(text, language) is None


@pytest.mark.parametrize(
    "language,word,value",
    [
        ("it", "tremila", 3000),
        ("it", "dodicimila", 12000),
        ("it", "centomila", 100000),
        ("it", "duecento", 200),
        ("it", "ventitré", 23),
        ("it", "trentotto", 38),
        ("it", "mille", 1000),
        ("it", "duecentocinquantamila", 250000),
        ("en", "twelve", 12),
        ("en", "twenty-five", 25),
        ("it", "soldati", None),
        ("en", "troops", None),
    ],
)
def test_parse_number_word(language, word, value):
    assert parse_number_word(word, language) == value


def test_multiplier():
    assert multiplier("mila", "it") == 1000 and multiplier("Milioni", "it") == 1_000_000
    assert multiplier("billion", "en") == 1_000_000_000 and multiplier("mila", "en") is None


@given(st.integers(0, 10**15), st.sampled_from(["it", "en"]))
def test_integer_round_trip(n, language):
    assert parse_number(format_number(n, language), language) == n


@given(st.integers(0, 10**12), st.sampled_from(["it", "en"]), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_integer_round_trip_with_space_grouping(n, language, space):
    assert parse_number(format_number(n, language, grouping=space), language) == n


@given(st.integers(0, 10**9), st.integers(0, 99), st.sampled_from(["it", "en"]))
def test_decimal_round_trip(whole, cents, language):
    decimal = "," if language == "it" else "."
    text = f"{format_number(whole, language)}{decimal}{cents:02d}"
    assert parse_number(text, language) == pytest.approx(whole + cents / 100)
