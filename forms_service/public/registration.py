"""Registration views: thin, with the guard clauses first; the rules live in services."""
from __future__ import annotations

from flask import Response, current_app, redirect, render_template, request, url_for


from ..calendar import event_ics
from ..config import today
from ..content import catalogue
from ..error_pages import BadInput
from ..forms import AddPeopleForm, CancelForm, registration_form
from ..models import RegistrationState
from ..services import groups, registrations
from ..services.codes import sign, unsign
from ..services.errors import EventFull, PageUsed, UnknownRegistration
from ..services.registrations import Applicant, Person
from .common import blank_form, check_form, posted_form, governorate_choices, page_sent_before, page_used_up


def health():
    return Response("ok", mimetype="text/plain")


def index():
    cat, day = catalogue(), today()
    events = [e for e in cat.upcoming(day) if cat.open_for_registration(e, day)]
    return render_template("index.html", events=events, catalogue=cat)


def register(slug: str):
    cat = catalogue()
    event = registrations.open_event(cat, slug, today())  # raises UnknownEvent / RegistrationClosed
    def make_form(**form_args):
        return registration_form(event, governorate_choices(cat), current_app.config["MAX_ATTENDEES"], **form_args)
    context = {"event": event, "governorate": cat.governorate_of(event),
               "retention_days": current_app.config["RETENTION_DAYS"]}
    if request.method == "GET":
        return blank_form(make_form, "register.html", **context)
    form = posted_form(make_form)
    answer = check_form(form, "register.html", **context)
    if answer:
        return answer
    applicant = Applicant(name=form.name.data, contact=form.contact.normalised, governorate=form.governorate.data,
                          seats=form.seats(), organisation=form.organisation_name(),
                          access_needs=form.access_needs.data or None, people_group=form.group_answer(),
                          **message_choices(form),
                          people=tuple(Person(name, role) for name, role in form.people()))
    try:  # the page is used up in the registration's own transaction
        registration = registrations.register(event, applicant, form.page())
    except PageUsed:
        return page_sent_before(form, "register.html", **context)
    except EventFull:
        page_used_up()
        raise
    page_used_up()
    return redirect(url_for(".manage", token=sign(registration.reference)), code=303)


def message_choices(form) -> dict:
    """Her answers about messages, keeping nothing she did not need to give: the e-mail only with
    the opt-in, call times only with «calls only»."""
    preference = form.contact_preference.data or None
    return {"notify": bool(form.notify.data), "email": form.message_address() if form.notify.data else None,
            "contact_preference": preference,
            "call_times": (form.call_times.data or None) if preference == "calls_only" else None}


def _own_registration(token: str):
    reference = unsign(token)
    if reference is None:
        raise UnknownRegistration()
    return registrations.find(reference)


def manage(token: str, form: CancelForm | None = None, status: int = 200, add_form: AddPeopleForm | None = None):
    registration = _own_registration(token)
    cat = catalogue()
    event = cat.events.get(registration.event_slug)
    waiting = registration.state == RegistrationState.waitlisted
    position = registrations.waitlist_position(registration) if waiting else None
    can_cancel = registrations.can_cancel(registration, event, today())
    people = groups.people_of(registration) if registration.organisation else []
    changes = registrations.changes_since_registration(registration, event) if event else None
    return render_template("manage.html", registration=registration, event=event, position=position,
                           changes=changes, token=token, form=form or CancelForm(), can_cancel=can_cancel,
                           people=people, can_change_people=can_cancel and bool(people) and registration.group_of is None,
                           add_form=add_form or AddPeopleForm()), status


def _posted(token: str, form, action, anchor: str | None = None, rerender: str = "form"):
    """A POST from her page: her registration, the form's checks (her page again with the error,
    her input kept), then `action(registration)` and back to her page."""
    registration = _own_registration(token)
    if form.unexpected_input():
        raise BadInput()
    if not form.validate():
        status = 400 if form.csrf_failed() or rerender == "form" else 422
        return manage(token, status=status, **{rerender: form})
    action(registration)
    return redirect(url_for(".manage", token=token, _anchor=anchor), code=303)


def cancel(token: str):
    return _posted(token, CancelForm(), lambda r: registrations.cancel(catalogue(), r.reference, today()))


def add_people(token: str):
    form = AddPeopleForm()
    people = lambda: [Person(name, role) for name, role in form.people.people]  # noqa: E731  (after validation)
    # raises EventFull / RegistrationClosed, shown as their own pages
    return _posted(token, form, lambda r: groups.add(catalogue(), r.reference, people(), today()), "people", "add_form")


def remove_person(token: str, participant: int):
    return _posted(token, CancelForm(),
                   lambda r: groups.remove(catalogue(), r.reference, participant, today()), "people")


def calendar(token: str):
    registration = _own_registration(token)
    cat = catalogue()
    event = cat.events.get(registration.event_slug)
    if event is None:
        raise UnknownRegistration()
    # Neutral unless she chose the detailed entry; the file name tells nothing either way.
    body = event_ics(cat, event, detailed=request.args.get("details") == "1")
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": 'attachment; filename="maw3id.ics"'})
