"""The sign-in sheet (print page and PDF) and marking attendance per person."""
from __future__ import annotations

from pathlib import Path

from flask import Response, redirect, render_template, url_for

from ..extensions import db
from ..models import Participant, Registration
from ..services import attendance, audit, exports
from . import scope
from .forms import AttendanceForm
from .registrations import _done, _registration

SHEET_CSS = Path(__file__).resolve().parent.parent / "static" / "sheet.css"


def sign_in_sheet(slug: str):
    event = scope.event_or_404(scope.catalogue(), slug)
    return render_template("admin/sign_in_sheet.html", event=event, lines=attendance.sheet(slug))


def sign_in_pdf(slug: str):
    from weasyprint import CSS, HTML  # loaded on first use: Pango is only needed for the PDF

    cat = scope.catalogue()
    event = scope.event_or_404(cat, slug)
    html = render_template("admin/sign_in_sheet_pdf.html", event=event, lines=attendance.sheet(slug))
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(SHEET_CSS))])
    audit.record(scope.me().username, "export_sheet", "event", slug, cat.governorate_of(event).slug)
    disposition = exports.content_disposition(f"كشف الحضور - {event.title}.pdf", f"sign-in-{slug}.pdf")
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": disposition})


def participant_attended(participant: int):
    person = db.session.get(Participant, participant)
    row = db.session.get(Registration, person.registration_id) if person else None
    _registration(scope.catalogue(), row.reference if row else "")
    wanted = AttendanceForm().wanted()
    attendance.set_participant_attended(participant, wanted)
    return _done("attended" if wanted else "absent")
