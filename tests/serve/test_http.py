"""The HTTP API and the web UI routes, through FastAPI's TestClient (no socket)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cronaca import Cronaca
from cronaca.errors import UsageError

BELARUS_EN = "Belarus has sent more than 2,500 troops to Mali"
BELARUS_IT = "Circa 3.000 soldati bielorussi sarebbero in Mali"


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="module")
def belarus(client: TestClient) -> dict[str, Any]:
    """The claim both Belarus articles report."""
    claims = [c for c in client.get("/api/claims").json() if [a["id"] for a in c["source_actors"]] == ["BLR"]]
    assert len(claims) == 1, claims
    return claims[0]


def _is_span(span: dict[str, Any]) -> bool:
    start, end = span["start"], span["end"]
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end


def _is_interval(iv: dict[str, Any] | None) -> bool:
    # a null start with an end is "on or before end" (an event with no time of its own)
    return iv is None or (
        set(iv) == {"start", "end", "precision"}
        and iv["end"]
        and (iv["start"] is None or iv["start"] <= iv["end"])
    )


# -- OpenAPI --------------------------------------------------------------------------


def test_openapi_lists_the_api_paths(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in (
        "/api/stats",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/timeline",
        "/api/entities",
    ):
        assert path in paths, path
    assert all(p.startswith("/api/") for p in paths), "HTML pages must stay out of the schema"
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "type", "since", "until", "limit", "offset"} <= params


# -- JSON shapes (the export contract) ------------------------------------------------


def test_stats_counts_what_was_ingested(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 4
    assert stats["events"] >= 3 and stats["claims"] >= 2


def test_articles(client: TestClient) -> None:
    rows = client.get("/api/articles").json()
    assert len(rows) == 4
    for a in rows:
        assert a["kind"] == "article" and a["id"].startswith("a_")
        assert a["language"] in {"it", "en"} and a["format"] == "seed"
        assert _is_interval(a["published"]) and a["published"]["precision"] == "day"
        assert isinstance(a["n_events"], int) and "text" not in a
    # newest first
    starts = [a["published"]["start"] for a in rows]
    assert starts == sorted(starts, reverse=True)
    assert {a["language"] for a in client.get("/api/articles", params={"language": "it"}).json()} == {"it"}
    found = client.get("/api/articles", params={"q": "Bamako"}).json()
    assert [a["title"] for a in found] == ["Belarus expands its military footprint in the Sahel"]


def test_article_has_text_mentions_and_events(client: TestClient, belarus: dict[str, Any]) -> None:
    article_id = next(a for a in belarus["article_ids"])
    a = client.get(f"/api/articles/{article_id}").json()
    assert a["kind"] == "article" and a["id"] == article_id
    assert BELARUS_EN in a["text"] or BELARUS_IT in a["text"]
    kinds = {m["type"] for m in a["mentions"]}
    assert {"entity", "quantity", "sentence"} <= kinds
    for m in a["mentions"]:
        assert m["kind"] == "mention" and m["article_id"] == article_id and _is_span(m["span"])
        assert a["text"][m["span"]["start"] : m["span"]["end"]] == m["text"]
    assert a["events"] and all(ev["article_id"] == article_id for ev in a["events"])
    # a unique id prefix is enough
    assert client.get(f"/api/articles/{article_id[:8]}").json()["id"] == article_id


def test_events_shape_and_spans(client: TestClient) -> None:
    events = client.get("/api/events").json()
    assert len(events) >= 3
    for ev in events:
        assert ev["kind"] == "event" and ev["id"].startswith("e_")
        assert ev["article_id"].startswith("a_") and ev["claim_id"].startswith("c_")
        assert _is_span(ev["span"]) and _is_interval(ev["time"]) and _is_interval(ev["published"])
        assert ev["factuality"] and ev["rule"] and ev["component"].startswith("events@")
        article = client.get(f"/api/articles/{ev['article_id']}").json()
        assert article["text"][ev["span"]["start"] : ev["span"]["end"]] == ev["text"]
        trig = ev["trigger"]
        assert article["text"][trig["start"] : trig["end"]] == trig["text"]
        for actor in ev["source_actors"] + ev["target_actors"]:
            assert {"id", "name"} <= set(actor)
    en = next(ev for ev in events if ev["text"].startswith(BELARUS_EN))
    assert en["type"] == "AID" and en["context"] == "military"
    assert [a["id"] for a in en["source_actors"]] == ["BLR"]
    assert [a["id"] for a in en["target_actors"]] == ["MLI"]
    q = en["quantity"]
    assert q["lower"] == 2500 and q["upper"] is None and q["unit"] == "soldiers"
    assert q["text"] == "more than 2,500 troops"
    assert en["text"][q["start"] - en["span"]["start"] : q["end"] - en["span"]["start"]] == q["text"]


def test_event_by_id(client: TestClient) -> None:
    ev = client.get("/api/events", params={"limit": 1}).json()[0]
    assert client.get(f"/api/events/{ev['id']}").json() == ev


@pytest.mark.parametrize(
    ("params", "expect"),
    [
        ({"actor": "BLR"}, {"BLR"}),
        ({"actor": "belarus"}, {"BLR"}),  # a name works as well as an id
        ({"actor": "IRN"}, {"IRN"}),
        ({"type": "aid"}, {"BLR", "IRN"}),  # case-insensitive
        ({"since": "2025-03-11"}, {"BLR", "IRN"}),  # the English Belarus report and the Iran one
        ({"until": "2025-03-11"}, {"BLR", "IRN"}),  # the Italian Belarus report; Iran's "in March"
        ({"until": "2025-03-05"}, {"IRN"}),  # the event's own time wins over its article's date (April)
        ({"since": "2025-03", "until": "2025-03"}, {"BLR", "IRN"}),  # until a month = to its last day
        ({"actor": "Bielorussia"}, {"BLR"}),  # a name in another language
        ({"since": "2026"}, set()),
        ({"actor": "Atlantis"}, set()),
        ({"type": "FIGHT"}, set()),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expect: set[str]) -> None:
    events = client.get("/api/events", params=params).json()
    assert {a["id"] for ev in events for a in ev["source_actors"]} == expect


def test_event_date_filters_narrow(client: TestClient) -> None:
    late = client.get("/api/events", params={"since": "2025-03-11", "actor": "BLR"}).json()
    early = client.get("/api/events", params={"until": "2025-03-11", "actor": "BLR"}).json()
    assert [ev["text"][: len(BELARUS_EN)] for ev in late] == [BELARUS_EN]
    assert [ev["text"][: len(BELARUS_IT)] for ev in early] == [BELARUS_IT]


def test_pagination(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    pages = [
        client.get("/api/events", params={"limit": 1, "offset": i}).json() for i in range(len(everything))
    ]
    assert all(len(p) == 1 for p in pages)
    assert [p[0]["id"] for p in pages] == [ev["id"] for ev in everything]
    assert client.get("/api/events", params={"offset": len(everything)}).json() == []
    assert len(client.get("/api/articles", params={"limit": 2}).json()) == 2
    assert len(client.get("/api/articles", params={"limit": 2, "offset": 3}).json()) == 1


def test_claims_and_claim(client: TestClient, belarus: dict[str, Any]) -> None:
    assert belarus["kind"] == "claim" and belarus["id"].startswith("c_")
    assert belarus["type"] == "AID" and [a["id"] for a in belarus["target_actors"]] == ["MLI"]
    assert belarus["n_events"] == 2 and belarus["n_articles"] == 2 and len(belarus["article_ids"]) == 2
    assert (belarus["first_reported"], belarus["last_reported"]) == ("2025-03-10", "2025-03-12")
    q = belarus["quantity"]
    # "circa 3.000" and "more than 2,500" agree: a range around 3,000, all above 2,500
    assert q["unit"] == "soldiers" and 2500 <= q["lower"] <= 3000 <= q["upper"]
    assert sorted(r["text"] for r in q["reports"]) == ["Circa 3.000 soldati", "more than 2,500 troops"]
    assert "Belarus" in belarus["summary"] and "Mali" in belarus["summary"]
    assert [f["factuality"] for f in belarus["factuality"]] == ["reported", "reported"]

    full = client.get(f"/api/claims/{belarus['id']}").json()
    assert {k: v for k, v in full.items() if k != "events"} == belarus
    texts = [ev["text"] for ev in full["events"]]
    assert len(texts) == 2 and texts[0].startswith(BELARUS_IT) and texts[1].startswith(BELARUS_EN)
    assert all(ev["claim_id"] == belarus["id"] for ev in full["events"])
    assert {ev["article_id"] for ev in full["events"]} == set(belarus["article_ids"])


def test_claim_filters(client: TestClient) -> None:
    iran = client.get("/api/claims", params={"actor": "IRN"}).json()
    assert {c["source_actors"][0]["id"] for c in iran} == {"IRN"}
    assert client.get("/api/claims", params={"type": "CONSULT"}).json() == []


def test_timeline(client: TestClient, belarus: dict[str, Any]) -> None:
    rows = client.get("/api/timeline").json()
    assert {c["id"] for c in rows} == {c["id"] for c in client.get("/api/claims").json()}
    for c in rows:
        assert c["kind"] == "claim" and len(c["events"]) == c["n_events"]
        assert all(ev["kind"] == "event" and ev["claim_id"] == c["id"] for ev in c["events"])
    only = client.get("/api/timeline", params={"actor": "BLR"}).json()
    assert [c["id"] for c in only] == [belarus["id"]]
    assert len(client.get("/api/timeline", params={"limit": 1}).json()) == 1


def test_entities(client: TestClient) -> None:
    rows = client.get("/api/entities").json()
    ids = {e["id"] for e in rows}
    assert {"BLR", "MLI", "IRN", "SDN", "FRA"} <= ids
    for e in rows:
        assert e["kind"] == "entity" and e["type"] and e["name"] and e["n_mentions"] >= 1
    counts = [e["n_mentions"] for e in rows]
    assert counts == sorted(counts, reverse=True)
    blr = client.get("/api/entities", params={"q": "belar"}).json()
    assert [e["id"] for e in blr] == ["BLR"] and blr[0]["names"]["it"] == ["Bielorussia"]
    assert {e["type"] for e in client.get("/api/entities", params={"type": "country"}).json()} == {"country"}


# -- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/claims/c_nope", "/api/events/e_nope", "/api/articles/a_nope"])
def test_unknown_id_is_404_json(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "nope" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/api/events", "/api/claims", "/api/timeline"])
@pytest.mark.parametrize("param", ["since", "until"])
def test_bad_date_is_400(client: TestClient, path: str, param: str) -> None:
    r = client.get(path, params={param: "notadate"})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "notadate" in detail and "YYYY-MM-DD" in detail and not detail.startswith("--")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1001}, {"offset": -1}, {"limit": "many"}])
def test_bad_paging_is_422(client: TestClient, params: dict[str, Any]) -> None:
    for path in ("/api/events", "/api/claims", "/api/articles", "/api/entities", "/api/timeline"):
        assert client.get(path, params=params).status_code == 422, path


# -- HTML pages -----------------------------------------------------------------------


def test_home_page_shows_claims_and_sentences(client: TestClient, belarus: dict[str, Any]) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert f'href="/claims/{belarus["id"]}"' in html
    assert '<mark class="m-trigger" title="trigger">sent</mark>' in html
    assert '<mark class="m-quantity" title="&gt;2,500 soldiers">more than 2,500 troops</mark>' in html
    assert "bielorussi" in html and "Iran" in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html
    # oldest report first under each claim
    assert html.index("Circa 3.000 soldati") < html.index("more than 2,500 troops</mark>")


def test_home_page_filters(client: TestClient) -> None:
    html = client.get("/", params={"actor": "IRN"}).text
    assert "delivered" in html and "bielorussi" not in html
    assert 'name="actor" value="IRN"' in html
    empty = client.get("/", params={"actor": "Atlantis"})
    assert empty.status_code == 200 and "No claims match these filters" in empty.text


def test_home_page_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    # what the browser sends when only one field of the filter form is filled
    r = client.get("/?actor=IRN&type=&since=&until=")
    assert r.status_code == 200 and 'class="problem"' not in r.text
    assert r.text.count('<li class="claim"') == 1
    assert client.get("/?actor=&type=&since=&until=").text.count('<li class="claim"') == 2


def test_home_page_bad_date_shows_the_form_again(client: TestClient) -> None:
    r = client.get("/", params={"since": "notadate"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert 'class="problem"' in r.text and "notadate" in r.text and '<form class="filters"' in r.text


def test_claim_page(client: TestClient, belarus: dict[str, Any]) -> None:
    r = client.get(f"/claims/{belarus['id']}")
    assert r.status_code == 200
    html = r.text
    assert belarus["summary"] in html
    assert "Every source sentence (2)" in html
    for article_id in belarus["article_ids"]:
        assert f'href="/articles/{article_id}#ev-' in html
    assert "bielorussi" in html and "more than 2,500 troops" in html


def test_articles_page(client: TestClient) -> None:
    r = client.get("/articles")
    assert r.status_code == 200
    for a in client.get("/api/articles").json():
        assert f'href="/articles/{a["id"]}"' in r.text
    found = client.get("/articles", params={"q": "Bamako"}).text
    assert "Sahel" in found and "Parigi" not in found
    assert "No articles match" in client.get("/articles", params={"q": "zzzz"}).text


def test_article_page(client: TestClient, belarus: dict[str, Any]) -> None:
    ev = client.get(f"/api/claims/{belarus['id']}").json()["events"][0]
    r = client.get(f"/articles/{ev['article_id']}")
    assert r.status_code == 200
    html = r.text
    assert f'id="ev-{ev["id"]}"' in html and f'href="/claims/{belarus["id"]}"' in html
    assert 'lang="it"' in html and "Events (1)" in html
    assert '<mark class="m-trigger"' in html and '<mark class="m-entity"' in html
    assert "Circa 3.000 soldati" in html and "sarebbero" in html


@pytest.mark.parametrize("path", ["/claims/c_nope", "/articles/a_nope"])
def test_unknown_page_is_404_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text and "nope" in r.text


def test_static_css(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "mark.m-trigger" in r.text


def test_requests_do_not_write(client: TestClient, kb: Cronaca) -> None:
    before = kb.stats()
    for path in ("/", "/articles", "/api/timeline", "/api/entities"):
        client.get(path)
    assert kb.stats() == before


LISTS = ("/api/events", "/api/claims", "/api/articles", "/api/entities", "/api/timeline", "/api/stories")


@pytest.mark.parametrize("offset", ["9223372036854775808", str(10**30), "1000000001", "-1", "1e3"])
def test_huge_or_odd_numbers_are_422_not_500(client: TestClient, offset: str) -> None:
    for path in (*LISTS, "/articles"):
        r = client.get(path, params={"offset": offset})
        assert r.status_code == 422, (path, r.status_code)
    for path in LISTS:
        assert client.get(path, params={"limit": "9223372036854775808"}).status_code == 422, path


def test_the_largest_offset_is_an_empty_page(client: TestClient) -> None:
    for path in LISTS:
        r = client.get(path, params={"offset": 1_000_000_000})
        assert r.status_code == 200 and r.json() == [], path


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"actor": "_"}),
        ("/api/events", {"actor": "%%"}),
        ("/api/events", {"actor": "%"}),
        ("/api/claims", {"actor": "_"}),
        ("/api/timeline", {"actor": "%_%"}),
        ("/api/articles", {"q": "%"}),
        ("/api/articles", {"q": "_"}),
        ("/api/entities", {"q": "%"}),
        ("/api/entities", {"q": "_%"}),
    ],
)
def test_like_wildcards_match_only_themselves(client: TestClient, path: str, params: dict[str, str]) -> None:
    assert client.get(path, params=params).json() == []


def test_text_search_still_matches_words_and_id_prefixes_are_literal(client: TestClient) -> None:
    assert client.get("/api/articles", params={"q": "Mali"}).json()
    article_id = client.get("/api/articles").json()[0]["id"]
    assert client.get(f"/api/articles/{article_id[:6]}").status_code == 200
    assert client.get(f"/api/articles/{article_id[:2]}___").status_code == 404  # "_" is no wildcard
    assert client.get("/api/articles/%25").status_code == 404


SECURITY = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles",
        "/network",
        "/docs",
        "/openapi.json",
        "/api/stats",
        "/api/claims",
        "/static/style.css",
        "/docs-assets/swagger-ui.css",
        "/api/claims/nope",
        "/claims/nope",
        "/api/events?offset=-1",
        "/no/such/page",
    ],
)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    for name, value in SECURITY.items():
        assert r.headers.get(name) == value, (path, name)
    csp = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
    assert csp["script-src"] == "'self'" and csp["style-src"] == "'self'", csp
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"


def test_pages_have_no_inline_script_or_style(client: TestClient, belarus: dict[str, Any]) -> None:
    article_id = client.get("/api/articles").json()[0]["id"]
    for path in (
        "/",
        "/articles",
        f"/articles/{article_id}",
        f"/claims/{belarus['id']}",
        "/stories",
        "/network",
        "/docs",
        "/claims/nope",
    ):
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert "<style" not in html and " style=" not in html and not re.search(r"\bon[a-z]+=", html), path


def test_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "https://" not in html and "http://" not in html
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert ref.startswith("/"), ref
        assert client.get(ref).status_code == 200, ref
    assert client.get("/openapi.json").json()["paths"]


def test_timeline_page_is_paginated_and_shows_a_few_mentions_per_claim(
    client: TestClient, belarus: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cronaca.serve import http

    total = len(client.get("/api/claims").json())
    assert total >= 2
    monkeypatch.setattr(http, "TIMELINE_PAGE", 1)
    monkeypatch.setattr(http, "TIMELINE_MENTIONS", 1)
    seen = []
    for offset in range(total):
        html = client.get("/", params={"offset": offset, "type": "", "actor": ""}).text
        seen += re.findall(r'<li class="claim" data-claim="([^"]+)"', html)
        assert ("Later claims" in html) == (offset < total - 1), offset
        assert ("Earlier claims" in html) == (offset > 0), offset
        if offset < total - 1:  # the link keeps the filters that were given and moves one page
            assert f'href="/?offset={offset + 1}"' in html
    assert seen == [c["id"] for c in client.get("/api/claims").json()]
    html = client.get("/", params={"actor": "BLR"}).text
    assert html.count("<blockquote") == 1 and f'href="/claims/{belarus["id"]}">All 2 mentions' in html
    assert client.get("/", params={"offset": "-1"}).status_code == 422


def test_api_timeline_keeps_every_mention(client: TestClient, belarus: dict[str, Any]) -> None:
    (claim,) = [
        c for c in client.get("/api/timeline", params={"actor": "BLR"}).json() if c["id"] == belarus["id"]
    ]
    assert len(claim["events"]) == claim["n_events"] == 2


def test_cached_timeline_follows_the_store(tmp_path) -> None:
    """The timeline responses are cached while the store is unchanged, and only then."""
    from pathlib import Path

    from cronaca.serve.http import create_app

    data = Path(__file__).resolve().parent.parent / "data" / "ui"
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(data / "01_bielorussia_mali.txt")])
    client = TestClient(create_app(kb))
    first = client.get("/api/timeline").json()
    assert client.get("/api/timeline").json() == first
    page = client.get("/").text
    kb.ingest([str(data / "03_iran_sudan.txt")])
    again = client.get("/api/timeline").json()
    assert len(again) > len(first)
    assert client.get("/").text != page
    assert client.get("/api/timeline", params={"since": "nope"}).status_code == 400


def test_stats_follow_the_store(tmp_path) -> None:
    """Counts are kept while the store is unchanged (SQLite), and follow every write."""
    data = Path(__file__).resolve().parent.parent / "data" / "ui"
    kb = Cronaca(str(tmp_path / "kb.db"))
    assert kb.stats()["articles"] == 0
    kb.ingest([str(data / "01_bielorussia_mali.txt")])
    one = kb.stats()
    assert one["articles"] == 1 and one["events"] >= 1
    kb.ingest([str(data / "03_iran_sudan.txt")])
    assert kb.stats()["articles"] == 2


def test_a_caller_counts_only_what_it_shows(tmp_path) -> None:
    """The timeline page counts three tables and an ingest's report one: never the mentions,
    the largest (28 million at a million articles)."""
    import sqlalchemy as sa

    from cronaca.serve.http import create_app

    data = Path(__file__).resolve().parent.parent / "data" / "ui"
    kb = Cronaca(str(tmp_path / "kb.db"))
    totals: list[str] = []  # the tables counted whole

    @sa.event.listens_for(kb.store.engine, "before_cursor_execute")
    def note(conn, cursor, statement, *args) -> None:
        words = " ".join(statement.lower().split())
        if words.startswith("select count(*) as count_1 from "):
            totals.append(words.removeprefix("select count(*) as count_1 from "))

    report = kb.ingest([str(data / "01_bielorussia_mali.txt")])
    assert totals == ["claims"] and report.claims >= 1
    kb.ingest([str(data / "03_iran_sudan.txt")])  # a new generation: nothing cached
    totals.clear()
    assert TestClient(create_app(kb)).get("/").status_code == 200
    assert sorted(totals) == ["articles", "events"]  # the claims, counted by the ingest, are kept
    everything = kb.stats()
    assert kb.stats(only=["claims", "articles"]) == {"claims": everything["claims"], "articles": 2}
    with pytest.raises(UsageError, match="no such count: words"):
        kb.stats(only=["words"])


def test_timeline_json_with_what_orjson_refuses(tmp_path) -> None:
    """A lone surrogate that an article carried into a JSON column is read and served (by the
    json module, which wrote it), not a 500."""
    import sqlalchemy as sa

    from cronaca.serve.http import create_app
    from cronaca.store import schema as t

    data = Path(__file__).resolve().parent.parent / "data" / "ui"
    kb = Cronaca(str(tmp_path / "kb.db"))
    kb.ingest([str(data / "01_bielorussia_mali.txt")])
    event_id = kb.events(limit=1)[0]["id"]
    with kb.store.transaction() as conn:
        conn.execute(sa.update(t.events).where(t.events.c.id == event_id).values(quote={"text": "a\ud800b"}))
    client = TestClient(create_app(kb))
    response = client.get("/api/timeline")
    assert response.status_code == 200
    events = [ev for c in response.json() for ev in c["events"] if ev["id"] == event_id]
    assert events and events[0]["quote"] == {"text": "a\ud800b"}
