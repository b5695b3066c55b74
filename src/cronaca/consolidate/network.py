"""The actor network: who does what to whom, typed and weighted by claims.

Nodes are actors (people folded into their country, as in claims and stories). An edge
runs from a claim's source actor to its target actor and is typed by CAMEO's quad class
of the claim's event type (``quad`` in ``ontology/plover.yaml``): 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict. Two actors can so be
joined by up to four edges each way. An edge's ``weight`` is its number of claims;
``n_articles`` and ``n_events`` say how much reporting stands behind them.

:func:`build_network` is a pure function of claim dicts; :func:`to_networkx` turns its
result into a ``networkx.MultiDiGraph`` for GraphML and GEXF (Gephi).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from cronaca.consolidate.actors import Lookup, Polities

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
UNCLASSIFIED = 0


@cache
def quad_classes() -> dict[str, int]:
    """Event type → CAMEO quad class, from the packaged ontology (PLOVER and extension)."""
    from cronaca.resources import load_yaml

    ontology = load_yaml("ontology/plover.yaml")
    known = {**ontology.get("types", {}), **ontology.get("extension", {})}
    return {name: int(spec["quad"]) for name, spec in known.items() if spec.get("quad")}


def quad_of(event_type: str) -> int:
    return quad_classes().get((event_type or "").upper(), UNCLASSIFIED)


def quad_label(quad: int) -> str:
    return QUADS.get(quad, "unclassified")


def edge_id(source: str, target: str, quad: int) -> str:
    return f"{source}>{target}:{quad}"


def build_network(claims: list[dict[str, Any]], *, lookup: Lookup | None = None) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...]}`` of the given claims, in a stable order.

    A claim with several actors on a side adds an edge for each source–target pair of
    different actors; a claim with one side only adds no edge, but counts for its nodes.
    """
    polities = Polities(lookup)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[str, dict[str, Any]] = {}
    for claim in claims:
        sources = polities.side(claim.get("source_actors") or [])
        targets = polities.side(claim.get("target_actors") or [])
        members = {
            a["id"] for a in (*(claim.get("source_actors") or []), *(claim.get("target_actors") or []))
        }
        articles = set(claim.get("article_ids") or [])
        for polity, name in dict([*targets, *sources]).items():
            node = nodes.setdefault(
                polity,
                {
                    "id": polity,
                    "name": name,
                    "type": polities.type(polity),
                    "n_claims": 0,
                    "_articles": set(),
                    "_members": set(),
                },
            )
            node["n_claims"] += 1
            node["_articles"] |= articles
            node["_members"] |= {m for m in members if m != polity and polities.of({"id": m}) == polity}
        quad = quad_of(claim["type"])
        for source, _ in sources:
            for target, _ in targets:
                if source == target:
                    continue
                key = edge_id(source, target, quad)
                edge = edges.setdefault(
                    key,
                    {
                        "id": key,
                        "source": source,
                        "target": target,
                        "quad": quad,
                        "label": quad_label(quad),
                        "weight": 0,
                        "n_events": 0,
                        "_articles": set(),
                        "_types": Counter(),
                        "claim_ids": [],
                    },
                )
                edge["weight"] += 1
                edge["n_events"] += claim.get("n_events") or 0
                edge["_articles"] |= articles
                edge["_types"][claim["type"]] += 1
                edge["claim_ids"].append(claim["id"])
    node_list = []
    for node in nodes.values():
        articles, members = node.pop("_articles"), node.pop("_members")
        node["n_articles"] = len(articles)
        node["members"] = sorted(members)
        node_list.append(node)
    edge_list = []
    for edge in edges.values():
        articles, types, claim_ids = edge.pop("_articles"), edge.pop("_types"), edge.pop("claim_ids")
        edge["n_articles"] = len(articles)
        edge["types"] = dict(sorted(types.items()))
        edge["claim_ids"] = sorted(claim_ids)
        edge_list.append(edge)
    node_list.sort(key=lambda n: (-n["n_claims"], n["id"]))
    edge_list.sort(key=lambda e: (-e["weight"], e["source"], e["target"], e["quad"]))
    return {"nodes": node_list, "edges": edge_list, "quads": {str(k): v for k, v in QUADS.items()}}


def to_networkx(network: dict[str, Any]):
    """A ``networkx.MultiDiGraph`` with only GraphML/GEXF-safe attribute values
    (lists joined by spaces, type counts as ``"AID:2 FIGHT:1"``)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name="cronaca actor network")
    for node in network["nodes"]:
        graph.add_node(
            node["id"],
            label=node["name"],
            name=node["name"],
            type=node["type"],
            n_claims=node["n_claims"],
            n_articles=node["n_articles"],
            members=" ".join(node["members"]),
        )
    for edge in network["edges"]:
        graph.add_edge(
            edge["source"],
            edge["target"],
            key=edge["id"],
            quad=edge["quad"],
            label=edge["label"],
            weight=edge["weight"],
            n_articles=edge["n_articles"],
            n_events=edge["n_events"],
            types=" ".join(f"{t}:{n}" for t, n in edge["types"].items()),
            claim_ids=" ".join(edge["claim_ids"]),
        )
    return graph
