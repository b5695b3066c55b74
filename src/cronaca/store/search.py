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
# PostgreSQL: up to about this many matches (by its statistics), read them all and sort; more,
# walk the articles newest first (_pg_estimate)
PG_READ_ALL = 50_000
# the order of article lists (queries.Queries.articles), which the PostgreSQL reading of every
# match reproduces for its page
PG_ORDER = "published_start DESC NULLS LAST, id"


def match(
    dialect: str,
    q: str,
    conn: sa.Connection | None = None,
    *,
    newest: int | None = None,
    language: str | None = None,
) -> sa.ColumnElement[bool]:
    """A condition on ``articles`` that keeps what ``q`` finds, for this database dialect.

    Given ``conn``, the condition is written for the cheaper of two plans, by how many
    articles ``q`` matches: read every match and sort them, or walk the articles newest first
    and keep the matches, stopping at the page's end (a common word is in half of a million
    articles). SQLite tells by a capped count of its index; PostgreSQL by its statistics
    (``_pg_estimate``). ``newest`` (the page's end: offset + limit) and ``language`` (the
    list's language filter) let PostgreSQL's reading of every match keep only the page's
    articles, sorting (date, id) pairs rather than probing each match again.
    """
    found = words(q)
    if dialect == "sqlite" and found:
        expression = _fts5_query(found)
        many = conn is not None and _more_than(conn, expression, FEW)
        return sa.text(
            f"{'+' if many else ''}articles.rowid IN "  # '+': not a lookup by rowid, a filter
            "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)"
        ).bindparams(fts=expression)
    if dialect == "postgresql" and found:
        tsquery = _tsquery(found)
        matches = f"{PG_DOCUMENT} @@ to_tsquery('simple', :tsq)"
        if conn is None or _pg_estimate(conn, found) > PG_READ_ALL:
            return sa.text(matches).bindparams(tsq=tsquery)
        # Every match by the GIN index in one pass (MATERIALIZED: the planner would otherwise
        # walk the date index for the inner ORDER BY too), only the page's ids kept
        params: dict[str, object] = {"tsq": tsquery}
        if language is not None:
            matches += " AND language = :search_language"
            params["search_language"] = language
        page = ""
        if newest is not None:
            page = " LIMIT :search_newest"
            params["search_newest"] = newest
        return sa.text(
            "articles.id = ANY(ARRAY(WITH m AS MATERIALIZED "
            f"(SELECT id, published_start FROM articles WHERE {matches}) "
            f"SELECT id FROM m ORDER BY {PG_ORDER}{page}))"
        ).bindparams(**params)
    # no word in q (or a database cronaca does not index): its characters, anywhere, by a scan
    like = like_pattern(q)
    return sa.or_(t.articles.c.title.ilike(like, escape="\\"), t.articles.c.text.ilike(like, escape="\\"))


def text_match(dialect: str, table: str, found: list[str]) -> sa.ColumnElement[bool]:
    """A condition on ``events`` (its sentence) or ``claims`` (its summary) that keeps the rows
    in which every word of ``found`` (``words(q)``, not empty) begins a word: the same
    meaning as for articles, by the indexes of migration 0007. (SQLite reads every match of
    its index once; PostgreSQL either does so or, row by row, tests the row's own text.)"""
    column = {"events": "text", "claims": "summary"}[table]
    if dialect == "sqlite":
        fts, param = f"{table}_fts", {f"{table}_fts": _fts5_query(found)}
        return sa.text(f"{table}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :{fts})").bindparams(
            **param
        )
    if dialect == "postgresql":  # the expression of the GIN index, as written there
        return sa.text(
            f"to_tsvector('simple', {table}.{column}) @@ to_tsquery('simple', :{table}_tsq)"
        ).bindparams(**{f"{table}_tsq": _tsquery(found)})
    # a database cronaca does not index: each word anywhere, by a scan
    target = getattr(t, table).c[column]
    return sa.and_(*(target.ilike(like_pattern(w), escape="\\") for w in found))


def sentences_many(conn: sa.Connection, found: list[str], n: int) -> bool:
    """Whether more than about ``n`` event sentences hold every word of ``found``: SQLite by a
    capped count of its index, PostgreSQL by its statistics (as ``match`` decides for articles)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return _more_than(conn, _fts5_query(found), n, "events")
    if dialect == "postgresql":
        return _pg_estimate(conn, found, "events") > n
    return False


def _fts5_query(found: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in found)  # every word, each as a prefix


def _tsquery(found: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in found)  # every word, each as a prefix


def _more_than(conn: sa.Connection, expression: str, n: int, table: str = "articles") -> bool:
    """Whether the FTS5 expression matches more than ``n`` rows of the table's index (reads at
    most n + 1)."""
    query = sa.text(
        f"SELECT count(*) FROM (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :fts LIMIT :n)"
    )
    return conn.execute(query, {"fts": expression, "n": n + 1}).scalar_one() > n


# PostgreSQL: where ANALYZE keeps the statistics of each table's searched vector (an expression
# index's columns are sampled under the index's name)
PG_VECTORS = {
    "articles": ("articles", "search_doc"),
    "events": ("ix_events_search", "to_tsvector"),
    "claims": ("ix_claims_search", "to_tsvector"),
}


def _pg_estimate(conn: sa.Connection, found: list[str], table: str = "articles") -> float:
    """PostgreSQL: about how many articles hold every word of q, by the statistics of the
    stored vector as ANALYZE last sampled them: for each word, the summed frequencies of the
    most common words it begins (``pg_stats.most_common_elems``: the thousand commonest,
    each in more than about 3% of the articles), times the articles; the smallest of the
    words. A word that begins none of them counts as rare (0), as does every word before the
    first ANALYZE.

    The planner itself estimates any prefix search ("milano:*") at 0.5% of the articles and
    so, for the newest 50, walks the articles newest first testing each: right for a common
    word, ruinous for a rare one or for one whose articles are all old (at a million
    articles, a word found nowhere 7.6 s, a word in 0.4% of them 1.5 s). Reading every match
    costs about 1.6 µs each (50,000: 80 ms); the walk, 9 µs per article it passes.

    ``table``: ``events`` or ``claims`` estimates the rows of their sentence or summary index."""
    stats, column = PG_VECTORS[table]
    query = sa.text(
        "SELECT coalesce(min(f.freq), 0) * greatest((SELECT reltuples FROM pg_class"
        f"  WHERE oid = to_regclass('{table}')), 0)"
        " FROM unnest(CAST(:words AS text[])) AS w, LATERAL ("
        "  SELECT coalesce(sum(u.freq), 0) AS freq FROM pg_stats s,"
        "   unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs) AS u(e, freq)"
        f"  WHERE s.schemaname = current_schema() AND s.tablename = '{stats}'"
        f"   AND s.attname = '{column}' AND starts_with(u.e, w)) AS f"
    )
    return float(conn.execute(query, {"words": found}).scalar_one() or 0)


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern matching ``text`` literally (``%``, ``_`` and ``\\`` escaped), anywhere in
    the value or, with ``prefix``, at its start; use with ``escape="\\"``."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{literal}%" if prefix else f"%{literal}%"
