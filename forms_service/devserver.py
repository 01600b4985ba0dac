"""What `make run` serves on http://127.0.0.1:8000: the built static site (TAWASUL_SITE_DIR,
config.py) and the form service under /forms/, on one origin as in production (where nginx
does this job). One app: this module does not import wsgi.py, which would build a second."""
from __future__ import annotations

from pathlib import Path

from . import create_app
from .serving import settle, site_and_forms

application = create_app()
app = site_and_forms(Path(application.config["SITE_DIR"]), application, application.config["URL_PREFIX"])
settle(application)
