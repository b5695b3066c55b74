"""The Store: connection, migrations, and the write side.

Writes for one article (its mentions, events, and their actor index) happen in one
transaction, replacing what an earlier extraction wrote, so a crash never leaves an
article half-annotated and re-extraction is idempotent. A batch of articles may share one
transaction (and one statement per table): each is still whole or absent.
"""

from __future__ import annotations

import itertools
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

from cronaca.errors import StoreError
from cronaca.model import Annotations, Article, EventMention, Skipped, content_id
from cronaca.store import schema as t
from cronaca.store.queries import COUNTED, Queries, chunks, json_loads

DEFAULT_DB = "cronaca.db"


def default_db_url(value: str | None = None) -> str:
    """Resolve ``--db`` / ``CRONACA_DB`` / the default into a SQLAlchemy URL."""
    raw = value or os.environ.get("CRONACA_DB") or DEFAULT_DB
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("cronaca.store").joinpath("migrations")))
    config.attributes["connection"] = connection
    return config


class Store(Queries):
    """One database. Reads come from :class:`Queries`; writes are below."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._stats: tuple[tuple, dict[str, int]] | None = None

    @classmethod
    def open(cls, db: str | None = None, *, migrate: bool = True) -> Store:
        url = default_db_url(db)
        connect_args: dict[str, Any] = {}
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.exists():
                    raise StoreError(f"cannot create the database {path}: folder {parent} does not exist")
            connect_args["timeout"] = 30
        try:
            engine = sa.create_engine(url, connect_args=connect_args, json_deserializer=json_loads)
        except (sa.exc.ArgumentError, ImportError) as e:
            raise StoreError(f"cannot open database {url!r}: {e}") from e
        if url.startswith("sqlite"):
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest revision (a no-op when it is already there)."""
        try:
            with self.engine.begin() as conn:
                config = _alembic_config(conn)
                head = ScriptDirectory.from_config(config).get_current_head()
                current = MigrationContext.configure(conn).get_current_revision()
                if current != head:
                    command.upgrade(config, "head")
        except sa.exc.OperationalError as e:
            raise StoreError(f"cannot open or migrate {self.url}: {e.orig}") from e

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def generation(self) -> tuple | None:
        """A token that changes whenever the database does, for caches of what is read;
        SQLite: the modification time and size of the database and its WAL. None when it
        cannot be known cheaply (other databases, in-memory SQLite): then nothing is cached."""
        url = self.engine.url
        path = url.database
        if url.get_backend_name() != "sqlite" or not path or path == ":memory:":
            return None
        token = []
        for name in (path, f"{path}-wal"):
            try:
                st = os.stat(name)
            except FileNotFoundError:
                token.append(None)
                continue
            token.append((st.st_mtime_ns, st.st_size))
        return tuple(token)

    def stats(self, only: Iterable[str] | None = None) -> dict[str, int]:
        """Row counts (``Queries.stats``); on SQLite each kept while the store is unchanged
        (``generation``): every timeline page shows three, and counting millions of rows takes
        a while."""
        names = tuple(COUNTED) if only is None else tuple(only)
        generation = self.generation()
        if generation is None:
            return super().stats(names)
        if self._stats is None or self._stats[0] != generation:
            self._stats = (generation, {})
        known = self._stats[1]
        missing = [name for name in names if name not in known]
        if missing:
            known.update(super().stats(missing))
        return {name: known[name] for name in names}

    # -- writes -------------------------------------------------------------------------

    def add_article(self, article: Article) -> bool:
        """Insert the article unless its id is already stored; True when it was new."""
        with self.engine.begin() as conn:
            if conn.execute(sa.select(t.articles.c.id).where(t.articles.c.id == article.id)).first():
                return False
            conn.execute(t.articles.insert().values(**_article_row(article)))
            return True

    def add_rejection(self, skipped: Skipped) -> None:
        with self.engine.begin() as conn:
            exists = conn.execute(
                sa.select(t.rejections.c.id).where(
                    t.rejections.c.source == skipped.source, t.rejections.c.reason == skipped.reason
                )
            ).first()
            if not exists:
                conn.execute(
                    t.rejections.insert().values(
                        source=skipped.source, reason=skipped.reason, format=skipped.format, at=_now()
                    )
                )

    def article_status(self, article_id: str) -> str | None:
        """``None`` (not stored), ``"annotated"``, or ``"incomplete"`` (stored without its
        annotations: left by a crash of a version that wrote them apart)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(t.articles.c.extracted_at).where(t.articles.c.id == article_id)
            ).first()
        if row is None:
            return None
        return "annotated" if row[0] is not None else "incomplete"

    def article_statuses(self, article_ids: list[str]) -> dict[str, str]:
        """``article_status`` of several articles in one query: the stored ones only."""
        out: dict[str, str] = {}
        a = t.articles
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(set(article_ids))):
                for article_id, done in conn.execute(
                    sa.select(a.c.id, a.c.extracted_at).where(a.c.id.in_(chunk))
                ):
                    out[article_id] = "annotated" if done is not None else "incomplete"
        return out

    def add_annotated(
        self,
        annotations: Annotations,
        pipeline: dict[str, str],
        entities: Iterable[dict[str, Any]] = (),
        *,
        replace: bool = False,
    ) -> bool:
        """Store an article with its entities and annotations in **one transaction**; False
        when it is already stored and annotated (another writer was first) and ``replace``
        is off (``replace``: re-extraction swaps the annotations of a stored article).

        A crash leaves either nothing or the whole article, never an article without its
        annotations; an article an older version left incomplete is completed here.
        """
        return self.add_annotated_many([(annotations, list(entities))], pipeline, replace=replace)[0]

    def add_annotated_many(
        self,
        batch: list[tuple[Annotations, list[dict[str, Any]]]],
        pipeline: dict[str, str],
        *,
        replace: bool = False,
    ) -> list[bool]:
        """``add_annotated`` for several articles in one transaction, with one statement per
        table rather than per article (a commit and a statement cost more than a row); for
        each article, whether it was written. Articles must have distinct ids."""
        if not batch:
            return []
        a = t.articles
        ids = [annotations.article.id for annotations, _ in batch]
        with self.engine.begin() as conn:
            stored: dict[str, Any] = {}
            for chunk in chunks(ids):
                query = sa.select(a.c.id, a.c.extracted_at).where(a.c.id.in_(chunk))
                stored.update(conn.execute(query).all())
            written = [i not in stored or stored[i] is None or replace for i in ids]
            todo = [annotations for (annotations, _), ok in zip(batch, written, strict=True) if ok]
            now = _now()
            new = [
                {**_article_row(x.article), "pipeline": pipeline, "extracted_at": now}
                for x in todo
                if x.article.id not in stored
            ]
            if new:
                _insert(conn, a, new)
            entities = [e for (_, found), ok in zip(batch, written, strict=True) if ok for e in found]
            self._write_entities(conn, entities)
            self._write_annotations_many(conn, todo, pipeline, now, stored=set(stored))
        return written

    def save_annotations(self, annotations: Annotations, pipeline: dict[str, str]) -> None:
        """Replace everything extracted from this article with ``annotations``."""
        with self.engine.begin() as conn:
            stored = {annotations.article.id}
            self._write_annotations_many(conn, [annotations], pipeline, _now(), stored=stored)

    @staticmethod
    def _write_annotations_many(
        conn: Connection,
        batch: list[Annotations],
        pipeline: dict[str, str],
        now: datetime,
        *,
        stored: set[str],
    ) -> None:
        """Replace the annotations of the ``stored`` articles and add those of new ones (whose
        rows already carry ``pipeline`` and ``now``)."""
        again = sorted({x.article.id for x in batch} & stored)
        for chunk in chunks(again):
            m = t.mentions
            linked = (
                sa.select(m.c.entity_id, sa.func.count())
                .where(m.c.article_id.in_(chunk), m.c.entity_id.is_not(None))
                .group_by(m.c.entity_id)
            )
            _count_mentions(conn, {entity: -n for entity, n in conn.execute(linked)})
            conn.execute(t.mentions.delete().where(t.mentions.c.article_id.in_(chunk)))
            old_events = sa.select(t.events.c.id).where(t.events.c.article_id.in_(chunk))
            conn.execute(t.event_actors.delete().where(t.event_actors.c.event_id.in_(old_events)))
            conn.execute(t.claim_events.delete().where(t.claim_events.c.event_id.in_(old_events)))
            conn.execute(t.events.delete().where(t.events.c.article_id.in_(chunk)))
            done = {"pipeline": pipeline, "extracted_at": now}
            conn.execute(t.articles.update().where(t.articles.c.id.in_(chunk)).values(**done))
        mentions = [r for x in batch for r in _unique([_mention_row(x.article.id, m) for m in x.mentions])]
        if mentions:
            _insert(conn, t.mentions, mentions)
            _count_mentions(conn, Counter(r["entity_id"] for r in mentions if r["entity_id"]))
        events = [e for x in batch for e in x.events]
        if events:
            published = {x.article.id: x.article.published for x in batch}
            _insert(conn, t.events, [_event_row(e, published.get(e.article_id)) for e in events])
            actor_rows = _unique(
                [r for e in events for r in _event_actor_rows(e)],
                key=lambda r: (r["event_id"], r["actor_id"], r["role"]),
            )
            _insert(conn, t.event_actors, actor_rows)

    def save_entities(self, entities: Iterable[dict[str, Any]]) -> None:
        """Upsert canonical entities (id, type, name, data) that annotations refer to."""
        with self.engine.begin() as conn:
            self._write_entities(conn, entities)

    @staticmethod
    def _write_entities(conn: Connection, entities: Iterable[dict[str, Any]]) -> None:
        rows = _unique(list(entities))
        if not rows:
            return
        ids = [r["id"] for r in rows]
        known: set[str] = set()
        for chunk in chunks(ids):
            known.update(conn.execute(sa.select(t.entities.c.id).where(t.entities.c.id.in_(chunk))).scalars())
        new = [r for r in rows if r["id"] not in known]
        if new:  # with the mentions already stored that link to it (saved before the entity)
            m = t.mentions
            linked: dict[str, int] = {}
            for chunk in chunks([r["id"] for r in new]):
                query = sa.select(m.c.entity_id, sa.func.count()).where(m.c.entity_id.in_(chunk))
                linked.update(conn.execute(query.group_by(m.c.entity_id)).all())
            conn.execute(t.entities.insert(), [{**r, "n_mentions": linked.get(r["id"], 0)} for r in new])

    def unclaimed_event_ids(self) -> set[str]:
        """Events that no claim holds yet: stored, but not consolidated (a run that stopped
        before its consolidation, or events without actors, which no claim key takes)."""
        e, ce = t.events, t.claim_events
        query = sa.select(e.c.id).outerjoin(ce, ce.c.event_id == e.c.id).where(ce.c.event_id.is_(None))
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def replace_claims(
        self, claims: Iterable[dict[str, Any]], links: list[tuple[str, str]], remove: set[str] | None = None
    ) -> int:
        """Swap claims in one transaction: all of them, or only the ``remove`` ids (incremental);
        returns how many claims were written.

        ``claims`` may be an iterator: it is written ``CLAIM_CHUNK`` claims at a time, and
        ``links`` read once it is spent (so a generator may fill them as it makes each claim,
        and no list of every claim is held). ``event_actors.claim_id`` follows the links: set
        again for the events of the removed claims and of the new links, from the links (each
        event is in one claim: a link list that puts an event in two is refused, and nothing
        is written)."""
        ea, ce = t.event_actors, t.claim_events
        # an event's claim, by its link (NULL when it has none)
        linked = sa.select(ce.c.claim_id).where(ce.c.event_id == ea.c.event_id).scalar_subquery()
        with self.engine.begin() as conn:
            affected: set[str] = set()  # the events whose claim may change
            if remove is None:
                conn.execute(ce.delete())
                conn.execute(t.claims.delete())
            elif remove:
                for chunk in chunks(sorted(remove)):
                    affected.update(
                        conn.execute(sa.select(ce.c.event_id).where(ce.c.claim_id.in_(chunk))).scalars()
                    )
                    conn.execute(ce.delete().where(ce.c.claim_id.in_(chunk)))
                    conn.execute(t.claims.delete().where(t.claims.c.id.in_(chunk)))
            written: set[str] = set()
            claims = iter(claims)
            while batch := list(itertools.islice(claims, CLAIM_CHUNK)):
                _insert(conn, t.claims, batch)
                written.update(claim["id"] for claim in batch)
            links = sorted(set(links))
            holder: dict[str, str] = {}
            for claim_id, event_id in links:
                if holder.setdefault(event_id, claim_id) != claim_id:
                    raise StoreError(
                        f"event {event_id} linked to two claims ({holder[event_id]}, {claim_id})"
                    )
            del holder
            affected.update(event_id for _, event_id in links)
            if links:
                _insert(conn, ce, [{"claim_id": c, "event_id": e} for c, e in links])
            # each new claim's latest event end (0009): what claims(since=) reads
            cl = t.claims
            ends = (
                sa.select(sa.func.max(t.events.c.at_end))
                .join(ce, ce.c.event_id == t.events.c.id)
                .where(ce.c.claim_id == cl.c.id)
                .scalar_subquery()
            )
            if remove is None:  # every claim's end; every event's claim, or none
                conn.execute(cl.update().values(at_end=ends))
                conn.execute(ea.update().values(claim_id=linked))
            else:  # the new claims' ends; by the primary key's first column, only those events' rows
                for chunk in chunks(sorted(written | {held for held, _ in links})):
                    conn.execute(cl.update().where(cl.c.id.in_(chunk)).values(at_end=ends))
                for chunk in chunks(sorted(affected)):
                    conn.execute(ea.update().where(ea.c.event_id.in_(chunk)).values(claim_id=linked))
        return len(written)


CLAIM_CHUNK = 1000  # claims per INSERT when claims are replaced


def _count_mentions(conn: Connection, change: dict[str, int]) -> None:
    """Add ``change[id]`` to the mention count of each entity (``entities.n_mentions``)."""
    rows = [{"entity": entity, "n": n} for entity, n in sorted(change.items()) if n]
    if rows:
        e = t.entities
        conn.execute(
            e.update()
            .where(e.c.id == sa.bindparam("entity"))
            .values(n_mentions=e.c.n_mentions + sa.bindparam("n")),
            rows,
        )


COPY_FROM = 8  # PostgreSQL: from this many rows, COPY rather than a statement per row


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``, in ``conn``'s transaction.

    Values are written as SQLAlchemy's INSERT would write them: JSON columns through the
    engine's serializer (``None`` as JSON ``null``, as SQLAlchemy's JSON type stores it),
    Python-side column defaults for keys a row lacks. On PostgreSQL, psycopg's executemany
    sends one INSERT per row (an ingest writes ~30 mentions per article); ``COPY ... FROM
    STDIN`` streams them all in one statement, which made the store writes of an ingest
    several times cheaper. On SQLite the rows go to the driver's executemany as tuples
    (``_insert_tuples``)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        _insert_tuples(conn, table, rows)
        return
    if conn.dialect.name != "postgresql" or len(rows) < COPY_FROM:
        conn.execute(table.insert(), rows)
        return
    keys = set(rows[0])
    columns = [c for c in table.columns if c.name in keys or _scalar_default(c) is not None]
    dumps = conn.dialect._json_serializer or json.dumps
    getters = []
    for c in columns:
        default = _scalar_default(c)
        if isinstance(c.type, sa.JSON):
            getters.append(lambda row, name=c.name: dumps(row.get(name)))
        elif c.name in keys:
            getters.append(lambda row, name=c.name: row[name])
        else:
            getters.append(lambda row, name=c.name, default=default: row.get(name, default))
    names = ", ".join(f'"{c.name}"' for c in columns)
    with conn.connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([get(row) for get in getters])


def _insert_tuples(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """``rows`` through the DB-API's executemany as tuples, column by column: each value
    converted by its column type's bind processor for this dialect (JSON serialized, dates
    written as SQLite stores them), as SQLAlchemy's executemany does; but that builds a
    dictionary of parameters per row first, which was a third of the store's time in an
    ingest."""
    keys = set(rows[0])
    columns = [c for c in table.columns if c.name in keys or _scalar_default(c) is not None]
    values = []
    for c in columns:
        process = c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if c.name in keys:
            column = [row[c.name] for row in rows]
        else:
            default = _scalar_default(c)
            column = [row.get(c.name, default) for row in rows]
        values.append(list(map(process, column)) if process else column)
    names = ", ".join(f'"{c.name}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({names}) VALUES ({marks})", list(zip(*values, strict=True))
    )


def _scalar_default(column: sa.Column) -> Any:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


# Pages the write-ahead log may hold before a commit copies them into the database file
# (SQLite's default: 1,000, about 4 MB). An ingest rewrites the same pages of the full-text and
# other indexes batch after batch; copied ten times less often, each is copied once for many
# batches: 0.4-0.9 s less CPU per 3,000 articles (3-5%), for a log of up to ~40 MB, which
# SQLite empties when the last connection closes.
WAL_AUTOCHECKPOINT = 10_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
    cursor.close()


def _unique(rows: list[dict[str, Any]], key=lambda r: r["id"]) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(key(row), row)
    return list(seen.values())


def _article_row(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "language": article.language,
        "published_start": published.start if published else None,
        "published_end": published.end if published else None,
        "published_precision": published.precision if published else None,
        "outlet": article.outlet,
        "url": article.url,
        "byline": article.byline,
        "source": article.source,
        "format": article.format,
        "ingested_at": _now(),
    }


def _mention_row(article_id: str, m) -> dict[str, Any]:
    return {
        "id": content_id(article_id, m.kind, str(m.start), str(m.end), m.component, m.label, prefix="m_"),
        "article_id": article_id,
        "kind": m.kind,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "label": m.label,
        "entity_id": m.entity_id,
        "value": m.value or None,
        "component": m.component,
        "rule": m.rule,
    }


def _event_row(e: EventMention, published: Any = None) -> dict[str, Any]:
    """An event's row; ``published`` is its article's date (an interval or None), which
    stands in for the event's own time in ``at_start`` / ``at_end`` (what reads sort by)."""
    time_start = e.time.start if e.time and not e.time.open_start else None
    time_end = e.time.end if e.time else None
    return {
        "id": e.id,
        "article_id": e.article_id,
        "type": e.type.upper(),  # filters compare the indexed column as it is
        "mode": e.mode,
        "context": e.context,
        "cameo": e.cameo,
        "start": e.start,
        "end": e.end,
        "text": e.text,
        "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": e.trigger.text},
        "source_actors": [a.to_dict() for a in e.source_actors],
        "target_actors": [a.to_dict() for a in e.target_actors],
        "place": e.place.to_dict() if e.place else None,
        "time_start": time_start,
        "time_end": time_end,
        "at_start": time_start if time_start is not None else (published.start if published else None),
        "at_end": time_end if time_end is not None else (published.end if published else None),
        "time_precision": e.time.precision if e.time else None,
        "time_text": e.time_text,
        "quantity": e.quantity.to_dict() if e.quantity else None,
        "factuality": e.factuality,
        "attribution": [a.to_dict() for a in e.attribution],
        "factuality_cue": e.factuality_cue,
        "participants": [a.to_dict() for a in e.participants],
        "equipment": [a.to_dict() for a in e.equipment],
        "quote": {"start": e.quote.start, "end": e.quote.end, "text": e.quote.text} if e.quote else None,
        "rule": e.rule,
        "component": e.component,
    }


def _event_actor_rows(e: EventMention) -> list[dict[str, str]]:
    # a person also indexes under its country, so `--actor PRK` finds what Kim did
    rows = [
        {"event_id": e.id, "actor_id": actor_id, "role": role}
        for role, actors in (("source", e.source_actors), ("target", e.target_actors))
        for a in actors
        for actor_id in {a.id, a.polity}
    ]
    rows += [{"event_id": e.id, "actor_id": a.id, "role": "attribution"} for a in e.attribution]
    if e.place:
        rows.append({"event_id": e.id, "actor_id": e.place.id, "role": "place"})
    return rows
