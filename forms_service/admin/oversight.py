"""The ministry's pages: the audit log and the coordinator accounts."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from tawasul.dates import DEFAULT_TZ

from ..admin_models import Coordinator
from ..extensions import db
from ..services import accounts as account_service, audit
from . import scope
from .auth import ministry_only


@ministry_only
def audit_log():
    return render_template("admin/audit.html", entries=audit.latest(), action_name=audit.action_name,
                           object_name=audit.object_name, local=lambda at: account_service.aware(at).astimezone(DEFAULT_TZ))


@ministry_only
def accounts():
    return render_template("admin/accounts.html", accounts=account_service.all_accounts(),
                           catalogue=scope.catalogue())


@ministry_only
def set_disabled(account_id: int, change: str):
    account = db.session.get(Coordinator, account_id)
    if account is None:
        abort(404)
    if account.id == scope.me().id:
        flash("لا يمكنك إيقاف حسابك أنتِ.", "error")
        return redirect(url_for("admin.accounts"), code=303)
    account_service.set_disabled(account.username, change == "disable")
    audit.record(scope.me().username, f"account_{change}", "account", account.username)
    flash("أُوقف الحساب وأُنهيت جلساته." if change == "disable" else "أُعيد تفعيل الحساب.", "ok")
    return redirect(url_for("admin.accounts"), code=303)
