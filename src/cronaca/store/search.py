"""Article search by full-text index, with one meaning of ``q`` on SQLite and PostgreSQL.

``q`` finds the articles in which **every word of q begins a word** of the title or the
text, in any case: "Corea nord" finds "la Corea del Nord", "kim" finds "Kim Jong-un",
"missil" finds "missili". A word is a run of letters and digits; anything else separates
words, in ``q`` and in the articles alike ("dell'intelligence" holds "intelligence", and
"Jong-un" holds "un"), and accents count ("citta" does not find "città"). A ``q`` with no
word at all ("%", "?!") matches its characters literally, by a scan.

The index is an FTS5 table over the articles (SQLite) or a GIN index on the stored
``to_tsvector('simple', title || ' ' || text)`` (PostgreSQL); migrations 0003 and 0005
create and fill them. A ``LIKE '%q%'`` scan costs a second at 300k articles; the index, milliseconds.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from cronaca.store import schema as t

_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 16  # a longer q is no search: its first words decide

# PostgreSQL: the articles' tsvector, to_tsvector('simple', title || ' ' || text), stored as a
# generated column with a GIN index (0005; 0003 indexed the expression itself).
PG_DOCUMENT = "articles.search_doc"


def words(q: str) -> list[str]:
    return _WORD.findall(q.lower())[:MAX_WORDS]


FEW = 2000  # SQLite: up to this many matches, read them and sort; more, walk the date index
# (PostgreSQL decides on its statistics instead: _pg_common)


def match(dialect: str, q: str, conn: sa.Connection | None = None) -> sa.ColumnElement[bool]:
    """A condition on ``articles`` that keeps what ``q`` finds, for this database dialect.

    SQLite, given ``conn``: when ``q`` matches more than ``FEW`` articles, the condition is
    written so that SQLite walks the articles newest first (``ix_articles_published``) and
    keeps those in the set of matches, stopping at the page's end, rather than fetching every
    match and sorting them all (a common word is in half of a million articles). Which plan
    is cheaper depends on how many match, which a capped count of the index tells.
    """
    found = words(q)
    if dialect == "sqlite" and found:
        expression = " ".join(f'"{w}"*' for w in found)  # every word, each as a prefix
        many = conn is not None and _more_than(conn, expression, FEW)
        return sa.text(
            f"{'+' if many else ''}articles.rowid IN "  # '+': not a lookup by rowid, a filter
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)"
        ).bindparams(fts=expression)
    if dialect == "postgresql" and found:
        tsquery = " & ".join(f"{w}:*" for w in found)
        matches = f"{PG_DOCUMENT} @@ to_tsquery('simple', :tsq)"
        if conn is not None and not _pg_common(conn, found):
            # the matches first, by the GIN index, then sorted (see _pg_common)
            matches = f"articles.id = ANY(ARRAY(SELECT id FROM articles WHERE {matches}))"
        return sa.text(matches).bindparams(tsq=tsquery)
    # no word in q (or a database cronaca does not index): its characters, anywhere, by a scan
    like = like_pattern(q)
    return sa.or_(t.articles.c.title.ilike(like, escape="\\"), t.articles.c.text.ilike(like, escape="\\"))


def _more_than(conn: sa.Connection, expression: str, n: int) -> bool:
    """Whether the FTS5 expression matches more than ``n`` articles (reads at most n + 1)."""
    query = sa.text(
        "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts LIMIT :n)"
    )
    return conn.execute(query, {"fts": expression, "n": n + 1}).scalar_one() > n


def _pg_common(conn: sa.Connection, found: list[str]) -> bool:
    """PostgreSQL: whether every word of q begins one of the most common words of the
    articles (``pg_stats.most_common_elems`` of the stored vector: the thousand commonest,
    each in more than about 3% of the articles, as ANALYZE last sampled them).

    PostgreSQL estimates any prefix search ("milano:*") at 0.5% of the articles, so for the
    newest 50 it walks the articles newest first and tests each: right for a common word,
    ruinous for a rare one (at a million articles, "milano" 180 ms, a word found nowhere
    7.6 s, every article read). A q with a word no common word begins with is rare: its
    matches are read by the GIN index and sorted (0.5 ms and 110 ms). Before the first
    ANALYZE, every q counts as rare."""
    query = sa.text(
        "SELECT count(*) FROM unnest(CAST(:words AS text[])) AS w WHERE EXISTS ("
        " SELECT 1 FROM pg_stats s, unnest(CAST(CAST(s.most_common_elems AS text) AS text[])) AS e"
        " WHERE s.schemaname = current_schema() AND s.tablename = 'articles'"
        " AND s.attname = 'search_doc' AND starts_with(e, w))"
    )
    return conn.execute(query, {"words": found}).scalar_one() == len(found)


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern matching ``text`` literally (``%``, ``_`` and ``\\`` escaped), anywhere in
    the value or, with ``prefix``, at its start; use with ``escape="\\"``."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{literal}%" if prefix else f"%{literal}%"
