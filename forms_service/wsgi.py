"""Production entry point: `gunicorn -c deploy/gunicorn.conf.py forms_service.wsgi:app`.

The service answers under FORMS_URL_PREFIX (default /forms, config.py), so nginx can pass
/forms/ through unchanged on the same origin as the static site; url_for() then builds /forms/…
links. Set it to "" when a proxy strips the prefix itself (and then set FORMS_PROXY_FIX for
X-Forwarded-Prefix).
"""
from __future__ import annotations

from . import create_app
from .serving import mounted, settle

application = create_app()
app = mounted(application, application.config["URL_PREFIX"])
settle(application)
