"""An event's registrations: search, attendance, cancelling on someone's behalf, moving up
from the waiting list, and the lists for Excel."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from sqlalchemy import case, func, or_, select

from tawasul.dates import today

from ..extensions import db
from ..forms import SAFE_CONTACT_CHOICES
from ..models import Registration, RegistrationState
from ..outbox.models import MessageState, OutboxMessage
from ..services import attendance, audit, exports, registration_admin
from . import scope
from .forms import AttendanceForm

_ORDER = case({RegistrationState.confirmed: 0, RegistrationState.waitlisted: 1}, value=Registration.state, else_=2)
MESSAGES = {"attended": "سُجّل الحضور.", "absent": "أُزيلت علامة الحضور.", "cancel": "أُلغي التسجيل، ونُقل من "
            "قائمة الانتظار من يتسع له المكان.", "move_up": "نُقل التسجيل من قائمة الانتظار إلى المؤكَّد."}


def _search(query, text: str):
    text = text.strip()[:80]
    if not text:
        return query
    code = text.replace("-", "").replace(" ", "").upper()
    return query.where(or_(func.lower(Registration.name).contains(text.lower(), autoescape=True),
                           Registration.reference == code))


def _registrations(slug: str, text: str = "") -> list[Registration]:
    query = select(Registration).where(Registration.event_slug == slug).order_by(_ORDER, Registration.id)
    return list(db.session.scalars(_search(query, text)))


def listing(slug: str):
    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    text = request.args.get("q", "")
    rows = _registrations(slug, text)
    # The waiting list's order over the whole list, not just the rows the search found.
    waiting = [r.id for r in _registrations(slug) if r.state == RegistrationState.waitlisted]
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
    rows = exports.registration_rows(_registrations(slug), names, cat.governorate_of(event).tz)
    title = f"التسجيلات - {event.title}"
    if kind == "csv":
        body, mimetype = exports.csv_bytes(exports.REGISTRATION_HEADER, rows), "text/csv; charset=utf-8"
    else:
        body = exports.xlsx_bytes(exports.REGISTRATION_HEADER, rows, "التسجيلات")
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit.record(scope.me().username, f"export_{kind}", "event", slug, cat.governorate_of(event).slug)
    disposition = exports.content_disposition(f"{title}.{kind}", f"registrations-{slug}.{kind}")
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


def _done(registration, action: str, message: str | None = None):
    audit.record(scope.me().username, action, "registration", registration.reference)
    flash(message or MESSAGES[action], "ok")
    return redirect(url_for("admin.listing", slug=registration.event_slug), code=303)


def _refused(registration, refusal: registration_admin.ActionRefused):
    flash(str(refusal), "error")
    return redirect(url_for("admin.listing", slug=registration.event_slug), code=303)


def attended(reference: str):
    registration, _event = scope.registration_or_404(scope.catalogue(), reference)
    form = AttendanceForm()
    try:
        registration_admin.set_attended(reference, form.wanted())
    except registration_admin.ActionRefused as refusal:
        return _refused(registration, refusal)
    return _done(registration, "attended" if form.wanted() else "absent")


def cancel(reference: str):
    cat = scope.catalogue()
    registration, event = scope.registration_or_404(cat, reference)
    if request.method == "GET":
        return render_template("admin/cancel.html", registration=registration, event=event)
    try:
        registration_admin.cancel_on_behalf(cat, reference, today())
    except registration_admin.ActionRefused as refusal:
        return _refused(registration, refusal)
    return _done(registration, "cancel")


def move_up(reference: str):
    cat = scope.catalogue()
    registration, _event = scope.registration_or_404(cat, reference)
    try:
        registration_admin.move_up(cat, reference)
    except registration_admin.ActionRefused as refusal:
        return _refused(registration, refusal)
    return _done(registration, "move_up")
