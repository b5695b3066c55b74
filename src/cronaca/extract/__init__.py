"""Article → annotations: a pipeline of small registered components.

``pipeline.Pipeline`` runs the components; each module here is one component.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cronaca.model import Annotations


def entity_records(annotations: Annotations) -> Iterator[dict[str, Any]]:
    """The canonical entities an article's mentions and events refer to, for the store."""
    from cronaca.extract.entities import lookup

    seen: set[str] = set()
    ids = [m.entity_id for m in annotations.mentions if m.entity_id]
    for event in annotations.events:
        ids += [a.id for a in (*event.source_actors, *event.target_actors, *event.attribution)]
        if event.place:
            ids.append(event.place.id)
    for entity_id in ids:
        if entity_id in seen:
            continue
        seen.add(entity_id)
        entry = lookup(entity_id)
        if entry:
            yield {
                "id": entity_id,
                "type": entry.get("type", ""),
                "name": entry.get("name", entity_id),
                "data": {"names": entry.get("names", {})},
            }
