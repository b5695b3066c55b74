"""A page of events in start order that end on or after a date (``since=D``).

Events are listed by when they happened, oldest first, and ``since=D`` keeps those that
*end* on or after D. No index serves "ends after D, in start order": a walk of the start's
index passed every event that ended before D first (0.8 s at a million articles for a time
slider's date). A page is read in two parts instead (migration 0009):

- the *straddlers*, which start before D (or have no start) and end on or after D: few
  (an event is a day, a month, rarely more), found off ``ix_events_end`` (at_end, at_start):
  a range of index entries and no row read but the straddlers' own, whatever D is, then
  sorted here;
- the *starters*, which start on or after D: a range of the start's index, read in order,
  as far as the page needs.

Rows without a start list where the database's order puts NULLs: first on SQLite, last on
PostgreSQL, as the plain ``ORDER BY`` of the same list does. (Claims last longer, so many
straddle D: their order's index holds their end instead, see ``Queries._claim_conditions``.)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def page(
    conn: sa.Connection,
    straddlers: sa.Select | sa.CompoundSelect,
    starters: sa.Select,
    *,
    offset: int,
    limit: int,
) -> list[Any]:
    """The ids of the page ``[offset, offset + limit)``.

    ``straddlers`` selects ``(id, start, *rest of the order)``, unordered; ``starters``
    selects ids in the list's order (no limit). Ties in the order are broken by id among the
    straddlers; the starters keep the database's order."""
    rows = by_index(conn, straddlers)
    dated = sorted((r for r in rows if r[1] is not None), key=lambda r: (*r[1:], r[0]))
    undated = sorted((r for r in rows if r[1] is None), key=lambda r: (*r[2:], r[0]))
    nulls_first = conn.dialect.name == "sqlite"
    before, after = ([*undated, *dated], []) if nulls_first else (dated, undated)
    ids = [r[0] for r in before[offset : offset + limit]]
    skip = max(0, offset - len(before))
    if len(ids) < limit:
        want = limit - len(ids)
        found = conn.execute(starters.offset(skip).limit(want)).scalars().all()
        ids += found
        if after and len(found) < want:
            if found:
                skip = 0
            elif skip:  # the page begins past the starters: how many they were
                counted = sa.select(sa.func.count()).select_from(starters.order_by(None).subquery())
                skip = max(0, skip - conn.execute(counted).scalar_one())
            ids += [r[0] for r in after[skip : skip + want - len(found)]]
    return ids


def by_index(conn: sa.Connection, query: sa.Select | sa.CompoundSelect) -> list[Any]:
    """``query``'s rows, on PostgreSQL read by an index. Its planner takes an event's start and
    end as independent: it expects a quarter of the events to straddle a date in the middle
    (183,602 at a million, where 550 do), or 36% of them to fall in a month, and reads the
    whole table (0.6-0.7 s). No statistic tells it otherwise (extended statistics hold no
    ranges), so sequential and bitmap scans, and the JIT compiler its cost estimate would
    start, are switched off for this query alone, inside a savepoint whose rollback restores
    them."""
    if conn.dialect.name != "postgresql":
        return conn.execute(query).all()
    with conn.begin_nested() as savepoint:
        for setting in ("enable_seqscan", "enable_bitmapscan", "jit"):
            conn.exec_driver_sql(f"SET LOCAL {setting} = off")
        rows = conn.execute(query).all()
        savepoint.rollback()
    return rows
