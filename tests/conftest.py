"""Shared fixtures: the repository root, and real MkDocs builds of real content trees."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_build import SAMPLE_TODAY, mkdocs_build  # noqa: E402  (re-exported for the tests)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's sample site, built once for the session with a fixed "today"."""
    dest = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest


# --- Serving and browsing -------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium from calling home on this closed network (see the machine notes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site_server(sample_site):
    """The built sample site over real HTTP on a free loopback port; yields the base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# The browser's "today" is the tests' own, like the servers' (TAWASUL_TODAY): noon in Palestine.
BROWSER_NOW = datetime.fromisoformat(f"{SAMPLE_TODAY}T12:00:00+02:00")
# libfaketime's variables: the suite may run under `faketime` to prove it ignores the machine's
# date (README, "Tests"), but Chromium and Playwright's driver hang under it, so they start
# without them and get the tests' today from Playwright's clock instead.
def _faketime_variables() -> list[str]:
    return [name for name in os.environ
            if name in ("LD_PRELOAD", "DONT_FAKE_MONOTONIC") or name.startswith("FAKETIME")]


class _TodaysBrowser:
    """The Playwright browser, whose every new context runs its pages' clocks from BROWSER_NOW."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.clock.install(time=BROWSER_NOW)
        return context


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; nothing downloads a browser."""
    from playwright.sync_api import sync_playwright

    # Without a font that has Arabic glyphs, axe-core takes Arabic words for icon ligatures and
    # skips its "label in name" check: the accessibility tests would pass without checking.
    arabic = subprocess.run(["fc-list", ":lang=ar", "family"], capture_output=True, text=True).stdout.strip()
    assert arabic, "no font with Arabic glyphs (fc-list :lang=ar): install fonts-dejavu-core"
    saved = {name: os.environ.pop(name) for name in _faketime_variables()}
    try:
        playwright = sync_playwright().start()
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
                                              env={k: v for k, v in os.environ.items()})
    finally:
        os.environ.update(saved)
    yield _TodaysBrowser(chromium)
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    """A fresh context per test (no shared cookies or storage), phone-sized by default."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ar")
    page = context.new_page()
    yield page
    context.close()
