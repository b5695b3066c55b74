"""Group event mentions from many articles into claims.

Two mentions join when they have the same event type, the same source and target
actors, compatible counted things (soldiers do not join containers) and overlapping
time intervals. The grouping is deterministic: events are visited in a fixed order and
claim ids are hashes of the group's key and its first event, so re-running on the
same store gives the same claims. Every join records why, for ``--explain``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cronaca.model import Interval, content_id

COMPONENT = "claims@1"


@dataclass
class _Group:
    key: tuple
    unit: str | None
    events: list[dict[str, Any]] = field(default_factory=list)
    time: Interval | None = None
    explanation: list[str] = field(default_factory=list)


def _ids(actors: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({a["id"] for a in actors if a.get("id")}))


def _unit(event: dict[str, Any]) -> str | None:
    q = event.get("quantity") or {}
    return q.get("unit") or None


def _latest(event: dict[str, Any]) -> date | None:
    """The latest day an event can have happened: the end of its article's date."""
    end = (event.get("published") or {}).get("end")
    return date.fromisoformat(end) if end else None


def _order(event: dict[str, Any]) -> tuple:
    published = (event.get("published") or {}).get("start") or "9999"
    return (published, event["article_id"], event["span"]["start"], event["id"])


def _compatible(group: _Group, event: dict[str, Any], unit: str | None, time: Interval | None) -> str | None:
    """Why the event may join the group, or None when it may not."""
    if unit and group.unit and unit != group.unit:
        return None
    if time and group.time and not time.overlaps(group.time):
        return None
    # A report without a time of its own happened on or before its article's date.
    if time is None and group.time and _latest(event) and group.time.start > _latest(event):
        return None
    if time and group.time is None and time.start > max((_latest(e) or time.start) for e in group.events):
        return None
    reasons = [
        f"same type {group.key[0]}",
        f"sources {','.join(group.key[1]) or '-'}",
        f"targets {','.join(group.key[2]) or '-'}",
    ]
    if unit and group.unit:
        reasons.append(f"both count {unit}")
    if time and group.time:
        reasons.append(f"times overlap ({time.label} ∩ {group.time.label})")
    return ", ".join(reasons)


def build_claims(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Claims (rows for the ``claims`` table) and (claim id, event id) links."""
    groups: list[_Group] = []
    for event in sorted(events, key=_order):
        key = (event["type"], _ids(event["source_actors"]), _ids(event["target_actors"]))
        unit = _unit(event)
        time = Interval.from_dict(event.get("time"))
        candidates = []
        for group in groups:
            if group.key != key:
                continue
            why = _compatible(group, event, unit, time)
            if why:
                candidates.append((group, why))
        if candidates:
            # prefer a group that counts the same thing, then the largest
            candidates.sort(key=lambda gw: (gw[0].unit != unit, -len(gw[0].events)))
            group, why = candidates[0]
            group.explanation.append(f"{event['id']} joined: {why}")
        else:
            group = _Group(key=key, unit=unit)
            group.explanation.append(f"{event['id']} opened the claim")
            groups.append(group)
        group.events.append(event)
        group.unit = group.unit or unit
        if time:
            group.time = (group.time.intersect(time) or group.time) if group.time else time
    claims, links = [], []
    for group in groups:
        claim = _claim_row(group)
        claims.append(claim)
        links += [(claim["id"], e["id"]) for e in group.events]
    return claims, links


def _claim_row(group: _Group) -> dict[str, Any]:
    events = group.events
    first = events[0]
    claim_id = content_id(*map(str, group.key), group.unit or "", first["id"], prefix="c_")
    reported = sorted(date.fromisoformat(e["published"]["start"]) for e in events if e.get("published"))
    quantity = _quantity_range(events)
    sources = _sources(events)
    history = [
        {
            "reported": (e.get("published") or {}).get("start"),
            "article_id": e["article_id"],
            "event_id": e["id"],
            "factuality": e["factuality"],
        }
        for e in events
    ]
    source_names = _names(first["source_actors"])
    target_names = _names(first["target_actors"])
    return {
        "id": claim_id,
        "type": first["type"],
        "mode": first["mode"],
        "context": next((e["context"] for e in events if e["context"]), ""),
        "source_actors": _merge_actors(e["source_actors"] for e in events),
        "target_actors": _merge_actors(e["target_actors"] for e in events),
        "time_start": group.time.start if group.time and not group.time.open_start else None,
        "time_end": group.time.end if group.time else None,
        "time_precision": group.time.precision if group.time else None,
        "quantity": quantity,
        "first_reported": reported[0] if reported else None,
        "last_reported": reported[-1] if reported else None,
        "n_events": len(events),
        "n_articles": len({e["article_id"] for e in events}),
        "summary": _summary(first, source_names, target_names, quantity, group.time),
        "data": {"sources": sources, "factuality": history, "explanation": group.explanation},
        "component": COMPONENT,
    }


def _names(actors: list[dict[str, Any]]) -> str:
    return " & ".join(a["name"] for a in actors) or "?"


def _merge_actors(lists: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for actors in lists:
        for a in actors:
            out.setdefault(a["id"], {"id": a["id"], "name": a["name"], "sector": a.get("sector", "")})
            if a.get("sector") and not out[a["id"]]["sector"]:
                out[a["id"]]["sector"] = a["sector"]
    return list(out.values())


def _sources(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for e in events:
        for a in e["attribution"]:
            entry = seen.setdefault(a["id"], {"id": a["id"], "name": a["name"], "event_ids": []})
            entry["event_ids"].append(e["id"])
    return list(seen.values())


def _quantity_range(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The reported values, and the bounds every report allows together (None: they disagree)."""
    qs = [e["quantity"] for e in events if e.get("quantity") and e["quantity"].get("value") is not None]
    if not qs:
        return None
    lowers = [q["lower"] for q in qs if q.get("lower") is not None]
    uppers = [q["upper"] for q in qs if q.get("upper") is not None]
    lower = max(lowers) if lowers else None
    upper = min(uppers) if uppers else None
    agree = lower is None or upper is None or lower <= upper
    values = [q["value"] for q in qs]
    return {
        "value": values[0] if len(set(values)) == 1 else None,
        "lower": lower if agree else None,
        "upper": upper if agree else None,
        "min_reported": min(values),
        "max_reported": max(values),
        "unit": next((q["unit"] for q in qs if q.get("unit")), ""),
        "reports": [
            {"value": q["value"], "lower": q.get("lower"), "upper": q.get("upper"), "text": q.get("text")}
            for q in qs
        ],
        "agree": agree,
    }


def _fmt(n: float | None) -> str:
    if n is None:
        return "?"
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,.1f}"


def _summary(first, sources: str, targets: str, quantity, time: Interval | None) -> str:
    kind = first["type"] + (f" ({first['context']})" if first.get("context") else "")
    parts = [f"{sources} → {targets}: {kind}"]
    if quantity:
        lo, hi = quantity.get("lower"), quantity.get("upper")
        if lo is not None and hi is not None and lo != hi:
            amount = f"{_fmt(lo)}–{_fmt(hi)}"
        elif lo is not None and hi is None:
            amount = f"more than {_fmt(lo)}"
        elif hi is not None and lo is None:
            amount = f"up to {_fmt(hi)}"
        elif lo is not None:
            amount = _fmt(lo)
        else:
            amount = f"{_fmt(quantity['min_reported'])}–{_fmt(quantity['max_reported'])} (reports disagree)"
        parts.append(f"{amount} {quantity.get('unit', '')}".strip())
    if time:
        parts.append(time.label)
    return ", ".join(parts)
