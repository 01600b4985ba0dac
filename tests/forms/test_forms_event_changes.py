"""A change to the event after she registered reaches her page and her calendar (issue 10 §2):
the event file is rewritten, as a coordinator's edit would, and her page and .ics follow."""
from __future__ import annotations

import pytest
from forms_support import Visitor, event_yaml, forms_content_tree, make_app, text_of
from icalendar import Calendar

SPEC = {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06"}


@pytest.fixture
def content(tmp_path):
    return forms_content_tree(tmp_path / "content")


@pytest.fixture
def her(content, tmp_path):
    """She registered for open-individuals; returns (her browser, her page's address)."""
    app = make_app(f"sqlite:///{tmp_path / 'forms.sqlite3'}", content)
    visitor = Visitor(app.test_client())
    answer = visitor.register("open-individuals")
    assert answer.status_code == 303
    return visitor, answer.headers["Location"]


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

