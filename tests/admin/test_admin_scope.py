"""Scope, table-driven: coordinator A (Jenin) sends every admin URL against governorate B's
(Nablus) events, registrations and submissions, with every method the URL accepts and a valid
CSRF token. Each answer is 403 or 404, and the database and the content files are unchanged.
The ministry, sent the same object URLs, gets them: the 404s come from scope, not from bad URLs.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from support.admin import add_nablus_centre, register, submit_activity
from support.html import text_of
from sqlalchemy import select

from forms_service.admin_models import Coordinator
from forms_service.extensions import db
from forms_service.models import Participant
from forms_service.services.registrations import Person

# What each URL variable is filled with: one of B's objects.
B_FILE = "events/2026/nablus-open.yml"
B_OBJECTS = {"slug": "nablus-open", "reference": None, "submission_id": None, "account_id": None,
             "participant": None, "path": B_FILE, "commit": None, "centre": "nablus", "year": 2025,
             # Public content is the ministry's alone (no governorate): any coordinator gets 403.
             "article": "first-article", "campaign": "orange-days", "occasion": "sixteen-days", "helpline": "police"}
# Rules whose object is named in the query string rather than the path.
QUERY_OBJECTS = {"admin.restore": ("path", "commit")}
# Every admin rule is in exactly one of these; a new rule without a row makes the test fail.
OBJECT_RULES = {"admin.listing", "admin.export", "admin.attended", "admin.cancel", "admin.move_up", "admin.detail",
                "admin.save", "admin.approve", "admin.reject", "admin.participant_attended", "admin.sign_in_sheet",
                "admin.sign_in_pdf", "admin.event_message", "admin.restore", "admin.reapply", "admin.edit_event",
                "admin.cancel_event", "admin.postpone_event", "admin.centre_edit", "admin.new_report",
                "admin.centre_report"}
MINISTRY_RULES = {"admin.audit_log", "admin.accounts", "admin.set_disabled", "admin.new_account",
                  "admin.reset_account", "admin.content_index",
                  "admin.article_new", "admin.article_edit", "admin.article_image", "admin.article_image_remove",
                  "admin.campaign_new", "admin.campaign_edit", "admin.campaign_image", "admin.campaign_image_remove",
                  "admin.occasion_new", "admin.occasion_edit", "admin.helpline_new", "admin.helpline_edit"}
# Her own lists: must not show B's objects.
LIST_RULES = {"admin.dashboard", "admin.queue", "admin.to_check", "admin.events", "admin.my_centre"}
# No object of anyone's (the publishing status is of the one content branch).
OWN_SESSION_RULES = {"admin.login", "admin.logout", "admin.publish", "admin.publishing"}
# Creating: only in her governorate (the governorate and centre lists hold only hers).
CREATE_RULES = {"admin.new_event"}
FORM_DATA = {"attended": "1", "reason": "سبب", "title": "عنوان آخر", "activity_type": "workshop",
             "governorate": "nablus", "starts_at": "2026-12-20T10:00", "ends_at": "2026-12-20T12:00",
             "venue_name": "مكان", "venue_address": "عنوان", "target_group": "النساء", "campaign": "",
             "description": "وصف.", "path": B_FILE, "base": "", "text": "title: نص آخر\n",
             "address": "عنوان دخيل", "phone": "000 000 0666", "year": "2026", "achievements": "إنجاز دخيل"}


def snapshot(app, content: Path) -> tuple:
    with app.app_context():
        tables = {t.name: sorted(map(repr, db.session.execute(select(t)).all()))
                  for t in db.metadata.sorted_tables if t.name != "admin_session"}  # last_seen_at moves
    files = {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    return tables, files


@pytest.fixture
def b_objects(app, content):
    add_nablus_centre(content)
    confirmed = register(app, "nablus-open", "نابلسية أولى", "0599000001")
    register(app, "nablus-open", "نابلسية 2", "0599000002", organisation="جمعية نابلس",
             people=(Person("نابلسية مشاركة"),))  # an organisation: one named participant
    for n in range(3, 5):
        register(app, "nablus-open", f"نابلسية {n}", f"059900000{n}")  # capacity 3: the last one waits
    submission = submit_activity(app, governorate="nablus", title="نشاط نابلس السري")
    with app.app_context():
        rasha = db.session.scalar(select(Coordinator.id).where(Coordinator.username == "rasha"))
        participant = db.session.scalar(select(Participant.id))
        from forms_service.content import writer
        [revision] = writer().history(B_FILE)
    return {**B_OBJECTS, "reference": confirmed.reference, "submission_id": submission.id, "account_id": rasha,
            "participant": participant, "commit": revision.commit}


def admin_urls(app, objects: dict):
    """(endpoint, method, url) for every admin rule and method, filled with B's objects."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            values = {name: objects[name] for name in (*rule.arguments, *QUERY_OBJECTS.get(rule.endpoint, ()))
                      if name in objects}
            for variant in _variants(rule):
                with app.test_request_context():
                    from flask import url_for
                    yield rule.endpoint, method, url_for(rule.endpoint, **values, **variant)


def _variants(rule):
    if "kind" in rule.arguments:
        return [{"kind": "csv"}, {"kind": "xlsx"}]
    if "change" in rule.arguments:
        return [{"change": "disable"}, {"change": "enable"}]
    if "what" in rule.arguments:
        return [{"what": "password"}, {"what": "totp"}]
    return [{}]


def test_every_admin_rule_is_in_the_table(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("admin.")}
    assert endpoints == OBJECT_RULES | MINISTRY_RULES | LIST_RULES | OWN_SESSION_RULES | CREATE_RULES


def test_coordinator_a_gets_nothing_of_governorate_b(app, staff, content, b_objects):
    huda = staff("huda")
    before = snapshot(app, content)
    sent = []
    for endpoint, method, url in admin_urls(app, b_objects):
        if endpoint not in OBJECT_RULES | MINISTRY_RULES:
            continue
        answer = huda.client.get(url) if method == "GET" else huda.post(url, **FORM_DATA)
        sent.append((method, url, answer.status_code))
        assert answer.status_code in (403, 404), (method, url, answer.status_code)
        assert "نابلسية" not in answer.get_data(as_text=True)
    assert len(sent) >= 15
    assert snapshot(app, content) == before
    # Her own lists show none of B's objects either.
    for url in ("/admin/", "/admin/submissions", "/admin/events", "/admin/centre"):
        page = text_of(huda.client.get(url))
        assert "فعالية نابلس" not in page and "نشاط نابلس السري" not in page and "نابلسية" not in page
        assert "مركز تواصل نابلس" not in page
    assert huda.client.get("/admin/events/open-individuals/registrations").status_code == 200
    assert huda.client.get("/admin/events/open-individuals/edit").status_code == 200


def test_coordinator_a_cannot_create_in_governorate_b(app, staff, content):
    """A new event placed in B's governorate, or at a centre not in her list, is refused beside the field."""
    huda = staff("huda")
    before = snapshot(app, content)
    page = huda.client.get("/admin/events/new").get_data(as_text=True)
    assert "nablus" not in page and "نابلس" not in page
    event = {"action": "save", "title": "فعالية في نابلس", "type": "workshop", "start_date": "2026-12-20",
             "venue_name": "مكان", "venue_address": "عنوان", "audience": "النساء", "summary": "ملخص."}
    for place in ({"governorate": "nablus", "centre": ""}, {"governorate": "jenin", "centre": "nablus"}):
        answer = huda.post("/admin/events/new", **event, **place)
        assert answer.status_code == 422, place
        assert "اختاري واحدة من القيم" in text_of(answer)
    assert snapshot(app, content) == before


def test_the_ministry_reaches_the_same_urls(app, staff, b_objects):
    wizara = staff("wizara")
    for endpoint, method, url in admin_urls(app, b_objects):
        if method == "GET" and endpoint in OBJECT_RULES | MINISTRY_RULES:
            assert wizara.client.get(url).status_code == 200, url


def test_coordinator_b_reaches_her_own_objects(app, staff, b_objects):
    rasha = staff("rasha")
    page = rasha.client.get("/admin/events/nablus-open/registrations")
    assert page.status_code == 200 and "نابلسية أولى" in text_of(page)
    assert rasha.client.get(f"/admin/submissions/{b_objects['submission_id']}").status_code == 200


def test_get_never_changes_anything(app, staff, content, b_objects):
    """Every GET the ministry may send, over every admin URL: the database and files stay as
    they were (apart from the session's own last-seen time)."""
    wizara = staff("wizara")
    before = snapshot(app, content)
    for _endpoint, method, url in admin_urls(app, b_objects):
        if method == "GET":
            wizara.client.get(url)
    assert snapshot(app, content) == before


def test_state_changes_need_a_csrf_token(app, staff, content, b_objects):
    wizara = staff("wizara")
    before = snapshot(app, content)
    for endpoint, method, url in admin_urls(app, b_objects):
        if method == "POST" and endpoint != "admin.login":
            answer = wizara.client.post(url, data=FORM_DATA)  # no csrf_token
            assert answer.status_code == 400, (url, answer.status_code)
    assert snapshot(app, content) == before
