"""Helpers for the safety tests: a watch on every request and error of a page, a stand-in for
the outside world, and axe-core. The `open_page` fixture (conftest.py) puts them together."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}

# Any address that is not this machine. The network here is closed, and the site must never
# reach out anyway; links that leave the site (the quick exit) are answered by `Outside`.
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@dataclass
class Outside:
    """The rest of the web, as far as a test can see it: every request that would leave the
    machine is recorded and answered with a plain page."""
    requests: list = field(default_factory=list)
    # When set, requests wait unanswered until `release()`: the old page stays on screen, so a
    # test can look at it "before the neutral site answered" without racing the navigation.
    hold: bool = False
    held: list = field(default_factory=list)

    def handle(self, route):
        self.requests.append(route.request)
        if self.hold:
            self.held.append(route)
        else:
            self._answer(route)

    def release(self):
        while self.held:
            self._answer(self.held.pop(0))

    @staticmethod
    def _answer(route):
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>neutral</title>")


@dataclass
class Watch:
    """What a page did: every request, console error and uncaught exception."""
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests}


def axe_violations(page) -> list[dict]:
    """Run axe-core, from the npm package, on the page; returns the violations, summarised."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document);
        return result.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")


def assert_accessible(page) -> None:
    """No axe-core violation on the page she is looking at."""
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)
