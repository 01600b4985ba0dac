"""The ministry's audit log reads in Arabic and in Palestine's local time (issue 10 §8)."""
from __future__ import annotations

from datetime import datetime, timezone

from admin_support import text_of
from sqlalchemy import update

from forms_service.admin_models import AuditEntry
from forms_service.extensions import db


def test_audit_log_shows_arabic_labels_and_palestine_time(app, staff):
    staff("huda", login=False).login(password="wrong-password-here")
    staff("huda")
    with app.app_context():  # a fixed moment: 10:30 UTC in winter is 12:30 in Palestine (UTC+2)
        db.session.execute(update(AuditEntry).values(at=datetime(2026, 11, 29, 10, 30, tzinfo=timezone.utc)))
        db.session.commit()
    page = text_of(staff("wizara").client.get("/admin/audit"))
    assert "محاولة دخول فاشلة" in page and "دخول" in page and "حساب" in page
    assert "login_failed" not in page
    assert "الوقت (بتوقيت فلسطين)" in page and "2026-11-29 12:30" in page
