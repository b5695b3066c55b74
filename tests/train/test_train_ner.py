"""`cronaca train ner`: a tiny spaCy model trained on hand-written sentences, then used
through the pipeline's ``ner`` option. Nothing is downloaded."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.errors import ConfigError, ResourceError
from cronaca.extract.pipeline import Pipeline
from cronaca.model import Article
from cronaca.train.ner import clean_tags, train, train_ner

DATA = Path(__file__).parent.parent / "data" / "ner"


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("model") / "tiny_ner"
    result = train(DATA / "train.tsv", output, epochs=20, seed=1, batch_size=4, log=lambda message: None)
    assert result["epoch"] == 20
    return output


def test_clean_tags_repairs_bio():
    assert clean_tags(["O", "I-PER", "I-PER", "I-LOC"]) == ["O", "B-PER", "I-PER", "B-LOC"]


def test_trained_model_is_a_spacy_pipeline(model):
    import spacy

    nlp = spacy.load(model)
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    assert nlp.meta["name"] == "tiny_ner"
    doc = nlp("Il ministro Carlo Abbadessa è arrivato a Bruxelles per il vertice .")
    assert ("Carlo Abbadessa", "PER") in {(e.text, e.label_) for e in doc.ents}


def test_pipeline_option_adds_ner_mentions_beside_the_rules(model):
    text = (
        "Il presidente della Fondazione Serralunga, Giulio Casterra, ha annunciato un bando.\n\n"
        "La sindaca Marta Ferrandi ha inaugurato ieri il nuovo ponte di Bari."
    )
    pipeline = Pipeline(["sentences", "entities"], options={"ner": f"spacy:{model}"})
    assert pipeline.names == ("sentences", "entities", "ner")
    mentions = pipeline(Article(id="a_t", text=text, language="it")).of_kind("entity")
    stat = [m for m in mentions if m.component == "ner@1"]
    assert {(m.text, m.label) for m in stat} >= {("Giulio Casterra", "person"), ("Marta Ferrandi", "person")}
    for m in stat:
        assert text[m.start : m.end] == m.text
        assert m.entity_id is None and m.value["linked"] is False
        assert m.value["source"] == f"spacy:{model}"
        assert m.rule == "it_tiny_ner@1.0.0"
    # complement: the rules keep Bari, and the model adds nothing over it
    bari = [m for m in mentions if m.text == "Bari"]
    assert [m.component for m in bari] == ["entities@3"]


def test_replace_mode_keeps_only_the_model(model):
    text = "La sindaca Marta Ferrandi ha inaugurato ieri il nuovo ponte di Bari."
    options = {"ner": f"spacy:{model}", "ner_mode": "replace"}
    mentions = Pipeline(["sentences", "entities"], options=options)(
        Article(id="a_r", text=text, language="it")
    ).of_kind("entity")
    assert mentions and {m.component for m in mentions} == {"ner@1"}
    linked = [m for m in mentions if m.text == "Bari"]
    if linked:  # when the model finds Bari, it is linked to the registry's Italy
        assert linked[0].entity_id == "ITA" and linked[0].value["linked"] is True


def test_train_command_prints_dev_scores(tmp_path):
    output = tmp_path / "m"
    result = CliRunner().invoke(
        train_ner,
        [str(DATA / "train.tsv"), "--output", str(output), "--epochs", "2", "--dev", str(DATA / "gold.tsv")],
    )
    assert result.exit_code == 0, result.output
    assert "saved" in result.output and "dev" in result.output
    assert (output / "config.cfg").exists()


def test_missing_model_is_a_clear_error(tmp_path):
    pipeline = Pipeline(["sentences", "entities"], options={"ner": f"spacy:{tmp_path / 'nothing'}"})
    with pytest.raises(ResourceError, match="cronaca train ner"):
        pipeline(Article(id="a_m", text="Ciao.", language="it"))
    with pytest.raises(ConfigError, match="spacy:NAME_OR_PATH"):
        Pipeline(["sentences", "entities"], options={"ner": "flair:x"})(
            Article(id="a_n", text="x", language="it")
        )
