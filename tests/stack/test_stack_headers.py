"""What nginx (deploy/nginx/tawasul.conf.in) sends for every kind of response, through the real
stack: security headers (each exactly once), caching, content types and compression."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests
from support.loopback_stack import open_event

from tawasul.deploy.nginx import BROTLI_MODULE

YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"


def _one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


def site_paths(site: Path) -> dict[str, tuple[str, str, str]]:
    """A path of each kind of static response -> (its type, its Cache-Control, its CSP kind)."""
    return {
        "home": ("/", "text/html", SHORT),
        "article": (_one(site, "awareness/*/index.html").removesuffix("index.html"), "text/html", SHORT),
        "event": (_one(site, "events/*-20*/index.html").removesuffix("index.html"), "text/html", SHORT),
        "search page": ("/search/", "text/html", SHORT),
        "hashed stylesheet": (_one(site, "assets/stylesheets/main.*.min.css"), "text/css", YEAR),
        "own stylesheet": ("/assets/css/tawasul.css", "text/css", SHORT),
        "search script": ("/assets/js/search.js", "application/javascript", SHORT),
        "search index chunk": (_one(site, "pagefind/index/*.pf_index"), "application/octet-stream", YEAR),
        "search entry": ("/pagefind/pagefind.js", "application/javascript", SHORT),
        "events feed": ("/events/feeds/events.xml", "text/xml", SHORT),
        "awareness feed": ("/awareness/feed.xml", "text/xml", SHORT),
        "calendar": ("/events/feeds/all.ics", "text/calendar", SHORT),
        "open data table": ("/open-data/hsds/services.csv", "text/csv", SHORT),
        "open data records": ("/open-data/hsds/organizations.json", "application/json", SHORT),
        "sitemap": ("/sitemap.xml", "text/xml", SHORT),
    }


def form_paths(stack) -> dict[str, tuple[str, str]]:
    slug = open_event(stack)
    return {"registration form": (f"/forms/events/{slug}/register", "text/html"),
            "activity form": ("/forms/activities/new", "text/html"),
            "forms index": ("/forms/", "text/html"),
            "health": ("/forms/health", "text/plain")}


def headers_of(stack, path: str, **kwargs) -> requests.Response:
    return stack.session().get(stack.url(path), timeout=30, allow_redirects=False, **kwargs)


def _count(answer: requests.Response, name: str) -> int:
    return len(answer.raw.headers.getlist(name))


SECURITY = ("Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
            "Content-Security-Policy")


def assert_security_headers(answer: requests.Response, referrer: str) -> None:
    for name in SECURITY:
        assert _count(answer, name) == 1, (answer.url, name, answer.raw.headers.getlist(name))
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Referrer-Policy"] == referrer
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in answer.headers["Content-Security-Policy"]
    assert "Server" not in answer.headers or "/" not in answer.headers["Server"]  # no version


SITE_KINDS = ["home", "article", "event", "search page", "hashed stylesheet", "own stylesheet", "search script",
              "search index chunk", "search entry", "events feed", "awareness feed", "calendar", "sitemap"]


@pytest.mark.parametrize("kind", SITE_KINDS)
def test_site_responses_carry_the_site_headers(stack, kind):
    path, mime, cache = site_paths(stack.site)[kind]
    answer = headers_of(stack, path)
    assert answer.status_code == 200, path
    assert answer.headers["Content-Type"].split(";")[0] == mime, path
    assert answer.headers["Cache-Control"] == cache, path
    assert_security_headers(answer, "no-referrer")
    csp = answer.headers["Content-Security-Policy"]
    # WebAssembly only where Pagefind runs: the search page and the scripts that compile it.
    assert ("'wasm-unsafe-eval'" in csp) == (kind in ("search page", "search script", "search entry")), csp
    assert "script-src 'self'" in csp and "default-src 'self'" in csp


def test_missing_pages_get_the_sites_404_page_with_the_same_headers(stack):
    answer = headers_of(stack, "/no/such/page/")
    assert answer.status_code == 404
    assert answer.text == (stack.site / "404.html").read_text(encoding="utf-8")
    assert_security_headers(answer, "no-referrer")


@pytest.mark.parametrize("kind", ["registration form", "activity form", "forms index", "health"])
def test_form_service_responses_are_never_cached_and_keep_the_referrer_on_the_origin(stack, kind):
    path, mime = form_paths(stack)[kind]
    answer = headers_of(stack, path)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].split(";")[0] == mime
    assert answer.headers["Cache-Control"] == "no-store"
    assert_security_headers(answer, "same-origin")
    # The service's own policy (it runs no script at all), not the site's.
    assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
    # Not compressed: these pages carry CSRF tokens and what she typed (BREACH).
    assert "Content-Encoding" not in answer.headers


def test_the_service_stylesheet_is_cached_briefly(stack):
    answer = headers_of(stack, "/forms/static/forms.css")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/css")
    assert answer.headers["Cache-Control"] == "public, max-age=3600"
    assert_security_headers(answer, "same-origin")


def test_plain_http_only_redirects_to_https(stack):
    session = stack.session()
    for path in ("/", "/forms/events/x/register?a=1"):
        answer = session.get(stack.http_origin + path, allow_redirects=False, timeout=30)
        assert answer.status_code == 301
        assert answer.headers["Location"] == stack.origin + path


TEXT_KINDS = ["home", "event", "hashed stylesheet", "own stylesheet", "search script", "events feed", "calendar", "sitemap"]


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_text_is_compressed_with_gzip(stack, kind):
    path = site_paths(stack.site)[kind][0]
    plain = headers_of(stack, path, headers={"Accept-Encoding": "identity"})
    packed = headers_of(stack, path, headers={"Accept-Encoding": "gzip"}, stream=True)
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    wire = packed.raw.read(decode_content=False)
    assert len(wire) < len(plain.content) / 2, (path, len(wire), len(plain.content))


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_text_is_compressed_with_brotli_when_debian_has_the_module(stack, kind):
    assert BROTLI_MODULE.exists(), "make test installs libnginx-mod-http-brotli-filter"
    path = site_paths(stack.site)[kind][0]
    plain = headers_of(stack, path, headers={"Accept-Encoding": "identity"})
    packed = headers_of(stack, path, headers={"Accept-Encoding": "br, gzip"}, stream=True)
    assert packed.headers["Content-Encoding"] == "br"
    # That it decodes to the page is shown by Chromium, which asks for br over HTTPS (browser flow).
    assert len(packed.raw.read(decode_content=False)) < len(plain.content) / 2
