"""Every outcome of the registration page, on SQLite and PostgreSQL, as she meets it."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from forms_support import GOOD, Visitor, text_of
from icalendar import Calendar

from forms_service.extensions import db
from forms_service.models import Registration, RegistrationState


def rows(app):
    with app.app_context():
        return db.session.query(Registration).order_by(Registration.id).all()


def test_confirmed_with_reference_calendar_and_private_manage_link(app, visitor):
    answer = visitor.register("open-individuals")
    assert answer.status_code == 303
    manage_url = answer.headers["Location"]
    for private in ("سلمى", "0599", "599123456", "970", "jenin"):
        assert private not in manage_url
    page = visitor.follow(answer)
    text = text_of(page)
    assert page.status_code == 200 and "تسجيلكِ مؤكَّد" in text
    [row] = rows(app)
    assert row.state == RegistrationState.confirmed and row.contact == "+970599123456" and row.seats == 1
    reference = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one(".tw-code").get_text()
    assert reference == f"{row.reference[:4]}-{row.reference[4:]}"
    ics = visitor.client.get(manage_url + "/event.ics")
    assert ics.mimetype == "text/calendar"
    calendar = Calendar.from_ical(ics.data)
    [event] = calendar.walk("VEVENT")
    assert event.get("dtstart").params["TZID"] == "Asia/Hebron"
    assert event.decoded("dtstart").isoformat() == "2026-12-08T10:00:00+02:00"
    assert calendar.walk("VTIMEZONE")


def test_waitlisted_with_her_position_then_promoted_first_in_first_out(app, client):

    people = []
    for n in range(4):  # capacity 2: two confirmed, then positions 1 and 2
        visitor = Visitor(app.test_client())
        people.append((visitor, visitor.register("open-individuals", contact=f"059912345{n}")))
    assert [r.state for r in rows(app)] == [RegistrationState.confirmed] * 2 + [RegistrationState.waitlisted] * 2
    third, fourth = (visitor.follow(answer) for visitor, answer in people[2:])
    assert "أنتِ على قائمة الانتظار" in text_of(third) and "ترتيبكِ في قائمة الانتظار: 1" in text_of(third)
    assert "ترتيبكِ في قائمة الانتظار: 2" in text_of(fourth)

    first_visitor, first_answer = people[0]
    url = first_answer.headers["Location"]
    assert first_visitor.cancel(url).status_code == 303
    assert "أُلغي تسجيلكِ" in text_of(first_visitor.client.get(url))
    states = [r.state for r in rows(app)]
    assert states == [RegistrationState.cancelled, RegistrationState.confirmed, RegistrationState.confirmed,
                      RegistrationState.waitlisted]
    assert "ترتيبكِ في قائمة الانتظار: 1" in text_of(people[3][0].client.get(people[3][1].headers["Location"]))


def test_an_organisation_takes_as_many_places_as_attendees(app, visitor):
    answer = visitor.register("open-organisations", organisation="جمعية النهضة", attendees="٣")
    assert answer.status_code == 303

    other = Visitor(app.test_client()).register("open-organisations", contact="0599000111",
                                                organisation="اتحاد المرأة", attendees="3")
    assert other.status_code == 303
    assert [(r.seats, r.state) for r in rows(app)] == [(3, RegistrationState.confirmed), (3, RegistrationState.waitlisted)]


def test_attendees_are_bounded_and_an_organisation_is_named(app, visitor):
    too_many = visitor.register("open-organisations", organisation="جمعية", attendees="6")
    assert too_many.status_code == 422 and "اكتبي عدداً بين 1 و5" in text_of(too_many)
    unnamed = visitor.register("open-both", attendees="2", organisation="")
    assert unnamed.status_code == 422 and "اكتبي اسم المؤسسة" in text_of(unnamed)
    alone = visitor.register("open-both", attendees="1", organisation="")
    assert alone.status_code == 303
    assert rows(app)[0].organisation is None


def test_full_event_without_waiting_list_stores_nothing(app, client):

    assert Visitor(app.test_client()).register("no-waitlist").status_code == 303
    full = Visitor(app.test_client()).register("no-waitlist", contact="someone@example.org")
    assert full.status_code == 409 and "اكتمل العدد" in text_of(full)
    assert len(rows(app)) == 1


def test_a_contact_registered_before_reveals_nothing_about_the_other_registration(app, client):
    """Issue 11 §3: the same contact again gets a registration of its own, as anyone would."""
    first = Visitor(app.test_client()).register("open-individuals", name="ريم")
    stranger = Visitor(app.test_client())
    again = stranger.register("open-individuals", name="متطفلة", contact="+970 59-912-3456")
    assert again.status_code == 303 and again.headers["Location"] != first.headers["Location"]
    text = text_of(stranger.follow(again))
    assert "تسجيلكِ مؤكَّد" in text and "ريم" not in text
    assert len(rows(app)) == 2


@pytest.mark.parametrize("slug, heading, detail", [
    ("not-yet-open", "لم يُفتح التسجيل بعد", "يُفتح التسجيل في 1 كانون الأول 2026"),
    ("registration-closed", "أُغلق التسجيل", "20 تشرين الثاني 2026"),
    ("past-event", "انتهت هذه الفعالية", "أُقيمت هذه الفعالية"),
    ("cancelled-event", "أُلغيت هذه الفعالية", "لا يُقبل التسجيل"),
    ("no-registration", "لا تسجيل لهذه الفعالية", "لا تحتاج إلى تسجيل"),
])
def test_closed_states_each_have_their_own_page_and_refuse_posts(app, client, slug, heading, detail):
    page = client.get(f"/events/{slug}/register")
    assert page.status_code == 409
    assert heading in text_of(page) and detail in text_of(page)
    assert BeautifulSoup(page.get_data(as_text=True), "html.parser").find("form") is None
    posted = client.post(f"/events/{slug}/register", data=GOOD)
    assert posted.status_code == 409 and heading in text_of(posted)
    assert rows(app) == []


def test_unknown_event_is_a_404_in_arabic(client):
    page = client.get("/events/no-such-event/register")
    assert page.status_code == 404 and "لم نجد هذه الفعالية" in text_of(page)


def test_a_tampered_manage_link_is_a_404(app, visitor):
    url = visitor.register("open-individuals").headers["Location"]
    assert visitor.client.get(url[:-2] + "xx").status_code == 404
    assert "لم نجد هذا التسجيل" in text_of(visitor.client.get(url + "x"))


def test_errors_are_per_field_with_aria_and_her_input_is_kept(client, visitor):
    answer = visitor.register("open-individuals", name="هالة", contact="12345", governorate="", consent=None,
                              access_needs="مدخل للكرسي المتحرك")
    assert answer.status_code == 422
    soup = BeautifulSoup(answer.get_data(as_text=True), "html.parser")
    contact = soup.find(id="contact")
    assert contact["aria-invalid"] == "true" and contact["value"] == "12345"
    assert "contact-error" in contact["aria-describedby"].split()
    assert "رقم الهاتف غير صحيح" in soup.find(id="contact-error").get_text()
    assert soup.find(id="governorate")["aria-invalid"] == "true"
    assert soup.find(id="consent")["aria-invalid"] == "true"
    assert soup.find(id="name")["value"] == "هالة" and not soup.find(id="name").has_attr("aria-invalid")
    assert soup.find(id="access_needs").get_text().removeprefix("\r\n") == "مدخل للكرسي المتحرك"
    summary = soup.select_one(".tw-summary")
    assert [a["href"] for a in summary.find_all("a")] == ["#contact", "#governorate", "#consent"]
    assert soup.title.get_text().startswith("خطأ")


def test_the_form_shows_consent_purpose_and_retention(client):
    page = client.get("/events/open-individuals/register")
    text = text_of(page)
    assert "لغرض تنظيم هذه الفعالية" in text and "تُحذف بعد 90 يوماً من انتهاء الفعالية" in text
    assert "لا تكتبي هنا قصصاً أو تفاصيل شخصية" in text


def test_the_index_lists_only_events_open_today(client):
    text = text_of(client.get("/"))
    assert "فعالية open-individuals" in text and "فعالية not-yet-open" not in text and "فعالية past-event" not in text
