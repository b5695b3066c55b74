"""The search page's claims by full-text index; an actor's claims by one index range.

The search page finds a claim by the words of its summary or of one of its source
sentences. It scanned both columns with ``ILIKE '%word%'``: 0.6-1.1 s at a million articles
(PostgreSQL), whatever the word. The two columns are now indexed as the articles are
(migration 0003), and ``q`` means the same for claims as for articles: every word of q
begins a word (``store/search.py``).

SQLite: FTS5 tables with external content (``events_fts`` over ``events.text``,
``claims_fts`` over ``claims.summary``), kept in sync by triggers and filled from the rows
already stored. PostgreSQL: GIN indexes on ``to_tsvector('simple', ...)`` of the two
columns (a sentence or a summary is short, so a match's recheck parses little text; no
stored vector is needed, unlike the articles').

``ix_claims_reported`` (n_articles descending, first_reported descending with NULLs last,
id): the search's order of claims, which a search for a common word walks, testing each
claim, instead of reading every match.

``event_actors.claim_id``: the claim that holds the event (its ``claim_events`` link, each
event being in one claim), filled here and kept by ``Store.replace_claims``, with the index
``ix_event_actors_actor_claim`` (actor_id, claim_id) in place of ``ix_event_actors_actor``.
``claims(actor=...)`` read an actor's events, then probed ``claim_events`` once per event (45
ms for an actor of 5,500 events at a million articles, PostgreSQL); its claims are now one
range of that index (1-2 ms).

As with ``articles_fts``, the FTS5 tables refer to rows by rowid, which a VACUUM may
renumber: after one, run ``INSERT INTO events_fts(events_fts) VALUES('rebuild')`` and the
same for ``claims_fts``. cronaca never vacuums.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXED = {"events": "text", "claims": "summary"}  # table: the column searched


def _sqlite_up(table: str, column: str) -> list[str]:
    fts = f"{table}_fts"
    unindex = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.rowid, old.{column});"
    index = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.rowid, new.{column});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='rowid', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {index} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {unindex} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN {unindex} {index} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # the rows already stored
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("event_actors", sa.Column("claim_id", sa.String(40)))
    op.execute(
        "UPDATE event_actors SET claim_id = "
        "(SELECT claim_id FROM claim_events WHERE claim_events.event_id = event_actors.event_id)"
    )
    op.create_index("ix_event_actors_actor_claim", "event_actors", ["actor_id", "claim_id"])
    op.drop_index("ix_event_actors_actor", table_name="event_actors")
    # SQLite puts NULLs last in a descending order already, and writes no NULLS LAST in an index
    nulls = " NULLS LAST" if dialect == "postgresql" else ""
    op.execute(f"CREATE INDEX ix_claims_reported ON claims (n_articles DESC, first_reported DESC{nulls}, id)")
    for table, column in INDEXED.items():
        if dialect == "sqlite":
            for statement in _sqlite_up(table, column):
                op.execute(statement)
        elif dialect == "postgresql":
            op.execute(
                f"CREATE INDEX ix_{table}_search ON {table} USING gin (to_tsvector('simple', {column}))"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("ix_event_actors_actor", "event_actors", ["actor_id"])
    op.drop_index("ix_event_actors_actor_claim", table_name="event_actors")
    op.execute("ALTER TABLE event_actors DROP COLUMN claim_id")  # not a table copy (as 0005)
    op.execute("DROP INDEX ix_claims_reported")
    for table in INDEXED:
        if dialect == "sqlite":
            for trigger in ("update", "delete", "insert"):
                op.execute(f"DROP TRIGGER {table}_fts_{trigger}")
            op.execute(f"DROP TABLE {table}_fts")
        elif dialect == "postgresql":
            op.execute(f"DROP INDEX ix_{table}_search")
