"""A story of many claims comes a page of claims at a time (HTTP, web) and whole on request
(``derived.story`` without a limit, the CLI); its counts and ids always cover every claim."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.extract.test_workers import corpus

from cronaca import Cronaca
from cronaca.serve import derived
from cronaca.serve import http as http_module
from cronaca.serve.http import create_app


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Cronaca:
    folder = tmp_path_factory.mktemp("stories")
    kb = Cronaca(str(folder / "kb.db"))
    kb.ingest([str(corpus(folder))], workers=1)
    return kb


def test_a_story_page_by_page_holds_every_claim_once_in_time_order(kb: Cronaca) -> None:
    big = max(kb.stories(), key=lambda s: s["n_claims"])
    assert big["n_claims"] >= 5
    whole = derived.story(kb, big["id"])
    assert [c["id"] for c in whole["claims"]] == whole["claim_ids"] and whole["offset"] == 0
    pages = [derived.story(kb, big["id"], limit=2, offset=o) for o in range(0, big["n_claims"], 2)]
    assert [c["id"] for p in pages for c in p["claims"]] == whole["claim_ids"]
    assert all(p["n_claims"] == big["n_claims"] and p["claim_ids"] == whole["claim_ids"] for p in pages)
    assert all(c["events"] for p in pages for c in p["claims"])  # each with its sentences
    assert derived.story(kb, big["id"], limit=2, offset=big["n_claims"])["claims"] == []


def test_http_and_web_pages_of_a_story(kb: Cronaca, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_module, "STORY_PAGE", 2)
    client = TestClient(create_app(kb))
    big = max(kb.stories(), key=lambda s: s["n_claims"])
    first = client.get(f"/api/stories/{big['id']}", params={"limit": 3}).json()
    second = client.get(f"/api/stories/{big['id']}", params={"limit": 3, "offset": 3}).json()
    assert [c["id"] for c in first["claims"] + second["claims"]] == big["claim_ids"][:6]
    assert client.get(f"/api/stories/{big['id']}", params={"limit": 0}).status_code == 422
    html = client.get(f"/stories/{big['id']}").text
    assert f"claims 1–2 of {big['n_claims']}" in html and f"/stories/{big['id']}?offset=2" in html
    assert "Earlier claims" not in html
    last = client.get(f"/stories/{big['id']}", params={"offset": big["n_claims"] - 1}).text
    assert "Earlier claims" in last and "Later claims" not in last
    past = client.get(f"/stories/{big['id']}", params={"offset": big["n_claims"] + 5}).text
    assert f"no claims past the {big['n_claims']}th" in past and "Earlier claims" in past
