"""Blank form pages rendered once per content version, with their two tokens filled per request.

A form opened with GET is the same page for everyone apart from its CSRF token and its time
token: the event, the choices and the labels change only when the content does. Rendering it
(WTForms widgets, escaping, the field macros) cost about 9 times the trivial route, so the page
is rendered once, cut at the two tokens, and later requests join the pieces around fresh tokens.
Nothing personal is in a blank form, so sharing it between visitors shares nothing private; the
session still gets its own CSRF secret through `generate_csrf()` exactly as a full render does.

A POST's form is likewise bound once per content version and URL, without input, and each POST
fills a copy of it (`posted_form`, base_forms.posted_copy): her input lives only in her copy.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from flask import current_app, render_template, request
from flask_wtf.csrf import generate_csrf

from .base_forms import new_time_token, posted_copy

_lock = threading.Lock()


class _Cut:
    """A rendered page as the text between its tokens: pieces[0] tok pieces[1] tok … pieces[-1]."""

    def __init__(self, page: str, csrf: str, started: str):
        self.pieces: list[str] = []
        self.order: list[int] = []  # 0: the CSRF token, 1: the time token
        rest = page
        while True:
            found = [(rest.find(token), kind) for kind, token in enumerate((csrf, started)) if token in rest]
            if not found:
                break
            at, kind = min(found)
            self.pieces.append(rest[:at])
            self.order.append(kind)
            rest = rest[at + len((csrf, started)[kind]):]
        self.pieces.append(rest)

    def fill(self, csrf: str, started: str) -> str:
        tokens = (csrf, started)
        out = [self.pieces[0]]
        for kind, piece in zip(self.order, self.pieces[1:]):
            out += (tokens[kind], piece)
        return "".join(out)


def per_content_version(name: str, content_version: object) -> dict:
    """The app's dict `name` of things made for this content version; a new version starts it empty."""
    state = current_app.extensions.setdefault(name, {"version": None, "made": {}})
    if state["version"] is not content_version:
        with _lock:
            if state["version"] is not content_version:
                state["made"] = {}
                state["version"] = content_version
    return state["made"]


def posted_form(content_version: object, make_form: Callable):
    """The form of this POST, holding her input: a copy of the one `make_form(formdata=None)`
    made for this content version and URL (base_forms.posted_copy), as `make_form()` would give it."""
    prototypes = per_content_version("tawasul_form_prototypes", content_version)
    key = (request.script_root, request.path)
    prototype = prototypes.get(key)
    if prototype is None:
        prototype = prototypes[key] = make_form(formdata=None)
    return posted_copy(prototype)


def blank_form_page(content_version: object, make_form: Callable, template: str, **context) -> str:
    """The page of `template` with a fresh form, as `render_template(template, form=…,
    time_token=…, **context)` would give it. `context` must depend only on the content version
    and the URL: it is rendered for the first request and reused."""
    pages = per_content_version("tawasul_blank_forms", content_version)
    key = (template, request.script_root, request.path)
    csrf, started = generate_csrf(), new_time_token()
    cut = pages.get(key)
    if cut is None:
        page = render_template(template, form=make_form(), time_token=started, **context)
        cut = _Cut(page, csrf, started)
        if cut.order.count(0) != 1 or cut.order.count(1) != 1:
            return page  # not the shape we know: render every time rather than guess
        pages[key] = cut
    return cut.fill(csrf, started)
