"""Every form of the service, public and coordinator, against every shape of body our pages never
send: JSON (object, array, scalar, nested values), file parts, digits that are not decimal, and
wrong content types. Each answer is a 4xx Arabic page, and nothing is stored (the real database,
SQLite and PostgreSQL, and the content tree are compared before and after).

One test per form loops over the shapes, so a failure lists every shape that broke that form."""
from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from support.admin import PASSWORD, Staff, register, submit_activity
from support.html import form_fields, text_of
from support.store import git
from bs4 import BeautifulSoup
from sqlalchemy import select

from forms_service.admin_models import AuditEntry, Coordinator
from forms_service.extensions import db
from forms_service.models import ActivitySubmission, Participant, Registration
from forms_service.outbox.models import OutboxMessage
from forms_service.services.registrations import Person
from forms_service.services.codes import sign


# --- the forms -----------------------------------------------------------------------------------
# Each: (signed in?, the page whose form is used, the URL it posts to, the form's action ending,
# values that make it otherwise valid).

GOOD_PERSON = {"name": "سلمى", "contact": "0599 123 456", "governorate": "jenin", "consent": "y"}
GOOD_ACTIVITY = {"organisation": "جمعية الاختبار", "organisation_type": "association", "contact_name": "منى",
                 "contact": "partner@example.org", "activity_type": "awareness_meeting", "title": "لقاء توعوي",
                 "description": "وصف اللقاء.", "target_group": "العاملات", "expected_participants": "40",
                 "governorate": "jenin", "venue_name": "مقر الجمعية", "venue_address": "وسط البلد",
                 "starts_at": "2026-12-15T10:00", "ends_at": "2026-12-15T12:00"}
GOOD_EVENT = {"action": "save", "title": "ورشة اختبار", "type": "workshop", "start_date": "2026-12-12",
              "start_time": "10:00", "end_time": "12:30", "governorate": "jenin", "venue_name": "قاعة البلدية",
              "venue_address": "جنين", "audience": "النساء العاملات", "summary": "ورشة قصيرة.",
              "registration_audience": "individuals"}  # what a browser sends for a select without a choice

FORMS = {
    "register-individuals": (False, "/events/open-individuals/register", None, None, GOOD_PERSON),
    "register-organisations": (False, "/events/open-organisations/register", None, None,
                               {**GOOD_PERSON, "organisation": "جمعية", "attendees": "2"}),
    "register-both": (False, "/events/open-both/register", None, None, {**GOOD_PERSON, "attendees": "1"}),
    "activity": (False, "/activities/new", None, None, GOOD_ACTIVITY),
    "cancel-own": (False, "{manage}", "{manage}/cancel", "/cancel", {}),
    "login": (False, "/admin/login", None, None, {"username": "wizara", "password": PASSWORD["wizara"]}),
    "logout": (True, "/admin/", "/admin/logout", "/logout", {}),
    "publish": (True, "/admin/", "/admin/publish", "/publish", {}),
    "export": (True, "/admin/events/open-individuals/registrations", "/admin/events/open-individuals/export.csv",
               "export.csv", {}),
    "attended": (True, "/admin/events/open-individuals/registrations", "/admin/registrations/{ref}/attended",
                 "/attended", {}),
    "move-up": (True, "/admin/events/open-individuals/registrations", "/admin/registrations/{waiting}/move-up",
                "/move-up", {}),
    "cancel-on-behalf": (True, "/admin/registrations/{ref}/cancel", "/admin/registrations/{ref}/cancel",
                         "/cancel", {}),
    "save-submission": (True, "/admin/submissions/{sub}", "/admin/submissions/{sub}/save", "/save", {}),
    "approve-submission": (True, "/admin/submissions/{sub}", "/admin/submissions/{sub}/approve", "/save", {}),
    "reject-submission": (True, "/admin/submissions/{sub}", "/admin/submissions/{sub}/reject", "/reject",
                          {"reason": "مكرر"}),
    "disable-account": (True, "/admin/accounts", "/admin/accounts/{account}/disable", "/disable", {}),
    "add-people": (False, "{org_manage}", "{org_manage}/people", "/people", {"people": "هبة"}),
    "remove-person": (False, "{org_manage}", "{org_manage}/people/{participant}/remove", "/remove", {}),
    "participant-attended": (True, "/admin/events/open-organisations/registrations",
                             "/admin/participants/{participant}/attended", "/participants/{participant}/attended", {}),
    "sign-in-pdf": (True, "/admin/events/open-individuals/sign-in", "/admin/events/open-individuals/sign-in.pdf",
                    "sign-in.pdf", {}),
    "event-message": (True, "/admin/events/open-individuals/message", None, None, {"text": "تغيّر موعد اللقاء."}),
    # The coordinators' editors: each save would be a commit, so the snapshot holds the branch's tip.
    "event-new": (True, "/admin/events/new", None, None, GOOD_EVENT),
    "event-edit": (True, "/admin/events/open-individuals/edit", None, None, {"action": "save", "summary": "ملخص جديد."}),
    "event-cancel": (True, "/admin/events/open-individuals/cancel", None, None,
                     {"reason": "بسبب الأحوال الجوية.", "step": "confirm"}),
    "centre": (True, "/admin/centres/jenin", None, "/admin/centres/jenin", {"address": "جنين، شارع الاختبار ٢"}),
    "account-new": (True, "/admin/accounts/new", None, None,
                    {"username": "salma.jenin", "display_name": "سلمى", "role": "governorate", "governorate": "jenin"}),
    # The ministry's content pages read larger bodies (security.reads_large_body), still only form ones.
    "article-new": (True, "/admin/content/articles/new", None, None,
                    {"title": "عنوان", "category": "rights", "summary": "ملخص.", "date": "2026-11-20", "body": "نص."}),
    "article-image": (True, "/admin/content/articles/first-article/edit", "/admin/content/articles/first-article/image",
                      "/image", {"alt": "وصف"}),
    "helpline-new": (True, "/admin/content/helplines/new", None, None,
                     {"name": "خط", "number": "000 000 0121", "description": "وصف."}),
}
MINISTRY_ONLY = {"disable-account", "account-new", "article-new", "article-image", "helpline-new"}

# --- the shapes of body ----------------------------------------------------------------------------


def _file() -> tuple:
    return (io.BytesIO(b"<not text>"), "note.txt", "text/plain")


def _json(value):
    return lambda valid: {"json": value(valid) if callable(value) else value}


def _raw(body: str, content_type: str | None):
    def shape(valid):
        kwargs = {"data": body(valid) if callable(body) else body}
        if content_type:
            kwargs["content_type"] = content_type
        return kwargs
    return shape


TEXT_FIELDS = ("name", "access_needs", "title", "reason", "username", "organisation")

SHAPES = {
    "json object, numbers": _json(lambda v: {**v, **{k: 1 for k in v if k != "csrf_token"},
                                             "name": 1, "contact": 5, "attendees": 3}),
    "json csrf number": _json({"csrf_token": 5}),
    "json nested": _json(lambda v: {**v, **{k: {"$ne": 1} for k in v if k != "csrf_token"}, "name": {"$ne": 1}}),
    "json array": _raw("[1, 2]", "application/json"),
    "json string": _raw('"x"', "application/json"),
    "json scalar": _raw("5", "application/json"),
    "json list values": _json(lambda v: {k: [val, val] for k, val in v.items()}),
    "file part": lambda v: {"data": {**v, **{k: _file() for k in TEXT_FIELDS if k in v}, "upload": _file()},
                            "content_type": "multipart/form-data"},
    "form body as text/plain": _raw(lambda v: urlencode(v), "text/plain"),
    "form body labelled json": _raw(lambda v: urlencode(v), "application/json"),
    "xml": _raw('<?xml version="1.0"?><form><name>x</name></form>', "application/xml"),
    "no content type": _raw(lambda v: urlencode(v), None),
}
NON_DECIMAL = {"attendees": ["²", "①", "¹⁰", "१२"], "expected_participants": ["²", "①", "¹⁰", "٣³"],
               "starts_at": ["२०२६-१२-१५T10:00", "2026-12-15T1²:00"], "code": ["12345²", "१२३४५६", "①②③④⑤⑥"],
               "contact": ["०५९९१२३४५६", "059912³456"], "capacity": ["²", "①", "१२"],
               "start_date": ["२०२६-१२-१२", "2026-1²-12"]}


def snapshot(app, content) -> tuple:
    """What a request could have stored: people's rows, submissions, the audit trail, accounts,
    and the content files (an approval writes one)."""
    with app.app_context():
        regs = sorted((r.reference, r.state.value, r.seats, r.attended, r.name, r.contact)
                      for r in db.session.scalars(select(Registration)))
        subs = sorted((s.id, s.state.value, s.title, s.starts_at, s.rejection_reason)
                      for s in db.session.scalars(select(ActivitySubmission)))
        audit = sorted((a.actor, a.action, a.object_id) for a in db.session.scalars(select(AuditEntry))
                       if a.action != "login_failed")  # a wrong code is a failed login, by design
        accounts = sorted((c.username, c.disabled, c.password_hash) for c in db.session.scalars(select(Coordinator)))
        people = sorted((p.id, p.registration_id, p.name, p.attended)
                        for p in db.session.scalars(select(Participant)))
        messages = sorted((m.id, m.kind.value, m.state.value) for m in db.session.scalars(select(OutboxMessage)))
    files = sorted(str(p.relative_to(content)) for p in content.rglob("*") if p.is_file() and ".git" not in p.parts)
    return regs, subs, audit, accounts, people, messages, files, git(content, "rev-parse", "HEAD")


def arabic_page(answer) -> bool:
    html = answer.get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text(" ", strip=True)
    return soup.html is not None and soup.html.get("lang") == "ar" and sum("\u0600" <= ch <= "\u06ff" for ch in text) > 20


@pytest.mark.parametrize("form_name", FORMS)
def test_every_malformed_body_gets_a_4xx_arabic_page_and_stores_nothing(app, content, form_name):
    signed_in, page_url, post_url, action_end, good = FORMS[form_name]
    register(app, "open-individuals", "ريم", "+970599000001")
    register(app, "open-individuals", "هبة", "+970599000002")
    waiting = register(app, "open-individuals", "دينا", "+970599000003")  # capacity 2: she waits
    first = sign_ref = None
    with app.app_context():
        first = db.session.scalars(select(Registration).order_by(Registration.id)).first()
        sign_ref = sign(first.reference)
        account = db.session.scalar(select(Coordinator).where(Coordinator.username == "rasha")).id
    register(app, "open-organisations", "منسّقة", "+970599000004", seats=2, organisation="جمعية",
             people=(Person("سلمى"), Person("رنا")))
    with app.app_context():
        group = db.session.scalar(select(Registration).where(Registration.organisation == "جمعية"))
        participant = db.session.scalars(select(Participant.id).where(Participant.registration_id == group.id)).first()
        group_ref = sign(group.reference)
    sub = submit_activity(app).id
    values = {"manage": f"/r/{sign_ref}", "ref": first.reference, "waiting": waiting.reference, "sub": sub,
              "account": account, "org_manage": f"/r/{group_ref}", "participant": participant}
    page_url, post_url = page_url.format(**values), (post_url or page_url).format(**values)
    username = "wizara" if form_name in MINISTRY_ONLY else "huda"

    failures = []
    digits = [(f"non-decimal {field}={bad}", {field: bad}) for field, bads in NON_DECIMAL.items() for bad in bads]
    person = Staff(app, app.test_client(), username)
    if signed_in:
        assert person.login().status_code == 303
    for shape_name, shape in [*SHAPES.items(), *digits]:
        page = person.client.get(page_url)
        assert page.status_code == 200, (form_name, page.status_code)
        valid = {**form_fields(page.get_data(as_text=True), action=action_end and action_end.format(**values)), **good}
        if isinstance(shape, dict):
            if not set(shape) & set(valid):
                continue  # this form has no field of that kind
            request = {"data": {**valid, **shape}}
        else:
            request = shape(valid)
        before = snapshot(app, content)
        answer = person.client.post(post_url, **request)
        after = snapshot(app, content)
        if not (400 <= answer.status_code < 500) or not arabic_page(answer) or before != after:
            failures.append((shape_name, answer.status_code, arabic_page(answer), before == after))
    assert failures == [], failures


def test_the_same_forms_still_accept_what_our_pages_send(app, content):
    """The guard is no wall: a browser's ordinary form post still goes through (the control)."""
    person = Staff(app, app.test_client(), "huda")
    page = person.client.get("/events/open-organisations/register")
    valid = {**form_fields(page.get_data(as_text=True)), **GOOD_PERSON, "organisation": "جمعية", "attendees": "٢"}
    assert person.client.post("/events/open-organisations/register", data=valid).status_code == 303
    page = person.client.get("/activities/new")
    valid = {**form_fields(page.get_data(as_text=True)), **GOOD_ACTIVITY, "expected_participants": "۴۰"}
    multipart = person.client.post("/activities/new", data=valid, content_type="multipart/form-data")
    assert multipart.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(ActivitySubmission.expected_participants)) == 40


EDITORS = ("event-new", "event-edit", "event-cancel", "centre", "account-new")


@pytest.mark.parametrize("form_name", EDITORS)
def test_the_editors_accept_what_their_pages_send(app, content, form_name):
    """The control for the editors' rows: their otherwise-valid values do save, so a refusal above
    is the body's shape and not a bad value."""
    _signed_in, page_url, post_url, action_end, good = FORMS[form_name]
    person = Staff(app, app.test_client(), "wizara" if form_name in MINISTRY_ONLY else "huda")
    assert person.login().status_code == 303
    valid = {**form_fields(person.client.get(page_url).get_data(as_text=True), action=action_end), **good}
    answer = person.client.post(post_url or page_url, data=valid)
    # A new account answers with its password, shown once; a save redirects to her page.
    assert answer.status_code == (200 if form_name == "account-new" else 303), text_of(answer)[:900]
