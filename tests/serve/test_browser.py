"""The web UI as a person sees it, driven in headless Chromium (Debian's /usr/bin/chromium).

CI must run these: a missing browser is a failure with a message, never a skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import watched_page

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server: str) -> Iterator[object]:
    with watched_page(browser, live_server) as pg:
        yield pg


def _belarus(page):
    return page.locator("li.claim", has_text="Belarus → Mali")


def test_timeline_claim_article(page, shots: Path) -> None:
    from playwright.sync_api import expect

    response = page.goto("/")
    assert response is not None and response.ok
    expect(page).to_have_title("Timeline · cronaca")
    # the stylesheet loaded and applies
    assert page.locator("header").evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"

    claim = _belarus(page)
    expect(claim).to_have_count(1)
    heading = claim.locator("h2 a")
    expect(heading).to_have_text(re.compile(r"Belarus → Mali: AID \(military\), 2,700–3,300 soldiers"))
    expect(claim.locator(".meta")).to_contain_text("2 mentions in 2 articles")
    sentences = claim.locator("blockquote.sentence")
    expect(sentences).to_have_count(2)
    # oldest report first: the Italian article of 10 March
    it, en = sentences.nth(0), sentences.nth(1)
    expect(it).to_contain_text("Circa 3.000 soldati bielorussi sarebbero in Mali")
    expect(it.locator("mark.m-trigger")).to_have_text("sarebbero")
    expect(it.locator("mark.m-source")).to_have_text("bielorussi")
    expect(it.locator("mark.m-target")).to_have_text("Mali")
    expect(it.locator("mark.m-quantity")).to_have_text("Circa 3.000 soldati")
    expect(en.locator("mark.m-trigger")).to_have_text("sent")
    expect(en.locator("mark.m-source")).to_have_text("Belarus")
    expect(en.locator("mark.m-quantity")).to_have_attribute("title", ">2,500 soldiers")
    # marks are visibly highlighted, not just present in the DOM
    bg = it.locator("mark.m-trigger").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in {"rgba(0, 0, 0, 0)", "transparent"}, bg
    facts = claim.locator(".provenance .fact")
    expect(facts).to_have_count(2)
    expect(facts.nth(0)).to_have_text(re.compile("reported", re.I))
    expect(claim.locator(".provenance").nth(0)).to_contain_text("according to France")
    iran = page.locator("li.claim", has_text="Iran → Sudan")
    # both reports cite someone ("secondo fonti diplomatiche", "Western diplomats said")
    expect(iran.locator(".fact", has_text=re.compile("reported", re.I))).to_have_count(2)
    expect(iran.locator(".provenance").nth(1)).to_contain_text("western officials")
    expect(iran.locator(".when")).to_have_text("2025-03")
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)

    # -> the claim page lists every source sentence with a link to its article
    heading.click()
    expect(page).to_have_url(re.compile(r"/claims/c_[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text(re.compile("Belarus → Mali"))
    expect(page.locator("dd.quantity")).to_contain_text("2,700–3,300 soldiers")
    expect(page.locator("dd.quantity")).to_contain_text("“more than 2,500 troops”")
    mentions = page.locator(".mentions section.mention")
    expect(mentions).to_have_count(2)
    expect(page.locator("h2", has_text="Every source sentence")).to_have_text("Every source sentence (2)")
    titles = [
        "Soldati bielorussi in Mali, Parigi lancia l'allarme",
        "Belarus expands its military footprint in the Sahel",
    ]
    for i, title in enumerate(titles):
        link = mentions.nth(i).locator(".provenance a[href^='/articles/']")
        expect(link).to_have_text(title)
        expect(link).to_have_attribute("href", re.compile(r"^/articles/a_[0-9a-f]+#ev-e_[0-9a-f]+$"))
    page.screenshot(path=str(shots / "claim.png"), full_page=True)

    # -> the article page: annotated text and the event section the link points at
    href = mentions.nth(0).locator(".provenance a[href^='/articles/']").get_attribute("href")
    mentions.nth(0).locator(".provenance a[href^='/articles/']").click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.locator("h1")).to_have_text(titles[0])
    text = page.locator("article.text")
    expect(text).to_contain_text("Circa 3.000 soldati bielorussi sarebbero in Mali")
    expect(text).to_have_attribute("lang", "it")
    for cls, word in (
        ("m-entity", "Mali"),
        ("m-quantity", "Circa 3.000 soldati"),
        ("m-trigger", "sarebbero"),
        ("m-entity", "Minsk"),
    ):
        expect(text.locator(f"mark.{cls}", has_text=word).first).to_be_visible()
    section = page.locator(href[href.index("#") :])
    expect(section).to_be_visible()
    expect(section.locator("h3")).to_contain_text("Belarus → Mali")
    expect(section.locator("h3 a", has_text="claim")).to_have_attribute("href", re.compile(r"^/claims/c_"))
    expect(page.locator("h2", has_text="Events")).to_have_text("Events (1)")
    page.screenshot(path=str(shots / "article.png"), full_page=True)


def test_actor_filter_narrows(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    claims = page.locator("li.claim")
    expect(claims).to_have_count(2)
    page.get_by_label("Actor").fill("Iran")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]actor=Iran"))
    expect(claims).to_have_count(1)
    expect(claims.first).to_contain_text("Iran → Sudan")
    expect(page.get_by_label("Actor")).to_have_value("Iran")
    page.screenshot(path=str(shots / "timeline-filtered.png"), full_page=True)

    page.get_by_label("Actor").fill("Atlantis")
    page.get_by_role("button", name="Filter").click()
    expect(claims).to_have_count(0)
    expect(page.locator(".empty")).to_contain_text("No claims match these filters")
    page.get_by_role("link", name="Show all").click()
    expect(claims).to_have_count(2)


def test_bad_date_and_unknown_pages(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_label("Since").fill("notadate")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".problem")).to_contain_text("notadate")
    expect(page.get_by_label("Since")).to_have_value("notadate")
    page.screenshot(path=str(shots / "timeline-bad-date.png"), full_page=True)

    response = page.goto("/claims/c_nope")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Not found")
    page.get_by_role("link", name="← Timeline").click()
    expect(page.locator("li.claim")).to_have_count(2)


def test_articles_page_and_narrow_screen(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/articles")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(4)
    page.get_by_label("Search").fill("Bamako")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    rows.first.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Belarus expands its military footprint in the Sahel")
    page.screenshot(path=str(shots / "articles-search-result.png"), full_page=True)

    # a phone-width screen: nothing runs off the side
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto("/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the screen"
    page.screenshot(path=str(shots / "timeline-narrow.png"), full_page=True)


def test_api_docs_render_from_local_files(page, shots: Path) -> None:
    """/docs is Swagger UI from the fastapi-offline package: every file from this server,
    no inline script under the CSP, and the operations listed."""
    from playwright.sync_api import expect

    response = page.goto("/docs")
    assert response is not None and response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".opblock-summary-path", has_text="/api/claims/{claim_id}")).to_be_visible(
        timeout=15000
    )
    page.screenshot(path=str(shots / "docs.png"))
