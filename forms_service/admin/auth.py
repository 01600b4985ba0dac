"""Signing in and out, and the guard in front of every other admin view.

Every attempt is logged with its outcome and the account name, never the password; a name
that matches no account is not logged either (people type their password into it by mistake).
"""
from __future__ import annotations

import logging
from functools import wraps

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from ..services import accounts, admin_sessions, audit
from .forms import LoginForm

log = logging.getLogger("forms_service.admin.login")

GENERIC_FAILURE = ("تعذّر تسجيل الدخول. تحقّقي من اسم المستخدم وكلمة المرور ورمز التحقق، "
                   "أو انتظري قليلاً ثم حاولي مرة أخرى.")
PUBLIC_ENDPOINTS = {"admin.login"}


def _cookie() -> str:
    return current_app.config["ADMIN_COOKIE_NAME"]


def _cookie_path() -> str:
    return url_for("admin.dashboard")


def require_login():
    token = request.cookies.get(_cookie())
    g.coordinator = admin_sessions.coordinator_for(token)
    if g.coordinator is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for("admin.login"), code=303)
    return None


def ministry_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.coordinator.is_ministry:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def login():
    if g.coordinator is not None:
        return redirect(url_for("admin.dashboard"), code=303)
    form = LoginForm()
    if request.method == "GET":
        return render_template("admin/login.html", form=form)
    if form.unexpected_input() or not form.validate():
        return render_template("admin/login.html", form=form), 400 if form.csrf_failed() else 422
    try:
        account = accounts.authenticate(form.username.data, form.password.data, form.code.data)
    except accounts.LoginFailed as failure:
        known = failure.account is not None  # the audit entry is written by the service, in the same transaction
        log.warning("admin login failed: account=%s reason=%s",
                    failure.account.username if known else "(no such account)", failure.reason)
        return render_template("admin/login.html", form=form, failure=GENERIC_FAILURE), 401
    token = admin_sessions.open_session(account, request.cookies.get(_cookie()))
    session.pop("csrf_token", None)  # a fresh CSRF token with the fresh session
    log.info("admin login: account=%s", account.username)
    audit.record(account.username, "login", "account", account.username)
    response = redirect(url_for("admin.dashboard"), code=303)
    response.set_cookie(_cookie(), token, httponly=True, samesite="Strict", path=_cookie_path(),
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def logout():
    admin_sessions.close_session(request.cookies.get(_cookie()))
    audit.record(g.coordinator.username, "logout", "account", g.coordinator.username)
    log.info("admin logout: account=%s", g.coordinator.username)
    response = redirect(url_for("admin.login"), code=303)
    response.delete_cookie(_cookie(), path=_cookie_path(), httponly=True, samesite="Strict",
                           secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
