"""The editing kit (forms_service/admin/editing.py) and the routes every edit page shares, over
a real git content repository: a save is her commit with an audit record naming it; a refused
save puts the messages beside her fields and writes nothing; a stale save shows both versions
and lets her re-apply hers; history and restore; where the publishing stands."""
from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import select
from support.admin import admin_content_tree, approve, submit_activity
from support.html import form_fields, text_of
from support.store import git, head_files, uncommitted
from wtforms import StringField

from forms_service.admin import editing
from forms_service.admin_models import AuditEntry, Coordinator
from forms_service.content import writer
from forms_service.extensions import db
from forms_service.base_forms import StrictForm
from tawasul.git_store import Author, GitStore

EVENT = "events/2026/open-individuals.yml"  # a Jenin event of the fixture
NABLUS_EVENT = "events/2026/nablus-open.yml"
OTHER = Author("رشا", "account-2@coordinators.tawasul.invalid")


class TitleForm(StrictForm):
    class Meta:
        csrf = False

    title = StringField("العنوان")


def _audit(app, action: str) -> AuditEntry:
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                  .order_by(AuditEntry.id.desc())).first()


def _as(app, username: str):
    """A request of `username` in the app, as auth.require_login would leave it."""
    context = app.test_request_context("/admin/", method="POST")
    context.push()
    g.coordinator = db.session.scalar(select(Coordinator).where(Coordinator.username == username))
    return context


def _someone_else_saves(content, rel: str, old: str, new: str) -> str:
    store = GitStore(content)
    text = store.read(rel)
    return store.save({rel: text.replace(old, new)}, author=OTHER, message="تعديل رشا",
                      expected={rel: store.blob_id(rel)}).commit


def test_a_save_is_her_commit_with_an_audit_record_naming_it(app, content):
    context = _as(app, "huda")
    try:
        opened = writer().read(EVENT)
        form = TitleForm(formdata=None, title="عنوان جديد")
        answer = editing.commit_or_explain(form, {EVENT: opened.text.replace("فعالية open-individuals", "عنوان جديد")},
                                           summary="تعديل عنوان الفعالية", expected={EVENT: opened.blob},
                                           back="/admin/events", object_id="open-individuals")
        assert (answer.status_code, answer.headers["Location"]) == (303, "/admin/events")
        tip = git(content, "rev-parse", "HEAD")
        assert editing.publish_status().label == "قيد النشر"  # no worker runs in this test
    finally:
        context.pop()
    huda_id = _huda_id(app)
    assert git(content, "log", "-1", "--format=%an|%ae|%s") == \
        f"هدى|account-{huda_id}@coordinators.tawasul.invalid|تعديل عنوان الفعالية"
    assert head_files(content) == [EVENT] and uncommitted(content) == ""
    entry = _audit(app, "content_edit")
    assert (entry.actor, entry.object_id, entry.commit, entry.governorate) == ("huda", "open-individuals", tip, "jenin")


def _huda_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Coordinator.id).where(Coordinator.username == "huda"))


def test_a_refused_save_puts_the_messages_beside_her_fields_and_writes_nothing(app, content):
    before = git(content, "rev-parse", "HEAD")
    context = _as(app, "huda")
    try:
        opened = writer().read(EVENT)
        form = TitleForm(formdata=None, title="")
        broken = opened.text.replace("title: فعالية open-individuals", "title: ''").replace("type: workshop", "type: party")
        answer = editing.commit_or_explain(form, {EVENT: broken}, summary="تعديل", expected={EVENT: opened.blob},
                                           field_of=editing.by_field({"title": "title"}), back="/admin/")
        assert answer is None
        assert form.title.errors and form.title.data == ""  # her input kept, the message beside it
        assert any(p.startswith(f"{EVENT}: type:") for p in form.form_errors)  # no field of this form: on top
    finally:
        context.pop()
    assert git(content, "rev-parse", "HEAD") == before and uncommitted(content) == ""


def test_an_unreachable_remote_is_a_form_level_message(app, content, tmp_path):
    app.config["CONTENT_REMOTE"] = str(tmp_path / "no-such-remote.git")
    app.extensions.pop("tawasul_writer", None)
    before = git(content, "rev-parse", "HEAD")
    context = _as(app, "huda")
    try:
        opened = writer().read(EVENT)
        form = TitleForm(formdata=None, title="x")
        assert editing.commit_or_explain(form, {EVENT: opened.text + "description: وصف.\n"}, summary="تعديل",
                                         expected={EVENT: opened.blob}, back="/admin/") is None
        assert form.form_errors == ["تعذّر الاتصال بمستودع المحتوى البعيد؛ لم يُحفظ شيء. حاولي مرة أخرى بعد قليل."]
    finally:
        context.pop()
    assert git(content, "rev-parse", "HEAD") == before


def test_a_stale_save_shows_both_versions_and_she_reapplies_hers_losing_nothing(app, staff, content):
    huda = staff("huda")
    opened = GitStore(content).read(EVENT), GitStore(content).blob_id(EVENT)
    _someone_else_saves(content, EVENT, "audience: النساء", "audience: النساء والفتيات")
    hers = opened[0].replace("فعالية open-individuals", "ورشة هدى")
    stale = huda.post("/admin/edits/reapply", path=EVENT, base=opened[1], text=hers, back="/admin/")
    assert stale.status_code == 409
    page = text_of(stale)
    assert "حفظ غيرُك هذا الملف" in page and "النساء والفتيات" in page and "ورشة هدى" in page
    fields = form_fields(stale.get_data(as_text=True), action="/edits/reapply")
    # Her change and the other one touch different lines: the proposal holds both.
    assert "ورشة هدى" in fields["text"] and "النساء والفتيات" in fields["text"]
    done = huda.client.post("/admin/edits/reapply", data=fields)
    assert done.status_code == 303, text_of(done)
    saved = (content / EVENT).read_text(encoding="utf-8")
    assert "ورشة هدى" in saved and "النساء والفتيات" in saved
    assert git(content, "log", "-2", "--format=%an") == "هدى\nرشا"
    assert _audit(app, "content_reapply").commit == git(content, "rev-parse", "HEAD")


def test_reapply_of_an_invalid_text_keeps_it_and_commits_nothing(app, staff, content):
    before, on_disk = git(content, "rev-parse", "HEAD"), (content / EVENT).read_bytes()
    answer = staff("huda").post("/admin/edits/reapply", path=EVENT, base=GitStore(content).blob_id(EVENT),
                                text="title: [\n", back="/admin/")
    assert answer.status_code == 422
    assert form_fields(answer.get_data(as_text=True), action="/edits/reapply")["text"] == "title: [\n"
    assert git(content, "rev-parse", "HEAD") == before and (content / EVENT).read_bytes() == on_disk
    assert uncommitted(content) == ""


def test_history_and_restore_through_the_pages(app, staff, content):
    first = git(content, "log", "-1", "--format=%H", "--", EVENT)
    original = (content / EVENT).read_text(encoding="utf-8")
    _someone_else_saves(content, EVENT, "summary: ملخص الفعالية.", "summary: ملخص خاطئ.")
    huda = staff("huda")
    url = f"/admin/history/restore?path={EVENT}&commit={first}&back=/admin/"
    confirm = huda.client.get(url)
    assert confirm.status_code == 200 and "ملخص الفعالية." in text_of(confirm) and "ملخص خاطئ." in text_of(confirm)
    assert (content / EVENT).read_text(encoding="utf-8") != original  # a GET changes nothing
    done = huda.client.post("/admin/history/restore", data=form_fields(confirm.get_data(as_text=True),
                                                                        action="/history/restore"))
    assert (done.status_code, done.headers["Location"]) == (303, "/admin/")
    assert (content / EVENT).read_text(encoding="utf-8") == original
    assert git(content, "log", "-3", "--format=%an|%s").splitlines()[1] == "رشا|تعديل رشا"  # history kept
    assert git(content, "log", "-1", "--format=%an").startswith("هدى")
    assert _audit(app, "content_restore").commit == git(content, "rev-parse", "HEAD")
    # The history panel lists who, when, what; the restore button leads to the confirmation.
    with app.test_request_context("/admin/x"):
        from flask import render_template

        g.coordinator = None
        html = render_template("admin/_history.html", history=GitStore(content).history(EVENT), rel=EVENT)
    assert "تعديل رشا" in html and "restore?path=" in html


@pytest.mark.parametrize("username, status", [("rasha", 404), ("wizara", 200)])
def test_restore_is_only_for_files_her_role_may_edit(app, staff, content, username, status):
    first = git(content, "log", "-1", "--format=%H", "--", EVENT)
    person = staff(username)
    assert person.client.get(f"/admin/history/restore?path={EVENT}&commit={first}").status_code == status
    assert staff("huda").client.get(f"/admin/history/restore?path={NABLUS_EVENT}&commit={first}").status_code == 404
    assert staff("huda").client.get(f"/admin/history/restore?path=mkdocs.yml&commit={first}").status_code == 404
    before = git(content, "rev-parse", "HEAD")
    refused = staff("rasha").post("/admin/edits/reapply", path=EVENT, base="", text="title: x\n")
    assert refused.status_code == 404 and git(content, "rev-parse", "HEAD") == before


def test_approval_is_a_commit_by_the_coordinator_and_leaves_nothing_uncommitted(app, staff, content):
    submission = submit_activity(app)
    answer = approve(staff("huda"), submission.id)
    assert answer.status_code == 303
    assert git(content, "log", "-1", "--format=%an|%s") == "هدى|اعتماد نشاط شريك: لقاء: حقوق العاملات"
    assert head_files(content) == ["events/2026/jenin-awareness-meeting-2026-12-15.yml"]
    assert uncommitted(content) == ""
    assert _audit(app, "submission_approve").commit == git(content, "rev-parse", "HEAD")


def test_publishing_status_page_works_without_javascript(app, staff, content):
    huda = staff("huda")
    tip = git(content, "rev-parse", "HEAD")
    page = huda.client.get(f"/admin/publishing?commit={tip}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "قيد النشر" in text_of(page) and 'http-equiv="refresh"' in html
    assert "عامل النشر لا يعمل الآن" in text_of(page)  # none runs in this test: she is told, not left waiting
    assert huda.client.get("/admin/publishing?commit=--all").status_code == 404
    asked = huda.post("/admin/publish")  # no build in the request: the worker is asked
    assert asked.status_code == 303 and asked.headers["Location"].endswith(f"/admin/publishing?commit={tip}")
    assert (content / ".git/tawasul/publish/build-requested").exists()


def test_a_configured_remote_receives_every_save(app, staff, content, tmp_path):
    remote = tmp_path / "content.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(content), str(remote))
    app.config["CONTENT_REMOTE"] = str(remote)
    app.extensions.pop("tawasul_writer", None)  # made from the configuration on first use
    answer = approve(staff("huda"), submit_activity(app).id)
    assert answer.status_code == 303
    assert git(remote, "rev-parse", "main") == git(content, "rev-parse", "HEAD")
    assert git(remote, "log", "-1", "--format=%an", "main") == "هدى"


def test_the_content_repository_settings_come_from_the_environment(monkeypatch, tmp_path):
    from forms_service.config import from_environment

    for name in ("TAWASUL_CONTENT_REMOTE", "TAWASUL_CONTENT_BRANCH", "TAWASUL_CONTENT_AUTHOR_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    assert {k: from_environment(str(tmp_path))[k] for k in ("CONTENT_REMOTE", "CONTENT_BRANCH", "CONTENT_AUTHOR_DOMAIN")} \
        == {"CONTENT_REMOTE": "", "CONTENT_BRANCH": "", "CONTENT_AUTHOR_DOMAIN": "coordinators.tawasul.invalid"}
    monkeypatch.setenv("TAWASUL_CONTENT_REMOTE", "origin")
    monkeypatch.setenv("TAWASUL_CONTENT_BRANCH", "published")
    monkeypatch.setenv("TAWASUL_CONTENT_AUTHOR_DOMAIN", "staff.example.org")
    assert {k: from_environment(str(tmp_path))[k] for k in ("CONTENT_REMOTE", "CONTENT_BRANCH", "CONTENT_AUTHOR_DOMAIN")} \
        == {"CONTENT_REMOTE": "origin", "CONTENT_BRANCH": "published", "CONTENT_AUTHOR_DOMAIN": "staff.example.org"}


def test_when_both_changed_the_same_line_her_version_is_offered_whole_and_theirs_stays_in_history(app, staff, content):
    huda = staff("huda")
    started, base = GitStore(content).read(EVENT), GitStore(content).blob_id(EVENT)
    theirs = _someone_else_saves(content, EVENT, "فعالية open-individuals", "عنوان رشا")
    hers = started.replace("فعالية open-individuals", "عنوان هدى")
    stale = huda.post("/admin/edits/reapply", path=EVENT, base=base, text=hers, back="/admin/")
    assert stale.status_code == 409 and "سيحلّ محلّ النسخة المحفوظة الآن" in text_of(stale)
    fields = form_fields(stale.get_data(as_text=True), action="/edits/reapply")
    assert fields["text"] == hers
    assert huda.client.post("/admin/edits/reapply", data=fields).status_code == 303
    assert "عنوان هدى" in (content / EVENT).read_text(encoding="utf-8")
    assert "عنوان رشا" in git(content, "show", f"{theirs}:{EVENT}")  # nothing lost: theirs is in the history


def test_a_content_root_that_is_not_a_git_repository_is_reported_not_a_server_error(database_url, tmp_path):
    import shutil

    from support.admin import Staff, admin_app, create_accounts

    plain = tmp_path / "plain"
    shutil.copytree(admin_content_tree(tmp_path / "made"), plain, ignore=shutil.ignore_patterns(".git"))
    app = admin_app(database_url, plain, tmp_path)
    with app.app_context():
        create_accounts()
    huda = Staff(app, app.test_client(), "huda")
    assert huda.login().status_code == 303
    page = huda.client.get("/admin/")
    assert page.status_code == 200 and "تعذّرت قراءة مستودع المحتوى" in text_of(page)
    refused = approve(huda, submit_activity(app).id)
    assert refused.status_code == 303 and "تعذّر الوصول إلى مستودع المحتوى" in text_of(huda.client.get(refused.headers["Location"]))
    with app.app_context():
        db.engine.dispose()
