"""Privacy on every page type, in a real browser: requests only to the site's own host, nothing
kept in the browser, a strict Content-Security-Policy, no referrer, and no console errors."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support import ROOT

from tawasul.loader import load_catalogue

CAT = load_catalogue(ROOT)


def first(items) -> str:
    return sorted(items)[0]


# One page of every type the site has.
PAGE_TYPES = {
    "home": "",
    "centres index": "centres/",
    "centre": f"centres/{first(CAT.centres)}/",
    "events": "events/",
    "event": f"events/{first(CAT.events)}/",
    "events archive": "events/archive/",
    "events of a governorate": f"events/governorates/{first(c.governorate for c in CAT.centres.values())}/",
    "campaigns": "campaigns/",
    "campaign": f"campaigns/{first(CAT.campaigns)}/",
    "occasions": "occasions/",
    "awareness": "awareness/",
    "article": f"awareness/{first(CAT.articles)}/",
    "partners": "partners/",
    "about": "about/",
    "safety": "safety/",
    "search": "search/",
    "not found": "404.html",
}


def storage(page) -> dict:
    return page.evaluate("""() => ({cookie: document.cookie, local: localStorage.length,
                                    session: sessionStorage.length})""")


def use_the_page(page) -> None:
    """Do what she might: search (Pagefind loads), the finder (which fetches the town list),
    and Shift presses."""
    if page.locator("#tw-search-q").count():
        page.locator("#tw-search-q").fill("حقوق")
        page.wait_for_selector(".tw-search__results li")
    if page.locator("[data-finder-town]").count():
        page.locator("[data-finder-town]").fill("جنين")
        page.wait_for_selector(".tw-finder__match")
        page.locator("[data-finder-governorate]").select_option(index=3)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_keeps_her_private(open_page, site_server, path):
    page, outside, watch = open_page()
    response = page.goto(site_server + path)
    assert response.status == 200
    use_the_page(page)
    own = urlsplit(site_server).netloc
    assert watch.requests and watch.hosts() == {own}, watch.requests
    assert outside.requests == []
    assert page.context.cookies() == []
    assert storage(page) == {"cookie": "", "local": 0, "session": 0}
    assert watch.errors == []
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in policy.split(";"))
    assert directives["script-src"] in ("'self'", "'self' 'wasm-unsafe-eval'") and directives["default-src"] == "'self'"
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"


def test_the_policy_really_blocks_inline_scripts(open_page, site_server):
    """The CSP is not decoration: an injected inline script is refused and reported."""
    page, _, watch = open_page()
    page.goto(site_server)
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.injected = true'; document.body.append(s); }""")
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in e for e in watch.errors)


def test_links_out_of_the_site_send_no_referrer(open_page, site_server):
    page, outside, _ = open_page()
    page.goto(site_server + "centres/")
    page.get_by_role("link", name="GeoNames").click()
    page.wait_for_url("https://www.geonames.org/")
    assert "referer" not in outside.requests[0].headers
