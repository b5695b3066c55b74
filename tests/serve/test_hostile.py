"""Hostile articles through the HTTP API and the web pages: nothing from an article becomes
markup, a script URL never becomes a link, and nothing is markup."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cronaca import Cronaca
from cronaca.serve.http import create_app
from cronaca.serve.web import link

from . import hostile


@pytest.fixture(scope="module")
def hostile_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cronaca]:
    yield hostile.knowledge_base(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def client(hostile_kb: Cronaca) -> TestClient:
    return TestClient(create_app(hostile_kb))


@pytest.mark.parametrize("url", hostile.SCRIPT_URLS + ["", "http://", "https:///x", "ftp://example.org/"])
def test_link_refuses_what_is_not_http(url: str) -> None:
    assert link(url) == ""


@pytest.mark.parametrize(
    "url", ["http://example.org/a?b=c#d", "HTTPS://Example.org/", " https://example.org/x "]
)
def test_link_keeps_http_urls(url: str) -> None:
    assert link(url) == url.strip()


def test_article_pages_have_no_script_links_and_no_markup_from_articles(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert len(articles) == len(hostile.SCRIPT_URLS)
    for a in articles:
        html = client.get(f"/articles/{a['id']}").text
        hrefs = re.findall(r'href="([^"]*)"', html)
        assert hrefs, html
        for href in hrefs:
            assert href.startswith(("/", "http://", "https://")) or href.startswith("?"), href
        assert "<script>window" not in html and "<img src=x" not in html
        assert "&lt;script&gt;window.__pwned" in html
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)


def test_every_page_escapes_hostile_fields(client: TestClient) -> None:
    claims = client.get("/api/claims").json()
    pages = [
        "/",
        "/articles",
        "/stories",
        "/network",
        "/map",
        "/search?q=Corea",
        "/search?q=pwned",
        "/actors/PRK",
    ]
    pages += [f"/claims/{c['id']}" for c in claims[:3]]
    for path in pages:
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
