"""The map, the search box and the actor pages in headless Chromium, as a person uses them:
what shows, what a click opens; no request leaves localhost; nothing from an article runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import serving, watched_page
from .geo_fixtures import geo_app, geo_kb  # noqa: F401

pytestmark = pytest.mark.browser

VISIBLE_POINTS = (
    "() => [...document.querySelectorAll('circle.point')].filter(c => c.style.display !== 'none').length"
)
RAN = "() => [window.__pwned, document.querySelectorAll('[onerror],[onclick],[onload]').length]"


@pytest.fixture(scope="module")
def geo_server(geo_app) -> Iterator[str]:  # noqa: F811
    with serving(geo_app) as url:
        yield url


@pytest.fixture
def page(browser, geo_server: str) -> Iterator[object]:
    with watched_page(browser, geo_server) as pg:
        yield pg


def test_map_shows_claims_and_opens_them(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/map")
    expect(page).to_have_title("Map · cronaca")
    points = page.locator("circle.point")
    expect(points).to_have_count(5)  # claims with a place: 2 in Kharkiv, Pyongyang, Bergamo, Dnipro
    assert page.locator("path.country").count() > 150  # the vendored Natural Earth shapes
    expect(page.locator("#map-status")).to_have_text("5 claims with a place")
    # colour is the quad class: the meeting in Pyongyang is verbal cooperation
    pyongyang = page.locator("circle.point[aria-label$='at Pyongyang']")
    expect(pyongyang).to_have_class(re.compile(r"\bquad-1\b"))
    pyongyang.hover()
    tip = page.locator("figure.map .tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Kim Jong Un → Vladimir Putin: CONSULT")
    expect(tip).to_contain_text("Pyongyang · verbal cooperation · 1 mention")
    page.screenshot(path=str(shots / "map.png"), full_page=True)

    # the Kharkiv fight has two mentions: the larger point
    fight = page.locator("circle.point.quad-4[aria-label^='Russia → Ukraine: FIGHT, 2024-03']")
    bergamo = page.locator("circle.point[aria-label$='at Bergamo']")
    assert float(fight.get_attribute("r")) > float(bergamo.get_attribute("r"))

    # the time range: the first date alone leaves the March fight and its condemnation
    expect(page.locator("#range")).to_be_visible()
    page.locator("#range-to").fill("0")
    expect(page.locator("#range-text")).to_have_text("2024-03-03 → 2024-03-03")
    assert page.evaluate(VISIBLE_POINTS) == 1
    expect(page.locator("#map-status")).to_contain_text("1 in the time range")
    last = page.locator("#range-to").get_attribute("max")
    assert last == "4"  # five dates: 03-03, 03-04 (the condemnation, "on or before"), 06-19, 06-21, 07-01
    page.locator("#range-to").fill(last)
    assert page.evaluate(VISIBLE_POINTS) == 5
    page.screenshot(path=str(shots / "map-range.png"), full_page=True)

    fight.click()
    expect(page).to_have_url(re.compile(r"/claims/c_[0-9a-f]+$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Russia → Ukraine: FIGHT, 2024-03-03"))
    expect(page.locator(".facts")).to_contain_text("Kharkiv (49.98, 36.25")


def test_map_of_event_mentions_with_a_filter(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/map")
    page.get_by_label("Show").select_option("event")
    page.get_by_label("Actor or place").fill("Kharkiv")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/map\?kind=event&actor=Kharkiv"))
    points = page.locator("circle.point")
    expect(points).to_have_count(3)  # the bombing, and the condemnation read as a fight and an accusation
    expect(page.locator("#map-status")).to_have_text("3 event mentions with a place")
    page.screenshot(path=str(shots / "map-events.png"), full_page=True)
    points.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/claims/c_[0-9a-f]+#ev-e_[0-9a-f]+$"))


def test_hostile_text_on_the_map_does_not_run(page) -> None:
    from playwright.sync_api import expect

    page.goto("/map?kind=event&actor=Dnipro")
    point = page.locator("circle.point")
    expect(point).to_have_count(1)
    point.hover()
    tip = page.locator("figure.map .tip")
    expect(tip).to_contain_text('<img src=x onerror="window.__pwned = 2">')  # shown as text
    assert page.evaluate(RAN) == [None, 0]


def test_search_box_on_every_page_groups_results(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/stories")
    box = page.get_by_role("searchbox")
    box.fill("Kharkiv")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=Kharkiv$"))
    expect(page.locator("h1")).to_have_text("Search")
    expect(page.locator("#results-places li")).to_have_count(1)
    expect(page.locator("#results-claims li")).to_have_count(1)
    expect(page.locator("#results-articles li")).to_have_count(1)
    expect(page.locator("#results-articles .snippet")).to_contain_text("bombardato Kharkiv")
    expect(page.get_by_role("searchbox")).to_have_value("Kharkiv")
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    page.locator("#results-places").get_by_role("link", name="Kharkiv").click()
    expect(page).to_have_url(re.compile(r"/map\?actor=geonames%3A706483$"))
    expect(page.locator("circle.point")).to_have_count(2)

    page.get_by_role("searchbox").fill("<b>Dnipro</b>")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("for “<b>Dnipro</b>”")
    assert page.evaluate(RAN) == [None, 0]


def test_actor_page_from_search_and_its_links(page, shots: Path) -> None:
    from playwright.sync_api import expect

    page.goto("/search?q=putin")
    page.locator("#results-actors").get_by_role("link", name="Vladimir Putin").click()
    expect(page).to_have_url(re.compile(r"/actors/Q7747$"))
    expect(page.locator("h1")).to_have_text("Vladimir Putin")
    expect(page.locator("p.meta")).to_contain_text("of Russia")
    roles = page.locator("#actor-roles li")
    expect(roles.first).to_contain_text("leader of Russia: 2000-05-07 → now")
    expect(page.locator("#actor-roles")).to_contain_text("prime minister of Russia: 2008-05-08 → 2012-05-07")
    expect(page.locator("#actor-names")).to_contain_text("Wladimir Putin")
    expect(page.locator("#actor-counts")).to_contain_text("1 as source")
    expect(page.locator("#claims-as-source li")).to_have_count(1)
    page.screenshot(path=str(shots / "actor.png"), full_page=True)
    page.locator("#actor-neighbours").get_by_role("link", name="Kim Jong Un").click()
    expect(page).to_have_url(re.compile(r"/actors/person%3Akim-jong-un$"))
    expect(page.locator("h1")).to_have_text("Kim Jong Un")
    page.locator("#claims-as-target").get_by_role("link", name=re.compile("CONSULT")).click()
    expect(page).to_have_url(re.compile(r"/claims/c_[0-9a-f]+$"))
    # on the claim page, each actor's name opens its page
    page.locator(".facts").get_by_role("link", name="Vladimir Putin").click()
    expect(page).to_have_url(re.compile(r"/actors/Q7747$"))


def test_new_pages_fit_a_narrow_screen(page) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    for path in ("/map", "/search?q=Kharkiv", "/actors/RUS"):
        page.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"
