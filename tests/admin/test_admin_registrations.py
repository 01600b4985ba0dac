"""An event's registrations in the coordinator's hands: the dashboard's numbers, search,
attendance, cancelling on someone's behalf (the waiting list moves up, as in the public flow)
and moving someone up from the waiting list."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from support.admin import register
from support.html import text_of
from sqlalchemy import func, select

from forms_service.admin_models import AuditEntry
from forms_service.extensions import db
from forms_service.models import Registration, RegistrationState
from forms_service.services.codes import pretty


def _state(app, reference):
    with app.app_context():
        row = db.session.scalar(select(Registration).where(Registration.reference == reference))
        return row.state.value, row.attended


@pytest.fixture
def people(app):
    """open-individuals holds 2: two confirmed, two waiting."""
    return {name: register(app, "open-individuals", name, f"059912345{n}").reference
            for n, name in enumerate(["سلمى", "رنا", "هبة", "نور"])}


def _dashboard_row(page, title):
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    header = soup.find("th", string=lambda s: s and title in s) or next(
        th for th in soup.find_all("th", scope="row") if title in th.get_text())
    return [td.get_text(" ", strip=True) for td in header.find_parent("tr").find_all("td")]


def test_dashboard_counts_people_and_registrations(app, staff, people):
    register(app, "open-organisations", "منسقة جمعية", "0599000777", seats=3, organisation="جمعية")
    huda = staff("huda")
    huda.post(f"/admin/registrations/{people['سلمى']}/attended", attended="1")
    page = huda.client.get("/admin/")
    cells = _dashboard_row(page, "فعالية open-individuals")
    # when, governorate, capacity, confirmed, waitlisted, cancelled, attended ("people / registrations")
    assert cells[1:] == ["جنين", "2", "2 / 2", "2 / 2", "0 / 0", "1 / 1"]
    assert _dashboard_row(page, "فعالية open-organisations")[3] == "3 / 1"
    table = BeautifulSoup(page.get_data(as_text=True), "html.parser").find("table")
    assert table.find("caption") and all(th.get("scope") == "col" for th in table.find("thead").find_all("th"))


def test_search_by_name_or_reference(app, staff, people):
    huda = staff("huda")
    by_name = text_of(huda.client.get("/admin/events/open-individuals/registrations", query_string={"q": "سلم"}))
    assert "سلمى" in by_name and "رنا" not in by_name
    code = pretty(people["نور"]).lower()  # as she reads it over the phone, any case
    by_code = text_of(huda.client.get("/admin/events/open-individuals/registrations", query_string={"q": code}))
    assert "نور" in by_code and "سلمى" not in by_code
    # The waiting-list position is the real one, even in a filtered list.
    assert "الترتيب 2" in by_code
    nothing = text_of(huda.client.get("/admin/events/open-individuals/registrations", query_string={"q": "%"}))
    assert "لا نتائج لهذا البحث" in nothing


def test_mark_and_unmark_attendance(app, staff, people):
    huda = staff("huda")
    huda.post(f"/admin/registrations/{people['رنا']}/attended", attended="1")
    assert _state(app, people["رنا"]) == ("confirmed", True)
    huda.post(f"/admin/registrations/{people['رنا']}/attended", attended="0")
    assert _state(app, people["رنا"]) == ("confirmed", False)
    # Someone still waiting did not attend as a registered participant.
    answer = huda.post(f"/admin/registrations/{people['هبة']}/attended", attended="1")
    assert "لا يُسجَّل الحضور إلا لتسجيل مؤكَّد" in text_of(huda.client.get(answer.headers["Location"]))
    assert _state(app, people["هبة"]) == ("waitlisted", False)


def test_cancel_on_her_behalf_moves_the_waiting_list_up(app, staff, people):
    huda = staff("huda")
    confirm = huda.client.get(f"/admin/registrations/{people['سلمى']}/cancel")
    assert confirm.status_code == 200 and _state(app, people["سلمى"])[0] == "confirmed"  # GET: only a question
    answer = huda.post(f"/admin/registrations/{people['سلمى']}/cancel")
    assert answer.status_code == 303
    assert _state(app, people["سلمى"])[0] == "cancelled"
    assert _state(app, people["هبة"])[0] == "confirmed"  # first in, first out
    assert _state(app, people["نور"])[0] == "waitlisted"
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "cancel"))
        assert (entry.actor, entry.object_type, entry.object_id) == ("huda", "registration", people["سلمى"])
        assert "سلمى" not in repr([tuple(r) for r in db.session.execute(select(AuditEntry.__table__))])


def test_move_up_confirms_someone_who_fits_and_refuses_overselling(app, staff):
    # open-organisations holds 5 people: 4 confirmed; a group of 3 waits; then one person waits behind it.
    register(app, "open-organisations", "جمعية أ", "0599100001", seats=4, organisation="أ")
    group = register(app, "open-organisations", "جمعية ب", "0599100002", seats=3, organisation="ب").reference
    single = register(app, "open-organisations", "فردية", "0599100003", seats=1, organisation="ج").reference
    assert _state(app, group)[0] == _state(app, single)[0] == "waitlisted"
    huda = staff("huda")
    refused = huda.post(f"/admin/registrations/{group}/move-up")
    assert "لا توجد مقاعد شاغرة" in text_of(huda.client.get(refused.headers["Location"]))
    assert _state(app, group)[0] == "waitlisted"
    huda.post(f"/admin/registrations/{single}/move-up")
    assert _state(app, single)[0] == "confirmed"
    with app.app_context():
        taken = db.session.scalar(select(func.sum(Registration.seats)).where(
            Registration.event_slug == "open-organisations", Registration.state == RegistrationState.confirmed))
    assert taken == 5
