"""Events and claims at many dates, and the pages that date filters must list: worked out here
from the events as written, the same on any database but for where rows without a date go
(first on SQLite, last on PostgreSQL, as their ``ORDER BY`` puts NULLs)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cronaca.model import Actor, Annotations, Article, EventMention, Interval, Span
from cronaca.store import Store

TYPES = ("AID", "FIGHT", "PROTEST")
ACTORS = ("POL", "RUS", "UKR")
# since/until dates: before everything, inside, on interval edges, after everything
DATES = ["1999-01-01", "2009-06-15", "2020-01-01", "2021-03", "2022-02-28", "2023", "2030-01-01"]
PAGES = [(0, 1), (0, 5), (3, 5), (7, 50), (0, 1000), (60, 10), (200, 5)]


@dataclass
class Row:
    id: str
    type: str
    actor: str
    at_start: date | None
    at_end: date | None
    order: tuple  # (article id, start): the rest of the list's order


def _time(rng: random.Random) -> Interval | None:
    base = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1800))
    kind = rng.choice(["none", "none", "day", "month", "year", "decade", "open"])
    if kind == "day":
        return Interval.day(base)
    if kind == "month":
        return Interval.month(base.year, base.month)
    if kind == "year":
        return Interval.year(base.year)
    if kind == "decade":
        return Interval(date(2010, 1, 1), date(2019, 12, 31), "decade")
    if kind == "open":  # "until then": its end may precede its article's date
        return Interval.on_or_before(base)
    return None


def fill(store: Store, n_articles: int = 40, seed: int = 3) -> tuple[list[Row], dict[str, list[str]]]:
    """Store articles (one in six undated) with 1-4 events each at times of every kind, and
    claims of 1-3 events of one type each. Returns the events as rows and the claims' events."""
    rng = random.Random(seed)
    rows: list[Row] = []
    batch = []
    for i in range(n_articles):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1500))
        published = None if i % 6 == 0 else Interval.day(day)
        text = f"Evento numero {i} raccontato qui, con altre parole."
        a = Article(
            id=Article.make_id("Titolo", text), text=text, language="it", title="Titolo", published=published
        )
        events = []
        for j in range(rng.randrange(1, 5)):
            time = _time(rng)
            kind, actor = rng.choice(TYPES), rng.choice(ACTORS)
            events.append(
                EventMention(
                    id=f"e{i:03d}-{j}",
                    article_id=a.id,
                    type=kind,
                    mode="",
                    start=j,
                    end=j + 1,
                    text=text,
                    trigger=Span(0, 6, "Evento"),
                    source_actors=(Actor(actor, actor),),
                    time=time,
                    rule="test@1",
                    component="test@1",
                )
            )
            start = time.start if time and not time.open_start else (published.start if published else None)
            end = time.end if time else (published.end if published else None)
            rows.append(Row(f"e{i:03d}-{j}", kind, actor, start, end, (a.id, j)))
        batch.append((Annotations(a, [], events), []))
    store.add_annotated_many(batch, {"events": "test@1"})

    claims, links, members = [], [], {}
    for kind in TYPES:
        pool = [r for r in rows if r.type == kind]
        rng.shuffle(pool)
        while pool:
            group = pool[: rng.randrange(1, 4)]
            pool = pool[len(group) :]
            claim_id = f"c{len(claims):03d}"
            when = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1800))
            claims.append(
                {
                    "id": claim_id,
                    "type": kind,
                    "source_actors": [],
                    "target_actors": [],
                    "time_start": when if rng.random() < 0.5 else None,
                    "time_end": when if rng.random() < 0.5 else None,
                    "first_reported": when - timedelta(days=3) if rng.random() < 0.7 else None,
                    "n_events": len(group),
                    "n_articles": 1,
                    "summary": kind,
                    "component": "test@1",
                }
            )
            members[claim_id] = [r.id for r in group]
            links += [(claim_id, r.id) for r in group]
    store.replace_claims(claims, links)
    return rows, {c["id"]: [*members[c["id"]], _key(c)] for c in claims}


def _key(claim: dict) -> date | None:
    return claim["time_start"] or claim["first_reported"]


def _date(text: str | None, *, end: bool = False) -> date | None:
    from cronaca.store.queries import _parse_date

    return _parse_date(text, "since", end=end)


def _passes(row: Row, type=None, actor=None, since=None, until=None) -> bool:
    since_d, until_d = _date(since), _date(until, end=True)
    return (
        (type is None or row.type == type)
        and (actor is None or row.actor == actor)
        and (since_d is None or (row.at_end is not None and row.at_end >= since_d))
        and (until_d is None or (row.at_start is not None and row.at_start <= until_d))
    )


def _ordered(items: list, key, nulls_first: bool) -> list:
    dated = sorted((i for i in items if key(i)[0] is not None), key=key)
    undated = sorted((i for i in items if key(i)[0] is None), key=lambda i: key(i)[1:])
    return [*undated, *dated] if nulls_first else [*dated, *undated]


def events(rows: list[Row], nulls_first: bool, **filters) -> list[str]:
    """The ids ``Store.events(**filters, limit=None)`` lists, in order."""
    kept = [r for r in rows if _passes(r, **filters)]
    return [r.id for r in _ordered(kept, lambda r: (r.at_start, *r.order), nulls_first)]


def claims(rows: list[Row], members: dict[str, list], nulls_first: bool, **filters) -> list[str]:
    """The ids ``Store.claims(**filters)`` lists, in order: a claim is listed when one of its
    events passes the filters."""
    by_id = {r.id: r for r in rows}
    kept = [c for c, (*ids, _) in members.items() if any(_passes(by_id[i], **filters) for i in ids)]
    return _ordered(kept, lambda c: (members[c][-1], c), nulls_first)
