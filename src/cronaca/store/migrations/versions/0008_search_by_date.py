"""SQLite: the articles' full-text index keyed by publication date, newest last.

An article list is ordered newest first. FTS5 returns its matches in rowid order and, for a
word searched as a prefix ("della"*, as every word of q is), builds the whole list of
matches before the first one (~20 ms per word in 900,000 of a million articles). With the
index keyed by the article's rowid, a search for a common word had to count its matches, then
hold all of them in an IN list while walking the date index: p95 125-137 ms at a million.

The index's rowid is now the article's *search key*: its publication day (the Julian day
number; 0 for an article without a date, which lists last) in the high bits, its rowid in
the low 32 bits::

    key = (coalesce(CAST(julianday(published_start) AS INTEGER), 0) << 32) | rowid

so ``ORDER BY rowid DESC`` walks the matches newest day first, and a page is its first rows
and the rest of its last day (``store/search.py``). The table is contentless (its rowids
are not those of a row of ``articles``); triggers keep it, the update one also when an
article's date or language changes.

The index also holds each article's language, so that a list filtered by language finds
its matches in the index too (read off the articles table, a language costs reading the
whole row, the text coming first: a common word in an Italian store, searched among English
articles, took 19 s at a million). The language is indexed as one word that no ``q`` can
begin: U+E000 (a private-use character, which FTS5's tokenizer keeps in a word and ``q``'s
words never hold) and the hex digits of the code's UTF-8 bytes ("it": ``\ue0006974``).

An articles table past 2^32 rowids is refused loudly by the insert trigger rather than
searched wrongly.

As before, the key holds the rowid, which a VACUUM may renumber (the articles table has a
text primary key). After a VACUUM, refill the index with the statements of ``refill()`` in
this file (also the last step of the upgrade). cronaca never vacuums.

Both databases: ``ix_articles_language`` (language, then the list's order), so that the
articles of one language are listed off one index range (listing a language few articles
have walked every article newest first, reading each one's language: 12 s at a million on
SQLite), and, on PostgreSQL, a search among a language few have reads the word's matches off
the GIN index and this one together (a bitmap AND; ``search._pg_language_share``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _language(row: str) -> str:
    return f"char(57344) || hex({row}language)"  # see above: one word no q begins


def _key(row: str) -> str:
    return f"((coalesce(CAST(julianday({row}published_start) AS INTEGER), 0) << 32) | {row}rowid)"


_TOO_MANY = (
    "SELECT RAISE(ABORT, 'cronaca: articles past 2^32 rowids cannot be indexed for search') "
    "WHERE new.rowid >= 4294967296;"
)
_INDEX = (
    "INSERT INTO articles_fts(rowid, title, text, language) "
    f"VALUES ({_key('new.')}, new.title, new.text, {_language('new.')});"
)
_UNINDEX = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, text, language) "
    f"VALUES ('delete', {_key('old.')}, old.title, old.text, {_language('old.')});"
)
_TRIGGERS = [
    "DROP TRIGGER articles_fts_update",
    "DROP TRIGGER articles_fts_delete",
    "DROP TRIGGER articles_fts_insert",
]


def refill() -> list[str]:
    """The statements that (re)fill the index from the stored articles."""
    return [
        "INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')",
        "INSERT INTO articles_fts(rowid, title, text, language) "
        f"SELECT {_key('')}, title, text, {_language('')} FROM articles",
    ]


SQLITE_UP = [
    *_TRIGGERS,
    "DROP TABLE articles_fts",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, language, content='', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {_TOO_MANY} {_INDEX} END",
    f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN {_UNINDEX} END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, language, published_start ON articles "
    f"BEGIN {_UNINDEX} {_INDEX} END",
    *refill(),
]

# 0003's index: external content, keyed by the articles' rowid
_OLD_INDEX = "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);"
_OLD_UNINDEX = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text);"
)
SQLITE_DOWN = [
    *_TRIGGERS,
    "DROP TABLE articles_fts",
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid', "
    "tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {_OLD_INDEX} END",
    f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN {_OLD_UNINDEX} END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles "
    f"BEGIN {_OLD_UNINDEX} {_OLD_INDEX} END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    # SQLite puts NULLs last in a descending order already, and writes no NULLS LAST in an index
    nulls = " NULLS LAST" if dialect == "postgresql" else ""
    op.execute(f"CREATE INDEX ix_articles_language ON articles (language, published_start DESC{nulls}, id)")


def downgrade() -> None:
    op.drop_index("ix_articles_language", table_name="articles")
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
