"""The store: migrations, WAL, idempotent writes, offsets kept, round trips."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from cronaca.errors import NotFound, StoreError, UsageError
from cronaca.model import (
    Actor,
    Annotations,
    Article,
    EventMention,
    Interval,
    Mention,
    Quantity,
    Skipped,
    Span,
)
from cronaca.store import Store, default_db_url, search
from cronaca.store.db import WAL_AUTOCHECKPOINT

from . import date_cases, search_cases

TEXT = "Il governo polacco ha inviato 200 carri armati in Ucraina a marzo."


APRIL = Interval.month(2025, 4)


def article(text: str = TEXT, published: Interval | None = APRIL) -> Article:
    return Article(
        id=Article.make_id("Titolo", text),
        text=text,
        language="it",
        title="Titolo",
        published=published,
        outlet="Test",
        source="test.txt",
        format="seed",
    )


def event(a: Article) -> EventMention:
    return EventMention(
        id="e_1",
        article_id=a.id,
        type="AID",
        mode="",
        context="military",
        start=0,
        end=len(a.text),
        text=a.text,
        trigger=Span(21, 28, "inviato"),
        source_actors=(Actor("POL", "Poland", "government", 3, 19),),
        target_actors=(Actor("UKR", "Ukraine", "", 52, 59),),
        time=Interval.month(2025, 3),
        time_text="marzo",
        quantity=Quantity(200, 200, 200, "tanks", "200 carri armati", 29, 45),
        factuality="asserted",
        attribution=(Actor("outlet:test", "Test", "media"),),
        cameo="07",
        rule="it.x@1",
        component="events@1",
    )


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    assert store.revision() == "0009"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == WAL_AUTOCHECKPOINT
        tables = set(sa.inspect(conn).get_table_names())
    assert {
        "articles",
        "mentions",
        "events",
        "claims",
        "claim_events",
        "rejections",
        "alembic_version",
    } <= tables
    # opening again is a no-op migration
    assert Store.open(str(tmp_path / "kb.db")).revision() == "0009"


def test_db_url_from_env_and_path(tmp_path, monkeypatch):
    monkeypatch.setenv("CRONACA_DB", str(tmp_path / "env.db"))
    assert default_db_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert default_db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "nope" / "kb.db"))


def test_article_stored_once_and_annotations_replaced(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    a = article()
    assert store.add_article(a) is True
    assert store.add_article(a) is False
    mentions = [
        Mention("entity", 3, 18, a.text[3:18], "demonym", "POL", {"name": "Poland"}, "entities@1", "r@1")
    ]
    store.save_annotations(Annotations(a, mentions, [event(a)]), {"events": "events@1"})
    store.save_annotations(Annotations(a, mentions, [event(a)]), {"events": "events@1"})  # idempotent
    assert store.stats()["mentions"] == 1 and store.stats()["events"] == 1
    stored = store.article(a.id[:8])  # a unique prefix is enough
    m = stored["mentions"][0]
    assert stored["text"][m["span"]["start"] : m["span"]["end"]] == m["text"] == "governo polacco"
    ev = stored["events"][0]
    assert ev["time"] == {"start": "2025-03-01", "end": "2025-03-31", "precision": "month"}
    assert ev["published"]["precision"] == "month"
    assert ev["quantity"]["unit"] == "tanks"
    assert store.events(actor="POL")[0]["id"] == "e_1"
    assert store.events(actor="UKR", since="2025-03", until="2025-03-31")
    assert not store.events(since="2025-04-01")
    with pytest.raises(UsageError):
        store.events(since="marzo")


def test_rejections_are_kept_once(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    store.add_rejection(Skipped("bad.bin", "binary file"))
    store.add_rejection(Skipped("bad.bin", "binary file"))
    assert [r["source"] for r in store.rejections()] == ["bad.bin"]


def test_unknown_ids_raise_not_found(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    for lookup in (store.article, store.event, store.claim):
        with pytest.raises(NotFound):
            lookup("zzz")


@settings(max_examples=25, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
)
def test_article_round_trip(tmp_path_factory, text, day):
    store = Store.open(str(tmp_path_factory.mktemp("rt") / "kb.db"))
    a = article(text, Interval.day(day))
    store.add_article(a)
    stored = store.article(a.id)
    assert stored["text"] == text
    assert Interval.from_dict(stored["published"]) == Interval.day(day)


def test_upgrade_from_0001_keeps_data(tmp_path):
    """An old store migrates on open: rows stay, new columns get their defaults."""
    from alembic import command

    from cronaca.store.db import _alembic_config

    path = str(tmp_path / "old.db")
    old = Store.open(path, migrate=False)
    with old.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    with old.engine.begin() as conn:
        assert "factuality_cue" not in {c["name"] for c in sa.inspect(conn).get_columns("events")}
        a = article()
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, title, text, language, outlet, url, byline, source, format,"
                " ingested_at) VALUES (:id, '', :text, 'it', '', '', '', '', 'seed', '2025-01-01 00:00:00')"
            ),
            {"id": a.id, "text": a.text},
        )
        conn.execute(
            sa.text(
                'INSERT INTO events (id, article_id, type, mode, context, cameo, start, "end", text, trigger,'
                " source_actors, target_actors, time_text, factuality, attribution, rule, component)"
                " VALUES ('e_old', :a, 'aid', '', '', '07', 0, 5, 'x', '{}', '[]', '[]', '',"
                " 'asserted', '[]', 'r', 'events@1')"
            ),
            {"a": a.id},
        )
    new = Store.open(path)
    assert new.revision() == "0009"
    event = new.event("e_old")
    assert event["factuality_cue"] == "" and event["participants"] == [] and event["equipment"] == []
    assert event["type"] == "AID" and [e["id"] for e in new.events(type="aid")] == ["e_old"]  # 0003
    assert [r["id"] for r in new.articles(q="carri armati")] == [a.id]  # the search index was filled
    with new.engine.connect() as conn:  # 0007: the sentences' index too
        assert conn.exec_driver_sql("SELECT rowid FROM events_fts WHERE events_fts MATCH 'x'").all()


@pytest.mark.parametrize("q", sorted(search_cases.CASES))
def test_article_search_finds_words_by_their_start(tmp_path, q):
    store = Store.open(str(tmp_path / "kb.db"))
    ids = search_cases.fill(store)
    assert search_cases.found(store, ids, q) == search_cases.CASES[q]


def test_article_search_uses_the_full_text_index(tmp_path, monkeypatch):
    """SQLite reads the index's matches in its own order (newest day first, 0008), then the
    page's articles by rowid: no scan of the articles, no sort of every match."""
    store = Store.open(str(tmp_path / "kb.db"))
    search_cases.fill(store)
    for language in (None, "it"):
        seen: list = []
        listener = lambda *a, seen=seen: seen.append((a[2], a[3]))  # noqa: E731
        sa.event.listen(store.engine, "before_cursor_execute", listener)
        store.articles(q="corea", language=language)
        sa.event.remove(store.engine, "before_cursor_execute", listener)
        with store.engine.connect() as conn:
            plans = [
                " | ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {s}", p))
                for s, p in seen
            ]
        assert len(plans) == 2 and not any("LIKE" in s.upper() for s, _ in seen)
        index_plan, list_plan = plans
        assert index_plan.startswith("SCAN articles_fts VIRTUAL TABLE INDEX")
        assert "TEMP B-TREE" not in index_plan
        assert "SEARCH articles USING INTEGER PRIMARY KEY" in list_plan and "SCAN articles" not in list_plan
    # a page ending in a day of many matches (all these articles are undated: one day) reads
    # the rest of that day in id order off the date index
    monkeypatch.setattr(search, "BIG_DAY", 1)
    day_plan = _plan(store, lambda: store.articles(q="un", limit=1), "articles INDEXED BY")
    assert "ix_articles_published" in day_plan and "TEMP B-TREE" not in day_plan, day_plan


def test_type_filter_compares_the_indexed_column(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    a = article()
    store.add_article(a)
    store.save_annotations(Annotations(a, [], [event(a)]), {"events": "events@1"})
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    assert [e["id"] for e in store.events(type="aid")] == ["e_1"]
    assert "upper(events.type)" not in statements[0].lower() and "events.type = ?" in statements[0]


def _store_with_claims(path, n_articles: int) -> Store:
    """``n_articles`` reports of the same fact: one claim over them all."""
    from dataclasses import replace

    from cronaca.consolidate import build_claims

    store = Store.open(str(path))
    batch = []
    for i in range(n_articles):
        a = article(f"{TEXT} ({i})")
        batch.append((Annotations(a, [], [replace(event(a), id=f"e_{i}", article_id=a.id)]), []))
    store.add_annotated_many(batch, {"events": "events@1"})
    store.replace_claims(*build_claims(store.all_events()))
    return store


def test_timeline_and_claim_take_the_same_statements_for_3_or_30_articles(tmp_path):
    counts = []
    for n in (3, 30):
        store = _store_with_claims(tmp_path / f"kb{n}.db", n)
        statements = []
        sa.event.listen(store.engine, "before_cursor_execute", lambda *a, s=statements: s.append(a[2]))
        (claim,) = store.timeline(type="AID")
        assert len(claim["events"]) == n and len(claim["article_ids"]) == n
        assert len(store.claim(claim["id"])["events"]) == n
        store.event("e_1")
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 14, counts  # a filtered page: events, claims, ids, rows, links


@pytest.mark.parametrize("big_day", [search.BIG_DAY, 1, 3])
def test_article_search_pages_follow_the_list_order(tmp_path, monkeypatch, big_day):
    """Every page of a search, with or without a language, is the slice of the list of every
    match in the list's order (date descending, undated last, then id), including pages that
    end inside a day of many matches (read off the date index past ``BIG_DAY``)."""
    import random

    monkeypatch.setattr(search, "BIG_DAY", big_day)
    rng = random.Random(7)
    store = Store.open(str(tmp_path / "kb.db"))
    words = ["governo", "missili", "droni", "sindaco", "porto"]
    days = [None, date(2019, 3, 1), date(2024, 11, 5), date(2024, 11, 6), date(1492, 10, 12)]
    expected = []
    for i in range(80):
        text = " ".join(rng.sample(words, 2)) + f" articolo {i}."
        published = rng.choice(days)
        language = rng.choice(["it", "en", "pt", "pt-br"])
        a = Article(
            id=Article.make_id(str(i), text),
            text=text,
            language=language,
            title=f"Titolo {i}",
            published=Interval.day(published) if published else None,
        )
        store.add_article(a)
        expected.append((a.id, set(text.split()[:2]), published, language))
    for q in ("governo", "missili droni", "porto"):
        # the index holds the language's tokens (0008): "pt" is in "pt-br" too, "%" in none
        for language in (None, "it", "pt", "pt-br", "%"):
            rows = [e for e in expected if set(q.split()) <= e[1] and language in (None, e[3])]
            rows.sort(key=lambda e: e[0])
            rows.sort(key=lambda e: e[2] or date.min, reverse=True)
            everything = [r["id"] for r in store.articles(q=q, language=language, limit=None)]
            assert everything == [e[0] for e in rows]
            for limit, offset in [(1, 0), (3, 0), (5, 2), (7, 9), (50, 0), (4, 30)]:
                page = store.articles(q=q, language=language, limit=limit, offset=offset)
                assert [r["id"] for r in page] == everything[offset : offset + limit], (
                    q,
                    language,
                    limit,
                    offset,
                )


def test_article_search_follows_a_changed_date_and_refuses_rowids_past_its_key(tmp_path):
    """The index's key holds the date (0008): a changed date moves the article in the list;
    an article the key cannot hold is refused, not searched wrongly."""
    store = Store.open(str(tmp_path / "kb.db"))
    ids = search_cases.fill(store)
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE articles SET published_start = '2031-01-01' WHERE id = :id"), {"id": ids["mali"]}
        )
    assert [r["id"] for r in store.articles(q="un", limit=1)] == [ids["mali"]]
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE articles SET published_start = NULL WHERE id = :id"), {"id": ids["mali"]}
        )
        conn.execute(
            sa.text("UPDATE articles SET published_start = '2020-01-01' WHERE id = :id"), {"id": ids["nord"]}
        )
    assert [r["id"] for r in store.articles(q="un", limit=1)] == [ids["nord"]]
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles WHERE id = :id"), {"id": ids["nord"]})
    assert [r["id"] for r in store.articles(q="un")] == [ids["mali"]]
    with pytest.raises(sa.exc.IntegrityError, match="2\\^32"), store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO articles (rowid, id, title, text, language, outlet, url, byline, source, "
                "format, ingested_at) "
                "VALUES (4294967296, 'a_x', 't', 'un', 'it', '', '', '', '', 'text', '2026-01-01')"
            )
        )


def _plan(store: Store, call, table: str) -> str:
    """The query plan of the first statement ``call`` runs that reads from ``table``."""
    seen = []
    listener = lambda *a: seen.append((a[2], a[3]))  # noqa: E731
    sa.event.listen(store.engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", listener)
    statement, params = next((s, p) for s, p in seen if re.search(rf"FROM {table}\b", s))
    with store.engine.connect() as conn:
        return " | ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))


def test_listings_read_their_first_page_off_an_index(tmp_path):
    """No listing sorts every row to return 50: each walks an index in its own order (0005)."""
    store = _store_with_claims(tmp_path / "kb.db", 3)
    claims_plan = _plan(store, lambda: store.claims(limit=50), "claims")
    assert "ix_claims_time" in claims_plan and "TEMP B-TREE" not in claims_plan
    events_plan = _plan(store, lambda: store.events(type="aid", limit=50), "events")
    assert "ix_events_type_at" in events_plan and "TEMP B-TREE" not in events_plan
    all_events_plan = _plan(store, lambda: store.events(limit=50), "events")
    assert "ix_events_at" in all_events_plan and "TEMP B-TREE" not in all_events_plan
    # since (0009): the straddlers off the end's index, even with a type; claims by their
    # order's index, which holds their end
    for kind in (None, "aid"):
        straddlers = _plan(store, lambda k=kind: store.events(type=k, since="2025-01", limit=50), "events")
        assert "ix_events_end" in straddlers, kind
    claims_since = _plan(store, lambda: store.claims(since="2025-01", limit=50), "claims")
    assert "ix_claims_time" in claims_since and "TEMP B-TREE" not in claims_since
    claims_type_since = _plan(store, lambda: store.claims(type="aid", since="2025-01", limit=50), "claims")
    assert "ix_claims_type" in claims_type_since and "TEMP B-TREE" not in claims_type_since
    articles_plan = _plan(store, lambda: store.articles(limit=50), "articles")
    assert "ix_articles_published" in articles_plan and "TEMP B-TREE" not in articles_plan
    language_plan = _plan(store, lambda: store.articles(language="en", limit=50), "articles")
    assert "ix_articles_language" in language_plan and "TEMP B-TREE" not in language_plan  # 0008


def test_events_sort_and_filter_by_their_time_else_their_article_date(tmp_path):
    """at_start / at_end (0005) stand for coalesce(event time, article date)."""
    from dataclasses import replace

    store = Store.open(str(tmp_path / "kb.db"))
    dated, undated = (
        article(f"{TEXT} (1)", Interval.month(2025, 6)),
        article(f"{TEXT} (2)", Interval.month(2025, 1)),
    )
    own_time = replace(event(dated), id="e_dated", article_id=dated.id, time=Interval.month(2024, 3))
    no_time = replace(event(undated), id="e_undated", article_id=undated.id, time=None)
    store.add_annotated_many(
        [(Annotations(dated, [], [own_time]), []), (Annotations(undated, [], [no_time]), [])], {}
    )
    assert [e["id"] for e in store.events()] == ["e_dated", "e_undated"]  # 2024-03, then 2025-01
    assert [e["id"] for e in store.events(since="2024-12")] == ["e_undated"]
    assert [e["id"] for e in store.events(until="2024-06")] == ["e_dated"]


def test_0005_down_and_up_keeps_every_row(tmp_path):
    """Downgrading 0005 drops its columns in place: a copy of the events table would cascade
    its deletion to the event-actor index and the claim links."""
    from alembic import command

    from cronaca.store.db import _alembic_config

    store = _store_with_claims(tmp_path / "kb.db", 3)

    def counts():
        with store.engine.connect() as conn:
            return [
                conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar_one()
                for name in ("events", "event_actors", "claim_events", "claims")
            ]

    before, events = counts(), [e["id"] for e in store.events()]
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0003")
    assert store.revision() == "0003" and counts() == before
    store.migrate()
    assert store.revision() == "0009" and counts() == before
    assert [e["id"] for e in store.events(since="2025-03", until="2025-03")] == events


def test_entity_mention_counts_follow_writes_and_replacements(tmp_path):
    """entities.n_mentions (0005) equals the mentions linked to each entity after new articles,
    a re-extraction that replaces mentions, and an entity saved after its mentions."""
    from pathlib import Path

    from cronaca import Cronaca

    data = Path(__file__).resolve().parent.parent / "data" / "ui"
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(data)])
    store = kb.store

    def counted():
        with store.engine.connect() as conn:
            kept = dict(conn.exec_driver_sql("SELECT id, n_mentions FROM entities").all())
            linked = dict(
                conn.exec_driver_sql(
                    "SELECT id, (SELECT count(*) FROM mentions WHERE entity_id = entities.id) FROM entities"
                ).all()
            )
        return kept, linked

    kept, linked = counted()
    assert kept == linked and sum(kept.values()) > 10
    assert search_cases.claim_links_agree(store) > 10
    kb.reextract()  # every article's mentions replaced
    kept, linked = counted()
    assert kept == linked
    assert search_cases.claim_links_agree(store) > 10  # events replaced, claims rebuilt
    first = next(iter(kept))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM entities WHERE id = ?", (first,))
    store.save_entities([{"id": first, "type": "x", "name": "again", "data": {}}])
    assert counted()[0][first] == linked[first]
    assert [e["n_mentions"] for e in kb.entities(limit=3)] == sorted(kept.values(), reverse=True)[:3]


@pytest.mark.parametrize("q", sorted(search_cases.CASES))
def test_claim_search_finds_words_by_their_start_in_summary_or_sentence(tmp_path, q):
    """The search page's claims: q means what it means for articles, in a claim's summary or
    in one of its events' sentences."""
    store = Store.open(str(tmp_path / "kb.db"))
    search_cases.fill_claims(store)
    assert search_cases.found_claims(store, q) == search_cases.expected_claims(q)


def test_claim_search_index_follows_replaced_events_and_claims(tmp_path):
    store = Store.open(str(tmp_path / "kb.db"))
    search_cases.fill_claims(store)
    assert search_cases.found_claims(store, "missili") == {"s:missili", "e:missili"}
    store.replace_claims([], [])  # every claim gone, their index entries with them
    assert search_cases.found_claims(store, "missili") == set()
    search_cases.fill_claims(store)  # the same articles again: their events replaced
    with store.engine.connect() as conn:
        indexed = {
            name: conn.exec_driver_sql(
                f"SELECT count(*) FROM {name}_fts WHERE {name}_fts MATCH 'missili'"
            ).scalar()
            for name in ("events", "claims")
        }
    assert indexed == {"events": 1, "claims": 1}
    assert search_cases.found_claims(store, "missili") == {"s:missili", "e:missili"}


@pytest.mark.parametrize("limit", [1, 3])
@pytest.mark.parametrize("among", [2, 3, 300])
def test_claim_search_walking_the_most_reported_finds_the_same(tmp_path, monkeypatch, among, limit):
    """For a q in many sentences the search tests the most reported claims one by one first,
    in steps; whether a step's page fills or not (then the next step, or every match read),
    the claims and their order are those of reading every match."""
    from cronaca.store import explore

    monkeypatch.setattr(explore, "CLAIMS_READ_ALL", 0)
    monkeypatch.setattr(explore, "WALK_CLAIMS", (1, among))
    store = Store.open(str(tmp_path / "kb.db"))
    search_cases.fill_claims(store)
    for q in search_cases.CASES:
        words = search.words(q)
        if not words:
            continue
        with store.engine.connect() as conn:
            read_all = conn.execute(explore.claims_matching("sqlite", words, limit)).scalars().all()
            assert [r["id"] for r in explore.found_claims(conn, words, limit)] == read_all, q
            walk = explore.claims_matching("sqlite", words, limit, among=among)
            walked = conn.execute(walk).scalars().all()
        assert walked == read_all[: len(walked)], q  # the first claims in the same order


def test_an_event_in_two_claims_is_refused(tmp_path):
    """Consolidation puts each event in one claim; event_actors.claim_id relies on it."""
    store = Store.open(str(tmp_path / "kb.db"))
    a = article()
    store.add_article(a)
    store.save_annotations(Annotations(a, [], [event(a)]), {"events": "events@1"})
    claim = {
        "type": "AID",
        "source_actors": [],
        "target_actors": [],
        "n_events": 1,
        "n_articles": 1,
        "summary": "x",
        "component": "test@1",
    }
    with pytest.raises(StoreError, match="two claims"):
        store.replace_claims([{**claim, "id": "c1"}, {**claim, "id": "c2"}], [("c1", "e_1"), ("c2", "e_1")])
    store.replace_claims([{**claim, "id": "c1"}], [("c1", "e_1")])
    assert search_cases.claim_links_agree(store) == 3  # POL (source), UKR (target), the outlet (cited)
    assert [c["id"] for c in store.claims(actor="POL")] == ["c1"]
    store.replace_claims([], [], remove={"c1"})  # incremental: the claim gone, its links too
    assert search_cases.claim_links_agree(store) == 0 and store.claims(actor="POL") == []


def test_the_benchmark_dating_script_dates_undated_articles_and_refills_the_index(tmp_path):
    """scripts/date_undated.py (for benchmark copies of undated corpora): every article gets a
    date, the search index's keys follow them, and searches list by them; events and claims
    take their articles' dates, as a dated ingest would have stored them. A second run
    changes nothing."""
    import subprocess
    import sys
    from pathlib import Path

    store = Store.open(str(tmp_path / "kb.db"))
    ids = search_cases.fill(store)
    search_cases.fill_claims(store)  # the same texts again, with events and claims
    script = Path(__file__).parents[2] / "scripts" / "date_undated.py"
    run = [sys.executable, str(script), str(tmp_path / "kb.db")]
    assert (
        "4 articles dated, 8 events and 8 claims"
        in subprocess.run(run, check=True, capture_output=True, text=True).stdout
    )
    assert (
        "0 articles dated, 0 events and 0 claims"
        in subprocess.run(run, check=True, capture_output=True, text=True).stdout
    )
    published = {a["id"]: a["published"] for a in store.articles(limit=None)}
    assert all(p["start"] == p["end"] and p["precision"] == "day" for p in published.values())
    with store.engine.connect() as conn:
        undated = conn.exec_driver_sql(
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.at_start IS NOT a.published_start OR e.at_end IS NOT a.published_end"
        ).scalar_one()
    assert undated == 0
    for claim in store.claims(limit=None):
        (event,) = [e for e in store.events(limit=None) if e["id"] in claim["event_ids"]]
        day = published[event["article_id"]]["start"]
        assert claim["first_reported"] == claim["last_reported"] == day
        # its end (0009) follows its event's: listed since that day, not after
        assert claim["id"] in {c["id"] for c in store.claims(since=day, limit=None)}
        after = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        assert claim["id"] not in {c["id"] for c in store.claims(since=after, limit=None)}
    found = store.articles(q="un", limit=None)
    dates = [r["published"]["start"] for r in found]
    assert {r["id"] for r in found} == {ids["nord"], ids["mali"]} and None not in dates
    assert dates == sorted(dates, reverse=True) and [r["id"] for r in store.articles(q="un", limit=1)] == [
        found[0]["id"]
    ]
    with store.engine.connect() as conn:
        days = conn.exec_driver_sql(
            "SELECT count(*) FROM articles_fts f JOIN articles a ON a.rowid = f.rowid & 4294967295 "
            "WHERE f.rowid >> 32 = CAST(julianday(a.published_start) AS INTEGER)"
        ).scalar_one()
    assert days == len(ids)


@pytest.mark.parametrize("day", ["0001-01-01", "1492-10-12", "1970-01-01", "2024-02-29", "9999-12-31"])
def test_an_index_key_day_reads_back_as_the_stored_date(day):
    """The day in the search index's key (SQLite's Julian day number, 0008) is the date
    search._day writes back when it reads the rest of a day off the date index."""
    import sqlite3

    with sqlite3.connect(":memory:") as conn:
        (key_day,) = conn.execute("SELECT CAST(julianday(?) AS INTEGER)", (day,)).fetchone()
    assert search._day(key_day) == day and search._day(0) is None


@pytest.mark.parametrize("filters", [{}, {"type": "FIGHT"}, {"actor": "POL"}, {"until": "2022-06"}])
def test_date_filters_list_what_a_scan_of_every_event_lists(tmp_path, filters):
    """events(since=D) reads straddlers off ix_events_end and starters off the start's index
    (0009, store/since.py); claims(since=D) reads claims.at_end. Every page, at dates before,
    inside and after the events (undated articles, open starts whose end precedes their
    article, decades), equals the list worked out from the events as written."""
    store = Store.open(str(tmp_path / "kb.db"))
    rows, members = date_cases.fill(store)
    for since in date_cases.DATES:
        want = date_cases.events(rows, True, since=since, **filters)
        claims = date_cases.claims(rows, members, True, since=since, **filters)
        assert [e["id"] for e in store.events(since=since, limit=None, **filters)] == want
        for offset, limit in date_cases.PAGES:
            got = store.events(since=since, offset=offset, limit=limit, **filters)
            assert [e["id"] for e in got] == want[offset : offset + limit], (since, offset, limit)
            got = store.claims(since=since, offset=offset, limit=limit, **filters)
            assert [c["id"] for c in got] == claims[offset : offset + limit], (since, offset, limit)
    # the reference itself: no filter lists every event, a late date none
    assert len(date_cases.events(rows, True)) == len(rows) > 80
    assert date_cases.events(rows, True, since="2030-01-01") == []
    assert date_cases.events(rows, True, since="2023")
