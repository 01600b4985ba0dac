"""Partner submissions: review, edit, reject with a reason, approve into a new validated event
file committed to the content repository (never over an existing one, with a unique slug) that
the next build publishes. (Publishing itself: tests/admin/test_admin_publishing.py.)"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support.admin import approve, submit_activity
from support.html import form_fields, text_of
from support.site_build import mkdocs_build
from support.store import commit_tree, git, uncommitted
from sqlalchemy import select

from forms_service.admin_models import AuditEntry
from forms_service.extensions import db
from forms_service.models import ActivitySubmission
from tawasul.git_store import Author, GitStore
from tawasul.writer import ContentWriter, WriteRefused, render_yaml
from tawasul.loader import load_catalogue

EXPECTED = "events/2026/jenin-awareness-meeting-2026-12-15.yml"
# Site builds do not depend on the database: those tests run on SQLite only, to save time.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def form_of(page) -> dict:
    """The edit form's fields as the browser sends them."""
    return form_fields(page.get_data(as_text=True), action="/save")


def _submission(app, submission_id):
    with app.app_context():
        return db.session.get(ActivitySubmission, submission_id)


def test_approve_writes_a_valid_event_file_that_round_trips(app, staff, content):
    submission = submit_activity(app)
    huda = staff("huda")
    assert "لقاء: حقوق العاملات" in text_of(huda.client.get("/admin/submissions"))
    filled = form_of(huda.client.get(f"/admin/submissions/{submission.id}"))
    answer = huda.client.post(f"/admin/submissions/{submission.id}/approve", data=filled)
    assert answer.status_code == 303, text_of(answer)
    # A second click (another tab, a double submit) changes nothing.
    again = huda.client.post(f"/admin/submissions/{submission.id}/approve", data=filled)
    assert "اتُّخذ قرار في هذا الطلب من قبل" in text_of(huda.client.get(again.headers["Location"]))
    path = content / EXPECTED
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["title"] == "لقاء: حقوق العاملات"  # the ": " survived: PyYAML quoted it
    assert data["governorate"] == "jenin" and data["type"] == "awareness_meeting"
    assert "منى" not in text and "partner@example.org" not in text  # the partner's contact stays private
    event = load_catalogue(content).events["jenin-awareness-meeting-2026-12-15"]
    assert event.title == "لقاء: حقوق العاملات" and event.venue.name == "مقر الجمعية"
    row = _submission(app, submission.id)
    assert (row.state.value, row.event_slug, row.reviewed_by) == ("approved", "jenin-awareness-meeting-2026-12-15", "huda")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "submission_approve"))
        assert (entry.object_type, entry.object_id) == ("event", "jenin-awareness-meeting-2026-12-15")
    assert sorted(p.name for p in (content / "events" / "2026").glob("jenin-awareness-*")) == [Path(EXPECTED).name]


def test_edits_before_approval_are_what_gets_published(app, staff, content):
    submission = submit_activity(app)
    huda = staff("huda")
    answer = approve(huda, submission.id, title="لقاء حقوق العاملات الزراعيات", activity_type="workshop",
                     starts_at="2026-12-16T09:30", ends_at="2026-12-16T11:00")
    assert answer.status_code == 303
    data = yaml.safe_load((content / "events/2026/jenin-workshop-2026-12-16.yml").read_text(encoding="utf-8"))
    assert data["title"] == "لقاء حقوق العاملات الزراعيات" and data["start"] == "2026-12-16 09:30"


def test_invalid_edits_keep_her_input_and_write_nothing(app, staff, content):
    submission = submit_activity(app)
    huda = staff("huda")
    answer = approve(huda, submission.id, title="عنوان جديد", ends_at="2026-12-15T09:00")
    assert answer.status_code == 422
    assert "يجب أن تأتي النهاية بعد البداية" in text_of(answer) and "عنوان جديد" in answer.get_data(as_text=True)
    assert not (content / EXPECTED).exists() and _submission(app, submission.id).state.value == "pending"


def test_a_far_future_submission_cannot_be_approved(app, staff, content):
    """Stored before the form refused it (issue 11 §4): approving it writes no events/9999/ file."""
    submission = submit_activity(app, starts_at=datetime(9999, 12, 15, 10), ends_at=datetime(9999, 12, 15, 12))
    answer = approve(staff("huda"), submission.id)
    assert answer.status_code == 422 and "هذا التاريخ بعيد جداً" in text_of(answer)
    assert not (content / "events" / "9999").exists() and _submission(app, submission.id).state.value == "pending"


def test_slugs_are_unique_and_existing_files_are_never_written_over(app, staff, content):
    by_hand = content / EXPECTED
    by_hand.write_text((content / "events/2026/open-individuals.yml").read_text(encoding="utf-8"), encoding="utf-8")
    commit_tree(content, "فعالية كتبتها مطوّرة بيدها")
    first, second = submit_activity(app), submit_activity(app, title="لقاء ثانٍ")
    huda = staff("huda")
    assert approve(huda, first.id).status_code == 303
    assert approve(huda, second.id).status_code == 303
    assert "فعالية open-individuals" in by_hand.read_text(encoding="utf-8")  # untouched
    # The hand-written copy duplicates another file's content but has its own slug; the approvals
    # took the next free names.
    assert _submission(app, first.id).event_slug == "jenin-awareness-meeting-2026-12-15-2"
    assert _submission(app, second.id).event_slug == "jenin-awareness-meeting-2026-12-15-3"
    assert set(load_catalogue(content).events) >= {"jenin-awareness-meeting-2026-12-15-2", "jenin-awareness-meeting-2026-12-15-3"}
    assert uncommitted(content) == ""


def test_an_uncommitted_file_in_the_working_copy_is_neither_read_nor_overwritten(app, staff, content):
    """A developer's half-written file is not content until committed: the approval commits its
    own file under that name, and her file stays as she left it (git status shows it)."""
    by_hand = content / EXPECTED
    by_hand.write_text("# half written\n", encoding="utf-8")
    assert approve(staff("huda"), submit_activity(app).id).status_code == 303
    assert by_hand.read_text(encoding="utf-8") == "# half written\n"
    assert "لقاء: حقوق العاملات" in git(content, "show", f"HEAD:{EXPECTED}")


@pytest.mark.parametrize("text", ["لقاء: حقوق العاملات", "# ليس تعليقاً", "- ليس قائمة", "@بداية", "'اقتباس'", '"مزدوج"',
                                  "yes", "no", "10", "2026-12-15", "2026-12-15 10:00", "نص بمسافة في آخره ",
                                  "سطر أول.\n\nبالشراكة مع: جمعية", "سطر  \n بمسافات", "{ليس: جدولاً}", "[ليس قائمة]"])
def test_yaml_reads_back_as_written(text):
    data = {"title": text, "venue": {"name": text, "address": "عنوان"}}
    assert yaml.safe_load(render_yaml(data)) == data


def test_a_file_the_catalogue_would_refuse_is_never_written(tmp_path, content):
    data = {"title": "نشاط", "type": "workshop", "start": "2026-12-20 10:00", "end": "2026-12-20 12:00",
            "governorate": "jenin", "venue": {"name": "مكان", "address": "عنوان"}, "audience": "النساء",
            "summary": "ملخص.", "description": "", "campaign": "no-such-campaign"}
    before = git(content, "rev-parse", "HEAD")
    with pytest.raises(WriteRefused) as refused:
        ContentWriter(GitStore(content)).create_event(data, author=Author("هدى", "a@x.invalid"), summary="نشاط")
    assert any("campaign" in p and "no-such-campaign" in p for p in refused.value.problems)
    assert not list((content / "events" / "2026").glob("jenin-workshop-*"))
    assert git(content, "rev-parse", "HEAD") == before


def test_broken_content_blocks_approval_with_the_loader_messages(app, staff, content):
    (content / "events/2026/open-both.yml").write_text("title: [\n", encoding="utf-8")
    broken = git(content, "rev-parse", "HEAD") and commit_tree(content, "ملف مكسور") and git(content, "rev-parse", "HEAD")
    submission = submit_activity(app)
    answer = approve(staff("huda"), submission.id)
    assert answer.status_code == 422
    assert "events/2026/open-both.yml" in text_of(answer) and "لم يُكتب أي ملف" in text_of(answer)
    assert not (content / EXPECTED).exists() and _submission(app, submission.id).state.value == "pending"
    assert git(content, "rev-parse", "HEAD") == broken  # no commit


def test_reject_needs_a_reason_and_is_final(app, staff, content):
    submission = submit_activity(app)
    huda = staff("huda")
    assert huda.post(f"/admin/submissions/{submission.id}/reject", reason="  ").status_code == 422
    assert huda.post(f"/admin/submissions/{submission.id}/reject", reason="الموعد يتعارض مع فعالية أخرى").status_code == 303
    row = _submission(app, submission.id)
    assert (row.state.value, row.rejection_reason, row.reviewed_by) == ("rejected", "الموعد يتعارض مع فعالية أخرى", "huda")
    late = huda.post(f"/admin/submissions/{submission.id}/approve", title="x")
    assert late.status_code in (303, 422)
    assert not (content / EXPECTED).exists() and _submission(app, submission.id).state.value == "rejected"


@SQLITE_ONLY
def test_approved_activity_is_published_by_the_next_build(app, staff, content, tmp_path):
    submission = submit_activity(app)
    assert approve(staff("huda"), submission.id).status_code == 303
    site = tmp_path / "built"
    result = mkdocs_build(site, content_root=content)
    assert result.returncode == 0, result.stderr
    page = site / "events" / "jenin-awareness-meeting-2026-12-15" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "لقاء: حقوق العاملات" in html
    # Who organised it is kept (issue 10 §7): on the page, in JSON-LD, and the event is the
    # governorate's centre's: on its page and in its calendar feed.
    soup = BeautifulSoup(html, "html.parser")
    organiser = soup.find("dt", string="الجهة المنظِّمة").find_next_sibling("dd").get_text(" ", strip=True)
    assert organiser.startswith("جمعية الاختبار") and "بالتنسيق مع" in organiser
    [jsonld] = [json.loads(t.string) for t in soup.find_all("script", type="application/ld+json")
                if json.loads(t.string).get("@type") == "Event"]
    assert jsonld["organizer"] == {"@type": "Organization", "name": "جمعية الاختبار"}
    assert "jenin-awareness-meeting-2026-12-15" in (site / "centres" / "jenin" / "index.html").read_text(encoding="utf-8")
    assert "event-jenin-awareness-meeting-2026-12-15@" in (site / "events/feeds/centres/jenin.ics").read_text(encoding="utf-8")
