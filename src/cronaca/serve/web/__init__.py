"""Helpers for the web UI templates: highlighted text segments and display filters."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from cronaca.serve.render import _when, chain_text, quantity_text


def install_filters(env) -> None:
    env.filters["when"] = _when
    env.filters["quantity"] = quantity_text
    env.filters["actors"] = actor_links
    env.filters["actor_link"] = actor_link
    env.filters["chain_links"] = chain_links
    env.filters["chain"] = chain_text
    env.filters["by_published"] = by_published
    env.filters["link"] = link
    env.globals["highlight"] = highlight


def actor_href(actor_id: str) -> str:
    """The actor page's path; the id percent-encoded (``person:kim-jong-un``, ``agent:rebels:SYR``)."""
    return "/actors/" + quote(str(actor_id), safe="")


def actor_link(actor: dict[str, Any] | None) -> Markup:
    """An actor's name as a link to its page (escaped: names come from articles)."""
    if not actor:
        return Markup("–")
    name = actor.get("name") or actor.get("id") or "?"
    if not actor.get("id"):
        return escape(name)
    return Markup('<a class="actor" href="{}">{}</a>').format(actor_href(actor["id"]), name)


def actor_links(actors: list[dict[str, Any]] | None) -> Markup:
    """Actors as comma-separated links to their pages, or "–"."""
    return Markup(", ").join(actor_link(a) for a in actors or []) or Markup("–")


NOT_ACTORS = ("source:", "outlet:")  # unnamed sources and outlets have no actor page


def chain_links(attribution: list[dict[str, Any]]) -> Markup:
    """The attribution chain as ``render.chain_text`` says it, each named actor linked."""
    parts, subs = [], []
    for a in attribution or []:
        shown = escape(a.get("name", "")) if str(a.get("id", "")).startswith(NOT_ACTORS) else actor_link(a)
        (subs if a.get("role") == "sub_source" else parts).append(shown)
    text = Markup(" → ").join(parts)
    if subs:
        text += Markup(" (citing {})").format(Markup(", ").join(subs))
    return text


def link(url: Any) -> str:
    """``url`` if it may become a link (http or https, with a host), else "".

    Anything from an article is hostile: ``javascript:``, ``data:``, ``vbscript:`` and their
    spellings with odd case, leading spaces or embedded control characters (which browsers
    strip before reading the scheme) never reach an ``href``.
    """
    if not isinstance(url, str):
        return ""
    url = url.strip()
    if not url or any(ch <= " " or ch == "\x7f" for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def by_published(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events oldest report first; undated articles last."""
    return sorted(events, key=lambda ev: ((ev.get("published") or {}).get("start") or "9999", ev["id"]))


def _pieces(text: str, base: int, marks: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` (starting at offset ``base``) at every mark boundary; each piece lists
    the marks covering it, so nested marks (a quantity inside an event) both show."""
    points = {base, base + len(text)}
    for start, end, _cls, _title in marks:
        points.update(p for p in (start, end) if base <= p <= base + len(text))
    cuts = sorted(points)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [(cls, title) for start, end, cls, title in marks if start <= a and b <= end]
        out.append(
            {
                "text": text[a - base : b - base],
                "classes": " ".join(sorted({c for c, _ in covering})),
                "title": " · ".join(t for _, t in covering if t),
            }
        )
    return out


def segments(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text as pieces marked with the entity, time and quantity mentions on them."""
    marks = []
    for m in article["mentions"]:
        if m["type"] == "sentence":
            continue
        title = m["label"] + (f" → {m['entity_id']}" if m["entity_id"] else "")
        if m["type"] == "timex" and m["value"].get("value"):
            title += f" = {m['value']['value']}"
        if m["type"] == "quantity":
            title += f" = {quantity_text(m['value'])}"
        marks.append((m["span"]["start"], m["span"]["end"], f"m-{m['type']}", title))
    for ev in article["events"]:
        marks.append((ev["trigger"]["start"], ev["trigger"]["end"], "m-trigger", f"{ev['type']} trigger"))
    return _pieces(article["text"], 0, marks)


def highlight(event: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's sentence with its trigger, actors, time and quantity marked."""
    base = event["span"]["start"]
    marks = [(event["trigger"]["start"], event["trigger"]["end"], "m-trigger", "trigger")]
    for role, cls in (("source_actors", "m-source"), ("target_actors", "m-target")):
        for a in event[role]:
            if a.get("start") is not None:
                marks.append((a["start"], a["end"], cls, f"{role.split('_')[0]}: {a['name']}"))
    q = event.get("quantity")
    if q and q.get("start") is not None:
        marks.append((q["start"], q["end"], "m-quantity", quantity_text(q)))
    return _pieces(event["text"], base, marks)
