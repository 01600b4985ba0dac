"""The coordinator's first page: her events' numbers and the submissions waiting for her; and
«publish now»."""
from __future__ import annotations

from pathlib import Path

from flask import current_app, flash, redirect, render_template, url_for


from ..config import today
from ..services import moderation, publish as publishing, registration_admin
from . import scope


def dashboard():
    cat, day = scope.catalogue(), today()
    events = [e for e in scope.events(cat) if e.registration]
    numbers = registration_admin.numbers_by_event([e.slug for e in events])
    pending = moderation.queue(scope.governorate_filter())
    return render_template("admin/dashboard.html", catalogue=cat, numbers=numbers, pending=pending,
                           upcoming=[e for e in events if e.end_date >= day],
                           past=[e for e in reversed(events) if e.end_date < day])


def publish():
    config = current_app.config
    try:
        seconds = publishing.publish(Path(config["CONTENT_ROOT"]), Path(config["SITE_DIR"]), scope.me().username)
    except publishing.BuildBusy:
        flash("يجري نشر الموقع الآن بطلب آخر؛ انتظري دقيقة ثم حدّثي الصفحة.", "error")
    except publishing.BuildFailed as failure:
        current_app.logger.error("site build failed:\n%s", failure)
        flash("تعذّر بناء الموقع؛ بقي الموقع المنشور كما كان. راجعي سجلّ الخادم أو شغّلي make check.", "error")
    else:
        flash(f"نُشر الموقع من جديد في {seconds:.1f} ثانية.", "ok")
    return redirect(url_for("admin.dashboard"), code=303)
