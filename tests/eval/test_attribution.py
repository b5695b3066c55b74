import json
from pathlib import Path

from click.testing import CliRunner

from cronaca.eval.attribution import eval_attribution, overlaps, read_gold

GOLD = Path(__file__).parent.parent / "data" / "eval_attr" / "polnear"


def test_first_annotation_by_name_is_scored():
    (article,) = read_gold(GOLD)
    assert article.annotation.endswith("_aaaa.ann")
    assert {article.texts[f] for f in article.spans["source"]} == {"Mayor Lina Ostrava", "the port authority"}


def test_said_and_according_to_score_strict_and_write_brat(tmp_path):
    result = CliRunner().invoke(
        eval_attribution, [str(GOLD), "--json", "--quiet", "--predictions", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    for role in ("cue", "source"):
        assert scores[role]["strict"] == {
            "precision": 1.0,
            "recall": 1.0,
            "f1": 1.0,
            "gold": 2,
            "predicted": 2,
        }
    ann = (tmp_path / "made-up_2020-01-01_harbour-bridge.ann").read_text(encoding="utf-8")
    assert "\tSource " in ann and "\tCue " in ann and "Attribution:T" in ann
    assert "\tMayor Lina Ostrava\n" in ann


def test_table_and_a_folder_without_text_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(eval_attribution, [str(GOLD), "--quiet"])
    assert result.exit_code == 0 and result.output.startswith(" ") and "source" in result.output
    (tmp_path / "dev").mkdir()
    bad = CliRunner().invoke(eval_attribution, [str(tmp_path), "--quiet"])
    assert bad.exit_code != 0 and "polnear/dev" in str(bad.exception or bad.output)


def test_lenient_overlap_works_on_discontinuous_spans():
    assert overlaps(((0, 5), (10, 20)), ((15, 16),))
    assert not overlaps(((0, 5), (10, 20)), ((5, 10),))
