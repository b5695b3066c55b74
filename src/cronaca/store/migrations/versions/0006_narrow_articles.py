"""PostgreSQL: keep an article's text out of the table's own pages.

``toast_tuple_target = 256``: a row that PostgreSQL has to shrink (title, text and the stored
``search_doc`` vector are over its 2 kB limit for most articles) is shrunk to 256 bytes, not
2 kB, so the text goes to the TOAST table with the vector, and the articles' own pages hold
only their short columns: 407 MB for a million articles instead of 1,202 MB. A search that
reads every match by the GIN index reads those pages: at a million articles, drawn words'
p95 went from 98 to 56 ms and "polizia stradale" from 160 to 43 ms (docs/benchmark.md).

It applies to rows written from now on; ``VACUUM FULL articles`` rewrites a store's existing
rows (about 2 minutes for a million articles here, with the table locked), and can wait for a
quiet moment. SQLite has no such setting: nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TARGET = 256  # bytes; PostgreSQL accepts 128 to about 8,000 (its default: about 2 kB)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE articles SET (toast_tuple_target = {TARGET})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE articles RESET (toast_tuple_target)")
