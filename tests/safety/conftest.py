"""Fixtures of the safety tests: browser contexts set up per test (permissions, geolocation,
JavaScript off…), each watched and cut off from the outside world. Helpers: safety_browser.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# safety_browser for the tests here; appended, so `conftest` still names the root one.
sys.path.append(str(Path(__file__).resolve().parent))
from safety_browser import OUTSIDE, PHONE, Outside, Watch  # noqa: E402


@pytest.fixture
def open_page(browser):
    """open_page(**context_options) -> (page, outside, watch): a fresh context per call, so each
    has its own permissions, geolocation, JavaScript switch and storage; all closed at the end."""
    contexts = []

    def make(**options):
        options = {"viewport": PHONE, "locale": "ar", **options}
        context = browser.new_context(**options)
        contexts.append(context)
        outside, watch = Outside(), Watch()
        context.route(OUTSIDE, outside.handle)
        page = context.new_page()
        page.on("request", lambda request: watch.requests.append(request.url))
        page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
        return page, outside, watch

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site_and_forms(sample_site, tmp_path_factory):
    """The sample site and the form service on one origin, as `make run` serves them (gunicorn,
    forms_service.devserver), with the sample's "today"; yields (base URL, her manage page path)."""
    from forms_origin import serve_site_and_forms

    with serve_site_and_forms(sample_site, tmp_path_factory.mktemp("forms")) as served:
        yield served
