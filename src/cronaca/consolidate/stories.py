"""Group claims into stories: lasting topics such as "North Korea – Russia: military".

A story is every claim between the same two actors — an unordered pair, so North Korea
sending troops to Russia and Russia sending oil to North Korea are one story — in the
same broad domain (the claim's context: ``military``, or ``general`` when it has none).
People count as their country, as in claims: "Putin → North Korea" belongs with
"Russia → North Korea". A claim that names one side only (a North Korean missile test)
belongs to the story of that actor alone ("North Korea: military").

Stories are computed when they are read, from the stored claims, by the pure function
:func:`build_stories`: the same claims always give the same stories, with ids hashed
from the pair and the domain, so a story keeps its id as new claims join it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from cronaca.consolidate.actors import Lookup, Polities
from cronaca.model import content_id

GENERAL = "general"


def domain(claim: dict[str, Any]) -> str:
    return claim.get("context") or GENERAL


def dyad(claim: dict[str, Any], polities: Polities) -> list[tuple[str, str]]:
    """The story's actors: the main source and the main target, as (polity, name), by id.

    The main actor of a side is its first; a target that is the source itself
    (Putin → Russia) leaves a story of one actor.
    """
    sources = polities.side(claim.get("source_actors") or [])
    targets = polities.side(claim.get("target_actors") or [])
    pair = dict(sources[:1])
    for polity, name in targets:
        if polity not in pair:
            pair[polity] = name
            break
    if not pair and targets:
        pair = dict(targets[:1])
    return sorted(pair.items())


def claim_order(claim: dict[str, Any]) -> tuple:
    """When a claim happened (or, without a time, when it was first reported)."""
    time = claim.get("time") or {}
    when = time.get("start") or time.get("end") or claim.get("first_reported") or "9999"
    return (when, claim.get("first_reported") or "9999", claim["id"])


def story_id(actors: list[tuple[str, str]], dom: str) -> str:
    return content_id("story", *(polity for polity, _ in actors), dom, prefix="s_")


def story_name(actors: list[tuple[str, str]], dom: str) -> str:
    names = " – ".join(name for _, name in actors) or "(no actors)"
    return f"{names}: {dom}"


def build_stories(claims: list[dict[str, Any]], *, lookup: Lookup | None = None) -> list[dict[str, Any]]:
    """Stories of the given claims (dicts as :meth:`Store.claims` returns them).

    Each story lists its claims in time order and says when it was first and last
    reported, in how many articles, with which event types. Stories come most reported
    first (claims, then articles), ties by name.
    """
    polities = Polities(lookup)
    groups: dict[str, dict[str, Any]] = {}
    for claim in claims:
        actors, dom = dyad(claim, polities), domain(claim)
        sid = story_id(actors, dom)
        group = groups.setdefault(
            sid,
            {"id": sid, "actors": actors, "domain": dom, "claims": []},
        )
        group["claims"].append(claim)
    stories = [_story(g) for g in groups.values()]
    by_pair: dict[tuple, list[str]] = {}
    for s in stories:
        by_pair.setdefault(tuple(a["id"] for a in s["actors"]), []).append(s["id"])
    for s in stories:
        s["related"] = [i for i in by_pair[tuple(a["id"] for a in s["actors"])] if i != s["id"]]
    stories.sort(key=lambda s: (-s["n_claims"], -s["n_articles"], s["name"], s["id"]))
    return stories


def _story(group: dict[str, Any]) -> dict[str, Any]:
    claims = sorted(group["claims"], key=claim_order)
    first = [c["first_reported"] for c in claims if c.get("first_reported")]
    last = [c["last_reported"] for c in claims if c.get("last_reported")]
    article_ids = sorted({a for c in claims for a in c.get("article_ids") or []})
    return {
        "kind": "story",
        "id": group["id"],
        "name": story_name(group["actors"], group["domain"]),
        "actors": [{"id": polity, "name": name} for polity, name in group["actors"]],
        "domain": group["domain"],
        "first_reported": min(first) if first else None,
        "last_reported": max(last) if last else None,
        "n_claims": len(claims),
        "n_events": sum(c.get("n_events") or 0 for c in claims),
        "n_articles": len(article_ids),
        "types": dict(sorted(Counter(c["type"] for c in claims).items())),
        "claim_ids": [c["id"] for c in claims],
        "article_ids": article_ids,
        "claims": claims,
    }


def summary(story: dict[str, Any]) -> dict[str, Any]:
    """A story without its claims (for listings)."""
    return {k: v for k, v in story.items() if k != "claims"}
