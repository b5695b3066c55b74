"""Extraction in worker processes: the store ends up exactly as with one process, an error
or a dead worker costs only its own article, and the order of results is the input's."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from cronaca import Cronaca, api
from cronaca.errors import PipelineError
from cronaca.extract import workers
from cronaca.ingest import read
from cronaca.model import Article

ROOT = Path(__file__).parent.parent.parent
SOURCES = [ROOT / "src" / "cronaca" / "demo", ROOT / "tests" / "data" / "cli"]
SENTENCES = [
    "La Polonia ha inviato {n} carri armati in Ucraina, ha detto il governo di Varsavia.",
    "La Corea del Nord avrebbe inviato {n} soldati in Russia, secondo l'intelligence di Seul.",
    "L'Iran ha fornito {n} droni alla Russia, secondo fonti ucraine.",
    "La Russia ha attaccato Kiev con {n} missili, ha riferito l'aeronautica ucraina.",
    "Il Giappone non ha confermato l'invio di {n} navi nel Mar Cinese.",
]
# columns that say when a row was written, not what it holds
WHEN = {"ingested_at", "extracted_at", "at"}


def corpus(folder: Path, n: int = 40) -> Path:
    path = folder / "news.jsonl"
    lines = []
    for i in range(n):
        picked = SENTENCES[i % 5 :] + SENTENCES[: i % 3]
        text = " ".join(s.format(n=100 + 10 * i + k) for k, s in enumerate(picked))
        lines.append({"title": f"Notizia {i}", "text": text, "date": f"2025-0{1 + i % 9}-1{i % 10}"})
    lines.append({"title": "Vuoto", "text": ""})  # a rejection among the articles
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, without the write times, sorted."""
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        out = {}
        for table in tables:
            cursor = conn.execute(f'select * from "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in WHEN]
            out[table] = sorted(tuple(row[i] for i in keep) for row in cursor)
    return out


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(p) for p in (*SOURCES, corpus(tmp_path_factory.mktemp("corpus")))]


def test_two_workers_store_exactly_what_one_process_stores(
    sources: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "WORKERS_FROM", 1)  # workers even for a small corpus
    reports, order = {}, {}
    for n in (1, 2):
        kb = Cronaca(str(tmp_path / f"w{n}.db"))
        seen: list[str] = []
        reports[n] = kb.ingest(sources, workers=n, progress=lambda item, seen=seen: seen.append(item.source))
        order[n] = seen
    one, two = reports[1], reports[2]
    assert one.new >= 40 and one.events > 40 and one.rejected == 3, one.to_dict()
    assert two.to_dict() == one.to_dict()
    assert order[2] == order[1]  # progress and rejections in input order
    first, second = dump(tmp_path / "w1.db"), dump(tmp_path / "w2.db")
    assert first.keys() == second.keys()
    for table in first:
        assert first[table] == second[table], table
    assert len(first["claims"]) >= 5


def test_a_small_run_does_not_start_workers(sources: list[str], tmp_path: Path, monkeypatch) -> None:
    def refuse(*args: Any, **kw: Any) -> None:
        raise AssertionError("workers were started")

    monkeypatch.setattr(workers.WorkerPool, "__init__", refuse)
    report = Cronaca(str(tmp_path / "kb.db")).ingest(sources[:1], workers=2)
    assert report.new >= 2


def numbered(folder: Path, texts: list[str]) -> list[Article]:
    """The texts as articles read from a JSON Lines file, each titled with its number."""
    path = folder / "news.jsonl"
    path.write_text("\n".join(json.dumps({"title": str(i), "text": t}) for i, t in enumerate(texts)) + "\n")
    return list(read([str(path)]))


def _crash_on_marker(article: Article):
    """A worker task that dies like a segfault on one article."""
    if "CRASH" in article.text:
        os._exit(3)
    if "RAISE" in article.text:
        raise MemoryError("no more")  # escapes the task's own guard: still that article's error
    return workers._extract(article)


class Crashing(workers.WorkerPool):
    task = staticmethod(_crash_on_marker)


def test_a_dead_worker_costs_only_its_article(tmp_path: Path) -> None:
    texts = [f"Articolo numero {i}. Niente di nuovo oggi." for i in range(12)]
    texts[4] = "Questo testo fa CRASH il processo."
    texts[9] = "Questo testo RAISE un errore."
    articles = numbered(tmp_path, texts)
    with Crashing(2, ("sentences",), {}) as pool:
        results = list(pool.map((a, a) for a in articles))
    assert [a.text for a, _ in results] == texts
    errors = {a.title: x.error for a, x in results if x.error}
    assert set(errors) == {"4", "9"}
    assert workers.WORKER_DIED in errors["4"] and "MemoryError: no more" in errors["9"]
    assert all(x.annotations.article is a and x.annotations.mentions for a, x in results if not x.error)


def test_articles_travel_in_chunks_and_come_back_in_input_order(tmp_path: Path) -> None:
    """Items without an article (rejections, articles stored before) keep their place among
    chunks of articles, whatever the chunks' sizes; a chunk of nothing is never sent."""
    texts = [f"Articolo numero {i}. Il governo di Roma ha parlato." for i in range(11)]
    articles = numbered(tmp_path, texts)
    # no article for items 0, 3-7 and 10: a whole chunk's worth of gaps in the middle
    items = [(i, None if i in {0, 3, 4, 5, 6, 7, 10} else a) for i, a in enumerate(articles)]
    with workers.WorkerPool(2, ("sentences",), {}) as pool:
        results = list(pool.map(items))
    assert [i for i, _ in results] == list(range(11))
    for (_, article), (_, extraction) in zip(items, results, strict=True):
        if article is None:
            assert extraction is None
        else:
            assert extraction.annotations.article is article and extraction.annotations.mentions


def test_the_writer_reads_ahead_while_the_workers_start(tmp_path: Path) -> None:
    """Starting the workers takes seconds (a fork server's preload, or each spawned worker
    building its pipeline); the writer reads the input meanwhile instead of waiting."""
    texts = [f"Articolo numero {i}. Il governo di Roma ha parlato." for i in range(3 * workers.CHUNK)]
    articles = numbered(tmp_path, texts)
    pool = workers.WorkerPool(1, ("sentences",), {})
    pulled_before_ready: list[bool] = []

    def items():
        for a in articles:
            pulled_before_ready.append(pool._pool is None)
            yield a, a

    with pool:
        results = list(pool.map(items()))
    assert all(pulled_before_ready)  # more than one chunk's worth, all taken while the worker started
    assert [a for a, _ in results] == articles and all(x.annotations for _, x in results)


def test_an_input_that_fails_while_the_workers_start_leaves_no_pool_running(tmp_path: Path) -> None:
    article = next(iter(read([str(SOURCES[1] / "01_polonia.txt")])))

    def items():
        yield article, article
        raise OSError("the disk went away")

    pool = workers.WorkerPool(1, ("sentences",), {})
    with pytest.raises(OSError, match="disk went away"), pool:
        list(pool.map(items()))
    for thread in threading.enumerate():  # a start still under way would hand it a pool now
        if thread.name == "cronaca-workers-start":
            thread.join()
    assert pool._pool is None  # started in the background, then closed with the pool


def test_a_program_read_from_standard_input_is_told_why_it_cannot_start_workers(monkeypatch) -> None:
    import types

    main = types.ModuleType("__main__")
    main.__file__ = "<stdin>"  # what `python -` gives: a worker would try to run that file
    monkeypatch.setitem(sys.modules, "__main__", main)
    article = next(iter(read([str(SOURCES[1] / "01_polonia.txt")])))
    with workers.WorkerPool(1, ("sentences",), {}) as pool:
        with pytest.raises(PipelineError, match="read from <stdin>: save it to a file"):
            list(pool.map([(article, article)]))
        assert pool._pool is None


def test_an_extraction_error_in_a_worker_is_that_articles_rejection(monkeypatch) -> None:
    class Broken:
        def __call__(self, article: Article):
            raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(workers, "_pipeline", Broken())
    article = next(iter(read([str(SOURCES[1] / "01_polonia.txt")])))
    extraction = workers.received(article, workers._extract(article))
    assert extraction.annotations is None
    assert extraction.error.startswith("could not be annotated (RecursionError: maximum recursion")


def test_a_pipeline_the_workers_cannot_build_stops_the_run_with_its_reason() -> None:
    with workers.WorkerPool(1, ("sentences", "no_such_component"), {}) as pool:
        with pytest.raises(PipelineError, match="build the pipeline: PipelineError: unknown component"):
            list(pool.map([("x", next(iter(read([str(SOURCES[1] / "01_polonia.txt")]))))]))


def test_workers_of_the_default_pipeline_are_forked_from_a_server_that_loaded_it() -> None:
    """On Linux, workers of the default pipeline start from a fork server (extract/forkserver.py
    built the pipeline there once); any other pipeline's workers, and every worker elsewhere,
    are spawned and build their own."""
    from cronaca.extract.pipeline import DEFAULT_COMPONENTS

    default = workers._context(DEFAULT_COMPONENTS, {})
    assert default.get_start_method() == ("forkserver" if sys.platform.startswith("linux") else "spawn")
    assert workers._context(("sentences",), {}).get_start_method() == "spawn"
    assert workers._context(DEFAULT_COMPONENTS, {"ner": "spacy:x"}).get_start_method() == "spawn"


def test_reextract_in_workers_stores_what_it_stored_before_and_one_process_stores(
    sources: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "WORKERS_FROM", 1)
    dumps, reports = {}, {}
    for n in (1, 2):
        kb = Cronaca(str(tmp_path / f"r{n}.db"))
        kb.ingest(sources, workers=1)
        before = dump(tmp_path / f"r{n}.db")
        reports[n] = kb.reextract(workers=n)
        dumps[n] = dump(tmp_path / f"r{n}.db")
        # the same rules: every row as it was, nothing lost (the full-text indexes' own
        # b-trees are laid out anew as rows are replaced: what they find is checked below)
        for table in before:
            if "_fts" not in table:
                assert dumps[n][table] == before[table], table
        word = kb.articles(limit=1)[0]["title"].split()[0]
        assert kb.articles(q=word, limit=None)
    assert reports[2] == reports[1]
    assert dumps[2] == dumps[1]
    assert reports[1].articles >= 40 and reports[1].failed == 0 and reports[1].events > 40


def test_an_article_whose_reextraction_fails_keeps_its_annotations(tmp_path: Path) -> None:
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(corpus(tmp_path, n=5))], workers=1)
    victim = kb.articles(limit=1)[0]["id"]
    events = kb.events(article_id=victim, limit=None)
    assert events
    real = kb.pipeline

    class Failing:
        versions = real.versions

        def __call__(self, article: Article):
            if article.id == victim:
                raise RecursionError("deep")
            return real(article)

    kb._pipeline = Failing()
    report = kb.reextract(workers=1)
    assert (report.articles, report.failed) == (5, 1)
    assert kb.events(article_id=victim, limit=None) == events
    [rejection] = kb.store.rejections(limit=1)
    assert rejection["source"] == victim and "RecursionError: deep" in rejection["reason"]
    assert "earlier annotations kept" in rejection["reason"]
