"""Article search by full-text index; event and claim types stored upper-case.

SQLite: an FTS5 table over the articles' title and text, with external content (the text
is not stored twice) kept in sync by triggers, and filled from the stored articles.
PostgreSQL: a GIN index on the articles' tsvector (filled by CREATE INDEX). Both tokenise
as ``store/search.py`` describes (case folded, accents kept).

Types are normalised to upper case so ``events(type=...)`` compares the indexed column
as it is, without ``upper()`` on it.

SQLite's FTS5 table refers to articles by rowid, which VACUUM may renumber (the articles
table has a text primary key): after a VACUUM, run
``INSERT INTO articles_fts(articles_fts) VALUES('rebuild')``. cronaca never vacuums.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_UNINDEX = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text);"
)
_INDEX = "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);"
SQLITE_UP = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {_INDEX} END",
    f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN {_UNINDEX} END",
    f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles "
    f"BEGIN {_UNINDEX} {_INDEX} END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",  # the articles already stored
]
SQLITE_DOWN = [
    "DROP TRIGGER articles_fts_update",
    "DROP TRIGGER articles_fts_delete",
    "DROP TRIGGER articles_fts_insert",
    "DROP TABLE articles_fts",
]
PG_UP = [
    "CREATE INDEX ix_articles_search ON articles USING gin (to_tsvector('simple', title || ' ' || text))",
]
PG_DOWN = ["DROP INDEX ix_articles_search"]


def upgrade() -> None:
    for table in ("events", "claims"):
        op.execute(f"UPDATE {table} SET type = upper(type) WHERE type <> upper(type)")
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else PG_UP if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else PG_DOWN if dialect == "postgresql" else []:
        op.execute(statement)
