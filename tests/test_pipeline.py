"""The extract engine: registered, versioned components whose contracts are checked."""

from datetime import date

import pytest

from cronaca.errors import PipelineError
from cronaca.extract.pipeline import REGISTRY, Pipeline
from cronaca.model import Article, Interval


def test_default_pipeline_names_versions():
    pipeline = Pipeline()
    assert pipeline.versions["events"] == "events@2"
    assert set(pipeline.versions) == {"sentences", "entities", "timexes", "quantities", "events"}


def test_missing_requirement_is_reported_before_running():
    with pytest.raises(PipelineError, match="needs"):
        Pipeline(["entities"])
    with pytest.raises(PipelineError, match="unknown component"):
        Pipeline(["sentences", "sentiment"])


def test_every_annotation_names_its_component_and_offsets_slice_the_text():
    text = (
        "Ieri il ministro turco ha incontrato a Baku il presidente azero.\n\n"
        "Secondo Ankara, 300 tecnici sono partiti."
    )
    article = Article(id="a_x", text=text, language="it", published=Interval.day(date(2025, 3, 4)))
    annotations = Pipeline()(article)
    labels = {info.label for info in REGISTRY.values()}
    assert annotations.mentions
    for m in annotations.mentions:
        assert m.component in labels
        assert text[m.start : m.end] == m.text
    assert [m.text for m in annotations.of_kind("sentence")][
        -1
    ] == "Secondo Ankara, 300 tecnici sono partiti."


def test_sentencizer_keeps_abbreviations():
    text = "Il dott. Rossi è arrivato a Roma. Poi è ripartito."
    annotations = Pipeline(["sentences"])(Article(id="a_y", text=text, language="it"))
    assert len(annotations.of_kind("sentence")) == 2


def test_resource_word_lists_keep_on_off_yes_no_as_words():
    # YAML 1.1 reads these as booleans; the preposition "on" and the negation "no" are words
    from cronaca.resources import _Loader, load_yaml, yaml

    assert yaml.load("[on, off, yes, no, true, false]", Loader=_Loader) == [
        "on",
        "off",
        "yes",
        "no",
        True,
        False,
    ]
    assert "on" in load_yaml("en/events.yaml")["target_preps"]
    assert "no" in load_yaml("en/cues.yaml")["negation"]


def _unseen_words_article(n: int, language: str) -> Article:
    """An article of word forms spaCy has not met: names and numbers made for it."""
    names = " e ".join(f"Qzorv{n}x{k}" for k in range(5))
    text = (
        f"Ieri {names} hanno incontrato a Baku il ministro turco Plimbu{n}.\n\n"
        f"Secondo Ankara, {1000 + n} tecnici sono partiti il 3 marzo, {n}7{n} droni no."
    )
    return Article(id=f"a_zone{n}", text=text, language=language, published=Interval.day(date(2025, 3, 4)))


@pytest.mark.parametrize("language", ["it", "en"])
def test_past_the_vocabulary_cap_an_article_leaves_nothing_in_spacy(monkeypatch, language):
    import cronaca.extract.pipeline as pipeline_mod
    from cronaca.extract.sentences import nlp_for

    pipeline = Pipeline()
    pipeline(_unseen_words_article(0, language))  # resources and the usual words loaded
    strings = nlp_for(language).vocab.strings
    monkeypatch.setattr(pipeline_mod, "VOCAB_CAP", 0)  # every article in a memory zone
    before = len(strings)
    zoned = [pipeline(_unseen_words_article(n, language)) for n in range(1, 4)]
    assert len(strings) == before
    assert "Qzorv1x0" not in strings
    monkeypatch.setattr(pipeline_mod, "VOCAB_CAP", 10**9)  # no zone: the words stay
    kept = [pipeline(_unseen_words_article(n, language)) for n in range(1, 4)]
    assert "Qzorv1x0" in strings and len(strings) > before
    assert zoned == kept  # the same tokens, sentences, mentions and events either way
    assert any(m.kind == "quantity" for m in zoned[0].mentions)
