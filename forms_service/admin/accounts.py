"""The ministry's page of coordinator accounts: the list, a new account, disable and enable,
and resets of a password or a TOTP secret. The rules and the audit records are the accounts
service's (services/accounts.py), the same the CLI uses.

A new password or secret is made by the service and shown once, in the answer to the POST that
made it: never put in a redirect, a flash message (the session cookie would carry it), a URL,
the log or the audit log. The answer is `no-store` like every admin page.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from ..admin_models import Coordinator, Role
from ..error_pages import BadInput
from ..extensions import db
from ..fields import options
from ..services import accounts as account_service, passwords, totp
from . import scope
from .auth import ministry_only
from .forms import AccountForm

RESETS = {"password": "كلمة مرور جديدة", "totp": "رمز جديد للتحقق بخطوتين"}


@ministry_only
def accounts():
    return render_template("admin/accounts.html", accounts=account_service.all_accounts(),
                           catalogue=scope.catalogue())


@ministry_only
def new_account():
    form = AccountForm()
    form.governorate.choices = options([("", "اختاري المحافظة")] + scope.governorate_choices(scope.catalogue()))
    status = 200
    if request.method == "POST":
        if form.unexpected_input():
            raise BadInput()
        if form.validate():
            password = passwords.generate()
            try:
                account = account_service.create(
                    form.username.data, form.display_name.data, Role(form.role.data), form.governorate_or_none(),
                    password, bool(form.totp.data), actor=scope.me().username)
            except account_service.UsernameTaken:
                form.username.errors = ["يوجد حساب بهذا الاسم؛ اختاري اسماً آخر"]
            else:
                return _shown_once(account, "أُنشئ الحساب", password, account.totp_secret, reset=False)
        status = 400 if form.csrf_failed() else 422
    return render_template("admin/account_new.html", form=form), status


def _account_or_404(account_id: int) -> Coordinator:
    account = db.session.get(Coordinator, account_id)
    if account is None:
        abort(404)
    scope.back_to(url_for("admin.accounts"))  # where a refusal (her own account) returns her
    return account


@ministry_only
def set_disabled(account_id: int, change: str):
    account = _account_or_404(account_id)
    account_service.set_disabled(account.username, change == "disable", actor=scope.me().username)
    flash("أُوقف الحساب وأُنهيت جلساته." if change == "disable" else "أُعيد تفعيل الحساب.", "ok")
    return redirect(url_for("admin.accounts"), code=303)


@ministry_only
def reset_account(account_id: int, what: str):
    """GET: what the reset does, and the button; POST: the reset, and the new secret shown once."""
    account = _account_or_404(account_id)
    if request.method == "GET":
        return render_template("admin/account_reset.html", account=account, what=what, thing=RESETS[what])
    actor = scope.me().username
    if what == "password":
        password = passwords.generate()
        account = account_service.reset(account.username, password, new_totp=False, actor=actor)
        return _shown_once(account, "أُعيد تعيين كلمة المرور", password, None, reset=True)
    account = account_service.reset_totp(account.username, actor=actor)
    return _shown_once(account, "أُعيد تعيين التحقق بخطوتين", None, account.totp_secret, reset=True)


def _shown_once(account: Coordinator, heading: str, password: str | None, secret: str | None, reset: bool):
    uri = totp.provisioning_uri(secret, account.username) if secret else None
    return render_template("admin/account_secret.html", account=account, heading=heading, password=password,
                           totp_secret=secret, totp_uri=uri, reset=reset)
