"""The shortcuts of the time-expression scanner find exactly what the plain scan finds:
the needed words of each rule, the trie of the hint words, a digit run as one hint."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cronaca.extract.patterns import alternation, trie_alternation
from cronaca.extract.time import scan
from cronaca.extract.time.rules import rules_for
from cronaca.extract.timexes import find_timexes
from cronaca.model import Interval

PIECES = {
    "it": [
        "il", "la", "l'", "gli", "nel", "dal", "da", "fino al", "tra il", "e", "a", "di", "del",
        "giorno", "giorni", "GIORNO", "mese", "mesi", "anno", "anni", "Anni", "settimana",
        "decennio", "scorso", "scorsa", "prossimo", "ultimi", "precedenti", "successivi", "dopo",
        "prima", "fa", "ogni", "quell'", "quel", "stesso", "epoca", "ieri", "oggi", "domani",
        "marzo", "Marzo", "MARZO", "novembre", "dic", "lunedì", "lunedi", "Venerdì", "inizio",
        "fine", "metà", "passato", "recente", "tre", "due", "dodici", "3", "14", "2024", "1990",
        "'90", "14/02/2025", "2025-02-14", "3°", ".", ",", "?", "’", "İ", "ſ", "ı", "K", "ß",
    ],
    "en": [
        "the", "in", "on", "since", "from", "to", "and", "between", "of", "last", "next", "this",
        "day", "days", "week", "weeks", "month", "months", "year", "years", "YEARS", "decade",
        "ago", "later", "earlier", "before", "after", "previous", "every", "that", "same",
        "yesterday", "today", "tomorrow", "March", "march", "May", "Monday", "early", "mid",
        "late", "two", "three", "twenty-five", "3", "14", "2024", "1990s", "'90s", "14th",
        "February 14, 2025", ".", ",", "’", "İ", "ſ", "ı", "K",
    ],
}  # fmt: skip


def texts(language: str):
    pieces = st.sampled_from(PIECES[language])
    return st.lists(pieces, max_size=40).map(" ".join) | st.lists(pieces, max_size=40).map("".join)


def plain_candidates(text: str, language: str) -> list[tuple[str, int, int]]:
    """Every rule over every window, nothing skipped."""
    rules = rules_for(language)[0]
    found = []
    for lo, hi in scan.windows(text, language):
        for rule in rules:
            for m in rule.pattern.finditer(text, lo, hi):
                candidate = rule.make(m)
                if candidate is not None:
                    found.append((rule.name, candidate.start, candidate.end))
    return found


def plain_windows(text: str, language: str) -> list[tuple[int, int]]:
    """The windows around each digit and each hint word found by the plain alternation."""
    words = alternation(scan.hint_words(language))
    spans: list[tuple[int, int]] = []
    for m in re.finditer(rf"\d|(?<!\w)(?:{words})", text, re.IGNORECASE):
        lo, hi = max(0, m.start() - scan.WINDOW_MARGIN), min(len(text), m.end() + scan.WINDOW_MARGIN)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        else:
            spans.append((lo, hi))
    return spans


@pytest.mark.parametrize("language", ["it", "en"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_needed_words_skip_no_candidate(language, data):
    text = data.draw(texts(language))
    rules = rules_for(language)[0]
    found = [(name, m.start, m.end) for m, name in scan.candidates(text, language, rules)]
    assert found == plain_candidates(text, language)


@pytest.mark.parametrize("language", ["it", "en"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_windows_are_those_of_the_plain_hint(language, data):
    text = data.draw(texts(language))
    assert scan.windows(text, language) == plain_windows(text, language)


@given(
    words=st.sets(st.text(alphabet="abcsſ'ìK", min_size=1, max_size=5), min_size=1, max_size=12),
    text=st.text(alphabet="abcsSſ'’ìÌkK ", max_size=60),
)
def test_trie_finds_what_the_alternation_finds(words, text):
    trie = re.compile(rf"(?<!\w)(?:{trie_alternation(words)})", re.IGNORECASE)
    plain = re.compile(rf"(?<!\w)(?:{alternation(words)})", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("odd", ["ſ", "İ"])
def test_a_text_with_odd_case_letters_runs_every_rule(odd):
    # "ſ" matches "s" case-insensitively but does not lower to it, "İ" lowers to two
    # characters: the needed words are not checked, and every rule runs
    text = f"{odd}: la settimana scorsa, nel 2024"
    rules = rules_for("it")[0]
    found = [(name, m.start, m.end) for m, name in scan.candidates(text, "it", rules)]
    assert found == plain_candidates(text, "it")
    assert "last_unit" in {name for name, _, _ in found}


def test_odd_letters_matched_by_ignorecase_are_no_time_expression():
    # "ſ" and "ı" match s and i case-insensitively but are not keys of the name tables
    anchor = Interval.day(date(2025, 3, 4))
    text = "La ſettimana ſcorſa è piovuto. Lunedı scorso no. Lunedì scorso sì."
    assert [m.text for m in find_timexes(text, "it", anchor)] == ["Lunedì scorso"]


def test_no_code_point_past_the_scanned_ones_has_a_case():
    """letters._case_partners reads code points below CASELESS_FROM only: past it, no
    character lower-cases, upper-cases or case-folds to anything else, so none matches
    another case-insensitively (re's extra pairs, "ſ"/"s", "K"/"k", are cased letters)."""
    import sys

    from cronaca.extract.letters import CASELESS_FROM

    cased = [
        hex(code)
        for code in range(CASELESS_FROM, sys.maxunicode + 1)
        if (c := chr(code)).lower() != c or c.upper() != c or c.casefold() != c
    ]
    assert cased == []


def test_case_partners_equal_a_reading_of_every_code_point():
    import re
    import sys

    from cronaca.extract.letters import _case_partners

    letters = frozenset(
        "abcdefghijklmnopqrstuvwxyzàèéìòùäöüßçñαβγδεζηθικλμνξοπρστυφχψωабвгдежзийклмнопрстуфхцчшщъыьэюя"
    )
    cls = re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]", re.IGNORECASE)
    everything = {c for code in range(sys.maxunicode + 1) if cls.fullmatch(c := chr(code))} - letters
    assert _case_partners(letters) == everything and {"ſ", "K", "İ"} <= everything
