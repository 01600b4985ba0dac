"""An organisation registers people, not a number: names now or later, and from its private
link it adds people (beyond the free places they wait, first in first out) and removes them
(the first waiting moves up). On SQLite and PostgreSQL."""
from __future__ import annotations

from bs4 import BeautifulSoup
from support.forms import Visitor
from support.html import form_fields, text_of
from sqlalchemy import select

from forms_service.extensions import db
from forms_service.models import Participant, Registration, RegistrationState

ORG = {"organisation": "جمعية النهضة", "contact": "0599000100"}


def people_on_page(page) -> list[tuple[str, str]]:
    """(person, place) as her page lists them."""
    items = BeautifulSoup(page.get_data(as_text=True), "html.parser").select("#people li")
    return [tuple(span.get_text(strip=True) for span in li.find_all("span", recursive=False)) for li in items]


def add(visitor: Visitor, manage_url: str, names: str):
    fields = form_fields(visitor.client.get(manage_url).get_data(as_text=True))  # the last form: «add»
    return visitor.client.post(manage_url + "/people", data={**fields, "people": names})


def remove(visitor: Visitor, manage_url: str, name: str):
    soup = BeautifulSoup(visitor.client.get(manage_url).get_data(as_text=True), "html.parser")
    li = next(li for li in soup.select("#people li") if li.span.get_text(strip=True).startswith(name))
    form = li.find("form")
    return visitor.client.post(form["action"], data={"csrf_token": form.find("input", {"name": "csrf_token"})["value"]})


def test_names_now_or_later(app, visitor):
    answer = visitor.register("open-organisations", attendees="3", names="سلمى، منسّقة المشروع\nرنا", **ORG)
    page = visitor.follow(answer)
    assert people_on_page(page) == [("سلمى — منسّقة المشروع", "مؤكَّد"), ("رنا", "مؤكَّد"), ("(الاسم لاحقاً)", "مؤكَّد")]


def test_three_added_with_two_places_left_two_confirmed_one_waits_then_a_removal_moves_her_up(app, visitor):
    manage = visitor.register("open-organisations", attendees="3", names="سلمى\nرنا\nهبة", **ORG).headers["Location"]
    assert add(visitor, manage, "نور\nليلى، مدرّبة\nمنى").status_code == 303  # capacity 5: 2 places left
    assert people_on_page(visitor.client.get(manage))[3:] == [
        ("نور", "مؤكَّد"), ("ليلى — مدرّبة", "مؤكَّد"), ("منى", "على قائمة الانتظار")]
    # Someone else waits behind منى: the queue is one queue.
    other = Visitor(app.test_client()).register("open-organisations", attendees="1", organisation="اتحاد المرأة",
                                                contact="0599000200")
    assert other.status_code == 303

    assert remove(visitor, manage, "سلمى").status_code == 303
    places = dict(people_on_page(visitor.client.get(manage)))
    assert "سلمى" not in places and places["منى"] == "مؤكَّد"
    with app.app_context():
        states = {r.organisation: r.state for r in db.session.scalars(select(Registration).where(
            Registration.group_of.is_(None)))}
        assert states["اتحاد المرأة"] == RegistrationState.waitlisted
        confirmed = db.session.scalar(select(db.func.sum(Registration.seats)).where(
            Registration.state == RegistrationState.confirmed))
        assert confirmed == 5 == db.session.scalar(select(db.func.count()).select_from(Participant).join(
            Registration, Participant.registration_id == Registration.id).where(
            Registration.state == RegistrationState.confirmed))


def test_more_names_than_people_or_a_bad_line_is_a_clear_error_that_keeps_her_input(app, visitor):
    answer = visitor.register("open-organisations", attendees="1", names="سلمى\nرنا", **ORG)
    assert answer.status_code == 422 and "الأسماء أكثر من عدد المشاركين" in text_of(answer)
    manage = visitor.register("open-organisations", attendees="1", **ORG).headers["Location"]
    bad = add(visitor, manage, "سلمى\n<script>x</script>")
    assert bad.status_code == 422 and "السطر 2" in text_of(bad)
    assert "&lt;script&gt;x&lt;/script&gt;" in bad.get_data(as_text=True)  # kept, escaped
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Participant)) == 1
