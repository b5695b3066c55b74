"""Hostile articles in headless Chromium: script in every field that reaches a page, and
script URLs in every spelling; nothing may run, on load or on click."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest

from cronaca.serve.http import create_app

from . import hostile
from .conftest import serving

pytestmark = pytest.mark.browser

RAN = "() => [window.__pwned, document.querySelectorAll('[onerror],[onclick],[onload]').length]"
SCRIPT_LINKS = (
    "() => [...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !/^https?:/i.test(h))"
)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    kb = hostile.knowledge_base(tmp_path_factory.mktemp("hostile-browser"))
    with serving(create_app(kb)) as url:
        yield url


def test_nothing_from_an_article_runs(browser, hostile_server: str) -> None:
    context = browser.new_context(base_url=hostile_server)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    csp: list[str] = []
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    with urllib.request.urlopen(f"{hostile_server}/api/articles?limit=100") as r:
        articles = json.load(r)
    with urllib.request.urlopen(f"{hostile_server}/api/claims?limit=10") as r:
        claims = json.load(r)
    paths = [
        "/",
        "/articles",
        "/stories",
        "/network",
        "/map",
        "/map?kind=event",
        "/search?q=Corea",
        "/actors/PRK",
    ]
    paths += [f"/articles/{a['id']}" for a in articles] + [f"/claims/{c['id']}" for c in claims]
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert page.evaluate(RAN) == [None, 0], path
        assert page.evaluate(SCRIPT_LINKS) == [], path
        # click everything a reader could click that stays on the page: marks, headings, meta
        for el in page.locator("main mark, main h1, main p.meta, main code").all()[:30]:
            el.click()
            assert page.evaluate(RAN) == [None, 0], path
    assert not dialogs, dialogs
    assert not csp, csp
    context.close()
