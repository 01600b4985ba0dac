"""A coordinator's message to everyone registered for one event: she sees whom it reaches and
whom not and why; plain text below the neutral line; at most one per event per hour; audited."""
from __future__ import annotations

from support.admin import csrf_of, register
from support.html import text_of
from support.smtp_inbox import Inbox, SmtpServer, body_text
from sqlalchemy import select

from forms_service.admin_models import AuditEntry
from forms_service.extensions import db
from forms_service.outbox.models import OutboxMessage

PAGE = "/admin/events/open-organisations/message"
TEXT = "نرجو إحضار بطاقة الهوية، والقاعة في الطابق الثاني."


def post(person, text: str):
    form = person.client.get(PAGE)
    return person.client.post(PAGE, data={"csrf_token": csrf_of(form.get_data(as_text=True)), "text": text})


def test_she_sees_the_reach_then_one_message_per_hour_reaches_only_those_who_allowed_it(app, staff):
    register(app, "open-organisations", "سلمى", "+970599100001", notify=True, email="salma@example.org")
    register(app, "open-organisations", "رنا", "+970599100002")
    register(app, "open-organisations", "هبة", "+970599100003", notify=True, email="hiba@example.org",
             contact_preference="none")
    register(app, "open-organisations", "نور", "+970599100004", contact_preference="calls_only", call_times="مساءً")
    huda = staff("huda")
    page = text_of(huda.client.get(PAGE))
    assert "ستصل إلى: 1" in page
    for why in ("طلبت ألا نتواصل معها: 1", "اختارت الاتصال فقط، دون رسائل: 1", "لم تطلب رسائل بالبريد: 1"):
        assert why in page

    assert post(huda, TEXT).status_code == 303
    inbox = Inbox()
    with SmtpServer(inbox) as server:
        app.config.update(server.settings())
        app.test_cli_runner().invoke(args=["send-outbox", "--once"])
    confirmation, message = inbox.messages  # her confirmation went out with it
    assert confirmation["Subject"].startswith("موعدكِ") and message["To"] == "salma@example.org"
    assert message["Subject"] == "رسالة عن موعدكِ يوم الثلاثاء 8 كانون الأول، 10:00 ص"
    assert TEXT in body_text(message).split("—" * 20, 1)[1]
    assert not message.is_multipart()  # plain text, nothing attached

    again = post(huda, "رسالة ثانية")
    assert again.status_code == 422 and "قبل أقل من ساعة" in text_of(again) and "رسالة ثانية" in again.get_data(as_text=True)
    with app.app_context():
        assert [m.kind.value for m in db.session.scalars(select(OutboxMessage))] == ["confirmation", "broadcast"]
        [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "broadcast")).all()
        assert (entry.actor, entry.object_id) == ("huda", "open-organisations")


def test_markup_is_refused_and_another_governorate_cannot_send(app, staff):
    register(app, "open-organisations", "سلمى", "+970599100001", notify=True, email="salma@example.org")
    bad = post(staff("huda"), '<a href="http://x">اضغطي</a>')
    assert bad.status_code == 422 and "رموز غير مقبولة" in text_of(bad)
    assert staff("rasha").client.get(PAGE).status_code == 404
    with app.app_context():
        assert [m.kind.value for m in db.session.scalars(select(OutboxMessage))] == ["confirmation"]
