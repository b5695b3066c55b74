"""Stories and the actor network, derived at read time from the stored claims.

The CLI, the HTTP API, the web UI and the exports all call these, so each shows the
same stories and edges. Nothing is written: stories and edges are pure functions of
the claims (:mod:`cronaca.consolidate.stories`, :mod:`cronaca.consolidate.network`).
"""

from __future__ import annotations

from typing import Any

from cronaca.consolidate import network as net
from cronaca.consolidate import stories as st
from cronaca.errors import NotFound, UsageError


def all_claims(kb, **filters: Any) -> list[dict[str, Any]]:
    """Every claim matching the filters (``actor``, ``type``, ``since``, ``until``), as an
    outline (``Store.claim_outlines``: without sources, status history and explanation,
    which stories and the network do not read); ``kb`` is a ``Cronaca`` or a ``Store``."""
    return getattr(kb, "store", kb).claim_outlines(**filters)


def stories(kb, **filters: Any) -> list[dict[str, Any]]:
    return st.build_stories(all_claims(kb, **filters))


def story(
    kb, story_id: str, *, with_events: bool = True, limit: int | None = None, offset: int = 0
) -> dict[str, Any]:
    """One story (a unique id prefix is enough), its claims each with their events: all of
    them, or the ``limit`` from ``offset`` on in time order (a story of a long-running subject
    holds thousands; ``claim_ids`` and ``n_claims`` still count them all)."""
    every = stories(kb)
    found = [s for s in every if s["id"] == story_id] or [s for s in every if s["id"].startswith(story_id)]
    if len(found) > 1:
        raise UsageError(f"story id {story_id!r} is ambiguous: give more characters")
    if not found:
        raise NotFound(f"no story with id {story_id!r}: list them with `cronaca stories`")
    story = found[0]
    names = {s["id"]: s for s in every}
    story["related_stories"] = [
        {"id": i, "name": names[i]["name"], "n_claims": names[i]["n_claims"]} for i in story["related"]
    ]
    end = None if limit is None else offset + limit
    story["offset"] = offset
    story["claims"] = story["claims"][offset:end]
    if with_events:
        story["claims"] = [kb.claim(c["id"]) for c in story["claims"]]
    return story


def network(kb, **filters: Any) -> dict[str, Any]:
    return net.build_network(all_claims(kb, **filters))
