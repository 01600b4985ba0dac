"""The public side of the service: one blueprint, and its whole route table here.

| URL                                 | what                                            |
|-------------------------------------|-------------------------------------------------|
| /                                   | events open for registration, and the activity form |
| /health                             | "ok" (monitoring; the benchmark's trivial route)  |
| /events/<slug>/register             | the registration form                           |
| /r/<token>                          | her confirmation and manage page (signed token) |
| /r/<token>/cancel                   | cancel (POST)                                   |
| /r/<token>/event.ics                | the event in her calendar                       |
| /r/<token>/people                   | an organisation adds participants (POST)        |
| /r/<token>/people/<id>/remove       | … or removes one (POST)                         |
| /activities/new                     | a partner reports a joint activity              |
| /activities/received/<token>        | its reference                                   |
"""
from __future__ import annotations

from flask import Blueprint, current_app

from ..rate_limits import posts_limited
from ..security import form_checks_csrf
from . import activities, registration


def post_limit() -> str:
    return current_app.config["FORMS_POST_LIMIT"]


bp = Blueprint("public", __name__)
_limit = posts_limited(post_limit)


def form_post(view):
    """A view that takes a form POST: rate-limited, CSRF checked by its form."""
    return _limit(form_checks_csrf(view))


bp.add_url_rule("/", view_func=registration.index)
bp.add_url_rule("/health", view_func=registration.health)
bp.add_url_rule("/events/<slug>/register", view_func=form_post(registration.register), methods=["GET", "POST"])
bp.add_url_rule("/r/<token>", view_func=registration.manage)
bp.add_url_rule("/r/<token>/cancel", view_func=form_post(registration.cancel), methods=["POST"])
bp.add_url_rule("/r/<token>/event.ics", view_func=registration.calendar)
bp.add_url_rule("/r/<token>/people", view_func=form_post(registration.add_people), methods=["POST"])
bp.add_url_rule("/r/<token>/people/<int:participant>/remove", view_func=form_post(registration.remove_person),
                methods=["POST"])
bp.add_url_rule("/activities/new", view_func=form_post(activities.new), methods=["GET", "POST"])
bp.add_url_rule("/activities/received/<token>", view_func=activities.received)
