"""Crash safety: an ingest killed with SIGKILL at several moments, then resumed, ends with
the same articles, annotations and claims as a clean run; an extraction error rejects one
article and the run goes on."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.processes import children

from cronaca import Cronaca
from cronaca.ingest import read

# made-up reports: a few pairs of actors, so claims gather mentions from several articles
SENTENCES = [
    "La Polonia ha inviato {n} carri armati in Ucraina, ha detto il governo di Varsavia.",
    "La Corea del Nord ha inviato {n} soldati in Russia, secondo l'intelligence di Seul.",
    "L'Iran ha fornito {n} droni alla Russia, secondo fonti ucraine.",
    "La Russia ha attaccato Kiev con {n} missili, ha riferito l'aeronautica ucraina.",
]


N = 40  # articles: more than one write batch (api.WRITE_BATCH), so a kill can fall between two


def corpus(folder: Path, n: int = N) -> Path:
    path = folder / "news.jsonl"
    lines = []
    for i in range(n):
        text = " ".join(s.format(n=100 + 10 * i + k) for k, s in enumerate(SENTENCES[i % 2 :: 1 + i % 2]))
        lines.append({"title": f"Notizia {i}", "text": text, "date": f"2025-0{1 + i % 9}-1{i % 10}"})
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:

        def rows(sql: str) -> list[tuple]:
            return sorted(conn.execute(sql).fetchall())

        return {
            "articles": rows("select id, extracted_at is not null from articles"),
            "mentions": rows("select id, article_id, kind, start, end, label, entity_id from mentions"),
            "events": rows("select id, article_id, type, source_actors, target_actors, quantity from events"),
            "event_actors": rows("select event_id, actor_id, role from event_actors"),
            "entities": rows("select id from entities"),
            "claims": rows("select id, type, time_start, time_end, quantity from claims"),
            "claim_events": rows("select claim_id, event_id from claim_events"),
        }


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute(f"select count(*) from {table}").fetchone()[0]
    except sqlite3.Error:  # not created yet, or busy
        return -1


def ingest_cli(db: Path, source: Path, workers: int = 1) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "cronaca.serve.cli", "--db", str(db), "--quiet", "ingest", str(source)]
    cmd += ["--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("clean")
    source = corpus(folder)
    db = folder / "clean.db"
    report = Cronaca(str(db)).ingest([str(source)])
    assert report.new == N and report.claims >= 4, report.to_dict()
    return source, snapshot(db)


@pytest.mark.parametrize("stored", [1, 17, N])
def test_kill_at_any_moment_then_resume_equals_a_clean_run(
    tmp_path: Path, clean: tuple[Path, dict[str, Any]], stored: int
) -> None:
    source, expected = clean
    db = tmp_path / "killed.db"
    proc = ingest_cli(db, source)
    deadline = time.monotonic() + 120
    try:
        while count(db, "articles") < stored and proc.poll() is None:
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    killed = snapshot(db)
    # never an article without its annotations, whatever the moment
    assert all(done for _, done in killed["articles"]), killed["articles"]
    report = Cronaca(str(db)).ingest([str(source)])  # the resume
    assert report.rejected == 0, report.to_dict()
    assert snapshot(db) == expected


def test_an_article_left_without_annotations_is_completed(tmp_path: Path, clean) -> None:
    """A store written by an older version that crashed between article and annotations."""
    source, expected = clean
    db = tmp_path / "old.db"
    kb = Cronaca(str(db))
    first = next(iter(read([str(source)])))
    assert kb.store.add_article(first) is True  # stored, not annotated
    assert kb.store.article_status(first.id) == "incomplete"
    report = kb.ingest([str(source)])
    assert report.new == N and report.duplicate == 0
    assert snapshot(db) == expected


def test_an_extraction_error_rejects_that_article_and_the_run_goes_on(tmp_path: Path, clean) -> None:
    source, _ = clean
    kb = Cronaca(str(tmp_path / "kb.db"))
    real = kb.pipeline.__class__.__call__

    def flaky(self, article):  # type: ignore[no-untyped-def]
        if article.title == "Notizia 3":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, article)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kb.pipeline.__class__, "__call__", flaky)
        report = kb.ingest([str(source)])
    assert report.new == N - 1 and report.rejected == 1
    (skipped,) = report.skipped
    assert (
        skipped.source.endswith("news.jsonl:4") and "could not be annotated (RecursionError" in skipped.reason
    )
    assert kb.stats()["articles"] == N - 1


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_kill_during_a_run_with_workers_then_resume_equals_a_clean_run(tmp_path: Path) -> None:
    """Workers extract, one writer stores: a SIGKILL of the writer leaves whole articles only,
    its workers exit with it, and the resume ends where a clean run ends."""
    source = corpus(tmp_path, n=120)  # enough articles for workers to start (api.WORKERS_FROM)
    Cronaca(str(tmp_path / "clean.db")).ingest([str(source)])
    db = tmp_path / "killed.db"
    proc = ingest_cli(db, source, workers=2)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    try:
        while count(db, "articles") < 20 and proc.poll() is None:
            assert time.monotonic() < deadline, "the ingest made no progress"
            workers |= children(proc.pid)
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert len(workers) >= 2  # the resource tracker and the workers
    killed = snapshot(db)
    assert 20 <= len(killed["articles"]) < 120, "killed after the run ended: make the corpus longer"
    assert all(done for _, done in killed["articles"]), killed["articles"]
    while time.monotonic() < deadline and any(map(alive, workers)):
        time.sleep(0.05)
    assert not any(map(alive, workers)), "workers outlived their writer"
    report = Cronaca(str(db)).ingest([str(source)])
    assert report.rejected == 0, report.to_dict()
    assert snapshot(db) == snapshot(tmp_path / "clean.db")
