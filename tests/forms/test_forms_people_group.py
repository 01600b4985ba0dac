"""«للإحصاءات فقط»: the optional question of the registration form that lets attendance count in
the yearly figures by sex and age band. It asks for one of four groups (never a birth date), can
be left unanswered, is not asked of an organisation, and a bad answer gets an Arabic message with
the rest of her input kept. On SQLite and PostgreSQL."""
from __future__ import annotations

from bs4 import BeautifulSoup
from support.html import text_of

from forms_service.extensions import db
from forms_service.models import Registration


def groups(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [(r.name, r.people_group) for r in db.session.query(Registration).order_by(Registration.id)]


def test_the_question_is_optional_and_says_what_it_is_for(client):
    soup = BeautifulSoup(client.get("/events/open-individuals/register").get_data(as_text=True), "html.parser")
    fieldset = soup.find("fieldset", id="people_group")
    legend = fieldset.find("legend").get_text(" ", strip=True)
    assert "للإحصاءات فقط" in legend and "(اختياري)" in legend
    assert "لا تُنشر الأعداد الأقل من 5" in fieldset.get_text() and "دون إجابة" in fieldset.get_text()
    options = {i["value"]: fieldset.find("label", attrs={"for": i["id"]}).get_text(strip=True)
               for i in fieldset.find_all("input")}
    assert options == {"female_adult": "امرأة (18 سنة فأكثر)", "female_under_18": "فتاة (دون 18 سنة)",
                       "male_adult": "رجل (18 سنة فأكثر)", "male_under_18": "فتى (دون 18 سنة)"}
    assert not any(i.has_attr("checked") for i in fieldset.find_all("input"))
    # No birth date, no exact age anywhere on the form.
    assert not soup.find("input", attrs={"type": "date"}) and "تاريخ الميلاد" not in soup.get_text()


def test_her_answer_is_stored_as_a_group_and_no_answer_as_nothing(app, visitor):
    assert visitor.register("open-individuals", name="سلمى", people_group="female_under_18").status_code == 303
    assert visitor.register("open-individuals", name="هالة", contact="0599 123 457").status_code == 303
    assert groups(app) == [("سلمى", "female_under_18"), ("هالة", None)]


def test_a_made_up_answer_gets_an_arabic_message_and_keeps_her_input(app, visitor):
    answer = visitor.register("open-individuals", name="هالة", people_group="age_37", access_needs="مكان لطفل مرافق")
    assert answer.status_code == 422
    soup = BeautifulSoup(answer.get_data(as_text=True), "html.parser")
    assert "اختاري واحدة من الإجابات، أو اتركي السؤال دون إجابة" in soup.find(id="people_group-error").get_text()
    assert soup.find(id="name")["value"] == "هالة"
    assert "مكان لطفل مرافق" in soup.find(id="access_needs").get_text()
    assert groups(app) == []


def test_an_organisation_is_not_asked_and_its_booking_carries_no_group(app, client, visitor):
    assert client.get("/events/open-organisations/register").status_code == 200
    assert 'name="people_group"' not in client.get("/events/open-organisations/register").get_data(as_text=True)
    # On a form open to both, a booking of several people keeps no group even if one was ticked.
    answer = visitor.register("open-both", name="منسقة", organisation="جمعية النهضة", attendees="3",
                              people_group="female_adult")
    assert answer.status_code == 303
    assert groups(app) == [("منسقة", None)]
