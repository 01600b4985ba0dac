"""Rate limits: on form submissions and the coordinators' login, checked only when a POST
reaches them; reading a page is never limited (tests/stack/test_stack_rate_limits.py).

Flask-Limiter looks at every request twice: a hook before each request (for default,
application and blueprint limits) and the route's decorator when the view runs. The service
puts limits on routes only, so the hook found nothing, at a third of the trivial route's CPU
(0.055 of 0.153 ms), and the decorator found nothing on a form's GET (0.04 ms, with the hook
a quarter of the GET). Both are skipped here; bench/forms_cpu.py measures them.
"""
from __future__ import annotations

from functools import wraps

from flask import Flask, request

from .extensions import limiter

# Limits that only Flask-Limiter's before-request hook applies (its configuration names).
_HOOK_LIMITS = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def init_app(app: Flask) -> None:
    limiter.init_app(app)
    if not any(app.config.get(name) for name in _HOOK_LIMITS):
        app.before_request_funcs[None].remove(limiter._check_request_limit)


def posts_limited(limit_value):
    """A route whose POSTs are limited to `limit_value` per client (extensions.client_key);
    its GETs go to the view without the limiter."""
    decorate = limiter.limit(limit_value, methods=["POST"])

    def wrap(view):
        checked = decorate(view)

        @wraps(view)  # keeps the view's marks (csrf_in_form, large_body) for security.py
        def dispatch(*args, **kwargs):
            return (checked if request.method == "POST" else view)(*args, **kwargs)
        return dispatch
    return wrap
