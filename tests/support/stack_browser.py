"""Chromium through the stack's nginx: a browser context that trusts the stack's throwaway
certificate, and a watch on every Content-Security-Policy violation and script error."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Recorded before any page script runs; the listener is injected by the browser itself, so the
# page's own policy does not apply to it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
    window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' on ' + e.documentURI));
"""


@dataclass
class CspWatch:
    """Console messages about the policy, violation events, and uncaught errors, per page."""
    console: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    visited: list = field(default_factory=list)
    events: list = field(default_factory=list)

    def attach(self, page) -> None:
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}")
                if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("framenavigated", lambda frame: self.visited.append(frame.url) if frame == page.main_frame else None)

    def collect(self, page) -> None:
        """The violation events of the page now shown (call before leaving it)."""
        self.events += page.evaluate("window.__cspViolations || []")

    def problems(self) -> list:
        return self.console + self.errors + self.events


def stack_context(browser, **options):
    return browser.new_context(ignore_https_errors=True, viewport={"width": 360, "height": 740}, locale="ar",
                               **options)


# One page of every type, site and forms (the CSP test and `make bench` visit each).
def page_types(site: Path) -> dict[str, str]:
    def first(pattern: str) -> str:
        return "/" + sorted(site.glob(pattern))[0].parent.relative_to(site).as_posix() + "/"
    return {"home": "/", "awareness index": "/awareness/", "article": first("awareness/*/index.html"),
            "centres index": "/centres/", "centre": first("centres/*/index.html"), "events index": "/events/",
            "event": first("events/*-20*/index.html"), "campaigns index": "/campaigns/",
            "campaign": first("campaigns/*/index.html"), "occasions index": "/occasions/",
            "occasion": first("occasions/*/index.html"), "about": "/about/", "404": "/no/such/page/",
            "forms index": "/forms/", "activity form": "/forms/activities/new", "coordinator login": "/forms/admin/login"}


PAGE_TYPES = [
    "home", "awareness index", "article", "centres index", "centre", "events index", "event", "campaigns index",
    "campaign", "occasions index", "occasion", "about", "404", "forms index", "activity form", "coordinator login"]
