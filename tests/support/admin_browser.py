"""Chromium looking at the coordinator area served in-process: every request the page makes to
ORIGIN is answered by a signed-in coordinator's Flask test client (GETs and form POSTs alike),
and the site's own stylesheets and scripts (`/assets/…`, which the form pages link to) come from
theme/assets, as `make run` serves them. No server to start, the same HTML, CSS and redirects."""
from __future__ import annotations

import mimetypes
from urllib.parse import urlsplit

from . import ROOT

ORIGIN = "http://tawasul.test"
ASSETS = ROOT / "theme"


def answer_from(client):
    def handle(route, request):
        parts = urlsplit(request.url)
        if parts.path.startswith("/assets/"):
            file = ASSETS / parts.path.lstrip("/")
            if file.is_file():
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                return route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": kind})
            return route.fulfill(status=404, body=b"")
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": request.headers.get("content-type", "")} if request.method == "POST" else {}
        answer = client.open(target, method=request.method, data=request.post_data_buffer, headers=headers)
        route.fulfill(status=answer.status_code, body=answer.get_data(),
                      headers={k: v for k, v in answer.headers.items() if k.lower() != "content-length"})
    return handle


def coordinator_page(browser, client, **options):
    """A fresh browser context whose requests to ORIGIN reach `client` (the coordinator's own)."""
    context = browser.new_context(locale="ar", bypass_csp=True, **options)  # CSP bypassed only to inject axe
    context.route(f"{ORIGIN}/**", answer_from(client))
    return context, context.new_page()
