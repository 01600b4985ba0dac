"""Partner activity submissions: stored as pending with a reference, ready to become an event."""
from __future__ import annotations

import pytest
from support.html import form_fields, text_of

from forms_service.extensions import db
from forms_service.models import ActivitySubmission, SubmissionState
from forms_service.services.activities import event_data
from tawasul.schema import Event

ACTIVITY = {
    "organisation": "جمعية تنمية المرأة الريفية", "organisation_type": "association", "contact_name": "منى",
    "contact": "manager@example.org", "partners": "اتحاد لجان المرأة\nبلدية جنين", "activity_type": "awareness_meeting",
    "title": "لقاء حول حقوق العاملات", "description": "لقاء توعوي عن حقوق العاملات في الزراعة.\nيليه نقاش مفتوح.",
    "target_group": "العاملات في القطاع الزراعي", "expected_participants": "٤٠", "campaign": "orange-days",
    "governorate": "jenin", "venue_name": "مقر الجمعية", "venue_address": "جنين، شارع الناصرة",
    "starts_at": "2026-12-15T10:00", "ends_at": "2026-12-15 12:30",
}


def test_a_partner_submits_an_activity_and_gets_a_reference(app, visitor):
    answer = visitor.submit("/activities/new", **ACTIVITY)
    assert answer.status_code == 303, text_of(answer)
    page = visitor.follow(answer)
    assert "شكراً، وصلنا النشاط" in text_of(page)
    with app.app_context():
        [row] = db.session.query(ActivitySubmission).all()
        assert row.state == SubmissionState.pending and row.expected_participants == 40
        assert row.reference[:4] in text_of(page)
        data = event_data(row)
    event = Event.model_validate({**data, "slug": "jenin-workers-rights-meeting"})
    assert event.governorate == "jenin" and event.summary == "لقاء توعوي عن حقوق العاملات في الزراعة."
    assert "بلدية جنين" in event.description and event.campaign == "orange-days"



def test_one_activity_page_replayed_stores_one_activity(app, client):
    """The page's single use is claimed in the submission's own transaction: the first POST is
    stored, each replay of the same page load gets her form back (409) and stores nothing."""
    page = {**form_fields(client.get("/activities/new").get_data(as_text=True)), **ACTIVITY}
    cookie = client.get_cookie("tawasul_forms").value  # a replaying client keeps the cookie a success clears

    def replay(title):
        client.set_cookie("tawasul_forms", cookie)
        return client.post("/activities/new", data={**page, "title": title})
    answers = [replay(f"لقاء رقم {n}") for n in range(3)]
    assert [a.status_code for a in answers] == [303, 409, 409]
    assert "أُرسل هذا النموذج من قبل" in text_of(answers[1])
    assert "لقاء رقم 1" in answers[1].get_data(as_text=True)  # her input kept
    with app.app_context():
        assert [row.title for row in db.session.query(ActivitySubmission)] == ["لقاء رقم 0"]

def test_activity_errors_are_arabic_and_keep_her_input(app, visitor):
    answer = visitor.submit("/activities/new", **{**ACTIVITY, "ends_at": "2026-12-15T09:00",
                                                  "expected_participants": "كثير", "activity_type": "party"})
    text = text_of(answer)
    assert answer.status_code == 422
    # every problem at once, so she fixes them in one go
    assert "يجب أن تأتي النهاية بعد البداية" in text
    assert "اكتبي عدداً صحيحاً" in text and "اختاري واحدة من القيم" in text
    assert "جمعية تنمية المرأة الريفية" in answer.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ActivitySubmission).count() == 0


def test_partner_html_is_escaped_in_the_event_it_becomes(app, visitor):
    visitor.submit("/activities/new", **{**ACTIVITY, "description": "وصف & تفاصيل"})
    with app.app_context():
        data = event_data(db.session.query(ActivitySubmission).one())
    assert "&amp;" in data["description"]


def test_a_partner_reports_the_people_who_took_part_by_sex_and_age(app, visitor):
    """5W «for whom»: counts only, each optional; a bad count is refused in Arabic, keeping the rest."""
    answer = visitor.submit("/activities/new", **{**ACTIVITY, "reached_female_adult": "٣٥", "reached_female_under_18": "-2",
                                                  "reached_male_adult": "كثير"})
    assert answer.status_code == 422
    assert "اكتبي عدداً صحيحاً بالأرقام" in text_of(answer)
    assert 'value="٣٥"' in answer.get_data(as_text=True) or 'value="35"' in answer.get_data(as_text=True)
    answer = visitor.submit("/activities/new", **{**ACTIVITY, "reached_female_adult": "٣٥", "reached_female_under_18": "4",
                                                  "reached_male_adult": "", "reached_male_under_18": "0"})
    assert answer.status_code == 303, text_of(answer)
    with app.app_context():
        row = db.session.query(ActivitySubmission).one()
        assert (row.reached_female_adult, row.reached_female_under_18, row.reached_male_adult,
                row.reached_male_under_18) == (35, 4, None, 0)


@pytest.mark.parametrize("starts, ends", [("9999-12-10T10:00", "9999-12-10T12:00"),
                                          ("2028-12-01T10:00", "2028-12-01T12:00"),  # today (2026-11-29) + 2 years + 2 days
                                          ("2028-11-20T10:00", "2028-12-01T12:00")])  # only the end too far
def test_a_date_more_than_two_years_ahead_is_refused_in_arabic(app, visitor, starts, ends):
    answer = visitor.submit("/activities/new", **{**ACTIVITY, "starts_at": starts, "ends_at": ends})
    assert answer.status_code == 422
    assert "هذا التاريخ بعيد جداً" in text_of(answer) and "29 تشرين الثاني 2028" in text_of(answer)
    assert starts in answer.get_data(as_text=True)  # her input kept
    with app.app_context():
        assert db.session.query(ActivitySubmission).count() == 0
    # within the two years it goes through
    assert visitor.submit("/activities/new", **{**ACTIVITY, "starts_at": "2028-11-29T10:00",
                                                "ends_at": "2028-11-29T12:00"}).status_code == 303
