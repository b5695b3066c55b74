"""Stories and the actor network through HTTP, the CLI exports (read back with networkx
and pyarrow) and the web UI in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from cronaca.serve import export as exporter
from cronaca.serve.cli import cli

from .test_browser import page  # noqa: F401  (a fixture; browser and shots come from conftest)

BELARUS_STORY = "Belarus – Mali: military"


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="module")
def db(kb) -> str:
    return kb.store.url.removeprefix("sqlite:///")


def run(db: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db, "-q", *args])
    assert result.exit_code == 0, result.output
    return result


# -- HTTP -----------------------------------------------------------------------------


def test_openapi_lists_the_new_paths(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/stories", "/api/stories/{story_id}", "/api/network"} <= paths


def test_api_stories(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    names = [s["name"] for s in stories]
    assert set(names) == {BELARUS_STORY, "Iran – Sudan: military"}
    belarus = next(s for s in stories if s["name"] == BELARUS_STORY)
    assert belarus["kind"] == "story" and belarus["id"].startswith("s_")
    assert [a["id"] for a in belarus["actors"]] == ["BLR", "MLI"]
    assert belarus["n_claims"] == 1 and belarus["n_articles"] == 2
    assert belarus["first_reported"] == "2025-03-10" and belarus["last_reported"] == "2025-03-12"
    assert "claims" not in belarus  # listings carry ids, the story page the claims
    assert client.get("/api/stories", params={"actor": "Iran"}).json()[0]["name"] == "Iran – Sudan: military"
    assert len(client.get("/api/stories", params={"limit": 1}).json()) == 1

    story = client.get(f"/api/stories/{belarus['id'][:8]}").json()  # a prefix is enough
    assert story["id"] == belarus["id"]
    [claim] = story["claims"]
    assert claim["id"] == belarus["claim_ids"][0]
    assert len(claim["events"]) == 2  # each claim comes with its source sentences


def test_api_network(client: TestClient) -> None:
    net = client.get("/api/network").json()
    assert {n["id"] for n in net["nodes"]} == {"BLR", "MLI", "IRN", "SDN"}
    edges = {e["id"]: e for e in net["edges"]}
    assert set(edges) == {"BLR>MLI:2", "IRN>SDN:2"}
    edge = edges["BLR>MLI:2"]
    assert (edge["quad"], edge["label"], edge["weight"], edge["n_articles"]) == (
        2,
        "material cooperation",
        1,
        2,
    )
    assert net["quads"]["4"] == "material conflict"
    only_iran = client.get("/api/network", params={"actor": "IRN"}).json()
    assert [e["id"] for e in only_iran["edges"]] == ["IRN>SDN:2"]


def test_errors(client: TestClient) -> None:
    assert client.get("/api/stories/s_nope").status_code == 404
    assert "no story" in client.get("/api/stories/s_nope").json()["detail"]
    assert client.get("/api/network", params={"since": "soon"}).status_code == 400
    assert client.get("/stories/s_nope").status_code == 404


def test_web_pages(client: TestClient) -> None:
    listing = client.get("/stories")
    assert listing.status_code == 200 and BELARUS_STORY in listing.text
    story_id = client.get("/api/stories").json()[0]["id"]
    story = client.get(f"/stories/{story_id}")
    assert story.status_code == 200 and 'class="timeline"' in story.text
    network = client.get("/network")
    assert network.status_code == 200
    assert '<script src="/static/network.js"' in network.text and 'id="network-data"' in network.text
    assert client.get("/static/network.js").status_code == 200
    for path in ("/", "/stories", "/network"):
        assert 'href="/network"' in client.get(path).text


# -- CLI and exports ------------------------------------------------------------------


def test_cli_stories_and_network(db: str) -> None:
    stories = json.loads(run(db, "stories", "--json").stdout)
    assert {s["name"] for s in stories} == {BELARUS_STORY, "Iran – Sudan: military"}
    shown = json.loads(run(db, "stories", "show", stories[0]["id"], "--json").stdout)
    assert shown["claims"][0]["events"]
    table = run(db, "stories").stdout
    assert "Belarus" in table and "Mali" in table
    assert (
        "Iran"
        in run(db, "stories", "show", stories[1]["id"][:6]).stdout
        + run(db, "stories", "show", stories[0]["id"][:6]).stdout
    )
    net = json.loads(run(db, "network", "--json").stdout)
    assert {e["id"] for e in net["edges"]} == {"BLR>MLI:2", "IRN>SDN:2"}
    table = run(db, "network").stdout
    assert "Belarus" in table and "material" in table


def test_cli_unknown_story_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "stories", "show", "s_nope"])
    assert result.exit_code == 2 and "no story" in result.output


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "parquet"])
def test_binary_exports_need_a_file(db: str, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "export", "--format", fmt])
    assert result.exit_code == 2
    assert "-o FILE" in result.output


def test_export_graphml_round_trip(db: str, tmp_path: Path) -> None:
    target = tmp_path / "network.graphml"
    run(db, "export", "--format", "graphml", "-o", str(target))
    graph = nx.read_graphml(target, force_multigraph=True, edge_key_type=str)
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {"BLR", "MLI", "IRN", "SDN"}
    assert graph.nodes["BLR"]["name"] == "Belarus" and graph.nodes["BLR"]["type"] == "country"
    data = graph.get_edge_data("BLR", "MLI")["BLR>MLI:2"]
    assert data["quad"] == 2 and data["label"] == "material cooperation"
    assert data["weight"] == 1 and data["n_articles"] == 2 and data["types"] == "AID:1"


def test_export_gexf_round_trip(db: str, tmp_path: Path) -> None:
    target = tmp_path / "network.gexf"
    run(db, "export", "--format", "gexf", "-o", str(target))
    graph = nx.read_gexf(target)
    assert graph.is_directed() and graph.number_of_edges() == 2
    assert graph.nodes["IRN"]["label"] == "Iran"
    [(_, _, data)] = [e for e in graph.edges(data=True) if e[0] == "IRN"]
    assert data["label"] == "material cooperation" and int(data["quad"]) == 2
    assert float(data["weight"]) == 1.0


@pytest.mark.parametrize("kind", ["event", "claim", "story", "node", "edge"])
def test_export_parquet_round_trip(db: str, tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.parquet"
    run(db, "export", "--format", "parquet", "--kind", kind, "-o", str(target))
    table = pq.read_table(target)
    assert table.column_names == exporter.CSV_COLUMNS[kind]
    assert table.num_rows >= 2
    # typed columns whatever the values: numbers, lists, and strings even when all empty
    types = {f.name: f.type for f in table.schema}
    assert types["id"] == pa.string()
    assert all(types[c] == pa.int64() for c in exporter.INT_COLUMNS & set(types))
    assert all(types[c] == pa.float64() for c in exporter.FLOAT_COLUMNS & set(types))
    assert all(types[c] == pa.list_(pa.string()) for c in exporter.LIST_COLUMNS & set(types))
    rows = table.to_pylist()
    if kind == "claim":
        belarus = next(r for r in rows if "Belarus" in r["source_actors"])
        assert belarus["quantity_lower"] == 2700 and belarus["quantity_upper"] == 3300
        assert len(belarus["event_ids"]) == 2 and len(belarus["article_ids"]) == 2
    if kind == "event":
        assert all(isinstance(r["span_start"], int) for r in rows)
        assert {r["type"] for r in rows} == {"AID"}
    if kind == "edge":
        assert {r["id"] for r in rows} == {"BLR>MLI:2", "IRN>SDN:2"} and rows[0]["weight"] == 1


def test_parquet_one_kind_at_a_time(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            db,
            "export",
            "--format",
            "parquet",
            "--kind",
            "event",
            "--kind",
            "claim",
            "-o",
            str(tmp_path / "x"),
        ],
    )
    assert result.exit_code == 2


@pytest.mark.parametrize("kind", ["node", "edge", "story"])
def test_export_csv_of_derived_kinds(db: str, kind: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run(db, "export", "--format", "csv", "--kind", kind).stdout)))
    assert rows and set(rows[0]) == set(exporter.CSV_COLUMNS[kind])


def test_jsonl_default_kinds_unchanged_derived_on_request(db: str) -> None:
    default = {json.loads(line)["kind"] for line in run(db, "export").stdout.splitlines()}
    assert default == set(exporter.KINDS)
    lines = [
        json.loads(line)
        for line in run(db, "export", "--kind", "story", "--kind", "edge").stdout.splitlines()
    ]
    assert {r["kind"] for r in lines} == {"story", "edge"}
    assert all(r["id"] for r in lines)


# -- the browser ----------------------------------------------------------------------


@pytest.mark.browser
def test_network_graph_hover_click_and_story(page, shots: Path) -> None:  # noqa: F811
    from playwright.sync_api import expect

    response = page.goto("/network")
    assert response is not None and response.ok
    expect(page.locator("h1")).to_have_text("Actor network")
    figure = page.locator("figure.network.ready")
    expect(figure).to_be_visible()
    nodes = figure.locator("g.node")
    expect(nodes).to_have_count(4)
    expect(figure.locator("g.edge")).to_have_count(2)
    legend = page.locator(".legend-quads li[data-quad]")
    expect(legend).to_have_count(4)
    expect(legend.nth(1)).to_have_text("material cooperation")
    # the edge is drawn in the colour of its class
    stroke = figure.locator("g.edge.quad-2 path.line").first.get_attribute("stroke")
    assert stroke == "#2b9b6f"
    # every node lies inside the drawing
    box = figure.locator("svg").bounding_box()
    for i in range(4):
        b = nodes.nth(i).locator("circle").bounding_box()
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1
        assert box["y"] <= b["y"] and b["y"] + b["height"] <= box["y"] + box["height"] + 1

    # hovering an edge shows its class and weight
    point = figure.locator("g.edge[data-edge='BLR>MLI:2'] path.hit").evaluate(
        """p => { const m = p.getPointAtLength(p.getTotalLength() / 2), c = p.getScreenCTM();
                  return {x: c.a * m.x + c.c * m.y + c.e, y: c.b * m.x + c.d * m.y + c.f}; }"""
    )
    page.mouse.move(point["x"], point["y"])
    tip = figure.locator(".tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Belarus → Mali")
    expect(tip).to_contain_text("material cooperation · 1 claim in 2 articles")
    page.screenshot(path=str(shots / "network-edge-hover.png"), full_page=True)

    # dragging moves a node and is not a click
    iran = figure.locator("g.node[data-node='IRN']")
    before = iran.get_attribute("transform")
    c = iran.locator("circle").bounding_box()
    page.mouse.move(c["x"] + c["width"] / 2, c["y"] + c["height"] / 2)
    page.mouse.down()
    page.mouse.move(c["x"] + 60, c["y"] + 40, steps=5)
    page.mouse.up()
    assert iran.get_attribute("transform") != before
    expect(page).to_have_url(re.compile(r"/network$"))

    # hovering a node says what it is; a click opens its page, which links to its timeline
    belarus = figure.locator("g.node[data-node='BLR']")
    belarus.locator("circle").hover()
    expect(tip).to_contain_text("Belarus")
    expect(tip).to_contain_text("1 claim in 2 articles")
    page.screenshot(path=str(shots / "network-node-hover.png"), full_page=True)
    belarus.locator("circle").click()
    expect(page).to_have_url(re.compile(r"/actors/BLR$"))
    expect(page.locator("h1")).to_have_text("Belarus")
    page.locator("p.meta").get_by_role("link", name="timeline").click()
    expect(page).to_have_url(re.compile(r"/\?actor=BLR$"))
    claims = page.locator("li.claim")
    expect(claims).to_have_count(1)
    expect(claims.first).to_contain_text("Belarus → Mali")

    # the stories list and a story's timeline
    page.get_by_role("navigation").get_by_role("link", name="Stories").click()
    expect(page.locator("h1")).to_have_text("Stories")
    rows = page.locator("table.stories tbody tr")
    expect(rows).to_have_count(2)
    page.screenshot(path=str(shots / "stories.png"), full_page=True)
    page.get_by_role("link", name=BELARUS_STORY).click()
    expect(page).to_have_url(re.compile(r"/stories/s_[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text(BELARUS_STORY)
    story_claims = page.locator("ol.timeline li.claim")
    expect(story_claims).to_have_count(1)
    expect(story_claims.first.locator("blockquote.sentence")).to_have_count(2)
    expect(page.locator(".facts")).to_contain_text("2025-03-10 → 2025-03-12")
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    page.get_by_role("link", name="Mali").first.click()
    expect(page).to_have_url(re.compile(r"/actors/MLI$"))
    expect(page.locator("h1")).to_have_text("Mali")


@pytest.mark.browser
def test_network_on_a_narrow_screen(page, shots: Path) -> None:  # noqa: F811
    page.set_viewport_size({"width": 400, "height": 800})
    for path in ("/network", "/stories"):
        page.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
    page.goto("/network")
    page.locator("figure.network.ready").wait_for()
    page.screenshot(path=str(shots / "network-narrow.png"), full_page=True)
