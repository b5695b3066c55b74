"""Who an actor stands for when claims are grouped: a person counts as their country.

Stories and the actor network both fold people into the polity they act for (Putin is
RUS, Kim Jong Un is PRK), as claims already do, so a story or an edge does not split
because one report names the leader and another the country. The registry answers for
ids it knows; anything else (an organisation without a country, an unknown id) stands
for itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

Lookup = Callable[[str], dict[str, Any] | None]


@cache
def registry(entity_id: str) -> dict[str, Any] | None:
    """The packaged registry's record of an actor id (cached; read only)."""
    from cronaca.extract.entities import lookup

    return lookup(entity_id)


class Polities:
    """Resolve actor dicts (``{"id", "name", ...}``) to the polity they count as."""

    def __init__(self, lookup: Lookup | None = None) -> None:
        self._lookup = lookup or registry
        # side() of a list already seen, by the list's identity (the list is kept, so its id is
        # not reused): the store hands one list to every claim that names the same actors
        self._sides: dict[int, tuple[list[dict[str, Any]], list[tuple[str, str]]]] = {}

    def of(self, actor: dict[str, Any]) -> str:
        if actor.get("country"):
            return actor["country"]
        record = self._lookup(actor["id"]) or {}
        return record.get("country") or actor["id"]

    def name(self, polity: str, fallback: str = "") -> str:
        record = self._lookup(polity) or {}
        return record.get("name") or fallback or polity

    def type(self, polity: str) -> str:
        record = self._lookup(polity) or {}
        return record.get("type") or "unknown"

    def side(self, actors: list[dict[str, Any]]) -> list[tuple[str, str]]:
        """(polity, display name) of each actor on one side, first-seen order, no repeats."""
        seen = self._sides.get(id(actors))
        if seen is not None and seen[0] is actors:
            return list(seen[1])
        found = self._side(actors)
        if isinstance(actors, list):
            self._sides[id(actors)] = (actors, found)
        return list(found)

    def _side(self, actors: list[dict[str, Any]]) -> list[tuple[str, str]]:
        out: dict[str, str] = {}
        for a in actors or []:
            if not a.get("id"):
                continue
            polity = self.of(a)
            if polity not in out:
                out[polity] = self.name(polity, a.get("name", "") if polity == a["id"] else "")
        return list(out.items())
