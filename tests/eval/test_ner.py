"""`cronaca eval ner`: the exact-span scorer, BIO reading and the click command."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.errors import InputError
from cronaca.eval.ner import eval_ner, read_bio, score, spans, to_tags
from cronaca.model import Mention

GOLD = Path(__file__).parent.parent / "data" / "ner" / "gold.tsv"


def test_spans_follow_conlleval():
    assert spans(["B-PER", "I-PER", "O", "B-LOC"]) == {("PER", 0, 2), ("LOC", 3, 4)}
    # an I- after O, or after another type, starts a chunk
    assert spans(["O", "I-ORG", "I-ORG", "I-LOC"]) == {("ORG", 1, 3), ("LOC", 3, 4)}
    # B- after B- of the same type: two chunks
    assert spans(["B-PER", "B-PER", "I-PER"]) == {("PER", 0, 1), ("PER", 1, 3)}


def test_exact_span_scores_per_type_and_overall():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG", "O"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "I-ORG", "O", "O"]]
    scores = score(gold, pred)
    assert scores["PER"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "gold": 1,
        "predicted": 1,
        "correct": 1,
    }
    # a partial span is a miss and a false alarm; a wrong type likewise
    assert scores["ORG"]["correct"] == 0 and scores["ORG"]["predicted"] == 2 and scores["ORG"]["gold"] == 1
    assert scores["LOC"]["recall"] == 0.0 and scores["LOC"]["precision"] == 0.0
    assert scores["overall"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["overall"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert list(scores) == ["PER", "LOC", "ORG", "overall"]


def test_perfect_and_empty_predictions():
    gold = [["B-LOC", "O"], ["O", "B-PER"]]
    assert score(gold, gold)["overall"]["f1"] == 1.0
    empty = score(gold, [["O", "O"], ["O", "O"]])
    assert empty["overall"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "gold": 2,
        "predicted": 0,
        "correct": 0,
    }


def test_mentions_become_tags_on_overlapping_tokens():
    # "Il sindaco di Bari Nicola Tranfa" with tokens at these offsets
    offsets = [(0, 2), (3, 10), (11, 13), (14, 18), (19, 25), (26, 32)]
    mentions = [
        Mention("entity", 14, 18, "Bari", label="city"),
        Mention("entity", 19, 32, "Nicola Tranfa", label="person"),
        Mention("entity", 3, 10, "sindaco", label="demonym"),  # not a KIND entity
        Mention("sentence", 0, 32, "..."),
    ]
    assert to_tags(mentions, offsets) == ["O", "O", "O", "B-LOC", "B-PER", "I-PER"]


def test_read_bio_two_or_three_columns(tmp_path):
    two = read_bio(GOLD)
    assert len(two) == 8 and two[0][2] == ("Marta", "B-PER")
    three = tmp_path / "three.tsv"
    three.write_text("1\tMarta\tB-PER\n2\tFerrandi\tI-PER\n\n1\tciao\tO\n", encoding="utf-8")
    assert read_bio(three) == [[("Marta", "B-PER"), ("Ferrandi", "I-PER")], [("ciao", "O")]]
    bad = tmp_path / "bad.tsv"
    bad.write_text("Marta\tPERSON\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a BIO tag"):
        read_bio(bad)


def test_eval_command_scores_rules_and_writes_predictions(tmp_path):
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(eval_ner, [str(GOLD), "--predictions", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["type", "P", "R", "F1", "gold", "pred", "ok"]
    assert "overall" in result.output
    gold, pred = read_bio(GOLD), read_bio(out)
    assert [[t for t, _ in s] for s in pred] == [[t for t, _ in s] for s in gold]
    tags = {t: tag for s in pred for t, tag in s}
    assert tags["Bari"] == "B-LOC" and tags["Lisbona"] == "B-LOC"  # the gazetteer knows them
    # a person the registry does not know is still found, unlinked, from the first-name lexicon
    assert tags["Marta"] == "B-PER" and tags["Ferrandi"] == "I-PER"


def test_eval_command_limit_and_json(tmp_path):
    result = CliRunner().invoke(eval_ner, [str(GOLD), "--limit", "2", "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    assert '"overall"' in result.output


def test_model_only_needs_a_model():
    result = CliRunner().invoke(eval_ner, [str(GOLD), "--model-only", "--quiet"])
    assert result.exit_code != 0
    assert "--ner spacy:" in str(result.exception)
