"""Messages reach her through a real SMTP server on loopback: the confirmation with her private
link, a cancellation made in the event's file, and moving up from the waiting list. The outside
of every message (sender, subject, first line) says only «موعد» and a day."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support.forms import Visitor, event_yaml
from support.html import text_of
from support.outbox import OPT_IN, outbox_rows, send
from support.smtp_inbox import body_text
from sqlalchemy import select

from forms_service.extensions import db
from forms_service.outbox.models import MessageKind, MessageState, OutboxMessage

# Words that must never show outside a message: the topic, the service, the centre, the event.
TELLING = ("عنف", "حماية", "تواصل", "مركز", "جنين", "فعالية", "ورشة", "قاعة")


def first_line(message) -> str:
    return body_text(message).splitlines()[0]


def test_confirmation_arrives_once_with_a_neutral_outside_and_her_private_link(outbox_app, inbox):
    visitor = Visitor(outbox_app.test_client())
    answer = visitor.register("open-individuals", **OPT_IN)
    assert answer.status_code == 303
    assert "sent 1" in send(outbox_app)
    assert send(outbox_app).strip().endswith("sent 0, to retry 0, failed 0")  # nothing twice

    [message] = inbox.messages
    assert message["To"] == "salma.test@example.org"
    assert message["Subject"] == "موعدكِ يوم الثلاثاء 8 كانون الأول، 10:00 ص"
    assert first_line(message) == message["Subject"] + "."
    assert message["From"].addresses[0].display_name == "مواعيد"
    for outside in (message["Subject"], first_line(message), str(message["From"])):
        assert not any(word in outside for word in TELLING), outside
    body = body_text(message)
    assert "فعالية open-individuals" in body.split("—" * 20, 1)[1]  # the details, below the line
    link = next(line for line in body.splitlines() if line.startswith("http"))
    assert urlsplit(link).path == answer.headers["Location"]
    page = visitor.client.get(urlsplit(link).path)
    assert page.status_code == 200 and "تسجيلكِ مؤكَّد" in text_of(page)
    [row] = outbox_rows(outbox_app)
    assert row.state == MessageState.sent and row.message_id == message["Message-ID"]


def test_cancelling_the_event_in_its_file_sends_one_cancellation_to_each_who_asked(outbox_app, inbox, own_content):
    visitor = Visitor(outbox_app.test_client())
    manage_url = visitor.register("open-individuals", **OPT_IN).headers["Location"]
    Visitor(outbox_app.test_client()).register("open-individuals", contact="0599000222")  # no opt-in
    send(outbox_app)
    assert len(inbox.messages) == 1

    (own_content / "events/2026/open-individuals.yml").write_text(
        event_yaml("open-individuals", {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06",
                                        "status": "cancelled"}), encoding="utf-8")
    send(outbox_app)
    send(outbox_app)  # a second look at the same change queues nothing more
    assert len(inbox.messages) == 2
    cancellation = inbox.messages[1]
    assert cancellation["Subject"] == "تغيير في موعدكِ يوم الثلاثاء 8 كانون الأول، 10:00 ص"
    assert "أُلغيت هذه الفعالية" in body_text(cancellation)
    assert cancellation["Message-ID"] != inbox.messages[0]["Message-ID"]
    assert [r.kind for r in outbox_rows(outbox_app)] == [MessageKind.confirmation, MessageKind.cancelled]
    assert "أُلغيت الفعالية" in text_of(visitor.client.get(manage_url))  # and her page says so


def test_a_postponement_tells_the_new_day_and_the_old_one(outbox_app, inbox, own_content):
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    (own_content / "events/2026/open-individuals.yml").write_text(
        event_yaml("open-individuals", {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06",
                                        "start": "2026-12-15 10:00", "end": "2026-12-15 13:00", "status": "postponed"})
        .replace("status: postponed", "status: postponed\nprevious_start: 2026-12-08 10:00"), encoding="utf-8")
    send(outbox_app)
    confirmation, postponed = inbox.messages
    body = body_text(postponed)
    assert postponed["Subject"] == "تغيير في موعدكِ يوم الثلاثاء 8 كانون الأول، 10:00 ص"
    assert "أُجِّلت" in body and "15 كانون الأول" in body and "الموعد السابق: الثلاثاء 8 كانون الأول 2026" in body


def test_a_confirmed_person_cancels_and_the_first_waiting_person_hears_she_moved_up(outbox_app, inbox):
    people = [Visitor(outbox_app.test_client()) for _ in range(3)]  # capacity 2
    answers = [p.register("open-individuals", contact=f"059912345{n}", notify="y", email=f"p{n}@example.org")
               for n, p in enumerate(people)]
    send(outbox_app)
    assert [m["To"] for m in inbox.messages] == ["p0@example.org", "p1@example.org", "p2@example.org"]
    assert "قائمة الانتظار" in body_text(inbox.messages[2])

    assert people[0].cancel(answers[0].headers["Location"]).status_code == 303
    send(outbox_app)
    [moved_up] = inbox.messages[3:]
    assert moved_up["To"] == "p2@example.org" and "صار لكِ مقعد" in body_text(moved_up)


def test_the_day_before_a_reminder_is_sent_once(outbox_app, inbox, monkeypatch):
    Visitor(outbox_app.test_client()).register("open-individuals", **OPT_IN)
    send(outbox_app)
    monkeypatch.setenv("TAWASUL_TODAY", "2026-12-07")  # the event is on the 8th
    send(outbox_app)
    send(outbox_app)
    confirmation, reminder = inbox.messages
    assert reminder["Subject"] == "تذكير بموعدكِ غداً، الثلاثاء 8 كانون الأول، 10:00 ص"


@pytest.mark.parametrize("choices", [
    {"email": "salma.test@example.org"},  # an address, but she did not ask for messages
    {**OPT_IN, "contact_preference": "calls_only", "call_times": "صباحاً"},
    {**OPT_IN, "contact_preference": "none"},
])
def test_no_message_without_her_opt_in_or_against_her_safe_contact_answer(outbox_app, inbox, own_content, choices):
    visitor = Visitor(outbox_app.test_client())
    assert visitor.register("open-individuals", **choices).status_code == 303
    (own_content / "events/2026/open-individuals.yml").write_text(
        event_yaml("open-individuals", {"capacity": 2, "opens": "2026-11-01", "closes": "2026-12-06",
                                        "status": "cancelled"}), encoding="utf-8")
    send(outbox_app)
    assert inbox.messages == [] and outbox_rows(outbox_app) == []
    with outbox_app.app_context():
        from forms_service.models import Registration
        [row] = db.session.scalars(select(Registration)).all()
        assert row.email is None or row.notify  # an address is kept only with the opt-in


def test_messages_only_and_a_contact_that_is_an_email_are_enough(outbox_app, inbox):
    answer = Visitor(outbox_app.test_client()).register(
        "open-individuals", contact="huda.test@example.org", notify="y", contact_preference="messages_only")
    assert answer.status_code == 303
    send(outbox_app)
    assert [m["To"] for m in inbox.messages] == ["huda.test@example.org"]


def test_asking_for_messages_without_an_address_is_a_clear_error_that_keeps_her_input(outbox_app):
    answer = Visitor(outbox_app.test_client()).register("open-individuals", notify="y", name="سلمى")
    assert answer.status_code == 422
    text = text_of(answer)
    assert "اكتبي بريدكِ الإلكتروني لنرسل إليه الرسائل" in text and 'value="سلمى"' in answer.get_data(as_text=True)
    calls = Visitor(outbox_app.test_client()).register("open-individuals", contact_preference="calls_only")
    assert calls.status_code == 422 and "اكتبي الأوقات التي يناسبكِ فيها الاتصال" in text_of(calls)
