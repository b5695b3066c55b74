"""The map's data, the search box and the actor pages over HTTP (the browser tests drive
them as a person would)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .geo_fixtures import geo_app, geo_kb  # noqa: F401

PAGES = ["/", "/articles", "/stories", "/network", "/map", "/search", "/search?q=Kharkiv", "/actors/RUS"]


@pytest.fixture(scope="module")
def client(geo_app):  # noqa: F811
    with TestClient(geo_app) as c:
        yield c


def _claim(client, words):
    return next(c for c in client.get("/api/claims", params={"limit": 100}).json() if words in c["summary"])


# ---------------------------------------------------------------------------- map


def test_api_map_gives_claims_as_points(client):
    data = client.get("/api/map").json()
    assert data["type"] == "FeatureCollection" and data["truncated"] is False
    by_place = {(f["properties"]["place"], f["properties"]["type"]): f for f in data["features"]}
    assert {p for p, _ in by_place} == {"Kharkiv", "Pyongyang", "Bergamo", "Dnipro"}
    kharkiv = by_place["Kharkiv", "FIGHT"]["properties"]
    assert kharkiv["kind"] == "claim" and kharkiv["type"] == "FIGHT" and kharkiv["quad"] == 4
    assert kharkiv["mentions"] == 2  # the bombing and the condemnation's "attacco" joined one claim
    assert by_place["Pyongyang", "CONSULT"]["properties"]["quad"] == 1  # a meeting: verbal cooperation
    # the condemnation has no place in its sentence: its article's only place puts it in Kharkiv
    assert by_place["Kharkiv", "ACCUSE"]["properties"]["point_of"] == "place"
    assert "AID" not in {f["properties"]["type"] for f in data["features"]}  # no place, no point


def test_api_map_takes_the_timeline_filters(client):
    russia = client.get("/api/map", params={"actor": "RUS"}).json()["features"]
    # as on the timeline, a country's filter takes its people too (Putin in Pyongyang)
    assert {f["properties"]["place"] for f in russia} == {"Kharkiv", "Dnipro", "Pyongyang"}
    police = client.get("/api/map", params={"actor": "agent:police"}).json()["features"]
    assert {f["properties"]["place"] for f in police} == {"Bergamo"}
    march = client.get("/api/map", params={"since": "2024-03", "until": "2024-03"}).json()["features"]
    assert {f["properties"]["place"] for f in march} == {"Kharkiv"}
    events = client.get("/api/map", params={"kind": "event", "type": "FIGHT"}).json()["features"]
    assert len(events) == 3 and all(f["properties"]["kind"] == "event" for f in events)
    assert {f["properties"]["claim_id"] for f in events} >= {
        _claim(client, "Russia → Ukraine: FIGHT, 2024-03")["id"]
    }
    at_place = client.get("/api/map", params={"actor": "geonames:706483"}).json()["features"]
    assert {f["properties"]["place"] for f in at_place} == {"Kharkiv"}


def test_api_map_rejects_bad_parameters(client):
    assert client.get("/api/map", params={"kind": "article"}).status_code == 400
    assert client.get("/api/map", params={"since": "March"}).status_code == 400


def test_map_page_loads_vendored_libraries_and_keeps_filters(client):
    html = client.get("/map", params={"actor": "RUS", "kind": "event"}).text
    assert '<script src="/static/vendor/d3-7.9.0.min.js"' in html and "/static/map.js" in html
    assert 'data-src="/api/map?actor=RUS&amp;kind=event"' in html
    assert '<option value="event" selected>' in html
    for asset in ("/static/vendor/d3-7.9.0.min.js", "/static/vendor/world-atlas-2.0.2-countries-110m.json"):
        assert client.get(asset).status_code == 200


# ---------------------------------------------------------------------------- search


def test_api_search_groups_articles_claims_actors_places(client):
    found = client.get("/api/search", params={"q": "Kharkiv"}).json()
    assert [p["id"] for p in found["places"]] == ["geonames:706483"]
    assert found["places"][0]["lat"] == pytest.approx(49.98, abs=0.01)
    assert [a["title"] for a in found["articles"]] == ["Attacco russo su Kharkiv"]
    russia = client.get("/api/search", params={"q": "russia"}).json()
    assert russia["actors"][0]["id"] == "RUS"
    assert {c["summary"].split(":")[0] for c in russia["claims"]} >= {
        "Russia → Ukraine",
        "North Korea → Russia",
    }
    putin = client.get("/api/search", params={"q": "putin"}).json()
    assert [a["id"] for a in putin["actors"]] == ["Q7747"] and putin["articles"]
    nothing = client.get("/api/search", params={"q": "zzzz"}).json()
    assert nothing == {"articles": [], "claims": [], "actors": [], "places": []}
    assert client.get("/api/search", params={"q": "%_"}).json()["claims"] == []


def test_search_page_lists_each_kind_with_links(client):
    html = client.get("/search", params={"q": "Kharkiv"}).text
    for section in ("results-actors", "results-places", "results-claims", "results-articles"):
        assert f'id="{section}"' in html
    assert 'href="/map?actor=geonames%3A706483"' in html
    assert "3 events there" in html  # a town is counted by the events placed in it
    assert re.search(r'href="/articles/a_[0-9a-f]+">Attacco russo su Kharkiv</a>', html)
    assert 'value="Kharkiv"' in html  # the box keeps the query


def test_search_escapes_the_query_and_what_it_finds(client):
    html = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get("/search", params={"q": "Dnipro"}).text
    assert "<script>window" not in html and "&lt;script&gt;window.__pwned" in html


def test_every_page_has_the_search_box(client):
    claim = _claim(client, "Russia → Ukraine: FIGHT")
    article = client.get("/api/articles").json()[0]
    for path in [*PAGES, f"/claims/{claim['id']}", f"/articles/{article['id']}"]:
        html = client.get(path).text
        assert '<form class="search" action="/search" method="get" role="search">' in html, path


# ---------------------------------------------------------------------------- actors


def test_actor_api_counts_claims_and_neighbours(client):
    russia = client.get("/api/actors/RUS").json()
    assert russia["name"] == "Russia" and russia["names"]["it"] == ["Russia"]
    # a country counts its people's claims too (Putin meeting Kim), as the timeline's filter does
    assert russia["counts"]["claims_as_source"] == 3 and russia["counts"]["claims_as_target"] == 2
    assert {c["type"] for c in russia["claims_as_source"]} == {"FIGHT", "CONSULT"}
    assert {c["type"] for c in russia["claims_as_target"]} == {"AID", "ACCUSE"}
    neighbours = {n["id"]: n["claims"] for n in russia["neighbours"]}
    # the other side of its events: Ukraine in two fights and (through Zelensky) an accusation
    assert neighbours == {"UKR": 3, "PRK": 2, "person:volodymyr-zelensky": 1, "person:kim-jong-un": 1}
    assert russia["counts"]["events"]["attribution"] == 0 and russia["counts"]["mentions"] >= 4
    assert russia["point"]["feature_class"] == "A"


def test_a_persons_page_shows_offices_over_time(client):
    putin = client.get("/api/actors/Q7747").json()
    assert putin["country"] == "RUS" and putin["sector"] == "government"
    offices = [(r["role"], r["start"], r["end"]) for r in putin["roles"]]
    assert ("president", "2000-05-07", "2008-05-07") in offices and (
        "prime minister",
        "2008-05-08",
        "2012-05-07",
    ) in offices
    html = client.get("/actors/Q7747").text
    assert "prime minister of" in html and 'href="/actors/RUS"' in html
    kim = client.get("/actors/person:kim-jong-un")
    assert kim.status_code == 200 and "Kim Jong Un" in kim.text and 'href="/actors/Q7747"' in kim.text


def test_unknown_actor_is_404(client):
    assert client.get("/api/actors/XYZ").status_code == 404
    page = client.get("/actors/XYZ")
    assert page.status_code == 404 and "no actor" in page.text


def test_actor_names_link_to_their_pages_everywhere(client):
    claim = _claim(client, "Russia → Ukraine: FIGHT")
    for path in ("/", f"/claims/{claim['id']}", f"/articles/{claim['article_ids'][0]}", "/network"):
        html = client.get(path).text
        assert '<a class="actor" href="/actors/RUS">Russia</a>' in html, path
        assert '<a class="actor" href="/actors/UKR">Ukraine</a>' in html, path
    story = client.get("/api/stories").json()[0]
    assert 'class="actor" href="/actors/' in client.get(f"/stories/{story['id']}").text


def test_map_records_say_when_the_limit_cut_them(geo_kb):  # noqa: F811
    from cronaca.store import explore

    claims, cut = explore.map_records(geo_kb.store, limit=2)
    assert len(claims) == 2 and cut
    assert claims[0]["n_articles"] >= claims[1]["n_articles"]  # the most reported first
    events, cut = explore.map_records(geo_kb.store, kind="event", limit=100)
    assert len(events) == 6 and not cut


@pytest.mark.parametrize("walk_since", [0, 10**9])
@pytest.mark.parametrize("walk", [0, 1, 1000])
def test_claim_map_walk_and_read_all_give_the_same_claims(geo_kb, monkeypatch, walk, walk_since):  # noqa: F811
    """The claim map tests the most reported claims one by one first (MAP_WALK * limit of
    them) and reads every placed event when they do not fill it: the same points, in the same
    order, whichever way (walk=0: always read all; 1: the walk's page fills or not by limit).
    With a since date it walks when many events end after it (walk_since=0: always), and
    otherwise reads the placed events by their end."""
    from cronaca.store import explore

    monkeypatch.setattr(explore, "MAP_WALK_SINCE", walk_since)
    filters = [{}, {"type": "FIGHT"}, {"actor": "RUS"}, {"since": "2024-03"}]
    filters += [{"since": "2024-03", "type": "FIGHT"}, {"actor": "Kharkiv", "until": "2024-04"}]
    expected = {}
    with monkeypatch.context() as patch:
        patch.setattr(explore, "MAP_WALK", 0)
        for i, given in enumerate(filters):
            for limit in (1, 2, 5000):
                expected[i, limit] = explore.map_records(geo_kb.store, limit=limit, **given)
    monkeypatch.setattr(explore, "MAP_WALK", walk)
    for i, given in enumerate(filters):
        for limit in (1, 2, 5000):
            found = explore.map_records(geo_kb.store, limit=limit, **given)
            assert found == expected[i, limit], (given, limit)
    assert expected[0, 5000][0]  # the map has points
