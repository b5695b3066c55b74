import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from cronaca.eval.factuality import eval_factuality, publication_date, read_gold, rebuild, to_meantime

GOLD = Path(__file__).parent.parent / "data" / "eval_attr" / "meantime"


def test_reading_rebuilds_text_and_dates_from_the_second_sentence():
    (gold,) = read_gold(GOLD)
    text, starts = rebuild(gold)
    assert publication_date(gold) == date(2020, 1, 1)
    assert [text[starts[e.token] :].split()[0] for e in gold.events] == [
        "opens",
        "confirm",
        "closure",
        "stop",
    ]
    assert [e.gold["polarity"] for e in gold.events] == ["POS", "NEG", "POS", "POS"]


def test_mapping_of_cronaca_values():
    assert to_meantime("denied") == {"certainty": "CERTAIN", "polarity": "NEG", "time": "NON_FUTURE"}
    assert to_meantime("rumoured")["certainty"] == "POSSIBLE"
    assert to_meantime("future") == {"certainty": "CERTAIN", "polarity": "POS", "time": "FUTURE"}
    # a condition or a question: neither certain nor uncertain, neither done nor not done
    assert to_meantime("hypothetical") == {
        "certainty": "UNDERSPECIFIED",
        "polarity": "UNDERSPECIFIED",
        "time": "FUTURE",
    }


def test_every_event_gets_a_prediction_with_the_baseline_beside(tmp_path):
    out = tmp_path / "pred.tsv"
    result = CliRunner().invoke(eval_factuality, [str(GOLD), "--json", "--quiet", "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["events"] == 4
    assert scores["certainty"]["accuracy"] == 1.0  # "could" → POSSIBLE, the rest CERTAIN
    assert scores["certainty"]["baseline"]["accuracy"] == 0.75
    # "did not confirm" marks its whole sentence: the negated event and its object
    assert scores["polarity"]["accuracy"] == 0.75
    assert scores["polarity"]["classes"]["NEG"]["recall"] == 1.0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 5 and rows[0].startswith("file\ttok_id")
    assert "possible" in rows[4] and "could" in rows[4]
