"""Arabic search in a real browser against the built site (Pagefind, run by the build).

Every query is a spelling variant of a word on a known page: alef forms, ة/ه, ى/ي, tashkeel,
tatweel and the prefixes و/ال/ب/ل. The site is served with the strict CSP the site adopts
(own scripts only) plus 'wasm-unsafe-eval', which Pagefind's WebAssembly needs.
"""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
ARTICLE = "/awareness/working-mothers/"
EXHIBITION = "/events/embroidery-exhibition/"

# (query, the page that must be found, what the variant exercises). The page holds the word in
# its ordinary spelling: «إجازة الأمومة مدفوعة الأجر»، «آمنة»، «المستشفى»، «الكبرى»…
VARIANTS = [
    ("اجازة", ARTICLE, "alef: إ written ا"),
    ("الامومة", ARTICLE, "alef: أ written ا"),
    ("اسابيع", ARTICLE, "alef: أ written ا, plural"),
    ("امنة", ARTICLE, "alef: آ written ا"),
    ("إستشارة", ARTICLE, "alef: ا written إ"),
    ("مدفوعه", ARTICLE, "ة written ه"),
    ("استشاره", ARTICLE, "ة written ه"),
    ("قانونيه", ARTICLE, "ة written ه"),
    ("المستشفي", ARTICLE, "ى written ي"),
    ("الكبري", ARTICLE, "ى written ي"),
    ("مستوي", ARTICLE, "ى written ي"),
    ("الأُمُومَة", ARTICLE, "tashkeel"),
    ("قَانُونِيَّة", ARTICLE, "tashkeel with shadda"),
    ("العَامِلَة", ARTICLE, "tashkeel"),
    ("العـــاملة", ARTICLE, "tatweel"),
    ("استشـارة", ARTICLE, "tatweel"),
    ("والأجر", ARTICLE, "prefix و before ال"),
    ("وإجازة", ARTICLE, "prefix و before a hamza"),
    ("وحقوق", ARTICLE, "prefix و"),
    ("والتطريز", EXHIBITION, "prefix و before ال"),
    ("الاستشارة", ARTICLE, "prefix ال added"),
    ("الإجازة", ARTICLE, "prefix ال added"),
    ("تطريز", EXHIBITION, "prefix ال removed"),
    ("بالمستشفى", ARTICLE, "prefix ب + ال"),
    ("بمديرية", ARTICLE, "prefix ب"),
    ("بالتطريز", EXHIBITION, "prefix ب + ال"),
    ("للعاملات", ARTICLE, "prefix ل + ال"),
    ("لاستشارة", ARTICLE, "prefix ل"),
    ("لحقوق", ARTICLE, "prefix ل"),
    ("وللعـاملات", ARTICLE, "prefixes و + ل + ال, with tatweel"),
]


class _CSPHandler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def search_server(feeds_site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CSPHandler, directory=str(feeds_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def search_page(browser, search_server):
    """One search page for all the variants, as she would use it: query after query."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar")
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(search_server + "search/")
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    page.fill("#tw-search-q", query)
    page.press("#tw-search-q", "Enter")
    page.wait_for_selector(f'[data-tw-search][data-state="done"][data-query="{query}"], [data-state="failed"]',
                           state="attached")
    assert page.get_attribute("[data-tw-search]", "data-state") == "done"
    return page.eval_on_selector_all(".tw-search__results a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("query, expected, what", VARIANTS, ids=[v[2] + " " + v[0] for v in VARIANTS])
def test_arabic_spelling_variant_finds_the_page(search_page, query, expected, what):
    assert expected in search(search_page, query)
    assert search_page.errors == []


def test_there_are_at_least_twenty_variants_of_every_kind():
    kinds = " ".join(v[2] for v in VARIANTS)
    assert len(VARIANTS) >= 20
    for kind in ("alef", "ة", "ى", "tashkeel", "tatweel", "prefix و", "prefix ال", "prefix ب", "prefix ل"):
        assert kind in kinds


def test_section_filter_narrows_results(search_page):
    everywhere = search(search_page, "التطريز")
    assert {"/campaigns/safe-home-2026/", EXHIBITION} <= set(everywhere)
    search_page.check('input[name="section"][value="events"]')
    try:
        assert search(search_page, "التطريز") == [EXHIBITION]
    finally:
        search_page.check('input[name="section"][value=""]')


def test_results_show_the_page_title_and_a_marked_excerpt(search_page):
    search(search_page, "اجازة")
    first = search_page.locator(".tw-search__results li").first
    assert first.locator("a").inner_text() == "إجازة الأمومة وحقوق العاملات"
    assert first.locator("mark").count() >= 1
    assert "التوعية" in first.inner_text()  # the section's Arabic name


def test_nothing_of_search_loads_until_she_searches(browser, search_server):
    context = browser.new_context(locale="ar")
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(search_server)
    assert not [u for u in requested if "/pagefind/" in u or "search.js" in u]
    page.click("a.tw-search-link")  # the header's search button is a plain link
    page.wait_for_url("**/search/")
    page.wait_for_selector("form.tw-search__form:not([hidden])")
    assert not [u for u in requested if "/pagefind/" in u]
    assert page.evaluate("document.activeElement.id") == "tw-search-q"
    page.fill("#tw-search-q", "اجازة")  # typing alone starts the search
    page.wait_for_selector('[data-tw-search][data-state="done"]', state="attached")
    assert [u for u in requested if u.endswith("/pagefind/pagefind.js")]
    assert "?" not in page.url  # the query stays in the browser: never in a URL or a log
    context.close()


def test_without_javascript_the_link_works_and_the_page_explains(browser, search_server):
    context = browser.new_context(java_script_enabled=False, locale="ar")
    page = context.new_page()
    page.goto(search_server + "events/")
    page.click("a.tw-search-link")
    page.wait_for_url("**/search/")
    assert page.locator(".tw-search__nojs").is_visible()
    assert not page.locator("form.tw-search__form").is_visible()
    context.close()


def test_only_main_content_is_indexed(feeds_site):
    import json
    entry = json.loads((feeds_site / "pagefind/pagefind-entry.json").read_text())
    (language,) = entry["languages"]
    assert language == "ar"
    # item pages, the home page and hand-written pages are indexed; generated lists and the
    # search page are not (their words belong to the pages they list)
    html = (feeds_site / "events/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in html
    event = (feeds_site / "events/future-workshop/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body data-pagefind-filter="section:events"' in event
    assert "data-pagefind-body" not in (feeds_site / "search/index.html").read_text(encoding="utf-8")


def test_first_search_weight_is_measured_and_bounded(browser, search_server, record_property):
    """The full breakdown is `bench/search_weight.py`; here the total must stay bounded."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    sizes = []
    page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url and r.ok else None)
    page.goto(search_server + "search/")
    assert sizes == []
    search(page, "اجازة")
    page.wait_for_load_state("networkidle")
    record_property("first_search_bytes", sum(sizes))
    assert 50_000 < sum(sizes) < 300_000, sum(sizes)  # the WebAssembly alone is ~70 KB
    context.close()
