"""A stranger who types a woman's phone number into the registration form must not learn whether
she is registered (issue 11 §3): the answer for a contact already registered and for a new one is
the same in status, headers (apart from the cookie), the page it leads to, and time.

The design: a contact that is already registered gets a registration of its own, like anyone
(the centre sees both rows, with the same contact, in its list); nothing of the earlier one is
shown. Her own registration stays hers: her private link, or the centre by reference code."""
from __future__ import annotations

import re
import statistics
import time

from forms_support import GOOD, Visitor, form_fields, forms_content_tree, make_app, text_of
from sqlalchemy import select

from forms_service.extensions import db
from forms_service.models import Registration

SLUG = "big-meeting"
HER_PHONE = "0599 777 001"
TOKEN = re.compile(r"/r/[A-Za-z0-9_.\-]+")
REFERENCE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b")


def _app(database_url, tmp_path):
    content = forms_content_tree(tmp_path / "content", extra={
        SLUG: {"capacity": 500, "opens": "2026-11-01", "closes": "2026-12-06"}})
    return make_app(database_url, content)


def _send(app, contact: str):
    """A stranger opens the form and sends it with this contact; the answer and the page it leads to."""
    visitor = Visitor(app.test_client())
    url = f"/events/{SLUG}/register"
    data = {**form_fields(visitor.open(url).get_data(as_text=True)), **GOOD, "contact": contact}
    started = time.perf_counter()
    answer = visitor.client.post(url, data=data)
    elapsed = time.perf_counter() - started
    return answer, visitor.follow(answer), elapsed


def _shape(answer, page) -> tuple:
    headers = sorted((k, TOKEN.sub("/r/TOKEN", v)) for k, v in answer.headers.items() if k.lower() != "set-cookie")
    text = REFERENCE.sub("REF", TOKEN.sub("/r/TOKEN", text_of(page)))
    return answer.status_code, headers, page.status_code, text


def test_a_registered_contact_cannot_be_told_from_a_new_one(database_url, tmp_path):
    app = _app(database_url, tmp_path)
    hers, _page, _t = _send(app, HER_PHONE)
    assert hers.status_code == 303

    known, known_page, _t = _send(app, HER_PHONE)
    new, new_page, _t = _send(app, "0599 777 002")
    assert _shape(known, known_page) == _shape(new, new_page)
    assert known.status_code == 303 and "تسجيلكِ مؤكَّد" in text_of(known_page)
    # The stranger's link is to a registration of her own making, never to the woman's.
    assert known.headers["Location"] != hers.headers["Location"]
    with app.app_context():
        contacts = [r.contact for r in db.session.scalars(select(Registration).order_by(Registration.id))]
    assert contacts == ["+970599777001", "+970599777001", "+970599777002"]


def test_the_answer_takes_as_long_for_a_registered_contact(database_url, tmp_path):
    app = _app(database_url, tmp_path)
    assert _send(app, HER_PHONE)[0].status_code == 303
    _send(app, "0599 777 999")  # warm-up
    known, new = [], []
    for n in range(30):  # interleaved, so load from elsewhere falls on both alike
        known.append(_send(app, HER_PHONE)[2])
        new.append(_send(app, f"0599 778 {n:03d}")[2])
    ratio = statistics.median(known) / statistics.median(new)
    print(f"known {statistics.median(known) * 1000:.1f} ms, new {statistics.median(new) * 1000:.1f} ms, ratio {ratio:.2f}")
    assert 1 / 1.2 < ratio < 1.2
