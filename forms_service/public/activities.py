"""The partner activity form ("4W"): stored as pending, answered with a reference."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..content import catalogue
from ..forms import activity_form
from ..services import activities
from ..services.figures_export import REACHED_FIELDS
from ..services.codes import sign, unsign
from ..services.errors import PageUsed, UnknownRegistration
from .common import blank_form, check_form, governorate_choices, page_sent_before, page_used_up


def new():
    cat = catalogue()
    campaigns = [(c.slug, c.title) for c in sorted(cat.campaigns.values(), key=lambda c: c.start, reverse=True)]
    if request.method == "GET":
        return blank_form(lambda: activity_form(governorate_choices(cat), campaigns, cat.localities), "activity_new.html")
    form = activity_form(governorate_choices(cat), campaigns, cat.localities)
    answer = check_form(form, "activity_new.html")
    if answer:
        return answer
    activity = activities.Activity(
        organisation=form.organisation.data, organisation_type=form.organisation_type.data,
        contact_name=form.contact_name.data, contact=form.contact.normalised, partners=form.partners.data or None,
        activity_type=form.activity_type.data, title=form.title.data, description=form.description.data,
        target_group=form.target_group.data, expected_participants=form.expected_participants.number,
        campaign=form.campaign.data or None, governorate=form.governorate.data,
        locality=form.place().name if form.place() else None, venue_name=form.venue_name.data,
        venue_address=form.venue_address.data, starts_at=form.starts_at.moment, ends_at=form.ends_at.moment,
        **{name: form[name].number for name in REACHED_FIELDS})
    try:  # the page is used up in the submission's own transaction
        submission = activities.submit(activity, form.page())
    except PageUsed:
        return page_sent_before(form, "activity_new.html")
    page_used_up()
    return redirect(url_for(".received", token=sign(submission.reference, "activity")), code=303)


def received(token: str):
    reference = unsign(token, "activity")
    if reference is None:
        raise UnknownRegistration()
    return render_template("activity_received.html", reference=reference)
