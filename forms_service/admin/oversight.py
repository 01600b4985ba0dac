"""The ministry's audit log (the coordinator accounts: admin/accounts.py)."""
from __future__ import annotations

from flask import render_template

from tawasul.dates import DEFAULT_TZ

from ..services import accounts as account_service, audit
from .auth import ministry_only


@ministry_only
def audit_log():
    return render_template("admin/audit.html", entries=audit.latest(), action_name=audit.action_name,
                           object_name=audit.object_name, local=lambda at: account_service.aware(at).astimezone(DEFAULT_TZ))
