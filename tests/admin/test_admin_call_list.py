"""The coordinator's call list respects each woman's answer to «هل من الآمن أن نتواصل معكِ؟»:
her number is shown with the answer, and is a tap-to-call link only when calls are allowed.
Messages the worker gave up on are shown, so the coordinator can reach her another way."""
from __future__ import annotations

from support.admin import register
from support.html import text_of
from bs4 import BeautifulSoup
from support.smtp_inbox import Inbox, SmtpServer

LIST = "/admin/events/open-organisations/registrations"


def _row(page, name: str):
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    return next(th for th in soup.find_all("th", scope="row") if name in th.get_text()).find_parent("tr")


def test_numbers_come_with_her_safe_contact_answer_and_calls_only_where_allowed(app, staff):
    answers = {"سلمى": {"contact_preference": "any"}, "رنا": {"contact_preference": "messages_only"},
               "هبة": {"contact_preference": "none"},
               "نور": {"contact_preference": "calls_only", "call_times": "صباحاً بين 9 و11"},
               "ليلى": {}}
    for n, (name, choices) in enumerate(answers.items()):
        register(app, "open-organisations", name, f"+97059912340{n}", **choices)
    page = staff("huda").client.get(LIST)
    calls = {name: bool(_row(page, name).select("a[href^='tel:']")) for name in answers}
    assert calls == {"سلمى": True, "رنا": False, "هبة": False, "نور": True, "ليلى": False}
    for name, words in {"سلمى": "نعم، بأي وسيلة", "رنا": "رسائل فقط، دون اتصال", "هبة": "أرجو ألا تتواصلوا معي",
                        "نور": "صباحاً بين 9 و11", "ليلى": "لم تُجب"}.items():
        row = _row(page, name).get_text(" ", strip=True)
        assert words in row and "+97059912340" in row, (name, row)


def test_a_message_the_worker_gave_up_on_is_shown_to_the_coordinator(app, staff):
    inbox = Inbox()
    accept = inbox.handle_DATA

    async def refuse_one(server, session, envelope):
        if envelope.rcpt_tos == ["gone@example.org"]:
            return "550 5.1.1 no such mailbox"
        return await accept(server, session, envelope)
    inbox.handle_DATA = refuse_one
    register(app, "open-organisations", "سلمى", "+970599123400", notify=True, email="gone@example.org")
    register(app, "open-organisations", "رنا", "+970599123401", notify=True, email="fine@example.org")
    with SmtpServer(inbox) as server:
        app.config.update(server.settings())
        sent = app.test_cli_runner().invoke(args=["send-outbox", "--once"])
    assert "sent 1" in sent.output and "failed 1" in sent.output
    page = staff("huda").client.get(LIST)
    assert "رسائل لم تصل إلى صاحباتها بعد عدة محاولات: 1" in text_of(page)
    assert "لم تصلها رسالة" in _row(page, "سلمى").get_text()
    assert "لم تصلها رسالة" not in _row(page, "رنا").get_text()
