"""Response headers for every page of the service (guide §5)."""
from __future__ import annotations

from functools import wraps

from flask import Flask, abort, current_app, request

from tawasul.deploy import csp

from .extensions import csrf
from .error_pages import BadInput

# Our pages send only these. Anything else (JSON above all: Flask-WTF would read it and hand
# numbers, lists and objects to validators written for text) is refused before any view runs.
FORM_ENCODINGS = {"application/x-www-form-urlencoded", "multipart/form-data"}

HEADERS = {
    # No scripts at all; styles from this origin only (the site's stylesheet and ours).
    "Content-Security-Policy": csp.FORMS,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: Flask-WTF checks the Referer of HTTPS POSTs.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def form_checks_csrf(view):
    """Marks a view whose FlaskForm validates the CSRF token itself (and keeps her input)."""
    view.csrf_in_form = True
    return view


def reads_large_body(limit_key: str, files: bool = False):
    """Marks a view that may be sent more than MAX_CONTENT_LENGTH (an article's text, a picture).
    The guards below leave its body unread; the view itself raises the limit to
    `config[limit_key]` when it runs, that is after sign-in and any role check wrapped around
    it, so nobody unknown can make the service read more than the usual 32 KiB. Its FlaskForm
    checks the CSRF token. File parts are refused unless `files`."""
    def mark(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            request.max_content_length = current_app.config[limit_key]
            if not files and request.method == "POST" and request.files:
                raise BadInput()
            return view(*args, **kwargs)
        wrapper.large_body = True
        wrapper.csrf_in_form = True
        return wrapper
    return mark


def _csrf_guard():
    if request.method in ("GET", "HEAD", "OPTIONS") or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    if not getattr(view, "csrf_in_form", False):
        csrf.protect()


def _body_guard():
    """Only form bodies, and no file parts (no form of the service takes a file)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.mimetype not in FORM_ENCODINGS and (request.mimetype or request.content_length
                                                   or request.headers.get("Transfer-Encoding")):
        abort(415)
    if getattr(current_app.view_functions.get(request.endpoint), "large_body", False):
        return  # read by the view itself, under its own limit (reads_large_body)
    if request.mimetype == "multipart/form-data" and request.files:
        raise BadInput()


def init_app(app: Flask) -> None:
    app.before_request(_body_guard)
    app.before_request(_csrf_guard)

    @app.after_request
    def _headers(response):
        response.headers.update(HEADERS)
        if response.mimetype == "text/css":
            response.headers["Cache-Control"] = "public, max-age=3600"
        else:
            # Forms, confirmations and manage pages hold her data: never cached anywhere.
            response.headers["Cache-Control"] = "no-store"
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response
