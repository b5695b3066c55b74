"""JSON Lines: one article per line; a bad line is skipped and the others still ingest.

Each line is an object with ``text`` (required) and, optionally, ``title``,
``date``/``published``, ``url``, ``outlet`` (or ``source``), ``language`` and ``author``.
A whole-file JSON array of such objects is read the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from cronaca.ingest import budget, pubdate
from cronaca.ingest.common import Context, build, language_sample
from cronaca.ingest.language import detect_many, normalise_code
from cronaca.ingest.text import clean, paragraphs
from cronaca.model import Article, Skipped

_DATE_KEYS = ("published", "date", "pubdate", "published_at", "datetime", "time")
_URL_KEYS = ("url", "link", "uri")
_OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher")
_AUTHOR_KEYS = ("author", "byline", "authors")
_LANG_KEYS = ("language", "lang")


# A JSON value starts with one of these; any other line fails at its first character. Such
# lines are rejected without calling json.loads: a file of millions of them (a text file
# named .jsonl) reads several times faster.
_JSON_STARTS = frozenset('{["-0123456789tfn')
_NOT_A_VALUE = json.JSONDecodeError("Expecting value", "", 0)
TOO_DEEP = "JSON nested too deeply to be an article (thousands of levels)"
BATCH = 256  # records read and prepared before their articles are built


def read(text: str, source: str, ctx: Context) -> Iterator[Article | Skipped]:
    batch: list[tuple[str, dict[str, Any]] | Skipped] = []
    for where, record in _records(text, source):
        batch.append(record if isinstance(record, Skipped) else _prepare(record, where))
        if len(batch) >= BATCH:
            yield from _finish(batch, ctx)
            batch = []
    yield from _finish(batch, ctx)


def _records(text: str, source: str) -> Iterator[tuple[str, Any]]:
    """(where, parsed JSON value or Skipped) for each record in the file."""
    if text.lstrip(" \t\r\n\ufeff").startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as e:
            reason = f"invalid JSON array: {e.msg} (line {e.lineno}, column {e.colno})"
            yield source, Skipped(source, reason, "jsonl")
            return
        except RecursionError:
            yield source, Skipped(source, TOO_DEEP, "jsonl")
            return
        if not records:
            yield source, Skipped(source, "empty JSON array: no articles", "jsonl")
        for number, record in enumerate(records, start=1):
            yield f"{source}#item-{number}", record
        return
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.strip() == "{":  # one pretty-printed object, not JSON Lines
        try:
            yield source, json.loads(text)
        except json.JSONDecodeError as e:
            reason = f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
            yield source, Skipped(source, reason, "jsonl")
        except RecursionError:
            yield source, Skipped(source, TOO_DEEP, "jsonl")
        return
    bad: list[Any] = []  # a run of invalid lines: [first where, its reason, first, last]
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        where = f"{source}:{number}"
        try:
            if line[0] not in _JSON_STARTS:  # what json.loads would say, without raising (fast)
                raise _NOT_A_VALUE
            record = json.loads(line)
        except json.JSONDecodeError as e:
            reason = f"invalid JSON (truncated line?): {e.msg} (column {e.colno})"
        except RecursionError:
            reason = TOO_DEEP
        else:
            if bad:
                yield _bad_run(source, *bad)
                bad = []
            yield where, record
            continue
        if bad:
            bad[3] = number
        else:
            bad = [where, reason, number, number]
    if bad:
        yield _bad_run(source, *bad)


def _bad_run(source: str, where: str, reason: str, first: int, last: int) -> tuple[str, Skipped]:
    """One rejection for a run of invalid lines (a file that is not JSON Lines at all may
    have millions): the first line's reason, and how far the run goes."""
    if last == first:
        return where, Skipped(where, reason, "jsonl")
    span = f"{source}:{first}-{last}"
    return span, Skipped(span, f"lines {first:,}–{last:,} are not JSON; the first: {reason}", "jsonl")


def _finish(batch: list[tuple[str, dict[str, Any]] | Skipped], ctx: Context) -> Iterator[Article | Skipped]:
    """Build the batch's articles, detecting the languages of those that need it in one go."""
    prepared = [item for item in batch if not isinstance(item, Skipped)]
    todo = [
        fields for _, fields in prepared if not (ctx.language or normalise_code(fields["explicit_language"]))
    ]
    for fields, code in zip(todo, detect_many([f["sample"] for f in todo]), strict=True):
        fields["detected_language"] = code
    for item in batch:
        if isinstance(item, Skipped):
            yield item
            continue
        where, fields = item
        fields.pop("sample")
        yield build(ctx, source=where, fmt="jsonl", **fields)


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # authors: ["A", "B"] or [{"name": "A"}]
        names = [v.get("name", "") if isinstance(v, dict) else str(v) for v in value]
        return ", ".join(n for n in names if n)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "")
    return "" if value is None else str(value)


def _language(value: Any) -> str | None:
    """The record's language as written (``build`` checks it and says when it is unknown)."""
    if value is None:
        return None
    return (value if isinstance(value, str) else str(value)).strip() or None


def _prepare(record: Any, where: str) -> tuple[str, dict[str, Any]] | Skipped:
    """The fields of one record, ready for ``build``, or why it cannot be an article."""
    if not isinstance(record, dict):
        kind = type(record).__name__
        return Skipped(where, f"expected a JSON object with a 'text' field, got a {kind}", "jsonl")
    body = record.get("text")
    if body is None:
        keys = ", ".join(sorted(record)[:8]) or "none"
        return Skipped(where, f"no 'text' field (fields present: {keys})", "jsonl")
    if not isinstance(body, str):
        return Skipped(where, f"'text' is a {type(body).__name__}, expected a string", "jsonl")
    if not body.strip():
        return Skipped(where, "'text' is empty", "jsonl")
    body, precut = budget.precut(body)
    paras = paragraphs(body)
    title = " ".join(clean(_string(record.get("title") or record.get("headline"))).split())
    return where, {
        "paragraphs": paras,
        "title": title,
        "published": pubdate.from_value(_first(record, _DATE_KEYS)),
        "outlet": _string(_first(record, _OUTLET_KEYS)),
        "url": _string(_first(record, _URL_KEYS)),
        "byline": _string(_first(record, _AUTHOR_KEYS)),
        "explicit_language": _language(_first(record, _LANG_KEYS)),
        "sample": language_sample(title, "\n\n".join(paras)),
        "precut": precut,
    }
