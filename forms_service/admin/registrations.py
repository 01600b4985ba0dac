"""An event's registrations: search, attendance, cancelling on someone's behalf, moving up
from the waiting list, and the lists for Excel."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select


from ..config import today
from ..extensions import db
from ..forms import SAFE_CONTACT_CHOICES
from ..models import RegistrationState
from ..outbox.models import MessageState, OutboxMessage
from ..services import attendance, audit, exports, registration_admin
from . import scope
from .forms import AttendanceForm

MESSAGES = {"attended": "سُجّل الحضور.", "absent": "أُزيلت علامة الحضور.", "cancel": "أُلغي التسجيل، ونُقل من "
            "قائمة الانتظار من يتسع له المكان.", "move_up": "نُقل التسجيل من قائمة الانتظار إلى المؤكَّد."}


def listing(slug: str):
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    text = request.args.get("q", "")
    rows = registration_admin.listing(slug, text)
    # The waiting list's order over the whole list, not just the rows the search found.
    waiting = [r.id for r in registration_admin.listing(slug) if r.state == RegistrationState.waitlisted]
    return render_template("admin/registrations.html", event=event, rows=rows, q=text, catalogue=cat,
                           positions={rid: n for n, rid in enumerate(waiting, 1)},
                           preferences=dict(SAFE_CONTACT_CHOICES), undelivered=_undelivered(slug),
                           people=attendance.participants_by_registration(slug),
                           attended=attendance.people_attended(slug))


def _undelivered(slug: str) -> dict[int, int]:
    """Messages the worker gave up on, per registration: she may not know of a change."""
    return dict(db.session.execute(
        select(OutboxMessage.registration_id, func.count()).where(
            OutboxMessage.event_slug == slug, OutboxMessage.state == MessageState.failed)
        .group_by(OutboxMessage.registration_id)).all())


def export(slug: str, kind: str):
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    names = {g.slug: g.name for g in cat.governorates.values()}
    rows = exports.registration_rows(registration_admin.listing(slug), names, cat.governorate_of(event).tz)
    title = f"التسجيلات - {event.title}"
    if kind == "csv":
        body, mimetype = exports.csv_bytes(exports.REGISTRATION_HEADER, rows), "text/csv; charset=utf-8"
    else:
        body = exports.xlsx_bytes(exports.REGISTRATION_HEADER, rows, "التسجيلات")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit.record(scope.me().username, f"export_{kind}", "event", slug, cat.governorate_of(event).slug)
    disposition = exports.content_disposition(f"{title}.{kind}", f"registrations-{slug}.{kind}")
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


def _registration(cat, reference: str):
    """Hers to act on (or 404); a refusal, or the action done, returns to the event's list."""
    registration, event = scope.registration_or_404(cat, reference)
    scope.back_to(url_for("admin.listing", slug=registration.event_slug))
    return registration, event


def _done(action: str):
    flash(MESSAGES[action], "ok")
    return redirect(scope.back(), code=303)


def attended(reference: str):
    _registration(scope.catalogue(), reference)
    wanted = AttendanceForm().wanted()
    registration_admin.set_attended(reference, wanted, scope.me().username)
    return _done("attended" if wanted else "absent")


def cancel(reference: str):
    cat = scope.catalogue()
    registration, event = _registration(cat, reference)
    if request.method == "GET":
        return render_template("admin/cancel.html", registration=registration, event=event)
    registration_admin.cancel_on_behalf(cat, reference, today(), scope.me().username)
    return _done("cancel")


def move_up(reference: str):
    cat = scope.catalogue()
    _registration(cat, reference)
    registration_admin.move_up(cat, reference, scope.me().username)
    return _done("move_up")
