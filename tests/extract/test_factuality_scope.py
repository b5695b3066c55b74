"""Factuality of single words: conditions and questions (``hypothetical``), expectations and
beliefs (``probable``), fears of something (``possible``), and how far each cue reaches.
Sentences written for these tests, in Italian and in English.

These call :func:`cronaca.extract.events.factuality.factuality_at` on any word, as the MEANTIME
scorer does, after the ``sentences`` component only: they do not depend on which entities or
events the rules find.
"""

from __future__ import annotations

import pytest

from cronaca.extract.events.cues import load_cues
from cronaca.extract.events.factuality import factuality_at
from cronaca.extract.pipeline import Doc, Pipeline
from cronaca.extract.sentence_view import SentenceView
from cronaca.extract.sentences import nlp_for
from cronaca.model import Article


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(["sentences"])


def told(pipeline, text: str, language: str, word: str) -> str:
    """The factuality of the first token ``word`` in ``text``."""
    article = Article(id="f", text=text, language=language)
    annotations = pipeline(article)
    doc = Doc(article, tokens=nlp_for(language)(text), mentions=list(annotations.mentions))
    at = text.index(word)
    sentence = doc.sentence_at(at)
    assert sentence is not None
    view = SentenceView(doc, sentence, [])
    return factuality_at(view, view.index_at(at), load_cues(language))[0]


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        # the condition is neither done nor not done; the consequence is told as it is
        (
            "Se il parlamento approva la legge, il governo ha promesso nuovi fondi.",
            "it",
            {"approva": "hypothetical", "promesso": "asserted"},
        ),
        (
            "Qualora i colloqui falliscano, la Turchia chiuderà il confine.",
            "it",
            {"falliscano": "hypothetical", "chiuderà": "future"},
        ),
        (
            "If the talks fail, Turkey will close the border.",
            "en",
            {"fail": "hypothetical", "close": "future"},
        ),
        (
            "Sanctions stay in place unless Iran signs the deal.",
            "en",
            {"stay": "asserted", "signs": "hypothetical"},
        ),
        # a negation inside the condition does not make it negated
        (
            "Se l'accordo non sarà firmato entro venerdì, Kiev lascerà il tavolo.",
            "it",
            {"firmato": "hypothetical"},
        ),
        ("If a deal is not signed by Friday, Kyiv will leave the table.", "en", {"signed": "hypothetical"}),
        # an indirect question: the meeting and the deciding happen, the approval is open
        (
            "Il tribunale si è riunito lunedì per decidere se la fusione debba essere approvata.",
            "it",
            {"riunito": "asserted", "approvata": "hypothetical"},
        ),
        (
            "The court met on Monday to decide whether the merger should be approved.",
            "en",
            {"met": "asserted", "approved": "hypothetical"},
        ),
        # a direct question
        ("La Turchia invierà truppe in Libia?", "it", {"invierà": "hypothetical"}),
        ("Will Turkey send troops to Libya?", "en", {"send": "hypothetical"}),
    ],
)
def test_conditions_and_questions_are_hypothetical(pipeline, text, language, words):
    assert {w: told(pipeline, text, language, w) for w in words} == words


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("Si prevede che la banca centrale alzerà i tassi.", "it", {"alzerà": "probable"}),
        (
            "It is expected that the central bank will raise rates.",
            "en",
            {"expected": "asserted", "raise": "probable"},
        ),
        ("Analysts expect prices to fall in May.", "en", {"expect": "asserted", "fall": "probable"}),
        ("La fusione dovrebbe chiudersi a maggio.", "it", {"chiudersi": "probable"}),
        ("The merger should close in May.", "en", {"close": "probable"}),
        ("Si ritiene che la nave trasporti armi.", "it", {"trasporti": "probable"}),
        ("The ship is believed to carry weapons.", "en", {"carry": "probable"}),
        ("Il fallimento della banca è ormai quasi certo.", "it", {"fallimento": "probable"}),
        ("The collapse of the bank now looks almost certain.", "en", {"collapse": "probable"}),
    ],
)
def test_expectations_and_beliefs_are_probable(pipeline, text, language, words):
    assert {w: told(pipeline, text, language, w) for w in words} == words


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        (
            "Gli investitori avevano timore di nuove sanzioni e hanno chiuso le posizioni.",
            "it",
            {"sanzioni": "possible"},
        ),
        (
            "Investors were afraid of new sanctions, so they closed their positions.",
            "en",
            {"sanctions": "possible", "closed": "asserted"},
        ),
        ("Investors are worried that the bank will collapse.", "en", {"collapse": "possible"}),
        ("Gli investitori temono che la banca fallisca.", "it", {"fallisca": "possible"}),
    ],
)
def test_what_is_feared_is_possible_not_the_fearing(pipeline, text, language, words):
    assert {w: told(pipeline, text, language, w) for w in words} == words


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("The merger closed in May after a vote.", "en", {"closed": "asserted"}),
        ("Analysts expect prices to fall in May.", "en", {"fall": "probable"}),
        ("Prices may fall after the vote.", "en", {"fall": "possible"}),
        ("May prices fall further?", "en", {"fall": "hypothetical"}),
    ],
)
def test_a_capitalised_word_is_a_name_not_a_cue(pipeline, text, language, words):
    assert {w: told(pipeline, text, language, w) for w in words} == words


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("Iran plans to send drones to Venezuela.", "en", {"plans": "asserted", "send": "intended"}),
        ("L'Iran intende inviare droni in Venezuela.", "it", {"intende": "asserted", "inviare": "intended"}),
    ],
)
def test_a_cue_does_not_reach_its_own_words(pipeline, text, language, words):
    assert {w: told(pipeline, text, language, w) for w in words} == words
