"""Indexes that keep consolidation linear in the number of events.

``build_claims`` asks, for each event, which claims it may join, and for each claim about
forces, which events have one of its actors speaking. Scanning every claim or every event
for that made consolidation quadratic (3x the events cost 7.4x the time at 24k events);
these indexes hand back exactly the same candidates, in the same order, from a lookup.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Groups:
    """The groups so far, found by what an event may join: a group of its type and source
    polities (the "head") that shares a target with it, a group of its type and targets that
    shares a source with it, or, for an event with no target, any group of its head. Every
    group the full scan would accept is among these, in the order the groups were opened, so
    an event looks at its few neighbours, not at every group: consolidation is linear, not
    quadratic, in the events."""

    def __init__(self) -> None:
        self.all: list[Any] = []
        self._by_head: dict[tuple, list[int]] = {}
        self._by_target: dict[tuple, list[int]] = {}
        self._by_source: dict[tuple, list[int]] = {}  # (type, source polity, target key): joint makers

    def add(self, group: Any) -> None:
        n = len(self.all)
        self.all.append(group)
        head = group.key[:2]
        self._by_head.setdefault(head, []).append(n)
        for target in group.key[2]:
            self._by_target.setdefault((head, target), []).append(n)
        for source in group.key[1]:
            self._by_source.setdefault((group.key[0], source, group.key[2]), []).append(n)

    def near(self, key: tuple) -> list[Any]:
        """The groups an event of this key may join (then checked one by one), oldest first."""
        head, targets = key[:2], key[2]
        if not targets:
            found = self._by_head.get(head, [])
        else:
            near = {n for target in targets for n in self._by_target.get((head, target), ())}
            # the same targets with some of the same sources ("the UN and the US urged …")
            near |= {n for source in key[1] for n in self._by_source.get((key[0], source, targets), ())}
            found = sorted(near)
        return [self.all[n] for n in found]


class Speakers:
    """Events in report order, found by the polities of their sources (who speaks)."""

    def __init__(self, ordered: list[dict[str, Any]], polity_of: Callable[[dict[str, Any]], str]) -> None:
        self.ordered = ordered
        self._by_polity: dict[str, list[int]] = {}
        for i, e in enumerate(ordered):
            for polity in {polity_of(a) for a in e["source_actors"]}:
                self._by_polity.setdefault(polity, []).append(i)

    def of(self, sides: set[str]) -> list[dict[str, Any]]:
        """The events in which one of ``sides`` speaks, in report order."""
        found = sorted({i for side in sides for i in self._by_polity.get(side, ())})
        return [self.ordered[i] for i in found]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: grouping makes no cycles, and each full pass walks
    every event dict alive, which made consolidation of 100k events superlinear."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
