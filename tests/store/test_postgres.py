"""The same store code on PostgreSQL: a throwaway cluster in a temp dir, on a Unix socket.

Needs PostgreSQL's server binaries (Debian's postgresql package). Outside CI the test is
skipped when they are absent; in CI (CI=true) their absence is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from cronaca import Cronaca
from cronaca.model import Article, Interval
from cronaca.store import Store, search

from . import date_cases, search_cases

DATA = Path(__file__).parent.parent / "data" / "cli"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    return found[-1] or None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not found: apt-get install postgresql")
        pytest.skip("PostgreSQL server binaries not installed")
    # not under pytest's tmp dir: that is private to root and the server runs as postgres
    root = Path(tempfile.mkdtemp(prefix="cronaca-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "cronaca", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            pg_ctl,
            "start",
            "-D",
            str(data),
            "-w",
            "-l",
            str(root / "log"),
            "-o",
            f"-k {sock} -p {port} -c listen_addresses=''",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://cronaca@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_same_results_on_postgres_and_sqlite(postgres_url, tmp_path):
    t0 = time.perf_counter()
    pg = Cronaca(postgres_url)
    lite = Cronaca(str(tmp_path / "kb.db"))
    for kb in (pg, lite):
        kb.ingest([str(DATA)])
    assert pg.store.revision() == lite.store.revision() == "0009"
    with pg.store.engine.connect() as conn:  # 0006: the articles' text kept out of their pages
        options = conn.exec_driver_sql("SELECT reloptions FROM pg_class WHERE oid = 'articles'::regclass")
        assert "toast_tuple_target=256" in options.scalar_one()
    assert pg.stats() == lite.stats()
    assert [c["summary"] for c in pg.claims()] == [c["summary"] for c in lite.claims()]
    assert [e["id"] for e in pg.events(actor="Poland", since="2025-03", until="2025-03")] == [
        e["id"] for e in lite.events(actor="Poland", since="2025-03", until="2025-03")
    ]
    # an actor's claims: listed through its events (PostgreSQL: one unnested array each)
    for actor in ("Poland", "UKR"):
        listed = [c["id"] for c in pg.claims(actor=actor)]
        assert listed and listed == [c["id"] for c in lite.claims(actor=actor)], actor
    article = pg.articles()[0]["id"]
    assert pg.article(article)["text"] == lite.article(article)["text"]
    assert time.perf_counter() - t0 < 120


def test_article_search_means_the_same_on_postgres(postgres_url):
    """The q cases of the SQLite test, on the tsvector + GIN index."""
    store = Store.open(postgres_url)
    with store.engine.begin() as conn:  # the module's other test may have filled it
        conn.exec_driver_sql("TRUNCATE articles CASCADE")
    ids = search_cases.fill(store)
    for q, expected in search_cases.CASES.items():
        assert search_cases.found(store, ids, q) == expected, q
    # before ANALYZE every word is rare (every match read, then the page sorted); common words
    # walk the articles newest first: the same articles either way
    with store.engine.connect() as conn:
        assert search._pg_estimate(conn, ["corea"]) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_pg_estimate", lambda conn, words: search.PG_READ_ALL + 1)
        for q, expected in search_cases.CASES.items():
            assert search_cases.found(store, ids, q) == expected, q
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE articles")
        # "la" is a word of two of the four articles and begins "lanciato" in one of them: the
        # estimate sums the words q begins (an upper bound, articles counted once per word)
        assert search._pg_estimate(conn, ["la"]) == pytest.approx(3)
        assert search._pg_estimate(conn, ["la", "zzzz"]) == 0
    # the page's end and the language filter reach the sort of every match: a page, and the
    # pages after it, are what the walk gives
    more = [
        Article(
            id=f"extra-{i}",
            text=f"Notizia {i} sulla Corea.",
            language="en" if i % 3 else "it",
            title="Corea",
            published=Interval.day(date(2024, 1, 1 + i)),
        )
        for i in range(12)
    ]
    for article in more:
        store.add_article(article)
    for language in (None, "it", "en"):
        walked = [a["id"] for a in _walk(store, q="corea", language=language, limit=None)]
        assert len(walked) >= 4
        for offset in (0, 1, 3):
            page = [a["id"] for a in store.articles(q="corea", language=language, limit=2, offset=offset)]
            assert page == walked[offset : offset + 2], (language, offset)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # a few rows: make the planner show its index
        plan = conn.exec_driver_sql(
            f"EXPLAIN SELECT id FROM articles WHERE {search.PG_DOCUMENT} @@ to_tsquery('simple', 'corea:*')"
        ).scalars()
        assert "ix_articles_search_doc" in " ".join(plan)


def test_a_search_among_a_rare_language_reads_its_matches_by_two_indexes(postgres_url):
    """A common word among the articles of a language few have: the word's estimate times
    the language's share (ANALYZE's statistics) is small, so every match is read by the GIN
    index and ix_articles_language (0008), not by walking every article; the same articles."""
    import sqlalchemy as sa

    store = Store.open(postgres_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE articles CASCADE")
    for i in range(40):
        store.add_article(
            Article(
                id=f"lang-{i}",
                text=f"Notizia {i} della Corea." if i % 20 else f"News {i} of della Corea.",
                language="en" if i % 20 == 0 else "it",
                title="Corea",
                published=Interval.day(date(2024, 1, 1 + i % 28)),
            )
        )
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE articles")
    with store.engine.connect() as conn:
        assert search._pg_language_share(conn, "it") == pytest.approx(0.95)
        assert search._pg_language_share(conn, "en") == pytest.approx(0.05)
        assert search._pg_language_share(conn, "fr") == 0
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with pytest.MonkeyPatch.context() as patch:  # "della": as common as a word gets
        patch.setattr(search, "_pg_estimate", lambda conn, words: 2 * search.PG_READ_ALL)
        for language, read_all in (("it", False), ("en", True), (None, False)):
            statements.clear()
            found = [a["id"] for a in store.articles(q="della", language=language, limit=5)]
            assert ("ANY(ARRAY(" in statements[-1]) == read_all, language
            assert found == [a["id"] for a in _walk(store, q="della", language=language, limit=5)]
        assert len(store.articles(q="della", language="en", limit=5)) == 2
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = " ".join(
            conn.exec_driver_sql("EXPLAIN SELECT id FROM articles WHERE language = 'en'").scalars()
        )
    assert "ix_articles_language" in plan


def _walk(store: Store, **filters):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_pg_estimate", lambda conn, words: search.PG_READ_ALL + 1)
        return store.articles(**filters)


def test_a_dask_cluster_writes_into_postgres_what_one_process_writes_into_sqlite(postgres_url, tmp_path):
    """Extraction on a LocalCluster of 2 worker processes, one writer into PostgreSQL."""
    distributed = pytest.importorskip("distributed")
    import sqlalchemy as sa

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE dask")
    admin.dispose()
    url = postgres_url.replace("/postgres?", "/dask?")
    sources = [str(DATA), str(Path(__file__).parents[2] / "src" / "cronaca" / "demo")]
    options = {"n_workers": 2, "processes": True, "threads_per_worker": 1, "dashboard_address": None}
    with distributed.LocalCluster(**options) as c:
        pg = Cronaca(url)
        report = pg.ingest(sources, dask=c.scheduler_address)
    lite = Cronaca(str(tmp_path / "kb.db"))
    assert report.to_dict() == lite.ingest(sources).to_dict()
    assert pg.stats() == lite.stats()
    for listing in ("claims", "events", "entities", "articles"):  # (NULLs sort apart on the two)
        rows = [sorted(getattr(kb, listing)(limit=None), key=lambda r: r["id"]) for kb in (pg, lite)]
        assert rows[0] == rows[1], listing


def test_copy_writes_what_insert_writes(postgres_url, monkeypatch):
    """Store writes on PostgreSQL go by COPY (``store.db._insert``); every row, JSON text
    included, is what the plain INSERT path writes for the same input."""
    import sqlalchemy as sa

    from cronaca.store import db as store_db
    from cronaca.store import schema as t

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in ("by_copy", "by_insert"):
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
    admin.dispose()
    urls = {name: postgres_url.replace("/postgres?", f"/{name}?") for name in ("by_copy", "by_insert")}
    copies = []
    real_copy = store_db._insert

    def counting(conn, table, rows):
        copies.append((table.name, len(rows)))
        return real_copy(conn, table, rows)

    monkeypatch.setattr(store_db, "_insert", counting)
    Cronaca(urls["by_copy"]).ingest([str(DATA)])
    assert any(n >= store_db.COPY_FROM for _, n in copies)
    monkeypatch.setattr(store_db, "COPY_FROM", 10**9)
    Cronaca(urls["by_insert"]).ingest([str(DATA)])
    dumps = {}
    for name, url in urls.items():
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            dumps[name] = {
                table.name: conn.execute(sa.text(_dump(table))).all() for table in t.metadata.sorted_tables
            }
        engine.dispose()
    assert dumps["by_copy"]["mentions"] and dumps["by_copy"]["events"]
    assert dumps["by_copy"] == dumps["by_insert"]


def _dump(table) -> str:
    """Every row of ``table`` as text (what is stored, JSON as written), timestamps aside."""
    columns = [
        f'"{c.name}"::text' for c in table.columns if c.name not in ("ingested_at", "extracted_at", "at")
    ]
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    return f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {order}"


def test_the_timeline_page_shows_large_tables_by_their_estimated_size(postgres_url):
    """On PostgreSQL a table above ``ROUGH_FROM`` rows is shown as about its planner estimate,
    not counted on every view; a smaller one is counted exactly."""
    import sqlalchemy as sa
    from fastapi.testclient import TestClient

    from cronaca.serve import http

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE rough")
    admin.dispose()
    kb = Cronaca(postgres_url.replace("/postgres?", "/rough?"))
    kb.ingest([str(DATA)])
    counts = kb.stats()
    client = TestClient(http.create_app(kb))
    page = client.get("/").text
    assert f"{counts['articles']} articles" in page and "about" not in page  # never analysed: counted
    with kb.store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE articles")
        conn.exec_driver_sql("ANALYZE events")
    assert kb.store.estimated_counts(["articles", "events"], above=0) == {
        "articles": counts["articles"],
        "events": counts["events"],
    }
    assert kb.store.estimated_counts(["articles"], above=counts["articles"]) == {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(http, "ROUGH_FROM", 0)
        page = client.get("/").text
    assert f"about {counts['articles']} articles" in page
    assert f"about {counts['events']} event mentions" in page
    assert f"{counts['claims']} claims" in page and f"about {counts['claims']} claims" not in page


def test_the_search_pages_claims_are_one_set_of_ids_not_a_subquery_per_claim(postgres_url):
    """ "summary matches OR id IN (sentences that match)" ran on PostgreSQL as a subquery
    rescanned for every claim once its rows passed work_mem: hours at a million articles.
    The search reads the union of both sets instead; its plan holds no such subquery."""
    import sqlalchemy as sa

    from cronaca.store import explore

    store = Store.open(postgres_url)
    query = explore.claims_matching("postgresql", ["carabinieri", "arrestato"], 10)
    sql = str(query.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET work_mem = '64kB'")  # where the old form fell back to a rescan
        plan = "\n".join(conn.execute(sa.text(f"EXPLAIN {sql}")).scalars())
    assert "SubPlan" not in plan, plan


def test_claim_search_means_the_same_on_postgres_and_uses_its_indexes(postgres_url):
    """The SQLite cases of the search page's claims, on the GIN indexes of migration 0007;
    the query is written with the indexes' own expressions, so the planner can use them."""
    import sqlalchemy as sa

    from cronaca.store import explore

    store = Store.open(postgres_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE articles, claims CASCADE")
    search_cases.fill_claims(store)
    for q in search_cases.CASES:
        assert search_cases.found_claims(store, q) == search_cases.expected_claims(q), q
    query = explore.claims_matching("postgresql", ["missili"], 10)
    sql = str(query.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # a few rows: a scan would be cheaper
        plan = "\n".join(conn.execute(sa.text(f"EXPLAIN {sql}")).scalars())
    assert "ix_events_search" in plan and "ix_claims_search" in plan, plan
    with store.engine.begin() as conn:  # the plan's estimate reads the index's statistics
        assert search._pg_estimate(conn, ["nessuna"], "events") == 0  # before ANALYZE: rare
        conn.exec_driver_sql("ANALYZE events")
        assert search._pg_estimate(conn, ["nessuna"], "events") == pytest.approx(4)  # half of 8
        assert search._pg_estimate(conn, ["zzz"], "events") == 0


def test_claim_search_walk_means_the_same_on_postgres_and_tests_claims_one_by_one(postgres_url, monkeypatch):
    import sqlalchemy as sa

    from cronaca.store import explore

    store = Store.open(postgres_url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE articles, claims CASCADE")
    search_cases.fill_claims(store)
    monkeypatch.setattr(search, "sentences_many", lambda conn, words, n: True)
    for among in (1, 2, 300):  # the walk's page full, or not (every match read then)
        monkeypatch.setattr(explore, "WALK_CLAIMS", (among,))
        for q in filter(search.words, search_cases.CASES):
            words = search.words(q)
            with store.engine.connect() as conn:
                read_all = conn.execute(explore.claims_matching("postgresql", words, 2)).scalars().all()
                assert [r["id"] for r in explore.found_claims(conn, words, 2)] == read_all, (q, among)
    query = explore.claims_matching("postgresql", ["missili"], 10, among=300)
    sql = str(query.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        plan = "\n".join(conn.execute(sa.text(f"EXPLAIN {sql}")).scalars())
    assert "SubPlan" in plan and "hashed SubPlan" not in plan, plan


def test_date_filters_list_what_a_scan_of_every_event_lists_on_postgres(postgres_url):
    """The SQLite test's pages (0009, store/since.py) on PostgreSQL, which lists rows without
    a date last; its planner picks the straddlers' index by its statistics."""
    import sqlalchemy as sa

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE dates")
    admin.dispose()
    store = Store.open(postgres_url.replace("/postgres?", "/dates?"))
    rows, members = date_cases.fill(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    for filters in ({}, {"type": "FIGHT"}, {"actor": "POL"}, {"until": "2022-06"}):
        for since in date_cases.DATES:
            want = date_cases.events(rows, False, since=since, **filters)
            claims = date_cases.claims(rows, members, False, since=since, **filters)
            for offset, limit in date_cases.PAGES:
                got = store.events(since=since, offset=offset, limit=limit, **filters)
                assert [e["id"] for e in got] == want[offset : offset + limit], (filters, since, offset)
                got = store.claims(since=since, offset=offset, limit=limit, **filters)
                assert [c["id"] for c in got] == claims[offset : offset + limit], (filters, since, offset)
    store.engine.dispose()


def test_the_benchmark_dating_script_dates_a_postgres_store(postgres_url):
    """scripts/date_undated.py on PostgreSQL: articles, events and claims dated, once."""
    import subprocess
    import sys

    import sqlalchemy as sa

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE undated")
    admin.dispose()
    url = postgres_url.replace("/postgres?", "/undated?")
    store = Store.open(url)
    search_cases.fill_claims(store)
    script = Path(__file__).parents[2] / "scripts" / "date_undated.py"
    command = [sys.executable, str(script), url]
    runs = [subprocess.run(command, check=True, capture_output=True, text=True) for _ in range(2)]
    assert "4 articles dated, 8 events and 8 claims" in runs[0].stdout
    assert "0 articles dated, 0 events and 0 claims" in runs[1].stdout
    days = {a["id"]: a["published"]["start"] for a in store.articles(limit=None)}
    assert None not in days.values() and len(set(days.values())) > 1
    for claim in store.claims(limit=None):
        (event,) = [e for e in store.events(limit=None) if e["id"] in claim["event_ids"]]
        assert claim["first_reported"] == claim["last_reported"] == days[event["article_id"]]
        assert claim["id"] in {c["id"] for c in store.claims(since=claim["first_reported"], limit=None)}
    store.engine.dispose()


def test_walks_outlines_slim_events_and_rebuilds_mean_the_same_on_postgres(
    postgres_url, tmp_path, monkeypatch
):
    """Exports' walks, stories' claim outlines, consolidation's slim events (JSON read as text
    and shared) and a rebuild a type at a time give on PostgreSQL what they give on SQLite."""
    import sqlalchemy as sa

    from cronaca import api
    from cronaca.consolidate import build_claims, speakers_of

    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS walks")
        conn.exec_driver_sql("CREATE DATABASE walks")
    admin.dispose()
    sources = [str(DATA), str(Path(__file__).parents[2] / "src" / "cronaca" / "demo")]
    pg, lite = Cronaca(postgres_url.replace("/postgres?", "/walks?")), Cronaca(str(tmp_path / "kb.db"))
    for kb in (pg, lite):
        kb.ingest(sources)
    for kind in ("article", "mention", "event", "claim"):
        rows = [sorted(kb.store.walk(kind, page=4), key=lambda r: r["id"]) for kb in (pg, lite)]
        assert rows[0] == rows[1] and rows[0], kind
        assert len({r["id"] for r in rows[0]}) == len(rows[0])  # each once
    for filters in ({}, {"actor": "Poland"}, {"type": "AID"}, {"since": "2025-03"}):
        assert pg.store.claim_outlines(**filters) == lite.store.claim_outlines(**filters), filters
    assert pg.stories() == lite.stories() and pg.network() == lite.network()
    ids = {i for found in pg.store.event_ids_by_type().values() for i in found}
    slim = pg.store.events_for_claims(ids)
    assert sorted(slim, key=lambda e: e["id"]) == sorted(
        lite.store.events_for_claims(ids), key=lambda e: e["id"]
    )
    assert (
        build_claims(slim, speakers_of(pg.store.speaking_events(ids)))[1]
        == build_claims(pg.store.events_by_ids(ids))[1]
    )
    before = sorted(pg.claims(limit=None), key=lambda c: c["id"])
    monkeypatch.setattr(api, "CONSOLIDATE_BATCH", 1)
    pg.consolidate()
    assert sorted(pg.claims(limit=None), key=lambda c: c["id"]) == before
