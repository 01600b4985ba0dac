"""Fixtures every suite may use, registered once by tests/conftest.py (`pytest_plugins`):

- `today` for every test (TAWASUL_TODAY = SAMPLE_TODAY; a test that needs another day sets its own);
- the sample site built once, served over HTTP, and Debian's Chromium driven by Playwright;
- a private PostgreSQL cluster and a fresh database of each kind per test (`database_url`), so
  every test taking it runs on SQLite and on PostgreSQL; the form service's content tree.
"""
from __future__ import annotations

import functools
import os
import subprocess
import threading
import uuid
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from . import SAMPLE_TODAY
from .browser import CHROMIUM, CHROMIUM_ARGS
from .forms import forms_content_tree
from .local_services import pg_admin, private_postgres
from .site_build import mkdocs_build


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)


# --- The built sample site, served and browsed --------------------------------------------------

@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's sample site, built once for the session with a fixed "today"."""
    dest = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(sample_site):
    """The built sample site over real HTTP on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# The browser's "today" is the tests' own, like the servers' (TAWASUL_TODAY): noon in Palestine.
BROWSER_NOW = datetime.fromisoformat(f"{SAMPLE_TODAY}T12:00:00+02:00")
# libfaketime's variables: the suite may run under `faketime` to prove it ignores the machine's
# date (README, "Tests"), but Chromium and Playwright's driver hang under it, so they start
# without them and get the tests' today from Playwright's clock instead.
_FAKETIME = ("LD_PRELOAD", "FAKETIME", "FAKETIME_NO_CACHE", "DONT_FAKE_MONOTONIC")


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
    saved = {name: os.environ.pop(name) for name in _FAKETIME if name in os.environ}
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


# --- Databases and the form service's content ---------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server():
    """A private throwaway cluster on 127.0.0.1 (local_services.py)."""
    with private_postgres() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'forms.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = "t_" + uuid.uuid4().hex[:12]
    pg_admin(server, f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def forms_content(tmp_path_factory) -> Path:
    """The small valid tree with one event per registration outcome (forms.EVENTS)."""
    return forms_content_tree(tmp_path_factory.mktemp("forms") / "content")
