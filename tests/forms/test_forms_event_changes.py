"""A change to the event after she registered reaches her page and her calendar (issue 10 §2):
the event file is rewritten, as a coordinator's edit would, and her page and .ics follow."""
from __future__ import annotations

import pytest
from support.forms import Visitor, event_yaml, forms_content_tree, make_app
from support.html import text_of
from icalendar import Calendar

from forms_service.extensions import db
from forms_service.models import Registration

SPEC = {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06"}


@pytest.fixture
def content(tmp_path):
    return forms_content_tree(tmp_path / "content")


@pytest.fixture
def her(content, database_url):
    """She registered for open-individuals, on SQLite and on PostgreSQL; returns (her browser,
    her page's address)."""
    app = make_app(database_url, content)
    visitor = Visitor(app.test_client())
    answer = visitor.register("open-individuals")
    assert answer.status_code == 303
    yield visitor, answer.headers["Location"]
    with app.app_context():
        db.engine.dispose()  # the PostgreSQL database is dropped after the test


def change_event(content, **fields):
    """The coordinator's edit: the event file rewritten with new fields."""
    path = content / "events" / "2026" / "open-individuals.yml"
    text = event_yaml("open-individuals", SPEC)
    for key, value in fields.items():
        text = "\n".join(line for line in text.splitlines() if not line.startswith(f"{key}:")) + f"\n{key}: {value}\n"
    path.write_text(text, encoding="utf-8")


def calendar_entry(visitor, url):
    answer = visitor.client.get(url)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    [event] = Calendar.from_ical(answer.data).walk("VEVENT")
    return event


def test_her_calendar_entry_is_neutral_unless_she_chooses_details(her):
    visitor, manage = her
    page = text_of(visitor.client.get(manage))
    assert "تسجيلكِ مؤكَّد" in page and "حُجز مقعد واحد باسمكِ" in page
    assert "يُزامَن غالباً مع حساب قد يطّلع عليه غيركِ" in page  # beside «أضيفي إلى التقويم»
    neutral = calendar_entry(visitor, manage + "/event.ics")
    assert str(neutral["SUMMARY"]) == "موعد" and "DESCRIPTION" not in neutral
    assert str(neutral["LOCATION"]) == "قاعة الاختبار، جنين"
    assert neutral.decoded("DTSTART").isoformat() == "2026-12-08T10:00:00+02:00"
    detailed = calendar_entry(visitor, manage + "/event.ics?details=1")
    assert str(detailed["SUMMARY"]) == "فعالية open-individuals" and str(detailed["DESCRIPTION"]) == "ملخص الفعالية."
    # One UID for the event, the same as the site's calendar files give it: never a duplicate.
    assert str(neutral["UID"]) == str(detailed["UID"]) == "event-open-individuals@tawasul.calendar"
    assert neutral["STATUS"] == "CONFIRMED" and int(neutral["SEQUENCE"]) == 0


def test_a_cancelled_event_says_so_and_updates_her_calendar(her, content):
    visitor, manage = her
    change_event(content, status="cancelled")
    html = visitor.client.get(manage).get_data(as_text=True)
    page = text_of(visitor.client.get(manage))
    assert "أُلغيت الفعالية" in page and "لا يلزمكِ فعل شيء" in page
    assert "ننتظرك" not in page and "تسجيلكِ مؤكَّد" not in page
    assert "إلغاء التسجيل" not in page and "أضيفي إلى التقويم" not in page  # nothing to cancel or add
    assert "الموعد الملغى" in page and "<del>" in html
    entry = calendar_entry(visitor, manage + "/event.ics")  # the copy she already has is updated
    assert entry["STATUS"] == "CANCELLED" and int(entry["SEQUENCE"]) == 1
    assert str(entry["UID"]) == "event-open-individuals@tawasul.calendar"


def test_a_postponed_event_shows_the_new_date_and_the_old_one(her, content):
    visitor, manage = her
    change_event(content, status="postponed", start="2026-12-15 10:00", end="2026-12-15 13:00",
                 previous_start="2026-12-08 10:00")
    page = text_of(visitor.client.get(manage))
    assert "أُجّلت الفعالية إلى موعد جديد" in page and "ننتظركِ" not in page
    assert "الموعد الجديد الثلاثاء 15 كانون الأول 2026" in page
    assert "الموعد السابق (أُجّل) الثلاثاء 8 كانون الأول 2026، 10:00 ص" in page
    assert "إلغاء التسجيل" in page  # she may still cancel
    entry = calendar_entry(visitor, manage + "/event.ics")
    assert entry.decoded("DTSTART").isoformat() == "2026-12-15T10:00:00+02:00"
    assert entry["STATUS"] == "CONFIRMED" and int(entry["SEQUENCE"]) == 1


CHANGED = "تغيّر منذ تسجيلكِ"


def test_a_new_time_since_she_registered_is_told_with_the_old_one(her, content):
    visitor, manage = her
    assert CHANGED not in text_of(visitor.client.get(manage))  # nothing changed yet
    change_event(content, start="2026-12-08 12:00", end="2026-12-08 15:00")
    html = visitor.client.get(manage).get_data(as_text=True)
    page = text_of(visitor.client.get(manage))
    assert CHANGED in page and "تسجيلكِ مؤكَّد" in page
    assert ("الموعد: كان <del>الثلاثاء 8 كانون الأول 2026، 10:00 ص</del>، وصار "
            "<strong>الثلاثاء 8 كانون الأول 2026، 12:00 م</strong>.") in html
    assert "المكان: كان" not in page  # the place did not change
    assert "إن لم يعد يناسبكِ فيمكنكِ إلغاؤه" in page and "إلغاء التسجيل" in page
    entry = calendar_entry(visitor, manage + "/event.ics")
    assert entry.decoded("DTSTART").isoformat() == "2026-12-08T12:00:00+02:00"


def test_a_new_venue_since_she_registered_is_told_with_the_old_one(her, content):
    visitor, manage = her
    change_event(content, venue="{name: قاعة البلدية, address: جنين – شارع الحسبة}")
    html = visitor.client.get(manage).get_data(as_text=True)
    page = text_of(visitor.client.get(manage))
    assert CHANGED in page and "الموعد: كان" not in page
    assert "المكان: كان <del>قاعة الاختبار، جنين</del>، وصار <strong>قاعة البلدية، جنين – شارع الحسبة</strong>." in html
    # Moved back to where she registered for: nothing to tell any more.
    change_event(content, venue="{name: قاعة الاختبار, address: جنين}")
    assert CHANGED not in text_of(visitor.client.get(manage))


def test_a_postponement_or_cancellation_is_not_told_twice(her, content):
    visitor, manage = her
    change_event(content, status="postponed", start="2026-12-15 10:00", end="2026-12-15 13:00",
                 previous_start="2026-12-08 10:00")
    page = text_of(visitor.client.get(manage))
    assert "أُجّلت الفعالية إلى موعد جديد" in page and CHANGED not in page
    change_event(content, status="cancelled", venue="{name: قاعة البلدية, address: جنين}")
    page = text_of(visitor.client.get(manage))
    assert "أُلغيت الفعالية" in page and CHANGED not in page


def test_a_registration_from_before_the_record_says_nothing_of_changes(her, content):
    """Registrations made before the migration have no record of the event as it was."""
    visitor, manage = her
    app = visitor.client.application
    with app.app_context():
        db.session.execute(db.update(Registration).values(registered_start=None, registered_venue=None))
        db.session.commit()
    change_event(content, start="2026-12-08 12:00", end="2026-12-08 15:00", venue="{name: قاعة البلدية, address: جنين}")
    page = text_of(visitor.client.get(manage))
    assert "تسجيلكِ مؤكَّد" in page and CHANGED not in page
    assert "الثلاثاء 8 كانون الأول 2026، 12:00 م" in page and "قاعة البلدية، جنين" in page  # the event as it is


def test_a_successful_registration_clears_the_session_cookie(content, tmp_path):
    """The safety page says the one cookie is cleared after a successful submission."""
    app = make_app(f"sqlite:///{tmp_path / 'forms.sqlite3'}", content)
    visitor = Visitor(app.test_client())
    visitor.open("/events/open-individuals/register")
    assert visitor.client.get_cookie("tawasul_forms") is not None  # the form's CSRF token
    answer = visitor.register("open-individuals")
    assert answer.status_code == 303
    assert visitor.client.get_cookie("tawasul_forms") is None
    assert "tawasul_forms=;" in answer.headers["Set-Cookie"]

