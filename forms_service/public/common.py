"""Helpers shared by the public views."""
from __future__ import annotations

from flask import render_template, session

from tawasul.catalogue import Catalogue

from ..blank_forms import blank_form_page, posted_form as posted_form_of
from ..content import catalogue
from ..base_forms import GuardedForm
from ..error_pages import BadInput


def governorate_choices(cat: Catalogue) -> list[tuple[str, str]]:
    return [(g.slug, g.name) for g in cat.governorates.values()]


def check_form(form: GuardedForm, template: str, **context):
    """The common top of every form POST. Returns a response to send now, or None to go on:
    tampered input → 400; honeypot → a fake success, nothing stored; invalid → the form again,
    her input kept (400 when the CSRF token failed, 422 otherwise). The page's single use is
    claimed by the service, in the transaction that stores the submission (`form.page()`); the
    view answers its `PageUsed` with `page_sent_before` (409) and a stored one with `page_used_up`."""
    if form.unexpected_input():
        raise BadInput()
    if form.is_submitted_by_bot():
        return render_template("outcomes/received.html"), 200
    if form.validate():
        return None
    return render_form(form, template, status=400 if form.csrf_failed() else 422, **context)


def page_sent_before(form: GuardedForm, template: str, **context):
    form.page_used()
    return render_form(form, template, status=409, **context)


def page_used_up() -> None:
    # The session cookie only carried the CSRF token, now used: it goes (the safety page says so).
    session.clear()


def render_form(form: GuardedForm, template: str, status: int = 200, **context):
    return render_template(template, form=form, time_token=form.fresh_token(), **context), status


def blank_form(make_form, template: str, **context):
    """A GET of a form page: rendered once per content version (blank_forms.py)."""
    return blank_form_page(catalogue(), make_form, template, **context), 200


def posted_form(make_form):
    """A POST's form, its fields bound once per content version (blank_forms.py)."""
    return posted_form_of(catalogue(), make_form)
