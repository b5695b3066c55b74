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


# --- Italian number words, spelled by a reference speller --------------------------------

_UNITS = ["", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
_TEENS = ["dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici"]
_TEENS += ["diciassette", "diciotto", "diciannove"]
_TENS = ["", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"]


def _italian_below_hundred(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    stem = _TENS[tens][:-1] if unit in (1, 8) else _TENS[tens]  # ventuno, trentotto
    return stem + ("tré" if unit == 3 else _UNITS[unit])


def _italian_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    head = "" if hundreds == 0 else ("cento" if hundreds == 1 else _UNITS[hundreds] + "cento")
    tail = _italian_below_hundred(rest)
    if head and tail.startswith("ott"):  # centotto, centottanta
        head = head[:-1]
    return head + tail


def italian_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _italian_below_thousand(rest)
    head = "mille" if thousands == 1 else _italian_below_thousand(thousands) + "mila"
    return head + _italian_below_thousand(rest)


@given(st.integers(1, 999_999))
def test_italian_number_words_round_trip(n):
    assert parse_number_word(italian_words(n), "it") == n


@given(st.integers(21, 99))
def test_english_hyphenated_words(n):
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    word = tens[n // 10] + (f"-{units[n % 10]}" if n % 10 else "")
    assert parse_number_word(word, "en") == n


@given(st.text(alphabet="0123456789.,  ", max_size=12), st.sampled_from(["it", "en"]))
def test_parse_number_never_raises(text, language):
    value = parse_number(text, language)
    assert value is None or value >= 0
