"""The read side of the store: every query serve needs, returning JSON-able dicts.

The dicts follow the export contract in the README ("kind", "id", ...), so the CLI,
the HTTP API, the web UI and the exports show the same thing.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import orjson
import sqlalchemy as sa

from cronaca import geo
from cronaca.errors import NotFound, UsageError
from cronaca.store import schema as t
from cronaca.store import search
from cronaca.store.search import like_pattern as _like
from cronaca.store.since import by_index
from cronaca.store.since import page as since_page

MAX_LIMIT = 1000
FEW_EVENTS = 2000  # claims(filters): up to this many matching events, list their claims first
PG_FEW_EVENTS = 12_000  # ... on PostgreSQL, which takes the list as one array (see claims)
MAX_OFFSET = 1_000_000_000  # past any store; keeps offsets inside SQL's 64-bit integers
# the tables stats() counts, by the name it reports them under
COUNTED = {
    "articles": t.articles,
    "rejections": t.rejections,
    "mentions": t.mentions,
    "entities": t.entities,
    "events": t.events,
    "claims": t.claims,
}


def _three_digits(n: float) -> int:
    """``n`` rounded to three significant digits: 997,335 → 997,000."""
    return int(float(f"{n:.3g}"))


def _entity_point(entity_id: str) -> dict[str, Any]:
    """A place's or a country's point and hierarchy (``lat``, ``lon``, ``feature_class``,
    ``country``, ``admin1``); nulls for actors that are no place."""
    found = geo.locate(entity_id)
    if found is None:
        return {"lat": None, "lon": None, "feature_class": None, "country": None, "admin1": None}
    return found


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _interval(start: date | None, end: date | None, precision: str | None) -> dict[str, Any] | None:
    """An interval as JSON; a null ``start`` with an ``end`` means "on or before end"."""
    if start is None and end is None:
        return None
    return {"start": _iso(start), "end": _iso(end), "precision": precision}


def _limit(limit: int | None) -> int:
    if limit is None:
        return MAX_LIMIT
    if limit < 1:
        raise UsageError("limit must be at least 1")
    return min(limit, MAX_LIMIT)


def _offset(offset: int | None) -> int:
    if offset is None:
        return 0
    if not 0 <= offset <= MAX_OFFSET:
        raise UsageError(f"offset must be between 0 and {MAX_OFFSET:,}")
    return offset


def _parse_date(value: str | date | None, name: str, *, end: bool = False) -> date | None:
    """A filter date; with ``end``, "2025" and "2025-03" mean their last day (``--until``)."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    try:
        if len(text) == 4:
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date.fromisoformat(text)
    except ValueError as e:
        raise UsageError(f"--{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD") from e


def _report_key(event: dict[str, Any]) -> tuple:
    """A claim's events: oldest report first, then by article, time and place in the text."""
    published = (event["published"] or {}).get("start") or ""
    happened = (event["time"] or {}).get("start") or published
    return (published, event["article_id"], happened, event["span"]["start"], event["id"])


WALK_PAGE = 500  # records per page of Queries.walk (an export)
IN_CHUNK = 500  # ids per IN (...) list: under SQLite's and PostgreSQL's limits on bound parameters
_IDS = sa.ARRAY(sa.String)  # a list of ids as one PostgreSQL array parameter


def _unnest(name: str, ids: list[str]) -> sa.Select:
    """PostgreSQL: ``SELECT unnest(:name)``, the ids as one array parameter."""
    return sa.select(sa.func.unnest(sa.bindparam(name, ids, type_=_IDS)))


def rows_in_order(
    conn: sa.Connection, query: sa.Select, column: sa.ColumnElement, ids: list[str]
) -> list[Any]:
    """The rows of ``query`` whose ``column`` is one of ``ids``, in the order of ``ids``: a page
    whose ids were found first (by an index's order), read by id."""
    place = {key: i for i, key in enumerate(ids)}
    rows = [r for chunk in chunks(ids) for r in conn.execute(query.where(column.in_(chunk))).mappings()]
    return sorted(rows, key=lambda r: place[r[column.key]])


def unindexed(conn: sa.Connection, column: sa.Column) -> sa.ColumnElement:
    """``column`` as a term that constrains no index on SQLite (its unary ``+``), so that its
    planner takes another index for the query (SQLAlchemy writes no index hint on SQLite);
    the column itself elsewhere."""
    if conn.dialect.name != "sqlite":
        return column
    return sa.literal_column(f"+{column.table.name}.{column.name}", column.type)


def chunks(items: list[str], size: int = IN_CHUNK) -> Iterator[list[str]]:
    """``items`` in runs of ``size``, for queries that list ids in an IN clause."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def json_loads(text: str | bytes) -> Any:
    """A JSON column's value. orjson reads the events and claims of a timeline page several
    times faster than the json module; what it refuses (a lone surrogate that an article
    carried in, NaN) is read by the json module, which wrote it."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _scene(seen: dict[tuple, dict[str, Any]], place: dict[str, Any] | None) -> dict[str, Any] | None:
    """What consolidation reads of an event's place (which place, in which country, named in
    the event's clause or only by its article), one dict per distinct place."""
    if not place:
        return place
    key = (place.get("id"), place.get("name"), place.get("country"), place.get("role"))
    found = seen.get(key)
    if found is None:
        found = seen[key] = {
            k: v for k, v in zip(("id", "name", "country", "role"), key, strict=True) if v is not None
        }
    return found


_NONE: list[Any] = []  # one empty list for every event without participants, equipment, ...: read only


class _Shared:
    """JSON values parsed once per text: the same actor list in a thousand events is then one
    list, not a thousand (a rebuild holds every event of a type). Nothing that reads them
    changes them."""

    def __init__(self) -> None:
        self._seen: dict[str, Any] = {}

    def __call__(self, text: str | None) -> Any:
        if text is None:
            return None
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = json_loads(text)
        return found


class Queries:
    engine: sa.engine.Engine

    # -- articles ---------------------------------------------------------------------

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t.articles)).scalar_one()

    def articles(
        self, *, q: str | None = None, language: str | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        a = t.articles
        n_events = (
            sa.select(sa.func.count())
            .where(t.events.c.article_id == a.c.id)
            .scalar_subquery()
            .label("n_events")
        )
        query = sa.select(a, n_events).order_by(a.c.published_start.desc().nulls_last(), a.c.id)
        if language:
            query = query.where(a.c.language == language)
        query = query.limit(_limit(limit)).offset(_offset(offset))
        with self.engine.connect() as conn:
            if q:
                newest = _limit(limit) + _offset(offset)  # the page's end, for search's own sort
                where = search.match(
                    self.engine.dialect.name, q, conn, newest=newest, language=language or None
                )
                query = query.where(where)
            return [self._article_dict(row, with_text=False) for row in conn.execute(query).mappings()]

    def article(self, article_id: str) -> dict[str, Any]:
        """One article with its text, mentions and events; a unique id prefix is enough."""
        with self.engine.connect() as conn:
            row = self._by_id_or_prefix(conn, t.articles, article_id, "article")
            article = self._article_dict(row, with_text=True)
            mentions = conn.execute(
                sa.select(t.mentions).where(t.mentions.c.article_id == row["id"]).order_by(t.mentions.c.start)
            ).mappings()
            article["mentions"] = [self._mention_dict(m) for m in mentions]
        article["events"] = self.events(article_id=row["id"], limit=None)
        return article

    # -- every record, for exports ------------------------------------------------------

    def walk(self, kind: str, page: int = WALK_PAGE) -> Iterator[dict[str, Any]]:
        """Every article, mention, event or claim, in id order, as the listings give them.

        A page at a time, each after the last id of the one before (no OFFSET, which reads
        and drops every row before the page: an export of a million articles by offset read
        half a billion rows), so an export takes time in proportion to the store and holds
        one page; a mention is read with the page of its article."""
        table = {"article": t.articles, "mention": t.articles, "event": t.events, "claim": t.claims}[kind]
        whole = kind in ("article", "claim")  # their rows are the page; the others' ids lead to them
        last = None
        while True:
            query = sa.select(table if whole else table.c.id).order_by(table.c.id).limit(page)
            if last is not None:
                query = query.where(table.c.id > last)
            with self.engine.connect() as conn:
                rows = list(conn.execute(query).mappings())
                if not rows:
                    return
                ids = [r["id"] for r in rows]
                if kind == "event":
                    records = self.events_by_ids(set(ids))
                elif kind == "claim":
                    links = self._claim_links(conn, ids)
                    records = [self._claim_dict(r, *links.get(r["id"], ([], []))) for r in rows]
                elif kind == "article":
                    records = [self._article_dict(r, with_text=True) for r in rows]
                else:
                    m = t.mentions
                    records = [
                        self._mention_dict(r)
                        for chunk in chunks(ids)
                        for r in conn.execute(
                            sa.select(m).where(m.c.article_id.in_(chunk)).order_by(m.c.article_id, m.c.start)
                        ).mappings()
                    ]
            yield from sorted(records, key=lambda r: r["id"]) if kind == "event" else records
            last = ids[-1]

    def rejections(self, limit: int | None = 100) -> list[dict[str, Any]]:
        query = sa.select(t.rejections).order_by(t.rejections.c.id.desc()).limit(_limit(limit))
        with self.engine.connect() as conn:
            return [
                {
                    "source": r["source"],
                    "reason": r["reason"],
                    "format": r["format"],
                    "at": r["at"].isoformat(),
                }
                for r in conn.execute(query).mappings()
            ]

    # -- events -----------------------------------------------------------------------

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        article_id: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        e, a = t.events, t.articles
        query = sa.select(
            e, a.c.title, a.c.outlet, a.c.published_start, a.c.published_end, a.c.published_precision, a.c.url
        ).join(a, a.c.id == e.c.article_id)
        with self.engine.connect() as conn:
            since_d = _parse_date(since, "since")
            if since_d and not article_id:  # read in two parts (since.py)
                ids = self._events_since(conn, actor, type, since_d, until, _limit(limit), _offset(offset))
                rows = rows_in_order(conn, query, e.c.id, ids)
            else:
                query = self._event_filters(conn, query, actor, type, since, until)
                if article_id:
                    query = query.where(e.c.article_id == article_id)
                # at_start is coalesce(time_start, the article's published_start), stored (0005)
                query = (
                    query.order_by(e.c.at_start, e.c.article_id, e.c.start)
                    .limit(_limit(limit))
                    .offset(_offset(offset))
                )
                rows = list(conn.execute(query).mappings())
            claim_of = self._claims_of(conn, [r["id"] for r in rows])
        return [self._event_dict(r, claim_of.get(r["id"])) for r in rows]

    def event(self, event_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = self._by_id_or_prefix(conn, t.events, event_id, "event")
        return self.events_by_ids({row["id"]})[0]

    def event_ids_with_actors(self, actor_ids: set[str]) -> set[str]:
        """Events whose source or target is one of ``actor_ids`` (countries include their people)."""
        ea = t.event_actors
        out: set[str] = set()
        ids = sorted(actor_ids)
        with self.engine.connect() as conn:
            for chunk in chunks(ids):
                query = sa.select(ea.c.event_id).where(
                    ea.c.actor_id.in_(chunk), ea.c.role.in_(("source", "target"))
                )
                out.update(conn.execute(query).scalars())
        return out

    def events_by_ids(self, event_ids: set[str]) -> list[dict[str, Any]]:
        e, a = t.events, t.articles
        ids = sorted(event_ids)
        rows = []
        with self.engine.connect() as conn:
            for chunk in chunks(ids):
                query = (
                    sa.select(
                        e,
                        a.c.title,
                        a.c.outlet,
                        a.c.published_start,
                        a.c.published_end,
                        a.c.published_precision,
                        a.c.url,
                    )
                    .join(a, a.c.id == e.c.article_id)
                    .where(e.c.id.in_(chunk))
                )
                rows += list(conn.execute(query).mappings())
            claim_of = self._claims_of(conn, [r["id"] for r in rows])
        return [self._event_dict(r, claim_of.get(r["id"])) for r in rows]

    def claims_of_events(self, event_ids: set[str]) -> dict[str, str]:
        """Each of these events' claim, by event id (none for an event no claim holds yet)."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(event_ids)):
                out.update(self._claims_of(conn, chunk))
        return out

    def event_ids_of_claims(self, claim_ids: set[str]) -> set[str]:
        """Every event of these claims (their members, whatever actors they name)."""
        ce, ids = t.claim_events, sorted(claim_ids)
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in chunks(ids):
                out.update(conn.execute(sa.select(ce.c.event_id).where(ce.c.claim_id.in_(chunk))).scalars())
        return out

    def event_ids_by_type(self, event_ids: set[str] | None = None) -> dict[str, list[str]]:
        """The ids of ``event_ids`` (None: of every event) by event type, each list sorted:
        claims never cross types, so consolidation takes one type's events at a time."""
        e = t.events
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            if event_ids is None:
                pages = [conn.execute(sa.select(e.c.type, e.c.id))]
            else:
                pages = (
                    conn.execute(sa.select(e.c.type, e.c.id).where(e.c.id.in_(chunk)))
                    for chunk in chunks(sorted(event_ids))
                )
            for rows in pages:
                for type_, event_id in rows:
                    out.setdefault(type_, []).append(event_id)
        for ids in out.values():
            ids.sort()
        return out

    def claim_ids_of_types(self, types: Iterable[str], *, other: bool = False) -> set[str]:
        """The claims of these event types, or with ``other`` of every type but these."""
        types = sorted(types)
        c = t.claims
        where = c.c.type.not_in(types) if other else c.c.type.in_(types)
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(c.c.id).where(where)).scalars())

    def events_for_claims(self, event_ids: set[str] | list[str]) -> list[dict[str, Any]]:
        """Events as ``consolidate`` reads them: only the fields it uses, the actor lists
        shared between events that name the same actors (``_Shared``), and no map point: a
        third of an ``events_by_ids`` event's memory, for rebuilds that hold a whole type."""
        return self._events_slim(event_ids, speaking=False)

    def speaking_events(self, event_ids: set[str] | list[str]) -> list[dict[str, Any]]:
        """Of ``event_ids``, those that may acknowledge another side's claim (asserted or
        reported, with a source, and a target or participant of a named sector), slim as
        ``events_for_claims``: a rebuild holds them for every type's claims, since an
        acknowledgement may be an event of any type."""
        return self._events_slim(event_ids, speaking=True)

    def _events_slim(self, event_ids: set[str] | list[str], *, speaking: bool) -> list[dict[str, Any]]:
        e, a = t.events, t.articles
        shared = _Shared()
        lists = ("source_actors", "target_actors", "participants", "attribution", "equipment")
        columns = [
            e.c.id,
            e.c.article_id,
            e.c.type,
            e.c.mode,
            e.c.context,
            e.c.start,
            e.c.end,
            e.c.text,
            e.c.factuality,
            *(sa.cast(e.c[name], sa.Text).label(name) for name in lists),
            a.c.published_start,
            a.c.published_end,
            a.c.published_precision,
        ]
        if not speaking:
            columns += [e.c.trigger, e.c.place, e.c.quantity]
            columns += [e.c.time_start, e.c.time_end, e.c.time_precision]
        published: dict[tuple, dict[str, Any] | None] = {}
        places: dict[tuple, dict[str, Any]] = {}
        words: dict[str, str] = {}  # one string per article id, type, mode, ...: many events share each
        out = []
        with self.engine.connect() as conn:
            for chunk in chunks(sorted(event_ids)):
                query = sa.select(*columns).join(a, a.c.id == e.c.article_id).where(e.c.id.in_(chunk))
                if speaking:
                    query = query.where(e.c.factuality.in_(("asserted", "reported")))
                for row in conn.execute(query).mappings():
                    actors = {name: shared(row[name]) or _NONE for name in lists}
                    if speaking:
                        others = (*actors["target_actors"], *actors["participants"])
                        if not actors["source_actors"] or not any(x.get("sector") for x in others):
                            continue
                    day = (row["published_start"], row["published_end"], row["published_precision"])
                    if day not in published:
                        published[day] = _interval(*day)
                    event = {
                        "id": row["id"],
                        "article_id": words.setdefault(row["article_id"], row["article_id"]),
                        "type": words.setdefault(row["type"], row["type"]),
                        "mode": words.setdefault(row["mode"], row["mode"]),
                        "context": words.setdefault(row["context"], row["context"]),
                        "span": {"start": row["start"], "end": row["end"]},
                        "text": row["text"],
                        "factuality": words.setdefault(row["factuality"], row["factuality"]),
                        **actors,
                        "published": published[day],
                    }
                    if not speaking:
                        event["trigger"] = row["trigger"]
                        event["place"] = _scene(places, row["place"])
                        event["quantity"] = row["quantity"]
                        event["time"] = _interval(row["time_start"], row["time_end"], row["time_precision"])
                    out.append(event)
        return out

    def all_events(self) -> list[dict[str, Any]]:
        """Every event in ``events()``'s order, whole, at once: for tests and benchmarks of a
        small store (consolidation reads ``events_for_claims`` a type at a time, exports
        ``walk``)."""
        out: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = self.events(limit=MAX_LIMIT, offset=offset)
            out.extend(page)
            if len(page) < MAX_LIMIT:
                return out
            offset += MAX_LIMIT

    def _events_since(
        self, conn, actor, type, since_d: date, until, limit: int, offset: int, *, where=(), by_id=False
    ) -> list[str]:
        """The ids of a page of events that end on or after ``since_d`` (see since.py) and
        meet ``where``; ``by_id``: ties in the order broken by id (the map's order)."""
        e = t.events
        ends = e.c.at_end >= since_d
        sqlite = conn.dialect.name == "sqlite"
        # The straddlers by the end's index, whatever the other filters. SQLite's planner
        # prefers a type's index (an equality) and then reads every row of the type that
        # started before since_d (0.3 s at a million): there the type constrains no index.
        columns = sa.select(e.c.id, e.c.at_start, e.c.article_id, e.c.start)
        ending = self._event_filters(conn, columns, actor, type, None, until, type_index=False)
        ending = ending.where(ends, *where)
        earlier = e.c.at_start < since_d
        if sqlite:  # the start tested inside the index, NULL or earlier
            straddlers: sa.Select | sa.CompoundSelect = ending.where(sa.or_(earlier, e.c.at_start.is_(None)))
        else:  # an OR is no index condition on PostgreSQL: two, one statement
            straddlers = sa.union_all(ending.where(earlier), ending.where(e.c.at_start.is_(None)))
        starters = (
            self._event_filters(conn, sa.select(e.c.id), actor, type, None, until)
            .where(e.c.at_start >= since_d, ends, *where)  # an open start's end may precede it
            .order_by(e.c.at_start, e.c.article_id, e.c.start, *([e.c.id] if by_id else []))
        )
        return since_page(conn, straddlers, starters, offset=offset, limit=limit)

    def _event_filters(self, conn, query, actor, type, since, until, *, type_index=True):
        """``query`` with the event filters; ``type_index=False``: SQLite compares the type as
        ``+type``, which constrains no index, so that its planner takes another one (PostgreSQL
        chooses by its statistics)."""
        e = t.events
        if actor:
            ids = self.resolve_actor(actor, conn=conn)
            query = query.where(
                e.c.id.in_(sa.select(t.event_actors.c.event_id).where(t.event_actors.c.actor_id.in_(ids)))
            )
        if type:
            kind = e.c.type if type_index else unindexed(conn, e.c.type)
            query = query.where(kind == type.upper())  # stored upper-case: compared as it is
        since_d, until_d = _parse_date(since, "since"), _parse_date(until, "until", end=True)
        # at_end / at_start: the event's time, else its article's date (stored, indexed)
        if since_d:
            query = query.where(e.c.at_end >= since_d)
        if until_d:
            query = query.where(e.c.at_start <= until_d)
        return query

    # -- claims -----------------------------------------------------------------------

    def claims(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        c = t.claims
        query = sa.select(c)
        with self.engine.connect() as conn:
            since_d = _parse_date(since, "since")
            where = self._claim_conditions(conn, actor, type, since, until)
            if where:
                # The page's ids first, sorting only (time, id) pairs, then the rows: SQLite sorts
                # whole rows, and a claim's row carries its sources and explanation.
                page = (
                    sa.select(c.c.id)
                    .where(*where)
                    .order_by(t.CLAIM_ORDER, c.c.id)
                    .limit(_limit(limit))
                    .offset(_offset(offset))
                )
                # through their events with dates: on PostgreSQL by an index (see since.by_index)
                through_events = since_d and (actor or until)
                ids = (
                    [r[0] for r in by_index(conn, page)]
                    if through_events
                    else list(conn.execute(page).scalars())
                )
                rows = rows_in_order(conn, query, c.c.id, ids)
            else:  # ix_claims_time serves this order: no sort at all
                query = query.order_by(t.CLAIM_ORDER, c.c.id).limit(_limit(limit)).offset(_offset(offset))
                rows = list(conn.execute(query).mappings())
            links = self._claim_links(conn, [r["id"] for r in rows])
        return [self._claim_dict(r, *links.get(r["id"], ([], []))) for r in rows]

    def claim_outlines(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> list[dict[str, Any]]:
        """Every claim ``claims()`` lists for these filters, in its order, as an outline: the
        claim without what only its own page shows (sources, status history, explanation,
        place, event ids). What stories and the network are built from: read in one query
        and not a page of 1,000 at a time by OFFSET, and a fraction of a claim's memory."""
        c = t.claims
        shared, sides = _Shared(), ("source_actors", "target_actors")  # one list per actors named
        columns = [
            sa.cast(col, sa.Text).label(col.key) if col.key in sides else col
            for col in c.c
            if col.key not in ("data", "at_end")
        ]
        with self.engine.connect() as conn:
            where = self._claim_conditions(conn, actor, type, since, until)
            rows = list(
                conn.execute(sa.select(*columns).where(*where).order_by(t.CLAIM_ORDER, c.c.id)).mappings()
            )
            articles = self._claim_articles(conn, [r["id"] for r in rows])
        return [
            {
                "kind": "claim",
                "id": r["id"],
                "type": r["type"],
                "mode": r["mode"],
                "context": r["context"],
                "source_actors": shared(r["source_actors"]),
                "target_actors": shared(r["target_actors"]),
                "time": _interval(r["time_start"], r["time_end"], r["time_precision"]),
                "quantity": r["quantity"],
                "first_reported": _iso(r["first_reported"]),
                "last_reported": _iso(r["last_reported"]),
                "n_events": r["n_events"],
                "n_articles": r["n_articles"],
                "summary": r["summary"],
                "article_ids": articles.get(r["id"], []),
                "component": r["component"],
            }
            for r in rows
        ]

    @staticmethod
    def _claim_articles(conn, claim_ids: list[str]) -> dict[str, list[str]]:
        """Each claim's article ids, sorted (as ``_claim_links`` gives them)."""
        ce, e = t.claim_events, t.events
        out: dict[str, list[str]] = {}
        for chunk in chunks(claim_ids):
            rows = conn.execute(
                sa.select(ce.c.claim_id, e.c.article_id)
                .distinct()
                .join(e, e.c.id == ce.c.event_id)
                .where(ce.c.claim_id.in_(chunk))
                .order_by(ce.c.claim_id, e.c.article_id)
            )
            for claim_id, article_id in rows:
                out.setdefault(claim_id, []).append(article_id)
        return out

    def _claim_conditions(self, conn, actor, type, since, until) -> list[sa.ColumnElement[bool]]:
        """The conditions on ``claims`` of ``claims()``'s filters (none without filters).

        ``since`` alone, with a type or not: the claim's own end, the latest of its events'
        (0009), and its own type (a claim's events are of its type); the order's index holds
        both, so a walk in order tests each claim there, reading no row but the page's.
        Otherwise the claims of the events that pass every filter, their end tested first."""
        c = t.claims
        since_d = _parse_date(since, "since")
        if since_d and not (actor or until):
            return [c.c.at_end >= since_d] + ([c.c.type == type.upper()] if type else [])
        if actor or type or since or until:
            ends = [c.c.at_end >= since_d] if since_d else []
            return [*ends, self._claims_where(conn, actor, type, since, until)]
        return []

    def _claims_where(self, conn, actor, type, since, until) -> sa.ColumnElement[bool]:
        """The condition on ``claims`` of ``claims()``'s filters: the claims of the events that
        pass them, listed first when they are few."""
        c, ce = t.claims, t.claim_events
        postgres = self.engine.dialect.name == "postgresql"
        if type and not (actor or since or until):
            # a claim's events are of its type: the claim's own, a range of ix_claims_type in
            # the listing's order (through its events: 0.5 s for COERCE at 300k articles)
            return c.c.type == type.upper()
        if actor and not (type or since or until):
            # the actor's claims are one range of ix_event_actors_actor_claim (0007): a probe of
            # claim_events per event cost 45 ms for an actor of 5,500 events at a million
            # articles (PostgreSQL)
            ea = t.event_actors
            ids = self.resolve_actor(actor, conn=conn)
            held = sa.select(ea.c.claim_id).where(ea.c.actor_id.in_(ids), ea.c.claim_id.is_not(None))
            listed = sorted(set(conn.execute(held).scalars()))
            if postgres:
                return c.c.id.in_(_unnest("claims", listed))
            # SQLite: a long list as the subquery, which the walk of ix_claims_time probes
            return c.c.id.in_(listed) if len(listed) <= FEW_EVENTS else c.c.id.in_(held)
        matching = self._event_filters(conn, sa.select(t.events.c.id), actor, type, since, until)
        few = PG_FEW_EVENTS if postgres else FEW_EVENTS
        probe = matching.limit(few + 1)  # with dates, on PostgreSQL by an index (since.by_index)
        events = [r[0] for r in by_index(conn, probe)] if since else conn.execute(probe).scalars().all()
        if len(events) > few:  # many: a walk of ix_claims_time finds the page's claims soon
            return c.c.id.in_(sa.select(ce.c.claim_id).where(ce.c.event_id.in_(matching)))
        # Few events match: their claims by the event index, listed, then sorted. Left to
        # itself the PostgreSQL planner may scan every claim link, or walk every claim by time
        # and probe each (138 ms for an actor in 0.5% of 77,500).
        if postgres:
            # One array each, unnested, not IN lists of 500: PostgreSQL sizes its plan by the
            # array and probes the index per id (given "= ANY(array)" it scanned every claim
            # link). At a million articles an actor of 5,500 events took 170 ms by the walk of
            # ix_claims_time.
            found = ce.c.event_id.in_(_unnest("events", events))
            listed = sorted(set(conn.execute(sa.select(ce.c.claim_id).where(found)).scalars()))
            return c.c.id.in_(_unnest("claims", listed))
        listed = set()
        for chunk in chunks(events):
            listed.update(conn.execute(sa.select(ce.c.claim_id).where(ce.c.event_id.in_(chunk))).scalars())
        return c.c.id.in_(sorted(listed))

    def claim(self, claim_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = self._by_id_or_prefix(conn, t.claims, claim_id, "claim")
            event_ids, article_ids = self._claim_links(conn, [row["id"]]).get(row["id"], ([], []))
        claim = self._claim_dict(row, event_ids, article_ids)
        claim["events"] = sorted(self.events_by_ids(set(event_ids)), key=_report_key)  # one query
        return claim

    def timeline(self, *, events_per_claim: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Claims in time order, each with the events (and so the sentences) behind it:
        all of them, or the ``events_per_claim`` earliest reported (a page shows a few and
        links to the claim). The events come in one batched query, not one per article."""
        claims = self.claims(**filters)
        if not claims:
            return []
        ids = {i for c in claims for i in c["event_ids"]}
        if events_per_claim is not None:
            order = self._report_order(ids)
            ids = {
                i for c in claims for i in sorted(c["event_ids"], key=order.__getitem__)[:events_per_claim]
            }
        by_id = {ev["id"]: ev for ev in self.events_by_ids(ids)}
        for claim in claims:
            claim["events"] = [by_id[i] for i in claim["event_ids"] if i in by_id]
        return claims

    def _report_order(self, event_ids: set[str]) -> dict[str, tuple[str, str]]:
        """(article date or "9999", event id) for each event: oldest report first."""
        e, a = t.events, t.articles
        ids = sorted(event_ids)
        out: dict[str, tuple[str, str]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(ids):
                query = (
                    sa.select(e.c.id, a.c.published_start)
                    .join(a, a.c.id == e.c.article_id)
                    .where(e.c.id.in_(chunk))
                )
                out.update({i: (_iso(d) or "9999", i) for i, d in conn.execute(query)})
        return out

    # -- entities ---------------------------------------------------------------------

    def entities(
        self, *, q: str | None = None, type: str | None = None, limit: int | None = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        en = t.entities
        n = en.c.n_mentions  # kept by the store (0005)
        query = sa.select(en)
        if q:
            like = _like(q)
            query = query.where(sa.or_(en.c.id.ilike(like, escape="\\"), en.c.name.ilike(like, escape="\\")))
        if type:
            query = query.where(en.c.type == type)
        query = query.order_by(n.desc(), en.c.id).limit(_limit(limit)).offset(_offset(offset))
        with self.engine.connect() as conn:
            return [
                {
                    "kind": "entity",
                    "id": r["id"],
                    "type": r["type"],
                    "name": r["name"],
                    "names": (r["data"] or {}).get("names", {}),
                    "n_mentions": r["n_mentions"],
                    **_entity_point(r["id"]),
                }
                for r in conn.execute(query).mappings()
            ]

    def resolve_actor(self, actor: str, conn=None) -> list[str]:
        """An actor filter as ids: an id ("PRK"), or a name matched against stored entities."""
        own = conn is None
        conn = conn or self.engine.connect()
        try:
            en = t.entities
            # the id as given or upper-cased ("prk"), by the primary key; then any case, by a scan
            exact = (
                conn.execute(sa.select(en.c.id).where(en.c.id.in_({actor, actor.upper()}))).scalars().all()
            )
            exact = exact or (
                conn.execute(sa.select(en.c.id).where(sa.func.upper(en.c.id) == actor.upper()))
                .scalars()
                .all()
            )
            if exact:
                return list(exact)
            # any name in any language ("Bielorussia", "Belarus")
            named = (
                conn.execute(
                    sa.select(en.c.id).where(
                        sa.or_(
                            en.c.name.ilike(_like(actor), escape="\\"),
                            sa.cast(en.c.data, sa.Text).ilike(f'%"{_like(actor)[1:-1]}"%', escape="\\"),
                        )
                    )
                )
                .scalars()
                .all()
            )
            return list(named) or [actor.upper()]
        finally:
            if own:
                conn.close()

    def stats(self, only: Iterable[str] | None = None) -> dict[str, int]:
        """Row counts of the store's tables, or of the ``only`` ones (``COUNTED`` names them):
        counting reads a whole index, and at a million articles the 28 million mentions take
        0.5 s on PostgreSQL and seconds on SQLite, which a caller that shows three counts
        (the timeline page) or one (an ingest's report) need not pay."""
        names = COUNTED if only is None else tuple(only)
        unknown = set(names) - set(COUNTED)
        if unknown:
            raise UsageError(f"no such count: {', '.join(sorted(unknown))} (counts: {', '.join(COUNTED)})")
        with self.engine.connect() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(COUNTED[name])).scalar_one()
                for name in names
            }

    def estimated_counts(self, names: Iterable[str], above: int) -> dict[str, int]:
        """PostgreSQL: the planner's row estimates (``pg_class.reltuples``, which ANALYZE and
        autovacuum keep) of those of ``names`` estimated above ``above`` rows, rounded to three
        significant digits; nothing for smaller tables, nor on other databases. Counting a
        table reads it whole (150 ms for a million articles), on every call, as PostgreSQL
        gives no cheap sign that a table changed; a page that shows its counts as a rough
        size takes these instead."""
        if self.engine.dialect.name != "postgresql":
            return {}
        tables = {COUNTED[name].name: name for name in names}
        # the table as the store's queries name it (the search path), as search._pg_estimate does
        query = sa.text(
            "SELECT t, (SELECT reltuples FROM pg_class WHERE oid = to_regclass(t))"
            " FROM unnest(CAST(:tables AS text[])) AS t"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query, {"tables": list(tables)}).all()
        return {tables[table]: _three_digits(n) for table, n in rows if n is not None and n > above}

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _by_id_or_prefix(conn, table: sa.Table, ident: str, what: str):
        row = conn.execute(sa.select(table).where(table.c.id == ident)).mappings().first()
        if row:
            return row
        rows = (
            conn.execute(
                sa.select(table).where(table.c.id.like(_like(ident, prefix=True), escape="\\")).limit(2)
            )
            .mappings()
            .all()
        )
        if len(rows) == 1:
            return rows[0]
        if rows:
            raise UsageError(f"{what} id {ident!r} is ambiguous: give more characters")
        raise NotFound(f"no {what} with id {ident!r}: list them with `cronaca {what}s`")

    @staticmethod
    def _claims_of(conn, event_ids: list[str]) -> dict[str, str]:
        if not event_ids:
            return {}
        ce = t.claim_events
        rows = conn.execute(sa.select(ce.c.event_id, ce.c.claim_id).where(ce.c.event_id.in_(event_ids)))
        return {event_id: claim_id for event_id, claim_id in rows}

    @staticmethod
    def _claim_links(conn, claim_ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
        if not claim_ids:
            return {}
        ce, e = t.claim_events, t.events
        rows = conn.execute(
            sa.select(ce.c.claim_id, ce.c.event_id, e.c.article_id)
            .join(e, e.c.id == ce.c.event_id)
            .where(ce.c.claim_id.in_(claim_ids))
            .order_by(ce.c.claim_id, e.c.article_id, ce.c.event_id)
        )
        out: dict[str, tuple[list[str], list[str]]] = {}
        for claim_id, event_id, article_id in rows:
            events, articles = out.setdefault(claim_id, ([], []))
            events.append(event_id)
            if article_id not in articles:
                articles.append(article_id)
        return out

    @staticmethod
    def _article_dict(row, *, with_text: bool) -> dict[str, Any]:
        data = {
            "kind": "article",
            "id": row["id"],
            "title": row["title"],
            "language": row["language"],
            "published": _interval(row["published_start"], row["published_end"], row["published_precision"]),
            "outlet": row["outlet"],
            "url": row["url"],
            "byline": row["byline"],
            "source": row["source"],
            "format": row["format"],
            "pipeline": row["pipeline"] or {},
        }
        if "n_events" in row.keys():
            data["n_events"] = row["n_events"]
        if with_text:
            data["text"] = row["text"]
        return data

    @staticmethod
    def _mention_dict(row) -> dict[str, Any]:
        value = row["value"] or {}
        place_id = value.get("place_id")
        return {
            "kind": "mention",
            "id": row["id"],
            "article_id": row["article_id"],
            "type": row["kind"],
            "label": row["label"],
            "entity_id": row["entity_id"],
            "span": {"start": row["start"], "end": row["end"]},
            "text": row["text"],
            "value": value,
            "place": geo.with_point(
                {
                    "id": place_id,
                    "name": value.get("place_name", row["text"]),
                    "country": value.get("actor", ""),
                }
            )
            if place_id
            else None,
            "component": row["component"],
            "rule": row["rule"],
        }

    @staticmethod
    def _event_dict(row, claim_id: str | None) -> dict[str, Any]:
        return {
            "kind": "event",
            "id": row["id"],
            "type": row["type"],
            "mode": row["mode"],
            "context": row["context"],
            "cameo": row["cameo"],
            "source_actors": row["source_actors"],
            "target_actors": row["target_actors"],
            "place": geo.with_point(row["place"]),
            "time": _interval(row["time_start"], row["time_end"], row["time_precision"]),
            "time_text": row["time_text"],
            "quantity": row["quantity"],
            "factuality": row["factuality"],
            "attribution": row["attribution"],
            "factuality_cue": row["factuality_cue"],
            "participants": row["participants"] or [],
            "equipment": row["equipment"] or [],
            "quote": row["quote"],
            "article_id": row["article_id"],
            "article_title": row["title"],
            "outlet": row["outlet"],
            "url": row["url"],
            "published": _interval(row["published_start"], row["published_end"], row["published_precision"]),
            "span": {"start": row["start"], "end": row["end"]},
            "trigger": row["trigger"],
            "text": row["text"],
            "rule": row["rule"],
            "component": row["component"],
            "claim_id": claim_id,
        }

    @staticmethod
    def _claim_dict(row, event_ids: list[str], article_ids: list[str]) -> dict[str, Any]:
        data = row["data"] or {}
        return {
            "kind": "claim",
            "id": row["id"],
            "type": row["type"],
            "mode": row["mode"],
            "context": row["context"],
            "source_actors": row["source_actors"],
            "target_actors": row["target_actors"],
            "time": _interval(row["time_start"], row["time_end"], row["time_precision"]),
            "place": geo.with_point(data.get("place")),
            "quantity": row["quantity"],
            "first_reported": _iso(row["first_reported"]),
            "last_reported": _iso(row["last_reported"]),
            "n_events": row["n_events"],
            "n_articles": row["n_articles"],
            "summary": row["summary"],
            "factuality": data.get("factuality", []),
            "status": data.get("status", ""),
            "sources": data.get("sources", []),
            "n_sources": data.get("n_sources", 0),
            "explanation": data.get("explanation", []),
            "event_ids": event_ids,
            "article_ids": article_ids,
            "component": row["component"],
        }
