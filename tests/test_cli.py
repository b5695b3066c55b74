"""The CLI end to end on articles written for the tests: summary, exit codes, listings,
JSON, export contract, and errors that say what to do."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cronaca.serve.cli import cli

DATA = Path(__file__).parent / "data" / "cli"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "kb.db")
    result = CliRunner().invoke(cli, ["--db", path, "ingest", str(DATA), "--json"])
    assert result.exit_code == 1, result.output  # 1: some inputs were rejected
    report = json.loads(result.stdout)
    assert report["new"] == 2 and report["rejected"] == 2
    reasons = " ".join(r["reason"] for r in report["rejections"])
    assert "JSON" in reasons and "binary" in reasons.lower()
    return path


def run(db, *args):
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_reingest_adds_nothing(db):
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(DATA / "01_polonia.txt"), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["new"] == 0 and report["duplicate"] == 1


def test_two_languages_one_claim(db):
    claims = json.loads(run(db, "claims", "--type", "AID", "--actor", "POL", "--json"))
    tanks = [c for c in claims if (c["quantity"] or {}).get("unit") == "tanks"]
    assert len(tanks) == 1
    claim = tanks[0]
    assert claim["n_articles"] == 2
    assert {a["id"] for a in claim["source_actors"]} == {"POL"}
    assert {a["id"] for a in claim["target_actors"]} == {"UKR"}
    assert claim["time"]["start"] == "2025-03-01" and claim["time"]["precision"] == "month"
    assert claim["quantity"]["lower"] == 135 and claim["quantity"]["upper"] == 160


def test_events_filters_and_sentence_links(db):
    events = json.loads(run(db, "events", "--actor", "Poland", "--json"))
    assert events
    articles = {a["id"]: a for a in json.loads(run(db, "articles", "--json"))}
    for ev in events:
        text = json.loads(run(db, "show", ev["article_id"], "--json"))["text"]
        assert text[ev["span"]["start"] : ev["span"]["end"]] == ev["text"]
        assert ev["article_id"] in articles
    assert json.loads(run(db, "events", "--since", "2026", "--json")) == []
    assert json.loads(run(db, "events", "--type", "FIGHT", "--json")) == []


def test_tables_timeline_and_explain(db):
    assert "tanks" in run(db, "timeline")
    assert "articles" in run(db, "articles")
    claim_id = json.loads(run(db, "claims", "--json"))[0]["id"]
    assert "merge decisions" in run(db, "claims", "show", claim_id, "--explain")
    article_id = json.loads(run(db, "events", "--actor", "POL", "--json"))[0]["article_id"]
    out = run(db, "show", article_id, "--explain")
    assert "rule" in out and "attribution" in out and "factuality" in out


def test_export_jsonl_follows_the_contract(db):
    lines = [json.loads(line) for line in run(db, "export", "--format", "jsonl").splitlines()]
    kinds = {r["kind"] for r in lines}
    assert kinds == {"article", "entity", "mention", "event", "claim"}
    assert all("id" in r for r in lines)
    event = next(r for r in lines if r["kind"] == "event")
    for key in (
        "type",
        "mode",
        "source_actors",
        "target_actors",
        "place",
        "time",
        "quantity",
        "factuality",
        "attribution",
        "article_id",
        "span",
        "text",
    ):
        assert key in event
    claim = next(r for r in lines if r["kind"] == "claim")
    assert claim["event_ids"] and claim["article_ids"]


def test_export_csv(db, tmp_path):
    target = tmp_path / "events.csv"
    run(db, "export", "--format", "csv", "--kind", "event", "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert rows and rows[0]["type"] and rows[0]["article_id"]


def test_usage_errors_exit_2(db, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / "nothing-here")])
    assert missing.exit_code == 2 and "nothing-here" in missing.output
    bad_date = runner.invoke(cli, ["--db", db, "events", "--since", "yesterday"])
    assert bad_date.exit_code == 2 and "YYYY" in bad_date.output
    unknown = runner.invoke(cli, ["--db", db, "show", "a_doesnotexist"])
    assert unknown.exit_code == 2 and "cronaca articles" in unknown.output


def test_demo_runs_on_the_bundled_corpus(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "demo.db"), "demo"])
    assert result.exit_code == 0, result.output
    assert "Iran" in result.stdout and "serve" in result.output


MARKUP = "[/bold] [red]rosso[/red] :smile: \x1b[2J"


def test_article_fields_are_printed_as_they_are_never_as_markup(tmp_path):
    """A URL, a title, a file name or a WARC URI with rich markup, emoji codes or an ESC
    neither crashes nor changes the summary and tables; ESC never reaches the terminal."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "in [red] [bold]"
    folder.mkdir()
    record = {
        "title": f"Titolo {MARKUP}",
        "text": "La Polonia ha inviato 100 carri armati in Ucraina, ha detto il governo [military].",
        "url": f"https://example.org/{MARKUP}",
        "outlet": f"Outlet {MARKUP}",
        "date": "2025-03-02",
    }
    (folder / "a.jsonl").write_text(json.dumps(record) + "\n{broken [/bold]\n", encoding="utf-8")
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    uri = "https://example.org/[/bold]/[red]"
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(b"  "), http_headers=http))
    (folder / "b.warc.gz").write_bytes(out.getvalue())
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder)])
    assert result.exit_code == 1, result.output  # two rejections, no crash
    said = "".join(result.stderr.split())  # the console wraps long lines

    def nows(text: str) -> str:
        return "".join(text.split())

    assert nows(f"{uri}: archived page is empty") in said
    assert nows(f"rejected {folder}/a.jsonl:2: invalid JSON") in said
    for args in (["articles"], ["timeline"], ["events"], ["claims"]):
        text = run(db, *args)
        assert "\x1b" not in text, args
    titles = run(db, "articles")
    assert "[red]rosso[/red]" in titles.replace("\n", "") or "[red]" in titles
    article_id = json.loads(run(db, "articles", "--json"))[0]["id"]
    shown = run(db, "show", article_id)
    assert "Titolo [/bold] [red]rosso[/red] :smile: [2J" in shown  # ingest drops the ESC
    assert "\x1b" not in shown
    assert "[military]" in shown


def test_unknown_language_is_a_note_and_the_run_goes_on(tmp_path):
    body = "La Polonia ha inviato 100 carri armati in Ucraina a marzo 2025, ha detto il governo di Varsavia."
    lines = [
        {"text": body, "language": "xx"},
        {"text": body.replace("100", "200"), "language": "zz-ZZ"},
        {"text": body.replace("100", "300"), "language": "fr"},
        {"text": body.replace("100", "400"), "language": "it"},
        {"text": body.replace("100", "500"), "language": "ko"},  # real, and no lemma dictionary
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    db = str(tmp_path / "kb.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["new"] == 5 and report["rejected"] == 0
    notes = {n["source"].rsplit(":", 1)[1]: n["message"] for n in report["notes"]}
    assert "unknown language code 'xx'" in notes["1"] and "unknown language code 'zz-ZZ'" in notes["2"]
    assert "no extraction rules for language 'fr'" in notes["3"] and "4" not in notes
    assert "no extraction rules for language 'ko'" in notes["5"]
    bad = CliRunner().invoke(cli, ["--db", db, "ingest", str(path), "--language", "xx"])
    assert bad.exit_code == 2 and "not a language code" in bad.stderr


def test_render_replaces_control_characters_from_any_store():
    from cronaca.serve import render

    row = {"title": "a\x1b[2Jb\x9bc", "list": ["\x07"], "n": 1}
    assert render.clean(row) == {"title": "a\ufffd[2Jb\ufffdc", "list": ["\ufffd"], "n": 1}


def test_huge_offset_is_a_usage_error(db):
    for args in (["events", "--offset", "9223372036854775808"], ["articles", "--offset", "-1"]):
        result = CliRunner().invoke(cli, ["--db", db, *args])
        assert result.exit_code == 2 and "offset must be between 0 and" in result.stderr, result.output


def test_reextract_replaces_annotations_in_place(db):
    before = {k: json.loads(run(db, k, "--json", "--limit", "1000")) for k in ("events", "claims")}
    result = CliRunner().invoke(cli, ["--db", db, "reextract"])
    assert result.exit_code == 0, result.output
    after = {k: json.loads(run(db, k, "--json", "--limit", "1000")) for k in ("events", "claims")}
    assert [e["id"] for e in after["events"]] == [e["id"] for e in before["events"]]
    assert [c["id"] for c in after["claims"]] == [c["id"] for c in before["claims"]]


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cronaca", "--db", str(tmp_path / "kb.db"), "status"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "articles" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "cronaca", "no-such-command"], capture_output=True, text=True)
    assert bad.returncode == 2 and "No such command" in bad.stderr
