"""`cronaca eval petrarch` on made-up records in both PETRARCH validation layouts."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.eval.petrarch import cameo_root, read_records
from cronaca.serve.cli import cli
from cronaca.serve.cli_eval import eval_group

DATA = Path(__file__).parent.parent / "data" / "eval"


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    monkeypatch.setitem(eval_group.entries, "petrarch", "cronaca.eval.petrarch:eval_petrarch")


def run(*args, code=0):
    result = CliRunner().invoke(cli, ["eval", "petrarch", *args])
    assert result.exit_code == code, result.output
    return result


def test_cameo_roots():
    assert cameo_root("064") == "06" and cameo_root("1717") == "17" and cameo_root("0712") == "07"
    assert cameo_root("903") is None and cameo_root("223") is None and cameo_root("174K") == "17"
    assert cameo_root("") is None and cameo_root("X1") is None


def test_reads_unit_test_layout():
    records = read_records(str(DATA / "petr_unit.xml"))
    assert [r.id for r in records] == ["TEST-01", "TEST-02", "TEST-03", "TEST-04"]
    assert records[0].text == "Poland sent 200 tanks to Ukraine."  # line breaks folded
    assert records[0].codes == ["0712"]  # the commented-out coding is ignored
    assert records[2].codings == []  # noevents
    assert records[3].roots == set() and records[3].other_codes == ["903"]
    assert str(records[0].day) == "2024-03-02"


def test_unit_test_figures(tmp_path):
    out = tmp_path / "petr.jsonl"
    figures = json.loads(run(str(DATA / "petr_unit.xml"), "--json", "--predictions", str(out)).stdout)
    assert figures["records"] == 4 and figures["scored"] == 2
    assert figures["agree"] == 1 and figures["agreement"] == 0.5  # tanks → 07; Arnor/Gondor unknown
    assert figures["pairs"]["tp"] == 1 and figures["pairs"]["fp"] == 0 and figures["pairs"]["fn"] == 1
    assert figures["noevents"] == {"records": 1, "false_alarms": 0}
    assert figures["non_cameo"]["records_only_non_cameo"] == 1
    assert figures["actors_on_agreeing"] == {"source": 1, "target": 1, "records": 1}
    assert figures["missed_roots"] == [["11", 1]]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["predicted_roots"] == ["07"] and rows[1]["predicted_roots"] == []


def test_gsr_layout_and_table():
    text = run(str(DATA / "petr2_gsr.xml")).stdout
    assert "PETRARCH records: 2 (1 with an expected CAMEO code, 1 with none" in text
    assert "root agreement                    1/1 = 100.0%" in text


def test_no_records_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<Validation></Validation>")
    assert "no <Sentence> records" in " ".join(run(str(bad), code=2).output.split())
