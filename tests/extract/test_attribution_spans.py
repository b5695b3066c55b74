"""Attribution spans (cue, source) of single sentences written for these tests, in Italian and
English: verbs of saying beyond "say" ("noted", "ha sottolineato"), auxiliaries and a colon
inside the cue ("has said:", "ha detto"), particles ("called for", "ha parlato di"), and
noun forms that are no cues ("the state of", "his claims"), speaker labels ("ROSSI: ...") and
a quote's signature ("“...” ― Carla Rossi").
"""

from __future__ import annotations

import pytest

from cronaca.extract.events.attribution_spans import doc_attributions
from cronaca.extract.pipeline import Doc, Pipeline
from cronaca.extract.sentences import nlp_for
from cronaca.model import Article


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(["sentences"])


def spans(pipeline, text: str, language: str) -> list[tuple[str, str | None]]:
    article = Article(id="s", text=text, language=language)
    annotations = pipeline(article)
    doc = Doc(article, tokens=nlp_for(language)(text), mentions=list(annotations.mentions))
    return [(a.cue.text, a.source.text if a.source else None) for a in doc_attributions(doc)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The minister noted that exports had fallen.", "en", [("noted", "The minister")]),
        ("The central bank warned that rates could rise.", "en", [("warned", "The central bank")]),
        (
            "Il ministro ha sottolineato che le esportazioni sono calate.",
            "it",
            [("ha sottolineato", "Il ministro")],
        ),
        (
            "La banca centrale ha avvertito che i tassi potrebbero salire.",
            "it",
            [("ha avvertito", "La banca centrale")],
        ),
    ],
)
def test_verbs_of_saying_beyond_say(pipeline, text, language, expected):
    assert spans(pipeline, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the auxiliaries before the verb belong to the cue, not to the source
        ("The governor has also said the plant will close.", "en", [("has also said", "The governor")]),
        ("Il governatore ha detto che lo stabilimento chiuderà.", "it", [("ha detto", "Il governatore")]),
        # a colon right after the verb joins the cue
        ("The mayor said: the bridge stays closed.", "en", [("said:", "The mayor")]),
        # a particle joins the cue; "pointed" alone is no cue
        ("Union leaders called for a new vote.", "en", [("called for", "Union leaders")]),
        ("Economists pointed to rising prices.", "en", [("pointed to", "Economists")]),
        ("The arrow pointed north.", "en", []),
        ("Il generale ha parlato di una nuova offensiva.", "it", [("ha parlato di", "Il generale")]),
    ],
)
def test_auxiliaries_colons_and_particles_join_the_cue(pipeline, text, language, expected):
    assert spans(pipeline, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The state of the roads worried drivers.", "en", []),
        ("His claims about the budget were wrong.", "en", []),
        ("He claims that the budget is balanced.", "en", [("claims", "He")]),
        ("Le critiche al bilancio erano infondate.", "it", []),
    ],
)
def test_noun_forms_are_cues_only_after_a_subject(pipeline, text, language, expected):
    assert spans(pipeline, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("MORETTI: We will not raise taxes this year.", "en", [(":", "MORETTI")]),
        ("Survey: most farmers expect a dry summer.", "en", [(":", "Survey")]),
        ("BIANCHI: Non alzeremo le tasse quest'anno.", "it", [(":", "BIANCHI")]),
        ("The plan has three parts: taxes, roads and schools.", "en", []),
    ],
)
def test_a_speaker_label_is_a_source(pipeline, text, language, expected):
    assert spans(pipeline, text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("“The river has never been this low.” ― Carla Rossi\n“We need rain.” ― Marco Neri\n", "en"),
        ("«Il fiume non è mai stato così basso.» ― Carla Rossi\n«Serve pioggia.» ― Marco Neri\n", "it"),
    ],
)
def test_a_dash_after_a_quote_signs_it(pipeline, text, language):
    assert spans(pipeline, text, language) == [("―", "Carla Rossi"), ("―", "Marco Neri")]
