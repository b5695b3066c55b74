"""Read queries for the map, the search box and the actor pages.

Each answers in a few indexed queries, whatever the store's size: the map reads the events
that have a place (with the timeline's filters) and the claims they belong to; search reads
the article index (``store/search.py``), the claims' summaries and the entities' names; an
actor's page reads its rows of ``event_actors`` (indexed by actor) and the claims they lead
to. Every place gets its point from :mod:`cronaca.geo`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

from cronaca import geo
from cronaca.errors import NotFound
from cronaca.store import schema as t
from cronaca.store import search as fts
from cronaca.store.queries import Queries, _interval, _iso, _parse_date, chunks, rows_in_order, unindexed

MAP_LIMIT = 5000  # points on one map; the page says when a filter would show more


def _text(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.cast(column, sa.Text)


def _most_reported(columns: Any) -> tuple:
    """The claims' order on the search and the claim map (``ix_claims_reported``, 0007), over
    the claims table's columns or a subquery's: the most reported first, the newest of equals
    first (NULLs last on SQLite and PostgreSQL alike), then by id."""
    return (columns.n_articles.desc(), columns.first_reported.desc().nulls_last(), columns.id)


# what a claim shows in a list (the actor page, the map), without its ``data``
LISTED_CLAIM = tuple(
    t.claims.c[name]
    for name in ("id", "type", "summary", "source_actors", "target_actors", "time_start", "time_end",
                 "time_precision", "first_reported", "last_reported", "n_events", "n_articles")
)  # fmt: skip
# an event with a place (a JSON null is none)
PLACED = sa.and_(t.events.c.place.is_not(None), _text(t.events.c.place) != "null")


def map_records(
    store: Queries,
    *,
    kind: str = "claim",
    actor: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = MAP_LIMIT,
) -> tuple[list[dict[str, Any]], bool]:
    """Events (``kind="event"``) or claims with a place, as the dicts ``serve.geojson``
    reads; and whether ``limit`` cut the list. A claim's place is its own (from the places
    in its mentions' clauses), else the place most of its mentions give (their article's
    focus place)."""
    e, ce = t.events, t.claim_events
    with store.engine.connect() as conn:
        if kind == "event":
            return _map_events(store, conn, limit, actor, type, since, until)
        since_d = _parse_date(since, "since")
        timed = bool(until) or (since_d is not None and not _many_end_after(conn, since_d))
        # few events end after since: read by their end's index, not by a type's (store/since.py)
        by_end = since_d is not None and timed and not until
        placed = _placed_events(store, conn, actor, type, since, until, type_index=not by_end)
        rows = _map_claims(conn, placed, limit + 1, type=type, timed=timed, since=since_d)
        places: dict[str, Counter] = {}
        named: dict[str, dict[str, Any]] = {}
        for chunk in chunks([r["id"] for r in rows[:limit] if not r["own_place"]]):
            of_chunk = placed.with_only_columns(ce.c.claim_id, e.c.place).where(ce.c.claim_id.in_(chunk))
            for r in conn.execute(of_chunk.order_by(ce.c.claim_id, e.c.id)).mappings():
                places.setdefault(r["claim_id"], Counter())[r["place"]["id"]] += 1
                named.setdefault(r["place"]["id"], r["place"])
    out = []
    for r in rows[:limit]:
        place = r["own_place"] or named[places[r["id"]].most_common(1)[0][0]]
        out.append(_claim_record(r, place))
    return out, len(rows) > limit


def _map_events(store: Queries, conn: Any, limit: int, actor, type, since, until) -> tuple[list[dict], bool]:
    """The event map: the earliest placed events that pass the filters."""
    e, a, ce = t.events, t.articles, t.claim_events
    query = (
        sa.select(
            e.c.id,
            e.c.type,
            e.c.source_actors,
            e.c.target_actors,
            e.c.place,
            e.c.time_start,
            e.c.time_end,
            e.c.time_precision,
            e.c.factuality,
            e.c.text,
            e.c.article_id,
            a.c.title,
            a.c.published_start,
            a.c.published_end,
            a.c.published_precision,
            ce.c.claim_id,
        )
        .join(a, a.c.id == e.c.article_id)
        .outerjoin(ce, ce.c.event_id == e.c.id)
        .where(PLACED)
    )
    since_d = _parse_date(since, "since")
    if since_d:  # what straddles the date, then what starts after it (store/since.py)
        args = (conn, actor, type, since_d, until, limit + 1, 0)
        ids = store._events_since(*args, where=(PLACED,), by_id=True)
        rows = rows_in_order(conn, query, e.c.id, ids)
    else:
        query = store._event_filters(conn, query, actor, type, since, until)
        # at_start is the event's time, else its article's date: the earliest first, in the
        # order of ix_events_at (ix_events_type_at with a type), which the query can walk
        order = (e.c.at_start, e.c.article_id, e.c.start, e.c.id)
        rows = list(conn.execute(query.order_by(*order).limit(limit + 1)).mappings())
    return [_event_record(r) for r in rows[:limit]], len(rows) > limit


def _placed_events(store: Queries, conn: Any, actor, type, since, until, *, type_index=True) -> sa.Select:
    """The events with a place that pass the filters, with their claim link."""
    e, ce = t.events, t.claim_events
    query = sa.select(ce.c.claim_id).select_from(e.join(ce, ce.c.event_id == e.c.id)).where(PLACED)
    return store._event_filters(conn, query, actor, type, since, until, type_index=type_index)


# The claim map first looks for its claims among this many times as many claims as it shows,
# the most reported first; if they do not fill it, it reads every placed event's claim.
MAP_WALK = 4
# With a since date, the claims are walked as above when at least this many events end on or
# after it (most claims pass then: 0.35 s at a million where reading every placed event took
# 2 s); fewer are read whole (0.1 s for a date a month before the store's last).
MAP_WALK_SINCE = 100_000


def _many_end_after(conn: Any, day: Any) -> bool:
    """Whether ``MAP_WALK_SINCE`` events end on or after ``day``: a count that stops there, off
    ``ix_events_end`` alone."""
    e = t.events
    ending = sa.select(sa.literal(1)).where(e.c.at_end >= day).limit(MAP_WALK_SINCE).subquery()
    return conn.execute(sa.select(sa.func.count()).select_from(ending)).scalar_one() >= MAP_WALK_SINCE


def _map_claims(
    conn: Any, placed: sa.Select, n: int, *, type: str | None, timed: bool, since: Any = None
) -> list[Any]:
    """The first ``n`` claims with a ``placed`` event (one that passes the filters), the most
    reported first (the search's order, ``ix_claims_reported``), with what their map point needs: not
    the claim's ``data`` whole (its sources and explanation), its place and status alone.

    Reading every placed event's claim and then the claims took 2-5 s at a million articles
    for the unfiltered map, whose first claims are nearly all placed. So the claims are first
    tested one by one, in that order, among the first ``MAP_WALK * n`` (the same claims, if
    they fill the map); otherwise every placed event is read. Not with a time filter that few
    events pass (``timed``): it passes claims regardless of how reported they are, and testing
    one costs all its events (0.76 s for 10,000 claims). With a ``type``, only the claims of that type
    are walked (a claim's type is its events'). With ``since``, only claims whose latest event
    ends on or after it (``claims.at_end``, 0009) can have an event that passes. Either way the
    ids come first and the rows of those alone after."""
    c, ce = t.claims, t.claim_events
    top = sa.select(c.c.id, c.c.n_articles, c.c.first_reported)
    if type:
        # stored upper-case, as the events' types. Unindexed: the walk of ix_claims_reported
        # keeps its order, where ix_claims_type (0009) would sort every claim of the type
        # (0.5 s for the most common at a million)
        top = top.where(unindexed(conn, c.c.type) == type.upper())
    if since:
        top = top.where(c.c.at_end >= since)
    top = top.order_by(*_most_reported(c.c))
    first = top.limit(MAP_WALK * n).subquery("first")
    # the subquery's order carries through, so the walk stops at n; OFFSET 0: PostgreSQL tests
    # each claim, not a hash of every placed event (see found_claims)
    walk = sa.select(first.c.id).where(placed.where(ce.c.claim_id == first.c.id).offset(0).exists())
    walk = walk.order_by(*_most_reported(first.c))
    ids = [] if timed else conn.execute(walk.limit(n)).scalars().all()
    if len(ids) < n:
        ids = conn.execute(top.with_only_columns(c.c.id).where(c.c.id.in_(placed)).limit(n)).scalars().all()
    columns = sa.select(
        *LISTED_CLAIM,
        c.c.data["place"].label("own_place"),
        c.c.data["status"].as_string().label("status"),
    )
    rows = {}
    for chunk in chunks(ids):
        rows.update((r["id"], r) for r in conn.execute(columns.where(c.c.id.in_(chunk))).mappings())
    return [rows[i] for i in ids]


def _event_record(r: Any) -> dict[str, Any]:
    return {
        "kind": "event",
        "id": r["id"],
        "type": r["type"],
        "source_actors": r["source_actors"],
        "target_actors": r["target_actors"],
        "place": geo.with_point(r["place"]),
        "time": _interval(r["time_start"], r["time_end"], r["time_precision"]),
        "factuality": r["factuality"],
        "published": _interval(r["published_start"], r["published_end"], r["published_precision"]),
        "article_id": r["article_id"],
        "article_title": r["title"],
        "claim_id": r["claim_id"],
        "text": r["text"],
    }


def _claim_record(r: Any, place: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "claim",
        "id": r["id"],
        "type": r["type"],
        "source_actors": r["source_actors"],
        "target_actors": r["target_actors"],
        "place": geo.with_point(place),
        "time": _interval(r["time_start"], r["time_end"], r["time_precision"]),
        "first_reported": _iso(r["first_reported"]),
        "last_reported": _iso(r["last_reported"]),
        "n_events": r["n_events"],
        "n_articles": r["n_articles"],
        "status": r["status"] or "",
        "summary": r["summary"],
    }


# ---------------------------------------------------------------------------- search


def search(store: Queries, q: str, *, limit: int = 10) -> dict[str, list[dict[str, Any]]]:
    """Articles (full text), claims, actors and places (names in any language) matching
    ``q``: every word of q begins a word of the article, of the claim's summary or of one of its
    source sentences; every word occurs in the entity's names."""
    words = fts.words(q)
    if not words:
        return {"articles": [], "claims": [], "actors": [], "places": []}
    articles = store.articles(q=q, limit=limit)
    en = t.entities
    names = sa.func.lower(en.c.name + " " + _text(en.c.data))
    # the most mentioned first (n_mentions: kept by the store, 0005), not 200 in no order
    entity_q = sa.select(en.c.id, en.c.type, en.c.name, en.c.n_mentions).order_by(
        en.c.n_mentions.desc(), en.c.id
    )
    for w in words:
        entity_q = entity_q.where(names.like(fts.like_pattern(w), escape="\\"))
    with store.engine.connect() as conn:
        claims = [
            {
                "id": r["id"],
                "type": r["type"],
                "summary": r["summary"],
                "n_events": r["n_events"],
                "n_articles": r["n_articles"],
                "first_reported": _iso(r["first_reported"]),
            }
            for r in found_claims(conn, words, limit)
        ]
        found = list(conn.execute(entity_q.limit(200)).mappings())
        ids = [r["id"] for r in found]
        ea = t.event_actors
        counts = {r["id"]: r["n_mentions"] for r in found}
        at_place = _counts(
            conn,
            sa.select(ea.c.actor_id, sa.func.count()).where(ea.c.actor_id.in_(ids), ea.c.role == "place"),
            ea.c.actor_id,
        )
    found.sort(key=lambda r: (-counts.get(r["id"], 0) - at_place.get(r["id"], 0), r["name"]))
    actors, places = [], []
    for r in found:
        item = {"id": r["id"], "type": r["type"], "name": r["name"], "n_mentions": counts.get(r["id"], 0)}
        if r["type"] == "place":
            point = geo.locate(r["id"])
            item["n_events"] = at_place.get(r["id"], 0)  # towns are mentioned under their country's id
            places.append(
                {**item, "lat": point["lat"] if point else None, "lon": point["lon"] if point else None}
            )
        else:
            actors.append(item)
    _add_snippets(store, articles, words)
    return {"articles": articles, "claims": claims, "actors": actors[:limit], "places": places[:limit]}


# The search's claims for a q whose words are in more than about CLAIMS_READ_ALL sentences
# (search.sentences_many) are first looked for among the first 30, then 300, most reported claims.
CLAIMS_READ_ALL = 20_000
WALK_CLAIMS = (30, 300)


def found_claims(conn: sa.Connection, words: list[str], limit: int) -> list[Any]:
    """The search's claims (``claims_matching``) by the cheaper of two plans, the same rows.

    A word in a third of the sentences ("carabinieri" in crime news: 260,000 at a million
    articles) made reading every match and sorting their claims cost 0.5-1 s, while the most
    reported claims nearly all hold it. So for a q found in many sentences the first claims
    in the search's order are tested one by one, 30 of them, then 300 (``WALK_CLAIMS``); once
    ``limit`` of them match, they are the page (the order is the same). When none of a step's
    claims match, or the last step's page is not full, and for a rarer q, every match is read.
    The steps cost at most their few hundred claims' sentences."""
    dialect = conn.dialect.name
    if fts.sentences_many(conn, words, CLAIMS_READ_ALL):
        for among in WALK_CLAIMS:
            if among < limit:
                continue
            rows = conn.execute(claims_matching(dialect, words, limit, among=among)).mappings().all()
            if len(rows) == limit:
                return list(rows)
            if not rows:  # rare among the most reported: the next step would find few
                break
    return list(conn.execute(claims_matching(dialect, words, limit)).mappings())


def claims_matching(dialect: str, words: list[str], limit: int, *, among: int | None = None) -> sa.Select:
    """The search's claims: every word begins a word of the summary, or of one source
    sentence (by the full-text indexes of migration 0007); the most reported first.

    ``among``: only the first ``among`` claims in that order, each tested (``found_claims``)."""
    c, e, ce = t.claims, t.events, t.claim_events
    query = sa.select(c.c.id, c.c.type, c.c.summary, c.c.n_events, c.c.n_articles, c.c.first_reported)
    order = _most_reported(c.c)
    query = query.order_by(*order).limit(limit)
    in_summary = fts.text_match(dialect, "claims", words)
    in_sentence = fts.text_match(dialect, "events", words)
    if among is not None:
        said = sa.select(sa.literal(1)).where(ce.c.claim_id == c.c.id, e.c.id == ce.c.event_id, in_sentence)
        # OFFSET 0 keeps PostgreSQL from reading every matching sentence into a hash first,
        # which it otherwise prefers (0.3 s for a common word): the few claims are tested one by one
        first = sa.select(c.c.id).order_by(*order).limit(among)
        return query.where(c.c.id.in_(first), sa.or_(in_summary, said.offset(0).exists()))
    said_ids = sa.select(ce.c.claim_id).join(e, e.c.id == ce.c.event_id).where(in_sentence)
    # One set of ids, not "summary matches OR id IN (said)": PostgreSQL ran that OR as a
    # subquery rescanned for every claim once its rows passed work_mem (hours at a million
    # articles); the union of the two is a hash join there, and the same on SQLite.
    return query.where(c.c.id.in_(sa.union(sa.select(c.c.id).where(in_summary), said_ids)))


def _counts(conn: Any, query: Any, key: Any) -> dict[str, int]:
    return dict(conn.execute(query.group_by(key)).all())


SNIPPET = 90  # characters either side of the first word found


def _add_snippets(store: Queries, articles: list[dict[str, Any]], words: list[str]) -> None:
    """Each found article gets ``snippet``: its text around the first word of the query
    (plain text; the page escapes it), or its opening."""
    if not articles:
        return
    a = t.articles
    with store.engine.connect() as conn:
        texts = dict(
            conn.execute(
                sa.select(a.c.id, sa.func.substr(a.c.text, 1, 20_000)).where(
                    a.c.id.in_([r["id"] for r in articles])
                )
            ).all()
        )
    for article in articles:
        text = texts.get(article["id"]) or ""
        at = text.lower().find(words[0])
        start = max(0, at - SNIPPET) if at >= 0 else 0
        if start:  # begin at a word
            space = text.find(" ", start, at)
            start = space + 1 if space >= 0 else start
        piece = " ".join(text[start : start + 2 * SNIPPET + len(words[0])].split())
        article["snippet"] = ("…" if start else "") + piece + ("…" if start + 2 * SNIPPET < len(text) else "")


# ---------------------------------------------------------------------------- actors


ROLES = ("source", "target", "place", "attribution")


def actor(store: Queries, actor_id: str, *, claims_per_role: int = 50) -> dict[str, Any]:
    """One actor: its entity row, counts, its claims as source and as target (newest first,
    ``claims_per_role`` of each) and its neighbours (the actors on the other side of its events,
    by number of claims). As in the timeline's actor filter and the network, a country's
    claims include its people's, and a person's other side includes the country of each."""
    en, m, ea, c = t.entities, t.mentions, t.event_actors, t.claims
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(en).where(en.c.id == actor_id)).mappings().first()
        if row is None:
            raise NotFound(f"no actor {actor_id!r}: search for it by name, or see `cronaca entities`")
        n_mentions = row["n_mentions"]  # kept by the store (0005)
        # count(*) of the distinct ids, not count(DISTINCT ...): PostgreSQL hashes them instead
        # of sorting (60-99 → 44 ms for Italy's 60,000 mentions at a million articles)
        articles = sa.select(m.c.article_id).where(m.c.entity_id == actor_id).distinct().subquery()
        n_articles = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
        events_by_role = dict(
            conn.execute(
                sa.select(ea.c.role, sa.func.count()).where(ea.c.actor_id == actor_id).group_by(ea.c.role)
            ).all()
        )
        claim_roles = conn.execute(  # the claim of each event is on its actor rows (0007)
            sa.select(ea.c.claim_id, ea.c.role)
            .where(ea.c.actor_id == actor_id, ea.c.role.in_(("source", "target")), ea.c.claim_id.is_not(None))
            .distinct()
        ).all()
        by_role: dict[str, set[str]] = {"source": set(), "target": set()}
        for claim_id, role in claim_roles:
            by_role[role].add(claim_id)
        # the other side of its events (people count as their country, as in event_actors)
        other = ea.alias("other")
        sides = sa.and_(other.c.role.in_(("source", "target")), ea.c.role.in_(("source", "target")))
        pairs = conn.execute(
            sa.select(other.c.actor_id, ea.c.claim_id)
            .select_from(ea)
            .join(other, sa.and_(other.c.event_id == ea.c.event_id, other.c.role != ea.c.role, sides))
            .where(ea.c.actor_id == actor_id, ea.c.claim_id.is_not(None))
            .distinct()
        ).all()
        neighbours = Counter(a for a, _ in pairs if a != actor_id)
        top = sorted(neighbours, key=lambda a: (-neighbours[a], a))[:30]
        names = dict(conn.execute(sa.select(en.c.id, en.c.name).where(en.c.id.in_(top))).all()) if top else {}
        ids = sorted(by_role["source"] | by_role["target"])
        rows = []
        for chunk in chunks(ids):
            rows += conn.execute(sa.select(*LISTED_CLAIM).where(c.c.id.in_(chunk))).mappings().all()
    newest = sorted(
        rows, key=lambda r: (_iso(r["time_start"] or r["first_reported"]) or "", r["id"]), reverse=True
    )

    def claim_dict(r: Any) -> dict[str, Any]:
        return {
            "id": r["id"],
            "type": r["type"],
            "summary": r["summary"],
            "source_actors": r["source_actors"],
            "target_actors": r["target_actors"],
            "time": _interval(r["time_start"], r["time_end"], r["time_precision"]),
            "first_reported": _iso(r["first_reported"]),
            "last_reported": _iso(r["last_reported"]),
            "n_events": r["n_events"],
            "n_articles": r["n_articles"],
        }

    data = row["data"] or {}
    return {
        "id": row["id"],
        "type": row["type"],
        "name": row["name"],
        "names": data.get("names", {}),
        "point": geo.locate(row["id"]),
        "counts": {
            "mentions": n_mentions,
            "articles": n_articles,
            "events": {role: events_by_role.get(role, 0) for role in ROLES},
            "claims_as_source": len(by_role["source"]),
            "claims_as_target": len(by_role["target"]),
        },
        "claims_as_source": [claim_dict(r) for r in newest if r["id"] in by_role["source"]][:claims_per_role],
        "claims_as_target": [claim_dict(r) for r in newest if r["id"] in by_role["target"]][:claims_per_role],
        "neighbours": [{"id": i, "name": names.get(i, i), "claims": neighbours[i]} for i in top],
    }
