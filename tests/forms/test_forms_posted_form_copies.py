"""A POST's form is a copy of one bound once per content version (forms_service/base_forms.py
`posted_copy`): one visitor's input, errors and choices must never reach another's page or row.
On SQLite and PostgreSQL."""
from __future__ import annotations

import re

from support.forms import GOOD, Visitor
from support.html import form_fields

from forms_service.extensions import db
from forms_service.models import Registration

URL = "/events/open-both/register"
# Everything a POST to an organisation's form can carry, each answer wrong in its own way.
HER_MISTAKES = {"name": "سلمى 1", "contact": "12345", "governorate": "nablus", "organisation": "<b>مؤسسة</b>",
                "attendees": "3", "names": "هدى\nمنى\nريم\nسناء", "notify": "y", "email": "ليس بريداً",
                "contact_preference": "calls_only", "call_times": "", "access_needs": "كرسي متحرك",
                "people_group": "female_adult", "consent": None}
EMPTY = {"name": "", "contact": "", "governorate": "", "consent": None}


def without_tokens(html: str) -> str:
    """The page with its two per-request tokens (CSRF and time) blanked."""
    return re.sub(r'(name="(?:csrf_token|started)"[^>]*value=")[^"]*"', r'\1"', html)


def refused(client, **values) -> str:
    answer = Visitor(client).submit(URL, **values)
    assert answer.status_code == 422, answer.status_code
    return without_tokens(answer.get_data(as_text=True))


def test_a_refused_page_shows_only_its_own_input(app):
    first = refused(app.test_client(), **EMPTY)
    mistakes = refused(app.test_client(), **HER_MISTAKES)
    assert "سلمى 1" in mistakes and "ليس بريداً" in mistakes and "هدى" in mistakes
    again = refused(app.test_client(), **EMPTY)
    assert again == first
    assert "سلمى 1" not in again and "ليس بريداً" not in again and "هدى" not in again


def test_she_corrects_her_refused_page_and_stores_only_her_own_answers(app):
    refused(app.test_client(), **HER_MISTAKES)
    client = app.test_client()
    page = Visitor(client).submit(URL, **EMPTY)  # her own page again, with her own tokens
    assert page.status_code == 422, page.status_code
    fields = {**form_fields(page.get_data(as_text=True)), **GOOD}
    fields = {name: value for name, value in fields.items() if name not in ("contact_preference", "people_group")}
    answer = client.post(URL, data=fields)
    assert answer.status_code == 303, answer.status_code
    with app.app_context():
        [row] = db.session.query(Registration).all()
        assert (row.name, row.contact, row.governorate, row.organisation, row.seats, row.email, row.notify,
                row.contact_preference, row.call_times, row.access_needs, row.people_group) == (
            "سلمى", "+970599123456", "jenin", None, 1, None, False, None, None, None, None)
