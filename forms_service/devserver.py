"""What `make run` serves on http://127.0.0.1:8000: the built static site and the form service
under /forms/, on one origin as in production (where nginx does this job).

Static files are served by WhiteNoise (index.html for folders, the site's own 404 page);
everything under /forms goes to the Flask app.
"""
from __future__ import annotations

import os
from pathlib import Path

from whitenoise import WhiteNoise

from . import create_app
from .config import REPO_ROOT
from .wsgi import mounted


def _not_found(page: Path):
    body = page.read_bytes() if page.is_file() else b"Not found"

    def app(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]
    return app


def site_and_forms(site_dir: Path, forms_app, prefix: str = "/forms"):
    # autorefresh: files are looked up per request, so a rebuild («publish now» in the
    # coordinator area) shows at once; fine for a development server.
    static = WhiteNoise(_not_found(site_dir / "404.html"), root=str(site_dir), index_file=True, autorefresh=True)
    forms = mounted(forms_app, prefix)
    # Requests under the prefix go to the service; everything else to the static site.
    forms.app = static
    return forms


app = site_and_forms(Path(os.environ.get("TAWASUL_SITE_DIR", REPO_ROOT / "site")), create_app())
