"""The sample site in a real browser: it loads, is right-to-left, and logs no errors."""
from __future__ import annotations


def test_home_page_loads_rtl_without_console_errors(site_server, page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(site_server)
    assert response.status == 200
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").first.inner_text() == "مراكز تواصل"
    assert errors == []
