"""The locality of a partner's activity (4W «where»), chosen from the gazetteer: a plain <select>
with one <optgroup> per governorate (no JavaScript needed), checked on the server against the
governorate she chose, kept through approval into the event's file and its page's record."""
from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from support.admin import approve
from support.forms import Visitor
from support.html import text_of
from support.store import developer_commit

from forms_service.extensions import db
from forms_service.models import ActivitySubmission
from tawasul.loader import load_catalogue

LOCALITIES = """\
- {id: 284194, name: برقين, governorate: jenin, lat: 32.4546, lon: 35.2608}
- {id: 283506, name: جنين, governorate: jenin, lat: 32.4594, lon: 35.3009}
- {id: 282616, name: بلاطة, governorate: nablus, lat: 32.2125, lon: 35.2856}
"""
ACTIVITY = {
    "organisation": "جمعية نساء برقين", "organisation_type": "association", "contact_name": "منى",
    "contact": "manager@example.org", "activity_type": "awareness_meeting", "title": "لقاء حول حقوق العاملات",
    "description": "لقاء توعوي عن حقوق العاملات.", "target_group": "العاملات", "expected_participants": "30",
    "governorate": "jenin", "venue_name": "قاعة البلدية", "venue_address": "الشارع الرئيسي",
    "starts_at": "2026-12-15T10:00", "ends_at": "2026-12-15T12:00",
}


@pytest.fixture
def partner(app, content):
    developer_commit(content, "content/data/localities.yml", LOCALITIES, "البلدات")
    return Visitor(app.test_client())


def _stored(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [(s.governorate, s.locality) for s in db.session.scalars(select(ActivitySubmission))]


def test_the_picker_groups_the_gazetteer_by_governorate_in_plain_html(partner):
    page = partner.open("/activities/new")
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    picker = soup.find("select", id="locality")
    assert soup.find("label", attrs={"for": "locality"}).get_text(strip=True).startswith("البلدة أو القرية أو المخيّم")
    groups = {g["label"]: [o.get_text() for o in g.find_all("option")] for g in picker.find_all("optgroup")}
    assert groups == {"جنين": ["برقين", "جنين"], "نابلس": ["بلاطة"]}
    first = picker.find("option")
    assert first["value"] == "" and first.get_text() == "غير محدّدة"
    assert not picker.find("option", selected=True)  # so the browser shows «غير محدّدة»
    assert not soup.find("script", src=lambda s: s and "locality" in s)


def test_a_locality_of_her_governorate_is_stored_by_name(app, partner):
    assert partner.submit("/activities/new", **ACTIVITY, locality="284194").status_code == 303
    assert partner.submit("/activities/new", **ACTIVITY).status_code == 303  # optional
    assert _stored(app) == [("jenin", "برقين"), ("jenin", None)]


def test_a_locality_of_another_governorate_is_refused_in_arabic_keeping_her_input(app, partner):
    answer = partner.submit("/activities/new", **ACTIVITY, locality="282616")
    assert answer.status_code == 422
    soup = BeautifulSoup(answer.get_data(as_text=True), "html.parser")
    assert "«بلاطة» ليست في المحافظة المختارة" in soup.find(id="locality-error").get_text()
    assert soup.find(id="locality")["aria-invalid"] == "true"
    assert soup.find("option", value="282616").has_attr("selected")
    assert soup.find(id="title")["value"] == ACTIVITY["title"]
    made_up = partner.submit("/activities/new", **ACTIVITY, locality="999")
    assert made_up.status_code == 422 and "اختاري واحدة من القيم في القائمة" in text_of(made_up)
    assert _stored(app) == []


def test_approval_writes_the_locality_into_the_event_record(app, staff, content, partner):
    assert partner.submit("/activities/new", **ACTIVITY, locality="284194").status_code == 303
    with app.app_context():
        submission = db.session.scalars(select(ActivitySubmission)).one()
    huda = staff("huda")
    assert "البلدة برقين" in text_of(huda.client.get(f"/admin/submissions/{submission.id}"))  # she sees it first
    assert approve(huda, submission.id).status_code == 303
    with app.app_context():
        slug = db.session.get(ActivitySubmission, submission.id).event_slug
    event = load_catalogue(content).events[slug]
    assert event.locality == "برقين" and event.start_date == date(2026, 12, 15)


def test_moving_the_activity_to_another_governorate_drops_the_locality(app, staff, content, partner):
    assert partner.submit("/activities/new", **ACTIVITY, locality="284194").status_code == 303
    with app.app_context():
        submission = db.session.scalars(select(ActivitySubmission)).one()
    # The ministry's coordinator sees every governorate and corrects it on approval.
    assert approve(staff("wizara"), submission.id, governorate="nablus").status_code == 303
    with app.app_context():
        row = db.session.get(ActivitySubmission, submission.id)
        assert (row.governorate, row.locality) == ("nablus", None)
    assert load_catalogue(content).events[row.event_slug].locality is None
