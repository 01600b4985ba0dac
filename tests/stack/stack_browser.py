"""Chromium through the stack's nginx: a browser context that trusts the stack's throwaway
certificate, and a watch on every Content-Security-Policy violation and script error."""
from __future__ import annotations

from dataclasses import dataclass, field

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
