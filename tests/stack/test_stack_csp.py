"""Zero Content-Security-Policy violations and script errors in Chromium on every page type, site
and forms, under the headers nginx sends (and the pages' own policies, where they have one);
search runs a real query, so Pagefind's WebAssembly is compiled under the header's policy."""
from __future__ import annotations

import pytest
from support.stack_browser import PAGE_TYPES, CspWatch, page_types, stack_context


@pytest.fixture
def watched_page(browser):
    context = stack_context(browser)
    page = context.new_page()
    watch = CspWatch()
    watch.attach(page)
    yield page, watch
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_policy_violation_on_any_page_type(stack, watched_page, kind):
    page, watch = watched_page
    page.goto(stack.url(page_types(stack.site)[kind]))
    page.wait_for_load_state("load")
    watch.collect(page)
    assert watch.problems() == []
    assert page.locator("h1").count() >= 1


def test_search_runs_pagefind_under_the_policy(stack, watched_page):
    page, watch = watched_page
    page.goto(stack.url("/search/"))
    page.wait_for_selector("form.tw-search__form:not([hidden])")
    page.fill("#tw-search-q", "المراة")
    page.press("#tw-search-q", "Enter")
    page.wait_for_selector(".tw-search__results a")
    watch.collect(page)
    assert watch.problems() == []


def test_the_watch_sees_a_violation(stack, watched_page):
    """The check above can fail: an inline script, which the policy forbids, is reported."""
    page, watch = watched_page
    page.goto(stack.url("/"))
    page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), {textContent: 'x = 1'}))")
    page.wait_for_function("window.__cspViolations.length > 0")
    watch.collect(page)
    assert any("script-src" in problem for problem in watch.problems())
