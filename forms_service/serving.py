"""How the service is put on the web: under its URL prefix (production, wsgi.py), and beside the
built static site on one origin (`make run`, devserver.py). No app is built here, so importing
this module never starts a second app."""
from __future__ import annotations

import gc
from pathlib import Path

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from whitenoise import WhiteNoise


def settle() -> None:
    """Called once the app is loaded (in gunicorn's master with preload_app, else in each
    worker): its ~150,000 long-lived objects (catalogue, templates, mappers) leave the cyclic
    collector's reach. A full collection walked them all, about 80 ms of CPU (issue 17's notes), during
    which the worker's other threads wait; frozen, they are also not written to by the collector,
    so forked workers keep sharing those pages with the master. Refcounting still frees them."""
    gc.collect()
    gc.freeze()


def mounted(application, prefix: str, outside=None):
    """`application` answers under `prefix`; everything else goes to `outside` (default 404)."""
    prefix = prefix.rstrip("/")
    if not prefix:
        return application
    return DispatcherMiddleware(outside or NotFound(), {prefix: application})


def _not_found(page: Path):
    body = page.read_bytes() if page.is_file() else b"Not found"

    def app(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]
    return app


def site_and_forms(site_dir: Path, forms_app, prefix: str):
    """Static files by WhiteNoise (index.html for folders, the site's own 404 page); requests
    under the prefix go to the service. autorefresh: files are looked up per request, so a rebuild
    («publish now» in the coordinator area) shows at once; fine for a development server."""
    static = WhiteNoise(_not_found(site_dir / "404.html"), root=str(site_dir), index_file=True, autorefresh=True)
    return mounted(forms_app, prefix, outside=static)
