"""Group event mentions from many articles into claims.

Two mentions join when they have the same event type, the same source and target
actors (a person counts as its country: Putin is RUS), compatible modes (equal, or one
unset), compatible places (troops in Kursk are not troops in Donetsk), the same kind of
weapon when both name one (drones are not missiles), compatible counted things (soldiers
do not join containers) and overlapping time intervals. The grouping is
deterministic: events are visited in a fixed order and claim ids are hashes of the
group's key and its first event, so re-running on the same store gives the same claims.
Every join records why, for ``--explain``.

Groups never cross keys, so consolidating only the events of the actors a new article
touches gives exactly what a full rebuild gives for them (``touched_actors``).

A claim also carries its status over time: every report's factuality at its date, plus
acknowledgements found in other events — an actor of the claim speaking, as source, of
the other side's forces ("Putin praised the North Korean soldiers" acknowledges North
Korean troops in Russia) — and which of its sources are the actors themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from cronaca.consolidate.index import Groups, Speakers, no_cycle_collection
from cronaca.consolidate.quantities import frame, measure
from cronaca.consolidate.stages import stage
from cronaca.model import Interval, content_id

COMPONENT = "claims@3"
FORCES = {"soldiers"}  # canonical units (resources/units.yaml) that count an actor's forces
# types whose claims are about a weapon: there the kind of weapon tells two facts apart
WEAPON_TYPES = frozenset({"AID", "PRODUCE_WEAPONS", "TEST_WEAPONS", "SANCTION"})
# types whose counts may measure one fact in several units (sites hit, missiles fired)
ATTACK_TYPES = frozenset({"FIGHT", "ASSAULT"})
# two mentions that state no time and count nothing alike join only when reported this close
REPORT_WINDOW_DAYS = 14


@dataclass
class _Group:
    key: tuple
    unit: str | None
    kind: str = ""  # what its counts mean: sent, killed, ... (consolidate.quantities)
    frame: str = ""  # what its triggers say happened, when they say it
    mode: str = ""
    place: dict[str, Any] | None = None
    weapons: set[str] = field(default_factory=set)  # weapon categories of its mentions
    stages: set[str] = field(default_factory=set)  # the rounds its mentions name ("" for none)
    victim: str = ""  # who was hit, by name (VICTIM_TYPES): the first a mention names
    events: list[dict[str, Any]] = field(default_factory=list)
    time: Interval | None = None
    stated: list[Interval] = field(default_factory=list)  # the times its mentions state
    bounds: list[Interval] = field(default_factory=list)  # every mention's time or report-date bound
    # (quantity, its measure) of each mention that counts something, and report dates
    counted: list[tuple[dict[str, Any], tuple[str | None, str]]] = field(default_factory=list)
    reports: list[tuple[date, date]] = field(default_factory=list)
    # (event id, why it joined; "" for the one that opened it), written out with the claim:
    # many mentions of a large claim join for the same reasons, and keep one string for them
    explanation: list[tuple[str, str]] = field(default_factory=list)

    def join(self, event: dict[str, Any], unit: str | None, kind: str) -> None:
        self.events.append(event)
        if (event.get("quantity") or {}).get("value") is not None:
            self.counted.append((event["quantity"], (unit, kind)))
        reported = _reported(event)
        if reported:
            self.reports.append(reported)


# sectors of actors that act for no state: "the Syrian rebels", the M23 are not Syria or Congo
NON_STATE = frozenset({"rebel", "militant", "opposition", "criminal", "civilian", "protesters", "refugee"})


def _polity(actor: dict[str, Any]) -> str:
    """Whom an actor acts for: a person or a state organ for its country, a non-state actor
    (rebels, militants, an armed group) for itself even when the text gives its country."""
    if actor.get("sector") in NON_STATE or str(actor.get("id", "")).startswith("agent:"):
        return actor.get("id") or ""
    return actor.get("country") or actor.get("id") or ""


def _ids(actors: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({_polity(a) for a in actors if a.get("id")}))


def _target_ids(event: dict[str, Any]) -> tuple[str, ...]:
    """The target polities; civilians of no named country, struck where the event happened,
    are that country's people ("three civilians were killed in Muridke": Pakistan's)."""
    country = (_scene(event) or {}).get("country") or ""
    out = set()
    for a in event["target_actors"]:
        if not a.get("id"):
            continue
        civilians = a.get("sector") == "civilian" and not a.get("country")
        out.add(country if civilians and country else _polity(a))
    return tuple(sorted(out))


# types whose two sides may be named either way round ("A met B" is "B met A"); exchanges too
MUTUAL_TYPES = frozenset({"AGREE", "CONSULT"})


def _key(event: dict[str, Any]) -> tuple:
    """(type, source polities, target polities); a mutual fact (talks, an agreement, a
    prisoner exchange) is keyed with its sides in a fixed order, so "Kyiv and Moscow swapped"
    and "Moscow returned ... to Kyiv in the swap" meet. Both sides are touched actors, so the
    incremental rebuild still sees every member."""
    sources, targets = _ids(event["source_actors"]), _target_ids(event)
    if sources and targets and (event["type"] in MUTUAL_TYPES or frame(event) == "exchanged"):
        sources, targets = sorted((sources, targets))
    return (event["type"], sources, targets)


def _sides(event: dict[str, Any], key: tuple) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The event's actors as the claim's (source, target) sides: swapped when keyed mutually."""
    if _ids(event["source_actors"]) != key[1] and _target_ids(event) == key[1]:
        return event["target_actors"], event["source_actors"]
    return event["source_actors"], event["target_actors"]


# kinds of quantity and trigger frames that name one frame: goods and forces both move
_SAME_FRAME = {"shipped": "sent"}


def _frame(event: dict[str, Any], kind: str) -> str:
    """What a mention says happened: its trigger's frame, else its quantity's kind ("morti"
    with "cinquanta feriti" in its sentence is a killing)."""
    found = frame(event) or (kind if kind not in ("", "count") else "")
    return _SAME_FRAME.get(found, found)


VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})  # acts on people, where who was hit tells the fact


def _victim(event: dict[str, Any]) -> str:
    """Who a killing or an arrest is about: the first person (or civilians) it names as hit
    ("Salami was killed", "among the dead were Bagheri and Salami": Bagheri). Mentions about
    different people are different facts, though both count for the same country; a report
    naming several joins the claim of the first, never bridging two claims."""
    if event["type"] not in VICTIM_TYPES:
        return ""
    named = [
        a for a in event["target_actors"] if str(a.get("id", "")).startswith(("person:", "agent:civilians"))
    ]
    named += [a for a in event.get("participants") or () if a.get("role") == "victim"]
    return str(named[0]["id"]) if named else ""


def touched_actors(events: Iterable[dict[str, Any]]) -> set[str]:
    """The actors whose claims new events can change: consolidate all events of these."""
    return {_polity(a) for e in events for a in (*e["source_actors"], *e["target_actors"]) if a.get("id")}


def _latest(event: dict[str, Any]) -> date | None:
    """The latest day an event can have happened: the end of its article's date."""
    end = (event.get("published") or {}).get("end")
    return date.fromisoformat(end) if end else None


def _scene(event: dict[str, Any]) -> dict[str, Any] | None:
    """The event's place as evidence for merging: the place named in its own clause. The
    article's focus place (``role`` "article": the dateline, the one place an article names)
    locates the event on a map but is too weak to keep two reports apart."""
    place = event.get("place")
    return None if place and place.get("role") == "article" else place


def _place_clash(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Two places that cannot be the same scene: places in different countries, or two
    different cities. Without a containment hierarchy below the country, a region and a
    city of the same country ("regione di Kursk", "Kursk") may be the same scene."""
    if not a or not b or a["id"] == b["id"]:
        return False
    a_country = a.get("country") or (a["id"] if _is_country(a) else "")
    b_country = b.get("country") or (b["id"] if _is_country(b) else "")
    if a_country and b_country and a_country != b_country:
        return True
    # two places inside countries (cities, regions); a continent or a sea clashes with none
    both_inside = bool(a.get("country") and b.get("country"))
    return both_inside and a["id"].startswith("geonames:") and b["id"].startswith("geonames:")


def _weapon_categories(event: dict[str, Any]) -> set[str]:
    """What kinds of weapon a mention is about: drones are not missiles."""
    return {
        a["sector"] for a in event.get("equipment") or () if a.get("sector") and a["id"].startswith("weapon:")
    }


def _is_country(place: dict[str, Any]) -> bool:
    return len(place["id"]) == 3 and place["id"].isupper()


def _order(event: dict[str, Any]) -> tuple:
    published = (event.get("published") or {}).get("start") or "9999"
    return (published, event["article_id"], event["span"]["start"], event["id"])


def _bound(event: dict[str, Any], time: Interval | None) -> Interval | None:
    """A mention's time, or, when it states none, "on or before its article's date"."""
    if time:
        return time
    latest = _latest(event)
    return Interval.on_or_before(latest) if latest else None


def _time_fit(group: _Group, time: Interval | None, bound: Interval | None) -> str | None:
    """Why the mention's time fits the claim's, or None when it does not.

    A time fits when it overlaps the claim's (the intersection of the times its mentions
    state), or, for a claim of two or more mentions, when it overlaps the time or report
    bound of another mention and contradicts at most one stated time: a mention dated by a
    phrase about something else ("on Monday the carrier entered ..., adding that it had
    dispatched ships") does not split the claim of everyone else's report."""
    if bound is None:
        return ""
    if group.time is None:
        return "" if not group.bounds or any(bound.overlaps(b) for b in group.bounds) else None
    stated = time is not None and not time.open_start
    if bound.overlaps(group.time):
        return (
            f"times overlap ({bound.label} ∩ {group.time.label})"
            if stated or not group.time.open_start
            else ""
        )
    clashes = sum(not bound.overlaps(t) for t in group.stated)
    agrees = sum(bound.overlaps(b) for b in group.bounds)
    # a day named against a day named is two days ("entered on Monday", drills on Tuesday); a
    # looser phrase ("last week", "this month") may be about something else in the sentence
    exact = time is not None and time.precision == "day" and any(t.precision == "day" for t in group.stated)
    if stated and not exact and len(group.events) >= 2 and clashes <= 1 and agrees >= 1:
        return f"its time ({time.label}) contradicts one other mention's but fits {agrees} report(s)"
    return None


class _Facts(NamedTuple):
    """What a mention brings to every claim it is checked against, worked out once: an event
    of a claim reported by hundreds of articles meets it, and its neighbours, many times."""

    frame: str
    stage: str
    place: dict[str, Any] | None
    victim: str
    weapons: set[str]
    bound: Interval | None

    @classmethod
    def of(cls, event: dict[str, Any], kind: str, time: Interval | None) -> _Facts:
        return cls(
            _frame(event, kind),
            stage(event),
            _scene(event),
            _victim(event),
            _weapon_categories(event),
            _bound(event, time),
        )


def _compatible(
    group: _Group, event: dict[str, Any], unit: str | None, kind: str, time: Interval | None, facts: _Facts
) -> str | None:
    """Why the event may join the group, or None when it may not."""
    if unit and group.unit and unit != group.unit and not _other_measure(event["type"], kind, group.kind):
        return None
    if kind not in ("", "count") and group.kind not in ("", "count") and kind != group.kind:
        return None  # soldiers killed are not soldiers sent
    event_frame = facts.frame
    if event_frame and group.frame and event_frame != group.frame:
        return None  # a killing is not a dispatch, whatever their type
    mode = event.get("mode") or ""
    if mode and group.mode and mode != group.mode:
        return None
    round_ = facts.stage
    if round_ and group.stages - {"", round_}:
        return None  # "la prima fase" of a swap is not "the third and final round"
    place = facts.place
    if _place_clash(place, group.place):
        return None
    victim = facts.victim
    if victim and group.victim and victim != group.victim:
        return None  # the chief of staff killed is not the guards' commander killed
    weapons = facts.weapons
    if event["type"] in WEAPON_TYPES and weapons and group.weapons and not weapons & group.weapons:
        return None  # drones sent are not missiles sent; drills with ships and with missiles are one drill
    bound = facts.bound
    when = _time_fit(group, time, bound)
    if when is None:
        return None
    stated = time is not None and not time.open_start
    counts = _counts_agree(group, event, unit, kind)
    if not stated and not group.stated and not counts:
        gap = _report_gap(group, event)
        if gap is not None and gap > REPORT_WINDOW_DAYS:
            return None  # nothing ties them but type and actors: a war's background is not today's news
        if gap is not None:
            when = f"no time stated, reported {gap} day(s) apart"
    reasons = [
        f"same type {group.key[0]}",
        f"sources {','.join(group.key[1]) or '-'}",
        f"targets {','.join(group.key[2]) or '-'}",
    ]
    if mode and group.mode:
        reasons.append(f"same mode {mode}")
    if place and group.place:
        reasons.append(f"places agree ({place['name']} ~ {group.place['name']})")
    if weapons and group.weapons:
        reasons.append(f"same kind of weapon ({', '.join(sorted(weapons & group.weapons))})")
    if counts:
        reasons.append(counts)
    elif unit and group.unit:
        reasons.append(
            f"both count {unit}" + (f" {kind}" if kind not in ("", "count") and kind == group.kind else "")
        )
    if event_frame and group.frame:
        reasons.append(f"same frame ({event_frame})")
    if when:
        reasons.append(when)
    return ", ".join(reasons)


def _reported(event: dict[str, Any]) -> tuple[date, date] | None:
    """The interval of an event's report date ("2025-06": the whole month)."""
    published = event.get("published") or {}
    if not published.get("end"):
        return None
    start = published.get("start") or published["end"]
    return date.fromisoformat(start), date.fromisoformat(published["end"])


def _other_measure(event_type: str, kind: str, group_kind: str) -> bool:
    """Whether two counts in different units may measure one fact: in a strike, "nine sites"
    and "dozens of missiles" are one attack; in a transfer, soldiers and tanks are two."""
    return event_type in ATTACK_TYPES and "count" in (kind or "count", group_kind or "count")


def _targets_within(key: tuple, other: tuple) -> bool:
    """Same type and source, and one mention's targets among the other's: "threatened Israel"
    and "threatened the US and Israel" (every member still shares the claim's source)."""
    if key == other or key[:2] != other[:2] or not key[2] or not other[2]:
        return False
    mine, theirs = set(key[2]), set(other[2])
    return mine <= theirs or theirs <= mine


def _sources_within(key: tuple, other: tuple) -> bool:
    """Same type and targets, and one mention's sources among the other's: "the UN urged India
    and Pakistan" and "the UN and the US urged Pakistan and India" (a call made jointly, told
    with one of its makers). Members of such a claim no longer share one source: the
    incremental rebuild takes in every member of a claim it rebuilds (api.consolidate)."""
    if key[0] != other[0] or key[1] == other[1] or not key[1] or not other[1] or key[2] != other[2]:
        return False
    mine, theirs = set(key[1]), set(other[1])
    return bool(key[2]) and (mine <= theirs or theirs <= mine)


def _report_gap(group: _Group, event: dict[str, Any]) -> int | None:
    """Days between the event's report and the nearest report of the claim's (0: they overlap)."""
    mine = _reported(event)
    if mine is None or not group.reports:
        return None
    return min(max(0, (r[0] - mine[1]).days, (mine[0] - r[1]).days) for r in group.reports)


def _counts_agree(group: _Group, event: dict[str, Any], unit: str | None, kind: str) -> str:
    """Why the event's count agrees with a count of the claim ('' when none does): the same
    unit and kind, and bounds that overlap."""
    q = event.get("quantity") or {}
    if q.get("value") is None or not unit:
        return ""
    lo, hi = q.get("lower", q["value"]), q.get("upper", q["value"])
    for o, measured in group.counted:
        if measured != (unit, kind):
            continue
        o_lo, o_hi = o.get("lower", o["value"]), o.get("upper", o["value"])
        if (lo is None or o_hi is None or lo <= o_hi) and (o_lo is None or hi is None or o_lo <= hi):
            return (
                f"counts agree ({q.get('text') or q['value']} ~ {o.get('text') or o['value']} {unit} {kind})"
            )
    return ""


def build_claims(
    events: list[dict[str, Any]], speakers: Speakers | None = None
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Claims (rows for the ``claims`` table) and (claim id, event id) links.

    Mentions that name a target are grouped first; a mention with no target then joins a
    claim of the same type and source whose time, place and counts agree ("X took Goma" joins
    "X took Goma from Y"), or opens its own. Every member of a claim shares its type and
    source, so consolidating the events of the actors a new article touches still equals a
    full rebuild.

    ``speakers`` (``speakers_of``): the events that may acknowledge a claim, when ``events``
    are one type's of a larger set (acknowledgements come from events of any type); by
    default ``events`` themselves."""
    links: list[tuple[str, str]] = []
    claims = list(with_links(claim_rows(events, speakers), links))
    return claims, links


def with_links(
    rows: Iterator[tuple[dict[str, Any], list[str]]], links: list[tuple[str, str]]
) -> Iterator[dict[str, Any]]:
    """The claims of ``claim_rows``, adding each one's (claim id, event id) links to ``links``
    as it passes (what ``Store.replace_claims`` takes: claims as they come, links at the end)."""
    for claim, members in rows:
        links.extend((claim["id"], event_id) for event_id in members)
        yield claim


def claim_rows(
    events: list[dict[str, Any]], speakers: Speakers | None = None
) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """``build_claims`` a claim at a time: each claim row with its events' ids, in the same
    order. The groups are made first; then each claim is made, handed on and its events let
    go, so a caller that writes the claims as they come (``Store.replace_claims``) never
    holds every claim and every event at once."""
    with no_cycle_collection():
        groups, speakers = _group(events, speakers)
    del events  # from here the groups hold the events, and let each go with its claim
    for n, group in enumerate(groups.all):
        claim = _claim_row(group, _acknowledgements(group, speakers))
        members = [e["id"] for e in group.events]
        groups.all[n] = None
        del group
        yield claim, members


def speakers_of(events: Iterable[dict[str, Any]]) -> Speakers:
    """The index of who speaks in ``events``, for ``build_claims``'s acknowledgements."""
    return Speakers(sorted(events, key=_order), _polity)


def _group(events: list[dict[str, Any]], speakers: Speakers | None) -> tuple[Groups, Speakers]:
    groups = Groups()
    reasons: dict[str, str] = {}
    ordered = sorted(events, key=_order)
    for event in [e for e in ordered if e["target_actors"]] + [e for e in ordered if not e["target_actors"]]:
        key = _key(event)
        unit, kind = measure(event)
        time = Interval.from_dict(event.get("time"))
        facts = _Facts.of(event, kind, time)
        candidates = []
        for group in groups.near(key):
            open_target = not key[2] and group.key[:2] == key[:2]
            within = _targets_within(key, group.key)
            joint = _sources_within(key, group.key)
            if group.key != key and not open_target and not within and not joint:
                continue
            why = _compatible(group, event, unit, kind, time, facts)
            if why:
                if open_target:
                    why += f", no target of its own (the claim's is {','.join(group.key[2])})"
                elif within:
                    why += f", targets in part ({','.join(key[2])} ~ {','.join(group.key[2])})"
                elif joint:
                    why += f", sources in part ({','.join(key[1])} ~ {','.join(group.key[1])})"
                candidates.append((group, why))
        if candidates:
            # prefer the same roles, then a group that counts the same thing, then the largest
            candidates.sort(
                key=lambda gw: (gw[0].key != key, gw[0].unit != unit, gw[0].kind != kind, -len(gw[0].events))
            )
            group, why = candidates[0]
            group.explanation.append((event["id"], reasons.setdefault(why, why)))
        else:
            group = _Group(key=key, unit=unit)
            group.explanation.append((event["id"], ""))
            groups.add(group)
        group.join(event, unit, kind)
        group.stages.add(facts.stage)
        group.unit = group.unit or unit
        if kind not in ("", "count") or not group.kind:
            group.kind = group.kind if group.kind not in ("", "count") else kind
        group.frame = group.frame or facts.frame
        group.mode = group.mode or event.get("mode") or ""
        group.weapons |= facts.weapons
        group.victim = group.victim or facts.victim
        # keep the most specific place seen: a city rather than its country
        place = facts.place
        if place and (not group.place or place.get("country") == group.place["id"]):
            group.place = place
        bound = facts.bound
        if bound:
            group.bounds.append(bound)
        if time:
            if not time.open_start:
                group.stated.append(time)
            group.time = (group.time.intersect(time) or group.time) if group.time else time
    return groups, (Speakers(ordered, _polity) if speakers is None else speakers)


def _acknowledgements(group: _Group, speakers: Speakers) -> list[dict[str, Any]]:
    """Other events in which an actor of the claim speaks of the other side's forces.

    Only for claims about forces (they count soldiers) or claims someone was reported not
    to acknowledge or to deny: Putin praising North Korean soldiers acknowledges their
    presence, not a shipment of containers or an agreement between the two countries.
    """
    _, sources, targets = group.key
    disputed = any(e["factuality"] in ("not_acknowledged", "denied") for e in group.events)
    if group.unit not in FORCES and not disputed:
        return []
    sides = set(sources) | set(targets)
    context = next((e["context"] for e in group.events if e.get("context")), "")
    first = min(((e.get("published") or {}).get("start") or "9999") for e in group.events)
    members = {e["id"] for e in group.events}
    found = []
    for e in speakers.of(sides):
        published = (e.get("published") or {}).get("start") or ""
        if e["id"] in members or published < first or e["factuality"] not in ("asserted", "reported"):
            continue
        speakers = {_polity(a) for a in e["source_actors"]} & sides
        if not speakers or not context:
            continue
        spoken_of = [
            a
            for a in (*e["target_actors"], *e.get("participants", []))
            if _polity(a) in sides - speakers and a.get("sector") == context
        ]
        if spoken_of:
            by = sorted(speakers)[0]
            found.append(
                {
                    "reported": published,
                    "article_id": e["article_id"],
                    "event_id": e["id"],
                    "factuality": "acknowledged",
                    "by": by,
                    "text": e["text"],
                }
            )
    return found


def _claim_row(group: _Group, acknowledgements: list[dict[str, Any]] = ()) -> dict[str, Any]:
    events = group.events
    first = events[0]
    claim_id = content_id(*map(str, group.key), group.unit or "", first["id"], prefix="c_")
    reported = sorted(date.fromisoformat(e["published"]["start"]) for e in events if e.get("published"))
    quantity = _quantity_range(events, group.kind, group.unit)
    sources = _sources(events, set(group.key[1]) | set(group.key[2]))
    history = sorted(
        [
            {
                "reported": (e.get("published") or {}).get("start"),
                "article_id": e["article_id"],
                "event_id": e["id"],
                "factuality": e["factuality"],
                "sources": [a["name"] for a in e["attribution"] if a.get("role") != "outlet"],
            }
            for e in events
        ]
        + list(acknowledgements),
        key=lambda h: (h["reported"] or "", h["event_id"]),
    )
    sides = [_sides(e, group.key) for e in events]
    source_names, target_names = _names(sides[0][0]), _names(sides[0][1])
    return {
        "id": claim_id,
        "type": first["type"],
        "mode": group.mode,
        "context": next((e["context"] for e in events if e["context"]), ""),
        "source_actors": _merge_actors(src for src, _ in sides),
        "target_actors": _merge_actors(tgt for _, tgt in sides),
        "time_start": group.time.start if group.time and not group.time.open_start else None,
        "time_end": group.time.end if group.time else None,
        "time_precision": group.time.precision if group.time else None,
        "quantity": quantity,
        "first_reported": reported[0] if reported else None,
        "last_reported": reported[-1] if reported else None,
        "n_events": len(events),
        "n_articles": len({e["article_id"] for e in events}),
        "summary": _summary(first, source_names, target_names, quantity, group.time),
        "data": {
            "sources": sources,
            "n_sources": len({s["original"] for s in sources if s.get("original")}),
            "factuality": history,
            "status": history[-1]["factuality"] if history else "",
            "place": {k: group.place.get(k, "") for k in ("id", "name", "country")} if group.place else None,
            "explanation": [
                f"{i} joined: {why}" if why else f"{i} opened the claim" for i, why in group.explanation
            ],
        },
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


def _sources(events: list[dict[str, Any]], sides: set[str]) -> list[dict[str, Any]]:
    """Every attribution actor, with its role, whether it is one of the claim's own actors
    (state media of the country concerned, its leader) and the original source it stands for.

    The original sources of a report are the deepest level of its chain: the sources' own
    sources if given ("citing unnamed officials"), else the cited sources that are not
    media (Ukraine and the United States, not the radio relaying them), else the cited
    media (the agency two outlets both repeat), else the outlet. Two outlets repeating
    one agency count once.
    """
    seen: dict[str, dict[str, Any]] = {}
    for e in events:
        chain = e["attribution"]
        levels = (
            [a for a in chain if a.get("role") == "sub_source"],
            [a for a in chain if a.get("role") == "source" and a.get("sector") != "media"],
            [a for a in chain if a.get("role") not in ("outlet", "sub_source")],
            chain,
        )
        originals = {a["id"] for a in next((level for level in levels if level), [])}
        for a in chain:
            polity = _polity(a)
            if a["id"].startswith("source:") and a["id"].rsplit(":", 1)[-1] in sides:
                polity = a["id"].rsplit(":", 1)[-1]
            entry = seen.setdefault(
                a["id"],
                {
                    "id": a["id"],
                    "name": a["name"],
                    "role": a.get("role", ""),
                    "self": polity in sides,
                    "event_ids": [],
                },
            )
            entry["event_ids"].append(e["id"])
            if a["id"] in originals:
                entry["original"] = a["id"]
    return list(seen.values())


def _quantity_range(
    events: list[dict[str, Any]], kind: str = "", unit: str | None = None
) -> dict[str, Any] | None:
    """The reported values, and the bounds every report allows together (None: they disagree).

    Every count carries its canonical unit and kind; only counts of the claim's unit and kind
    (or of no known unit or kind) enter the range."""
    qs = []
    for e in events:
        q_unit, q_kind = measure(e)
        same_kind = q_kind == kind or q_kind == "count" or kind in ("", "count")
        if q_kind and same_kind and (not q_unit or not unit or q_unit == unit):
            qs.append({**e["quantity"], "unit": q_unit or "", "kind": q_kind})
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
        "kind": kind if kind not in ("", "count") else next((q["kind"] for q in qs), "count"),
        "reports": [
            {
                "value": q["value"],
                "lower": q.get("lower"),
                "upper": q.get("upper"),
                "unit": q["unit"],
                "kind": q["kind"],
                "text": q.get("text"),
            }
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
