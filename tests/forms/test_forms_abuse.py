"""Abuse and bad input. Each test would fail without the protection it names."""
from __future__ import annotations

import time

import pytest
from support.forms import GOOD, make_app
from support.html import form_fields, text_of
from itsdangerous import TimestampSigner
from werkzeug.datastructures import MultiDict

from forms_service.extensions import db
from forms_service.base_forms import CONTROL_MESSAGE, TAMPERED, TOO_FAST, TOO_OLD
from forms_service.models import ActivitySubmission, Registration

URL = "/events/open-individuals/register"


def stored(app) -> int:
    with app.app_context():
        return db.session.query(Registration).count() + db.session.query(ActivitySubmission).count()


def form_data(client, url=URL) -> dict:
    return {**form_fields(client.get(url).get_data(as_text=True)), **GOOD}


def test_a_post_without_the_csrf_token_is_refused_and_her_input_kept(app, client):
    data = form_data(client)
    del data["csrf_token"]
    answer = client.post(URL, data={**data, "name": "نور"})
    assert answer.status_code == 400 and "انتهت صلاحية الصفحة" in text_of(answer)
    assert 'value="نور"' in answer.get_data(as_text=True)
    wrong = client.post(URL, data={**data, "csrf_token": "forged"})
    assert wrong.status_code == 400
    assert stored(app) == 0
    assert client.post(URL, data=form_data(client)).status_code == 303  # the same data with its token passes


def test_cancel_and_activity_posts_need_the_csrf_token_too(app, visitor):
    url = visitor.register("open-individuals").headers["Location"]
    assert visitor.client.post(url + "/cancel", data={}).status_code == 400
    assert "تسجيلكِ مؤكَّد" in text_of(visitor.client.get(url))
    assert visitor.client.post("/activities/new", data={"title": "x"}).status_code == 400


def test_a_filled_honeypot_gets_a_fake_success_and_nothing_is_stored(app, client):
    answer = client.post(URL, data={**form_data(client), "website": "http://spam.example"})
    assert answer.status_code == 200 and "شكراً، وصلنا طلبك" in text_of(answer)
    assert stored(app) == 0
    assert client.post(URL, data=form_data(client)).status_code == 303


class _SignedAgo(TimestampSigner):
    def __init__(self, *args, ago: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.ago = ago

    def get_timestamp(self) -> int:
        return int(time.time() - self.ago)


def aged_token(app, seconds: float) -> str:
    return _SignedAgo(app.config["SECRET_KEY"], salt="tawasul-form-started", ago=seconds).sign("form").decode()


@pytest.fixture
def timed_app(database_url, forms_content):
    app = make_app(database_url, forms_content, FORMS_MIN_SECONDS=3)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_time_token_refuses_too_fast_too_old_and_forged(timed_app):
    client = timed_app.test_client()
    fast = client.post(URL, data={**form_data(client), "name": "لينا"})
    assert fast.status_code == 422 and TOO_FAST in text_of(fast) and 'value="لينا"' in fast.get_data(as_text=True)
    old = client.post(URL, data={**form_data(client), "started": aged_token(timed_app, 25 * 3600)})
    assert old.status_code == 422 and TOO_OLD in text_of(old)
    forged = client.post(URL, data={**form_data(client), "started": "form.123.abc"})
    assert forged.status_code == 422 and TAMPERED in text_of(forged)
    assert stored(timed_app) == 0
    patient = client.post(URL, data={**form_data(client), "started": aged_token(timed_app, 5)})
    assert patient.status_code == 303 and stored(timed_app) == 1


def test_posts_are_rate_limited_per_client(database_url, forms_content):
    app = make_app(database_url, forms_content, FORMS_POST_LIMIT="10/minute")
    client = app.test_client()
    answers = [client.post(URL, data={**form_data(client), "contact": f"05991000{n:02d}"}).status_code
               for n in range(11)]
    assert 429 not in answers[:10] and set(answers[:10]) == {303}
    assert answers[10] == 429
    limited = client.post(URL, data=form_data(client))
    assert "طلبات كثيرة في وقت قصير" in text_of(limited)
    other = app.test_client()
    assert other.post(URL, data=form_data(other), environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code != 429
    with app.app_context():
        db.engine.dispose()


def test_a_limited_client_still_reads_every_form_and_each_form_keeps_its_own_limit(database_url, forms_content):
    """GETs skip the limiter (forms_service/rate_limits.py); the POSTs of every limited route
    must still count and refuse, and reading must stay open to her."""
    app = make_app(database_url, forms_content, FORMS_POST_LIMIT="2/minute", ADMIN_LOGIN_LIMIT="2/minute")
    client = app.test_client()
    answers = [client.post(URL, data={**form_data(client), "contact": f"05991000{n:02d}"}).status_code
               for n in range(3)]
    assert answers == [303, 303, 429]
    for page in (URL, "/activities/new", "/admin/login", "/"):
        assert [client.get(page).status_code for _ in range(3)] == [200, 200, 200], page
    assert client.post(URL, data=form_data(client)).status_code == 429
    activity = [client.post("/activities/new", data={"name": "x"}).status_code for _ in range(3)]
    assert 429 not in activity[:2] and activity[2] == 429
    login = [client.post("/admin/login", data={**form_data(client, "/admin/login"), "username": "x", "password": "y"})
             .status_code for _ in range(3)]
    assert 429 not in login[:2] and login[2] == 429
    with app.app_context():
        db.engine.dispose()


def test_a_large_body_is_refused_with_413(app, client):
    answer = client.post(URL, data={**form_data(client), "access_needs": "ا" * 40000})
    assert answer.status_code == 413 and "أطول مما يقبله النموذج" in text_of(answer)
    assert stored(app) == 0


@pytest.mark.parametrize("field, value, message", [
    ("name", "س" * 81, "الحد الأقصى 80 من الأحرف"),
    ("access_needs", "ا" * 301, "الحد الأقصى 300 من الأحرف"),
    ("name", "سلمى\x00", CONTROL_MESSAGE),
    ("access_needs", "سطر\x1b[31m", CONTROL_MESSAGE),
    ("name", "\u202eىملس", CONTROL_MESSAGE),
])
def test_field_limits_and_control_characters(app, client, field, value, message):
    answer = client.post(URL, data={**form_data(client), field: value})
    assert answer.status_code == 422 and message in text_of(answer)
    assert stored(app) == 0


def test_unknown_or_repeated_fields_are_refused(app, client):
    extra = client.post(URL, data={**form_data(client), "is_admin": "1"})
    assert extra.status_code == 400 and "تعذّر قبول الطلب" in text_of(extra)
    data = form_data(client)
    repeated = client.post(URL, data=MultiDict([*data.items(), ("name", "ثانية")]))
    assert repeated.status_code == 400
    assert stored(app) == 0


PAYLOADS = [
    {"name": "'; DROP TABLE registration; --"},
    {"name": "<script>alert(1)</script>"},
    {"contact": "' OR 1=1 --"},
    {"contact": "<img src=x onerror=alert(1)>@example.org"},
    {"governorate": "jenin' OR '1'='1"},
    {"governorate": "<b>"},
    {"access_needs": "<script>document.cookie</script>"},
    {"access_needs": "<a href='javascript:alert(1)'>x</a>"},
    {"consent": "maybe", "name": ""},
    {"contact": "9" * 300},
    {"contact": "+970" + "9" * 40},
    {"name": ["a", "b"]},
    {"governorate": "x" * 5000},
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_bad_input_gets_a_4xx_in_arabic_and_stores_nothing(app, client, payload):
    data = form_data(client)
    items = [(k, v) for k, v in data.items() if k not in payload]
    for key, value in payload.items():
        items += [(key, v) for v in (value if isinstance(value, list) else [value])]
    answer = client.post(URL, data=MultiDict(items))
    assert 400 <= answer.status_code < 500, answer.status_code
    assert any("\u0600" <= ch <= "\u06ff" for ch in text_of(answer))
    assert stored(app) == 0


@pytest.mark.parametrize("body, content_type", [
    (b'{"name": "x"}', "application/json"),
    (b"\xff\xfe\x00garbage", "application/x-www-form-urlencoded"),
    (b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.exe\"\r\n\r\nMZ\r\n--b--\r\n",
     "multipart/form-data; boundary=b"),
    (b"", "text/plain"),
])
def test_odd_bodies_never_cause_a_5xx(app, client, body, content_type):
    form_data(client)
    answer = client.post(URL, data=body, content_type=content_type)
    assert 400 <= answer.status_code < 500, answer.status_code
    assert stored(app) == 0


def test_bad_methods_and_urls_answer_in_arabic(client):
    assert client.delete(URL).status_code == 405
    assert "طريقة غير مسموح بها" in text_of(client.put(URL))
    assert client.get("/events/%00/register").status_code == 404
    assert client.get("/r/" + "A" * 5000).status_code == 404


def test_one_page_load_makes_one_submission(app, client):
    """The time token is single-use (issue 11 §4): one page load replayed makes one record, not five."""
    data = form_data(client)
    cookie = client.get_cookie("tawasul_forms").value  # a replaying client keeps the cookie a success clears

    def replay(n):
        client.set_cookie("tawasul_forms", cookie)
        return client.post(URL, data={**data, "contact": f"0599 123 45{n}"})
    answers = [replay(n) for n in range(5)]
    assert [a.status_code for a in answers] == [303, 409, 409, 409, 409]
    assert "أُرسل هذا النموذج من قبل" in text_of(answers[1])
    assert 'value="0599 123 451"' in answers[1].get_data(as_text=True)  # her input kept, with a fresh token
    assert stored(app) == 1
    assert client.post(URL, data=form_data(client)).status_code == 303  # a new page load: a new token
    activity = form_fields(client.get("/activities/new").get_data(as_text=True))
    assert client.post("/activities/new", data={**activity, "title": "x"}).status_code == 422  # invalid: not used up
    assert stored(app) == 2
