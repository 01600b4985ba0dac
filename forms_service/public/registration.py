"""Registration views: thin, with the guard clauses first; the rules live in services."""
from __future__ import annotations

from flask import Response, current_app, redirect, render_template, request, url_for

from tawasul.dates import today

from ..calendar import event_ics
from ..forms import CancelForm, registration_form
from ..pages import BadInput
from ..services import registrations
from ..services.codes import sign, unsign
from ..services.errors import UnknownRegistration
from ..services.registrations import Applicant
from .common import catalogue, check_submission, governorate_choices, render_form


def health():
    return Response("ok", mimetype="text/plain")


def index():
    cat, day = catalogue(), today()
    events = [e for e in cat.upcoming(day) if cat.open_for_registration(e, day)]
    return render_template("index.html", events=events, catalogue=cat)


def register(slug: str):
    cat = catalogue()
    event = registrations.open_event(cat, slug, today())  # raises UnknownEvent / RegistrationClosed
    form = registration_form(event, governorate_choices(cat), current_app.config["MAX_ATTENDEES"])
    context = {"event": event, "governorate": cat.governorate_of(event),
               "retention_days": current_app.config["RETENTION_DAYS"]}
    if request.method == "GET":
        return render_form(form, "register.html", **context)
    answer = check_submission(form, "register.html", **context)
    if answer:
        return answer
    applicant = Applicant(name=form.name.data, contact=form.contact.normalised, governorate=form.governorate.data,
                          seats=form.seats(), organisation=form.organisation_name(),
                          access_needs=form.access_needs.data or None)
    registration = registrations.register(event, applicant)  # raises EventFull
    return redirect(url_for(".manage", token=sign(registration.reference)), code=303)


def _own_registration(token: str):
    reference = unsign(token)
    if reference is None:
        raise UnknownRegistration()
    return registrations.find(reference)


def manage(token: str, form: CancelForm | None = None, status: int = 200):
    registration = _own_registration(token)
    cat = catalogue()
    event = cat.events.get(registration.event_slug)
    position = registrations.waitlist_position(registration) if registration.state.value == "waitlisted" else None
    # Nothing to cancel once the event itself is cancelled, or has begun.
    can_cancel = (registration.state.value != "cancelled" and event is not None and not event.is_cancelled
                  and event.start_date >= today())
    changes = registrations.changes_since_registration(registration, event) if event else None
    return render_template("manage.html", registration=registration, event=event, position=position,
                           changes=changes, token=token, form=form or CancelForm(), can_cancel=can_cancel), status


def cancel(token: str):
    registration = _own_registration(token)
    form = CancelForm()
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        return manage(token, form=form, status=400)
    registrations.cancel(catalogue(), registration.reference, today())
    return redirect(url_for(".manage", token=token), code=303)


def calendar(token: str):
    registration = _own_registration(token)
    cat = catalogue()
    event = cat.events.get(registration.event_slug)
    if event is None:
        raise UnknownRegistration()
    # Neutral unless she chose the detailed entry; the file name tells nothing either way.
    body = event_ics(cat, event, detailed=request.args.get("details") == "1")
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": 'attachment; filename="maw3id.ics"'})
