"""The coordinator's first page: her events' numbers and the submissions waiting for her; and
«publish now»."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from flask import current_app, flash, redirect, render_template, url_for
from sqlalchemy import func, select

from tawasul.dates import today

from ..extensions import db
from ..models import Registration, RegistrationState
from ..services import attendance, audit, moderation, publish as publishing
from . import scope


class EventNumbers:
    """Registrations and people per state, and who attended, for one event."""

    def __init__(self):
        self.registrations = defaultdict(int)
        self.people = defaultdict(int)

    def add(self, key: str, count: int, people: int) -> None:
        self.registrations[key] += count
        self.people[key] += people


def numbers_by_event(slugs: list[str]) -> dict[str, EventNumbers]:
    found: dict[str, EventNumbers] = defaultdict(EventNumbers)
    if not slugs:
        return found
    rows = db.session.execute(
        select(Registration.event_slug, Registration.state, Registration.attended, func.count(),
               func.sum(Registration.seats))
        .where(Registration.event_slug.in_(slugs))
        .group_by(Registration.event_slug, Registration.state, Registration.attended))
    for slug, state, attended, count, people in rows:
        found[slug].add(state.value, count, people)
        if attended and state == RegistrationState.confirmed:
            found[slug].registrations["attended"] += count
    for slug in slugs:  # people, not places: an organisation's participants are marked one by one
        found[slug].people["attended"] = attendance.people_attended(slug)
    return found


def dashboard():
    cat, day = scope.catalogue(), today()
    events = [e for e in scope.events(cat) if e.registration]
    numbers = numbers_by_event([e.slug for e in events])
    pending = moderation.queue(scope.governorate_filter())
    return render_template("admin/dashboard.html", catalogue=cat, numbers=numbers, pending=pending,
                           upcoming=[e for e in events if e.end_date >= day],
                           past=[e for e in reversed(events) if e.end_date < day])


def publish():
    config = current_app.config
    try:
        seconds = publishing.publish(Path(config["CONTENT_ROOT"]), Path(config["SITE_DIR"]))
    except publishing.BuildBusy:
        flash("يجري نشر الموقع الآن بطلب آخر؛ انتظري دقيقة ثم حدّثي الصفحة.", "error")
    except publishing.BuildFailed as failure:
        current_app.logger.error("site build failed:\n%s", failure)
        flash("تعذّر بناء الموقع؛ بقي الموقع المنشور كما كان. راجعي سجلّ الخادم أو شغّلي make check.", "error")
    else:
        audit.record(scope.me().username, "publish", "site", None)
        flash(f"نُشر الموقع من جديد في {seconds:.1f} ثانية.", "ok")
    return redirect(url_for("admin.dashboard"), code=303)
