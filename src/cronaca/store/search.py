"""Article search by full-text index, with one meaning of ``q`` on SQLite and PostgreSQL.

``q`` finds the articles in which **every word of q begins a word** of the title or the
text, in any case: "Corea nord" finds "la Corea del Nord", "kim" finds "Kim Jong-un",
"missil" finds "missili". A word is a run of letters and digits; anything else separates
words, in ``q`` and in the articles alike ("dell'intelligence" holds "intelligence", and
"Jong-un" holds "un"), and accents count ("citta" does not find "città"). A ``q`` with no
word at all ("%", "?!") matches its characters literally, by a scan.

The index is an FTS5 table over the articles (SQLite) or a GIN index on the stored
``to_tsvector('simple', title || ' ' || text)`` (PostgreSQL); migrations 0003, 0005 and 0008
create and fill them. A ``LIKE '%q%'`` scan costs a second at 300k articles; the index, milliseconds.

SQLite's index is keyed by each article's publication day, then its rowid (0008): its
matches come newest day first, so a page is the first matches plus the rest of the last
one's day, whatever the number of matches. (FTS5 builds the whole list of a prefix word's
matches before the first one, ~20 ms per word in 900,000 of a million articles, which no
plan avoids; keyed by the rowid alone, a common word also had to be counted and every match
held in an IN list while walking the date index: 125-137 ms.)
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from cronaca.store import schema as t

_WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 16  # a longer q is no search: its first words decide

# PostgreSQL: the articles' tsvector, to_tsvector('simple', title || ' ' || text), stored as a
# generated column with a GIN index (0005; 0003 indexed the expression itself).
PG_DOCUMENT = "articles.search_doc"


def words(q: str) -> list[str]:
    return _WORD.findall(q.lower())[:MAX_WORDS]


# SQLite: an index key's low bits, the article's rowid (its high bits are the day, 0008)
ROWID = 0xFFFFFFFF
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

    ``newest`` is the page's end (offset + limit) and ``language`` the list's language
    filter. Given ``conn`` and ``newest``, SQLite reads the page's candidates off its index
    now (``_sqlite_newest``); PostgreSQL writes the condition for the cheaper of two plans,
    by its statistics of how many articles ``q`` matches (``_pg_estimate``): walk the
    articles newest first keeping the matches (a common word is in half of a million
    articles), or read every match and keep the page's, sorting (date, id) pairs rather than
    probing each match again.
    """
    found = words(q)
    if dialect == "sqlite" and found:
        expression = _articles_fts5_query(found, language)
        if conn is None or newest is None:
            return sa.text(
                f"articles.rowid IN (SELECT rowid & {ROWID} FROM articles_fts WHERE articles_fts MATCH :fts)"
            ).bindparams(fts=expression)
        rowids = _sqlite_newest(conn, expression, newest)
        # written out (integers the index gave): a list the planner sees the length of, so it
        # reads these rows by rowid rather than walking an index of the list's other filters
        return sa.text(f"articles.rowid IN ({','.join(map(str, rowids))})") if rowids else sa.false()
    if dialect == "postgresql" and found:
        tsquery = _tsquery(found)
        matches = f"{PG_DOCUMENT} @@ to_tsquery('simple', :tsq)"
        if conn is None or _pg_many(conn, found, language):
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


def _sqlite_newest(conn: sa.Connection, expression: str, newest: int) -> list[int]:
    """The rowids of the ``newest`` newest articles the FTS5 expression matches (its words
    and, for a list of one language, that language), plus, when the last one's day has few
    matches, every other match of that day: a superset of the page's articles, which the
    list's own query sorts (date descending, then id). The index returns its matches newest
    day first (0008), so this reads no further than the page's last day.

    A last day of more than ``BIG_DAY`` matches (an undated corpus is one such "day") is read
    as before 0008: its articles walked in id order off the date index, each kept if in the
    day's matches, to the page's end."""
    params = {"fts": expression}  # the language, if any, is in the expression
    result = conn.execute(
        sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts ORDER BY rowid DESC"), params
    )
    rowids: list[int] = []
    day, day_begins = None, 0  # the day being read, and where its rowids begin in the list
    with result:
        for (key,) in result:
            if key >> 32 != day:
                if len(rowids) >= newest:
                    return rowids
                day, day_begins = key >> 32, len(rowids)
            elif len(rowids) >= newest and len(rowids) - day_begins >= BIG_DAY:
                break
            rowids.append(key & ROWID)
        else:
            return rowids
    del rowids[day_begins:]
    rest = conn.execute(
        sa.text(
            "SELECT rowid FROM articles INDEXED BY ix_articles_published "
            "WHERE published_start IS :day AND +rowid IN ("
            f"SELECT rowid & {ROWID} FROM articles_fts "
            "WHERE articles_fts MATCH :fts AND rowid BETWEEN :lo AND :hi) "
            "ORDER BY published_start DESC, id LIMIT :rest"
        ),
        {
            **params,
            "day": _day(day),
            "lo": day << 32,
            "hi": day << 32 | ROWID,
            "rest": newest - len(rowids),
        },
    )
    return rowids + list(rest.scalars())


BIG_DAY = 2000  # see _sqlite_newest


def _day(key_day: int) -> str | None:
    """The ``published_start`` of an index key's day (0: none; else the Julian day number)."""
    return None if key_day == 0 else date.fromordinal(key_day - JULIAN_ORDINAL).isoformat()


# a day's Julian day number (as the key holds it) less its proleptic ordinal: 0001-01-01 is 1721425 and 1
JULIAN_ORDINAL = 1721424


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
    capped count of its index, PostgreSQL by its statistics (as ``match`` does for articles)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        return _more_than(conn, _fts5_query(found), n, "events")
    if dialect == "postgresql":
        return _pg_estimate(conn, found, "events") > n
    return False


def _fts5_query(found: list[str]) -> str:
    return " ".join(f'"{w}"*' for w in found)  # every word, each as a prefix


def _articles_fts5_query(found: list[str], language: str | None) -> str:
    """The words, and the language as the index holds it (0008): U+E000 and the hex digits of
    the code's UTF-8 bytes, as SQLite's ``hex()`` writes them; one word, which only the
    articles of exactly that language hold, and which no word of ``q`` begins."""
    if not language:
        return _fts5_query(found)
    return f'{_fts5_query(found)} "\ue000{language.encode().hex().upper()}"'


def _tsquery(found: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in found)  # every word, each as a prefix


def _more_than(conn: sa.Connection, expression: str, n: int, table: str) -> bool:
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
        f"SELECT coalesce(min(f.freq), 0) * greatest({_pg_rows(table)}, 0)"
        " FROM unnest(CAST(:words AS text[])) AS w, LATERAL ("
        "  SELECT coalesce(sum(u.freq), 0) AS freq FROM pg_stats s,"
        "   unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs) AS u(e, freq)"
        f"  WHERE s.schemaname = current_schema() AND s.tablename = '{stats}'"
        f"   AND s.attname = '{column}' AND starts_with(u.e, w)) AS f"
    )
    return float(conn.execute(query, {"words": found}).scalar_one() or 0)


def _pg_many(conn: sa.Connection, found: list[str], language: str | None) -> bool:
    """PostgreSQL: whether more than about ``PG_READ_ALL`` articles (of ``language``, if
    given) hold every word: the words' estimate, times the language's share when the words
    alone are many (a share is at most 1, so it is not read for a rare word)."""
    estimate = _pg_estimate(conn, found)
    if estimate > PG_READ_ALL and language is not None:
        estimate *= _pg_language_share(conn, language)
    return estimate > PG_READ_ALL


def _pg_rows(table: str) -> str:
    """PostgreSQL: the table's row count as the planner last estimated it (pg_class), as SQL."""
    return f"(SELECT reltuples FROM pg_class WHERE oid = to_regclass('{table}'))"


def _pg_language_share(conn: sa.Connection, language: str) -> float:
    """PostgreSQL: about what share of the articles are in ``language``, by ANALYZE's
    statistics of the column (its most common values; any other value gets an even part of
    the rest, as the planner reckons); 1 before the first ANALYZE.

    A language few articles have makes even a common word's matches few: they are read by
    the word's index and ``ix_articles_language`` together (0008), where a walk of the
    articles newest first would pass every article ("della" among the English articles of an
    Italian million: 3-9 s)."""
    row = conn.execute(
        sa.text(
            "SELECT (SELECT u.f FROM unnest(CAST(CAST(s.most_common_vals AS text) AS text[]),"
            "   s.most_common_freqs) AS u(v, f) WHERE u.v = :language) AS share,"
            " coalesce((SELECT sum(f) FROM unnest(s.most_common_freqs) AS f), 0) AS common,"
            " coalesce(cardinality(s.most_common_freqs), 0) AS n_common,"
            " CASE WHEN s.n_distinct >= 0 THEN s.n_distinct"
            f"  ELSE -s.n_distinct * {_pg_rows('articles')} END"
            "  AS n_distinct"
            " FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'articles'"
            " AND s.attname = 'language'"
        ),
        {"language": language},
    ).first()
    if row is None:
        return 1.0
    if row.share is not None:
        return float(row.share)
    return max(0.0, 1.0 - float(row.common)) / max(float(row.n_distinct) - row.n_common, 1.0)


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern matching ``text`` literally (``%``, ``_`` and ``\\`` escaped), anywhere in
    the value or, with ``prefix``, at its start; use with ``escape="\\"``."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{literal}%" if prefix else f"%{literal}%"
