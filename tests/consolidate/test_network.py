"""The actor network from hand-made claim dicts: quad classes, weights, nodes, determinism."""

from __future__ import annotations

import random

import networkx as nx

from cronaca.consolidate.network import QUADS, build_network, quad_classes, quad_of, to_networkx
from cronaca.resources import load_yaml

from .test_stories import CLAIMS, claim, lookup


def edges(network):
    return {e["id"]: e for e in network["edges"]}


def test_quad_classes_come_from_the_ontology() -> None:
    ontology = load_yaml("ontology/plover.yaml")
    every = {**ontology["types"], **ontology["extension"]}
    assert quad_classes() == {name: spec["quad"] for name, spec in every.items()}
    assert (quad_of("AGREE"), quad_of("AID"), quad_of("ACCUSE"), quad_of("FIGHT")) == (1, 2, 3, 4)
    assert quad_of("TEST_WEAPONS") == 4
    assert quad_of("NOT_A_TYPE") == 0
    assert QUADS == {
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    }


def test_edges_are_directed_typed_and_weighted_by_claims() -> None:
    net = build_network(CLAIMS, lookup=lookup)
    got = edges(net)
    assert set(got) == {"PRK>RUS:2", "RUS>PRK:2", "RUS>PRK:1", "RUS>UKR:4"}
    troops = got["PRK>RUS:2"]
    assert (troops["source"], troops["target"], troops["quad"], troops["label"]) == (
        "PRK",
        "RUS",
        2,
        "material cooperation",
    )
    assert troops["weight"] == 1 and troops["n_articles"] == 2 and troops["n_events"] == 2
    # Putin's praise (SUPPORT) and the treaty (AGREE): two claims of verbal cooperation from Russia
    verbal = got["RUS>PRK:1"]
    assert verbal["weight"] == 2
    assert verbal["types"] == {"AGREE": 1, "SUPPORT": 1}
    assert verbal["claim_ids"] == ["c_praise", "c_treaty"]
    assert verbal["n_articles"] == 2


def test_weight_grows_with_claims_not_mentions() -> None:
    more = [*CLAIMS, claim("c_shells", "AID", ["PRK"], ["RUS"], articles=("a_9",), n_events=5)]
    edge = edges(build_network(more, lookup=lookup))["PRK>RUS:2"]
    assert edge["weight"] == 2
    assert edge["n_events"] == 7
    assert edge["n_articles"] == 3


def test_nodes_count_claims_and_fold_people_into_countries() -> None:
    net = build_network(CLAIMS, lookup=lookup)
    nodes = {n["id"]: n for n in net["nodes"]}
    assert set(nodes) == {"PRK", "RUS", "UKR"}
    assert nodes["RUS"]["n_claims"] == 6  # every claim but Kim's test
    assert nodes["PRK"]["n_claims"] == 5
    assert nodes["RUS"]["members"] == ["Q7747"]
    assert nodes["PRK"]["members"] == ["person:kim-jong-un"]
    assert nodes["PRK"]["type"] == "country" and nodes["PRK"]["name"] == "North Korea"
    # most claims first
    assert [n["id"] for n in net["nodes"]] == ["RUS", "PRK", "UKR"]


def test_no_self_loops_and_one_sided_claims_add_no_edge() -> None:
    net = build_network(
        [claim("c_self", "MOBILIZE", ["Q7747"], ["RUS"]), claim("c_test", "TEST_WEAPONS", ["PRK"], [])],
        lookup=lookup,
    )
    assert net["edges"] == []
    assert {n["id"] for n in net["nodes"]} == {"RUS", "PRK"}


def test_several_actors_on_a_side() -> None:
    net = build_network([claim("c_joint", "FIGHT", ["RUS", "PRK"], ["UKR"])], lookup=lookup)
    assert set(edges(net)) == {"RUS>UKR:4", "PRK>UKR:4"}


def test_deterministic() -> None:
    expected = build_network(CLAIMS, lookup=lookup)
    for seed in range(5):
        shuffled = CLAIMS[:]
        random.Random(seed).shuffle(shuffled)
        assert build_network(shuffled, lookup=lookup) == expected


def test_to_networkx_keeps_parallel_edges_and_plain_attributes() -> None:
    graph = to_networkx(build_network(CLAIMS, lookup=lookup))
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 4
    assert graph.number_of_edges("RUS", "PRK") == 2
    data = graph.get_edge_data("RUS", "PRK", key="RUS>PRK:1")
    assert data["weight"] == 2 and data["quad"] == 1 and data["label"] == "verbal cooperation"
    assert data["types"] == "AGREE:1 SUPPORT:1"
    for _, _, attrs in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float)) for v in attrs.values())
    assert graph.nodes["RUS"]["name"] == "Russia"
