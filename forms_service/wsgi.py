"""Production entry point: `gunicorn -c deploy/gunicorn.conf.py forms_service.wsgi:app`.

The service answers under FORMS_URL_PREFIX (default /forms), so nginx can pass /forms/ through
unchanged on the same origin as the static site; url_for() then builds /forms/… links. Set it
to "" when a proxy strips the prefix itself (and then set FORMS_PROXY_FIX for X-Forwarded-Prefix).
"""
from __future__ import annotations

import os

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from . import create_app


def mounted(application, prefix: str):
    prefix = prefix.rstrip("/")
    return DispatcherMiddleware(NotFound(), {prefix: application}) if prefix else application


application = create_app()
app = mounted(application, os.environ.get("FORMS_URL_PREFIX", "/forms"))
