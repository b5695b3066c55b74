"""`cronaca eval plover` on made-up records in the PLOVER GSR layout."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.eval.plover import RENAMED, read_gold
from cronaca.serve.cli import cli
from cronaca.serve.cli_eval import eval_group

GOLD = Path(__file__).parent.parent / "data" / "eval" / "plover_gsr.json"


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    """The command as `cronaca eval plover`, whatever SUBCOMMANDS holds today."""
    monkeypatch.setitem(eval_group.entries, "plover", "cronaca.eval.plover:eval_plover")


def run(*args, code=0):
    result = CliRunner().invoke(cli, ["eval", "plover", *args])
    assert result.exit_code == code, result.output
    return result


def test_reads_records_without_the_document_header():
    records = read_gold(str(GOLD))
    assert [r.event for r in records] == ["AID", "DISAPPROVE", "PROTEST", "CONCEDE"]
    assert records[0].source == {"POL"} and records[0].target == {"UKR"}
    assert records[2].target == set()  # "target": "" codes no actor
    assert records[1].type == RENAMED["DISAPPROVE"] == "ACCUSE"


def test_figures(tmp_path):
    out = tmp_path / "predictions.jsonl"
    figures = json.loads(run(str(GOLD), "--json", "--predictions", str(out)).stdout)
    assert figures["records"] == 4
    assert figures["covered"] == 3  # the march in Chile: a PROTEST trigger, but no actor role
    assert figures["type_correct"] == 2  # AID, and DISAPPROVE read as ACCUSE
    assert figures["type_accuracy"] == 0.5
    assert figures["source"] == {"records": 4, "matched": 3, "match": 0.75}
    assert figures["target"] == {"records": 3, "matched": 3, "match": 1.0}
    assert figures["mode"] == {"records": 2, "correct": 0, "accuracy": 0.0}
    assert figures["confusions"] == [["CONCEDE → CONSULT", 1]]
    assert dict(map(tuple, figures["failures"]))["no event found"] == 1
    assert figures["types_without_rules"] == []  # every PLOVER type has rules in both languages
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [r.id for r in read_gold(str(GOLD))]
    assert rows[0]["gold"]["source"] == ["POL"]
    assert rows[0]["predicted"][0]["type"] == "AID" and rows[0]["predicted"][0]["target"] == ["UKR"]
    assert rows[2]["predicted"] == []


def test_table_and_limit():
    text = run(str(GOLD), "--limit", "1").stdout
    assert "PLOVER GSR: 1 records" in text
    assert "event type accuracy     1/1 = 100.0%" in text


def test_not_a_gold_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}')
    result = run(str(bad), code=2)
    assert "expected a JSON list" in " ".join(result.output.split())
