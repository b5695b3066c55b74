"""Generic armed groups that the article names elsewhere: "the rebels" are the M23.

News names an armed group once or twice and then says "the rebels", "i ribelli", "the
militants" (en-goma: "Rwanda-backed rebels claimed to have captured Goma … The M23 rebels");
coded as they are written, one offensive becomes two claims, the M23's and the generic
rebels'. When an article names exactly one armed group, its generic agents (rebels or
militants: registries and reporters use either word for the same group), with no country or
the group's own, stand for that group. With two groups named, nothing is guessed. Done on the
events' actors once the article is read; the mentions keep what the text says.
"""

from __future__ import annotations

from dataclasses import replace

from cronaca.extract.base import Doc
from cronaca.extract.sentence_view import actor_from
from cronaca.model import Actor

# generic agent ids (without a country) that may stand for the article's armed group
GENERIC = frozenset({"agent:rebels", "agent:militants"})
ARMED = frozenset({"rebel", "militant"})


def _named_group(doc: Doc) -> Actor | None:
    """The one armed non-state group the article names (None where it names several)."""
    found: dict[str, Actor] = {}
    for m in doc.mentions:
        if (m.entity_id or "").startswith("org:") and (m.value or {}).get("sector") in ARMED:
            found.setdefault(m.entity_id, actor_from(m))
    return next(iter(found.values())) if len(found) == 1 else None


def _resolved(actor: Actor, group: Actor) -> Actor:
    base, _, country = actor.id.partition(":")[2].partition(":")
    if f"agent:{base}" not in GENERIC or (country and group.country and country != group.country):
        return actor
    return replace(group, start=actor.start, end=actor.end)


def resolve_generic_groups(doc: Doc) -> None:
    """Put the article's one named rebel or militant group in place of its generic agents."""
    group = _named_group(doc)
    if group is None:
        return
    for k, event in enumerate(doc.events):
        source = tuple(_resolved(a, group) for a in event.source_actors)
        target = tuple(_resolved(a, group) for a in event.target_actors)
        if source != event.source_actors or target != event.target_actors:
            if {a.id for a in source} & {a.id for a in target}:
                continue  # "the rebels fought the M23": not one side against itself
            doc.events[k] = replace(event, source_actors=source, target_actors=target)
