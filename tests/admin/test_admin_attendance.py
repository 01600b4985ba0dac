"""Attendance on the day: a printable A4 sign-in sheet of the confirmed people (an HTML page and
a PDF made by WeasyPrint, read back with poppler's pdftotext), and attendance marked per person.
Another governorate's coordinator sees none of it."""
from __future__ import annotations

import re
import subprocess

import pytest
from support.admin import register
from support.html import text_of
from sqlalchemy import select

from forms_service.extensions import db
from forms_service.models import Participant
from forms_service.services.registrations import Person

SHEET = "/admin/events/open-both/sign-in"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def day(app):
    """open-both holds 4: an organisation of 3 (two named), one woman alone, one waiting."""
    register(app, "open-both", "منسقة", "+970599100001", seats=3, organisation="جمعية النهضة",
             people=(Person("رنا", "منسّقة المشروع"), Person("هبة")))
    register(app, "open-both", "سلمى", "+970599100002")
    register(app, "open-both", "نور", "+970599100003")  # full: she waits, so she is not on the sheet
    with app.app_context():
        return {p.name: p.id for p in db.session.scalars(select(Participant))}


def test_the_print_page_lists_the_confirmed_people_with_a_signature_column(app, staff, day):
    page = staff("huda").client.get(SHEET)
    assert page.status_code == 200
    text = text_of(page)
    assert "فعالية open-both" in text and "التوقيع" in text
    assert "رنا" in text and "منسّقة المشروع" in text and "هبة" in text and "سلمى" in text and "جمعية النهضة" in text
    assert "نور" not in text
    assert "(4)" in text  # three places of the organisation (one name to come) and سلمى


def test_the_pdf_is_a4_and_its_text_has_the_title_and_the_names(app, staff, day, tmp_path):
    answer = staff("huda").post(SHEET + ".pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(answer.data)
    text = BIDI_CONTROLS.sub("", subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                                text=True, check=True).stdout)
    for words in ("فعالية open-both", "رنا", "هبة", "سلمى", "جمعية النهضة", "التوقيع"):
        assert words in text, words
    assert "نور" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info), info


def test_attendance_is_marked_per_person_and_totals_count_people(app, staff, day):
    huda = staff("huda")
    listing = "/admin/events/open-both/registrations"
    assert huda.post(f"/admin/participants/{day['رنا']}/attended", attended="1").status_code == 303
    with app.app_context():
        marks = {p.name: p.attended for p in db.session.scalars(select(Participant))}
    assert marks == {"رنا": True, "هبة": False, None: False}
    assert "الحضور حتى الآن: 1" in text_of(huda.client.get(listing))
    huda.post(f"/admin/participants/{day['هبة']}/attended", attended="1")
    assert "الحضور حتى الآن: 2" in text_of(huda.client.get(listing))


def test_another_governorate_sees_no_sheet_and_marks_no_one(app, staff, day):
    rasha = staff("rasha")
    assert rasha.client.get(SHEET).status_code == 404
    assert rasha.post(SHEET + ".pdf").status_code == 404
    assert rasha.post(f"/admin/participants/{day['رنا']}/attended", attended="1").status_code == 404
    assert rasha.post("/admin/participants/999999/attended", attended="1").status_code == 404
    with app.app_context():
        assert not any(p.attended for p in db.session.scalars(select(Participant)))


def test_attendance_totals_outlive_the_purge_as_counts(app, staff, day, monkeypatch):
    from forms_service.models import RegistrationState, RegistrationTally

    huda = staff("huda")
    huda.post(f"/admin/participants/{day['رنا']}/attended", attended="1")
    huda.post(f"/admin/participants/{day['هبة']}/attended", attended="1")
    monkeypatch.setenv("TAWASUL_TODAY", "2027-06-01")
    assert app.test_cli_runner().invoke(args=["purge-registrations"]).exit_code == 0
    with app.app_context():
        tally = db.session.get(RegistrationTally, ("open-both", RegistrationState.confirmed))
        assert (tally.people, tally.attended) == (4, 2)
        assert db.session.scalars(select(Participant)).all() == []
