"""Helpers for the safety tests: browser contexts with a chosen setup (the `open_page` fixture),
a watch on every request and error of a page, a stand-in for the outside world, and axe-core."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}

# Any address that is not this machine. The network here is closed, and the site must never
# reach out anyway; links that leave the site (the quick exit) are answered by `outside`.
_OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@dataclass
class Outside:
    """The rest of the web, as far as a test can see it: every request that would leave the
    machine is recorded and answered with a plain page."""
    requests: list = field(default_factory=list)

    def handle(self, route):
        self.requests.append(route.request)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>neutral</title>")


@dataclass
class Watch:
    """What a page did: every request, console error and uncaught exception."""
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests}


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
        context.route(_OUTSIDE, outside.handle)
        page = context.new_page()
        page.on("request", lambda request: watch.requests.append(request.url))
        page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
        return page, outside, watch

    yield make
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core, from the npm package, on the page; returns the violations, summarised."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document);
        return result.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
