"""The coordinator's first page: her events' numbers, the submissions waiting for her, and
where the publishing of the newest content stands."""
from __future__ import annotations

from flask import current_app, render_template

from tawasul.git_store import GitFailed

from ..config import today
from ..content import writer
from ..services import moderation, registration_admin
from . import editing, scope


def dashboard():
    cat, day = scope.catalogue(), today()
    events = [e for e in scope.events(cat) if e.registration]
    numbers = registration_admin.numbers_by_event([e.slug for e in events])
    pending = moderation.queue(scope.governorate_filter())
    try:
        tip = writer().store.tip()
        publishing = editing.publish_status(tip)
    except GitFailed:  # not a git checkout: the page says so instead of failing
        current_app.logger.error("the content root is not a usable git repository")
        tip = publishing = None
    return render_template("admin/dashboard.html", catalogue=cat, numbers=numbers, pending=pending,
                           upcoming=[e for e in events if e.end_date >= day],
                           past=[e for e in reversed(events) if e.end_date < day],
                           tip=tip, publishing=publishing)
