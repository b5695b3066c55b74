"""Human-readable terminal output (rich tables); ``--json`` bypasses all of this.

Everything printed comes from articles, so nothing printed is ever read as rich markup
(``[/bold]`` in a URL, ``[red]`` in a name) or emoji codes (``:smile:``): the consoles have
markup and emoji off, styles are applied with ``Text``, and control characters (an ESC
that would drive the terminal) are replaced before printing (``clean``).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

# C0 controls except tab and newline, DEL and C1 controls: shown as U+FFFD, never sent
_CONTROLS = {c: "\ufffd" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}


def console(**kwargs: Any) -> Console:
    """A console that prints text as it is: no markup, no emoji codes."""
    return Console(markup=False, emoji=False, **kwargs)


out = console(soft_wrap=False)


def clean(value: Any) -> Any:
    """``value`` (a string, or dicts and lists of them) with control characters replaced."""
    if isinstance(value, str):
        return value.translate(_CONTROLS)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def styled(*parts: str | tuple[str, str]) -> Text:
    """Plain and ``(text, style)`` parts as one Text, every part cleaned, none read as markup."""
    return Text.assemble(*((clean(p[0]), p[1]) if isinstance(p, tuple) else clean(p) for p in parts))


HIGHLIGHT = {"entity": "bold cyan", "timex": "bold green", "quantity": "bold magenta"}


def _actors(actors: list[dict[str, Any]]) -> str:
    return ", ".join(f"{a['name']}" + (f" [{a['sector']}]" if a.get("sector") else "") for a in actors) or "–"


def _when(interval: dict[str, Any] | None) -> str:
    if not interval:
        return "–"
    start, end, precision = interval["start"], interval["end"], interval["precision"]
    if start is None:
        return "≤" + (end[:7] if precision == "month" else end[:4] if precision == "year" else end)
    if precision == "day" and start == end:
        return start
    if precision == "month":
        return start[:7]
    if precision == "year" and start[5:] == "01-01" and end[5:] == "12-31" and start[:4] == end[:4]:
        return start[:4]
    return f"{start}…{end}"


def quantity_text(q: dict[str, Any] | None) -> str:
    if not q:
        return ""
    unit = q.get("unit") or ""
    lo, hi = q.get("lower"), q.get("upper")

    def n(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    if "min_reported" in q and lo is None and hi is None:
        return f"{n(q['min_reported'])}–{n(q['max_reported'])} {unit} (reports disagree)"
    if lo is not None and hi is not None:
        return f"{n(lo)} {unit}" if lo == hi else f"{n(lo)}–{n(hi)} {unit}"
    if lo is not None:
        return f">{n(lo)} {unit}"
    if hi is not None:
        return f"≤{n(hi)} {unit}"
    return f"{n(q['value'])} {unit}" if q.get("value") is not None else ""


def ingest_summary(console: Console, report) -> None:
    console.print(
        styled(
            ("ingest:", "bold"),
            f" read {report.read}, new {report.new}, duplicate {report.duplicate}, "
            f"rejected {report.rejected}  ·  events {report.events}  ·  claims {report.claims}",
        )
    )
    for skipped in report.skipped:
        console.print(styled("  ", ("rejected", "red"), f" {skipped.source}: {skipped.reason}"))
    for note in report.notes:
        console.print(styled("  ", ("note", "yellow"), f" {note.source}: {note.message}"))


def articles(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    table = Table("id", "published", "lang", "outlet", "title", "events", title=f"{len(rows)} articles")
    for r in rows:
        table.add_row(
            r["id"],
            _when(r["published"]),
            r["language"],
            r["outlet"] or "–",
            (r["title"] or "")[:70],
            str(r.get("n_events", "")),
        )
    out.print(table)


def events(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    table = Table(
        "id",
        "when",
        "type",
        "source",
        "target",
        "how many",
        "factuality",
        "sentence",
        title=f"{len(rows)} events",
        show_lines=True,
    )
    for r in rows:
        table.add_row(
            r["id"],
            _when(r["time"]) + ("" if r["time"] else f"\n(reported {_when(r['published'])})"),
            r["type"] + (f"\n{r['context']}" if r["context"] else ""),
            _actors(r["source_actors"]),
            _actors(r["target_actors"]),
            quantity_text(r["quantity"]),
            r["factuality"],
            _sentence(r),
        )
    out.print(table)


def claims(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    table = Table("id", "when", "claim", "mentions", "articles", "reported", title=f"{len(rows)} claims")
    for r in rows:
        table.add_row(
            r["id"],
            _when(r["time"]),
            r["summary"],
            str(r["n_events"]),
            str(r["n_articles"]),
            f"{r['first_reported'] or '?'} → {r['last_reported'] or '?'}",
        )
    out.print(table)


def _sentence(event: dict[str, Any], width: int = 400) -> Text:
    """The event's sentence with the trigger, actors, time and quantity highlighted."""
    text, base = event["text"], event["span"]["start"]
    spans = [(event["trigger"]["start"], event["trigger"]["end"], "bold yellow underline")]
    for a in (*event["source_actors"], *event["target_actors"]):
        if a.get("start") is not None:
            spans.append((a["start"], a["end"], "bold cyan"))
    q = event.get("quantity")
    if q and q.get("start") is not None:
        spans.append((q["start"], q["end"], "bold magenta"))
    shown = text[:width]
    styled = Text(shown + ("…" if len(text) > width else ""))
    for start, end, style in spans:
        # only spans inside the shown sentence: an actor taken from another sentence (the
        # story's sides, a speaker) has offsets outside it, and rich loops on such spans
        lo, hi = start - base, min(end - base, len(shown))
        if 0 <= lo < hi:
            styled.stylize(style, lo, hi)
    return styled


def timeline(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    if not rows:
        out.print("(no claims yet: ingest some articles)")
        return
    for claim in rows:
        out.rule(styled((_when(claim["time"]), "bold"), f"  {claim['summary']}"), align="left")
        out.print(
            f"  claim {claim['id']} · {claim['n_events']} mention(s) in {claim['n_articles']} article(s) · "
            f"reported {claim['first_reported'] or '?'} → {claim['last_reported'] or '?'}"
        )
        for ev in claim.get("events", []):
            sources = chain_text(ev["attribution"]) or "the outlet"
            out.print(
                f"  • [{_when(ev['published'])}] {ev['factuality']}, according to {sources} "
                f"(article {ev['article_id']}, chars {ev['span']['start']}–{ev['span']['end']})"
            )
            line = Text("    ")
            line.append_text(_sentence(ev))
            out.print(line)


def article(data: dict[str, Any], *, explain: bool = False) -> None:
    data = clean(data)
    out.print(styled((data["title"] or "(no title)", "bold")))
    out.print(
        f"{data['id']} · {_when(data['published'])} · {data['language']} · {data['outlet'] or '–'} · "
        f"{data['source']}"
    )
    text = Text(data["text"])
    for m in data["mentions"]:
        style = HIGHLIGHT.get(m["type"])
        if style:
            text.stylize(style, m["span"]["start"], m["span"]["end"])
    out.print(text)
    counts: dict[str, int] = {}
    for m in data["mentions"]:
        counts[m["type"]] = counts.get(m["type"], 0) + 1
    out.print(
        "\n"
        + " · ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        + f" · events: {len(data['events'])}"
    )
    if data["events"]:
        if explain:
            for ev in data["events"]:
                explain_event(ev)
        else:
            events(data["events"])


def chain_text(attribution: list[dict[str, Any]], *, ids: bool = False) -> str:
    """The attribution chain as a reader says it: "Demo Wire → NHK (citing unnamed sources)"."""
    parts, subs = [], []
    for a in attribution:
        name = f"{a['name']} ({a['id']})" if ids else a["name"]
        (subs if a.get("role") == "sub_source" else parts).append(name)
    text = " → ".join(parts)
    if subs:
        text += f" (citing {', '.join(subs)})"
    return text


def explain_event(ev: dict[str, Any]) -> None:
    ev = clean(ev)
    out.rule(f"{ev['id']} · {ev['type']} {ev['context']} · CAMEO {ev['cameo']}", align="left")
    out.print(_sentence(ev, width=10_000))
    t = ev["trigger"]
    out.print(f"  trigger     {t['text']!r} [{t['start']}–{t['end']}]")
    for role in ("source_actors", "target_actors"):
        for a in ev[role]:
            out.print(
                f"  {role.split('_')[0]:<11} {a['name']} ({a['id']}) [{a.get('start')}–{a.get('end')}]"
                + (f" sector {a['sector']}" if a.get("sector") else "")
            )
    if ev["place"]:
        out.print(f"  place       {ev['place']['name']} ({ev['place']['id']})")
    out.print(
        f"  time        {_when(ev['time'])}"
        + (
            f" from {ev['time_text']!r}"
            if ev["time_text"]
            else f" (none in the sentence; reported {_when(ev['published'])})"
        )
    )
    if ev["quantity"]:
        out.print(f"  quantity    {quantity_text(ev['quantity'])} from {ev['quantity'].get('text')!r}")
    out.print(f"  attribution {chain_text(ev['attribution'], ids=True) or '–'}")
    out.print(
        f"  factuality  {ev['factuality']}"
        + (f" (cue: {ev['factuality_cue']!r})" if ev.get("factuality_cue") else "")
    )
    for label, key in (("participants", "participants"), ("equipment", "equipment")):
        if ev.get(key):
            out.print(f"  {label:<11} " + ", ".join(f"{a['name']} ({a['id']})" for a in ev[key]))
    if ev.get("quote"):
        out.print(f"  quote       {ev['quote']['text']}")
    out.print(f"  rule        {ev['rule']}  ·  {ev['component']}")


def claim(data: dict[str, Any], *, explain: bool = False) -> None:
    data = clean(data)
    out.print(styled((data["summary"], "bold")))
    out.print(
        f"{data['id']} · {data['type']} {data['context']} · when {_when(data['time'])} · "
        f"reported {data['first_reported']} → {data['last_reported']}"
    )
    if data["quantity"]:
        q = data["quantity"]
        out.print(
            f"quantity: {quantity_text(q)}; reports: "
            + "; ".join(f"{r['text']!r}" for r in q.get("reports", []))
        )
    out.print(
        "sources: "
        + (", ".join(s["name"] + (" (self)" if s.get("self") else "") for s in data["sources"]) or "–")
        + f"  ·  {data.get('n_sources', 0)} original"
    )
    out.print(
        "status history: "
        + "; ".join(
            f"{h['reported']}: {h['factuality']}" + (f" by {h['by']}" if h.get("by") else "")
            for h in data["factuality"]
        )
    )
    for ev in data.get("events", []):
        explain_event(ev)
    if explain:
        out.rule("merge decisions", align="left")
        for line in data["explanation"]:
            out.print(f"  {line}")


def entities(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    table = Table("id", "type", "name", "mentions", title=f"{len(rows)} entities")
    for r in rows:
        table.add_row(r["id"], r["type"], r["name"], str(r["n_mentions"]))
    out.print(table)


def status(url: str, stats: dict[str, int], rejections: list[dict[str, Any]]) -> None:
    out.print(styled((url, "bold")))
    out.print("  " + " · ".join(f"{k}: {v}" for k, v in stats.items()))
    for r in clean(rejections):
        out.print(styled("  ", ("rejected", "red"), f" {r['source']}: {r['reason']}"))


def stories(rows: list[dict[str, Any]]) -> None:
    rows = clean(rows)
    table = Table("id", "story", "claims", "articles", "reported", "types", title=f"{len(rows)} stories")
    for r in rows:
        table.add_row(
            r["id"],
            r["name"],
            str(r["n_claims"]),
            str(r["n_articles"]),
            f"{r['first_reported'] or '?'} → {r['last_reported'] or '?'}",
            " ".join(f"{t}×{n}" if n > 1 else t for t, n in r["types"].items()),
        )
    out.print(table)


def story(data: dict[str, Any]) -> None:
    data = clean(data)
    out.print(styled((data["name"], "bold")))
    out.print(
        f"{data['id']} · {data['n_claims']} claim(s), {data['n_events']} mention(s) in "
        f"{data['n_articles']} article(s) · reported {data['first_reported'] or '?'} → "
        f"{data['last_reported'] or '?'}"
        + (f" · related: {', '.join(data['related'])}" if data.get("related") else "")
    )
    timeline(data["claims"])


def network(graph: dict[str, Any]) -> None:
    graph = clean(graph)
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    table = Table(
        "source",
        "target",
        "quad",
        "class",
        "claims",
        "articles",
        "types",
        title=f"{len(graph['edges'])} edges",
    )
    for e in graph["edges"]:
        table.add_row(
            f"{names.get(e['source'], e['source'])} ({e['source']})",
            f"{names.get(e['target'], e['target'])} ({e['target']})",
            str(e["quad"]),
            e["label"],
            str(e["weight"]),
            str(e["n_articles"]),
            " ".join(e["types"]),
        )
    out.print(table)
    lonely = [
        n for n in graph["nodes"] if not any(n["id"] in (e["source"], e["target"]) for e in graph["edges"])
    ]
    if lonely:
        out.print("actors without an edge: " + ", ".join(f"{n['name']} ({n['n_claims']})" for n in lonely))
