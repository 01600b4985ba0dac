"""The content writer (tawasul/writer.py) over a real git repository holding a small valid
content tree: every write is one validated commit, a refused one writes nothing, a stale one
keeps both versions, and history and restore are commits too."""
from __future__ import annotations

import pytest
from support.content_cases import content_tree
from support.store import commit_tree, git, head_files, uncommitted

from tawasul.git_store import Author, GitStore, StaleEdit
from tawasul.writer import ContentWriter, WriteRefused

HUDA = Author("هدى", "account-1@coordinators.tawasul.invalid")
RASHA = Author("رشا", "account-2@coordinators.tawasul.invalid")
EVENT = "events/2026/future-workshop.yml"
NEW_EVENT = {"title": "ورشة جديدة", "type": "workshop", "start": "2026-12-20 10:00", "end": "2026-12-20 12:00",
             "governorate": "jenin", "venue": {"name": "مكان", "address": "عنوان"}, "audience": "النساء",
             "summary": "ملخص."}


@pytest.fixture
def root(tmp_path):
    return commit_tree(content_tree(tmp_path / "content"))


@pytest.fixture
def writer(root):
    return ContentWriter(GitStore(root))


def tip(root) -> str:
    return git(root, "rev-parse", "HEAD")


def test_a_save_is_one_commit_by_her_with_her_summary(writer, root):
    opened = writer.read(EVENT)
    assert "ورشة قادمة" in opened.text and opened.blob == git(root, "rev-parse", f"HEAD:{EVENT}")
    saved = writer.save({EVENT: opened.text.replace("ورشة قادمة", "ورشة معدّلة")}, author=HUDA,
                        summary="تعديل عنوان الورشة", expected={EVENT: opened.blob})
    assert saved.changed and saved.commit == tip(root)
    assert git(root, "log", "-1", "--format=%an <%ae>|%s") == "هدى <account-1@coordinators.tawasul.invalid>|تعديل عنوان الورشة"
    assert head_files(root) == [EVENT]
    assert "ورشة معدّلة" in (root / EVENT).read_text(encoding="utf-8") and uncommitted(root) == ""


def test_an_invalid_save_writes_no_file_and_no_commit(writer, root):
    before = tip(root)
    opened = writer.read(EVENT)
    with pytest.raises(WriteRefused) as refused:
        writer.save({EVENT: opened.text.replace("campaign: orange-days", "campaign: no-such-campaign"),
                     "events/2026/new-one.yml": "title: بلا نوع\n"}, author=HUDA, summary="تعديل",
                    expected={EVENT: opened.blob, "events/2026/new-one.yml": None})
    problems = refused.value.problems
    assert any(p.startswith(f"{EVENT}: campaign:") and "no-such-campaign" in p for p in problems), problems
    assert any(p.startswith("events/2026/new-one.yml: ") for p in problems), problems
    assert {e.file for e in refused.value.errors} == {EVENT, "events/2026/new-one.yml"}
    assert tip(root) == before and uncommitted(root) == "" and not (root / "events/2026/new-one.yml").exists()


def test_the_second_of_two_saves_of_one_file_is_stale_and_keeps_both_versions(writer, root):
    hers, theirs = writer.read(EVENT), writer.read(EVENT)
    writer.save({EVENT: theirs.text + "description: وصف من رشا.\n"}, author=RASHA, summary="وصف", expected={EVENT: theirs.blob})
    after_first = tip(root)
    mine = hers.text.replace("ورشة قادمة", "ورشة هدى")
    with pytest.raises(StaleEdit) as stale:
        writer.save({EVENT: mine}, author=HUDA, summary="عنوان", expected={EVENT: hers.blob})
    [item] = stale.value.stale
    assert (item.path, item.started, item.mine) == (EVENT, hers.text, mine)
    assert "وصف من رشا" in item.current
    assert tip(root) == after_first


def test_deleting_a_file_that_others_refer_to_is_refused(writer, root):
    centre = "content/data/centres/jenin.yml"
    with pytest.raises(WriteRefused) as refused:
        writer.save({centre: None}, author=HUDA, summary="حذف", expected={centre: writer.read(centre).blob})
    assert any("jenin" in p for p in refused.value.problems)
    deleted = writer.save({EVENT: None}, author=HUDA, summary="حذف فعالية", expected={EVENT: writer.read(EVENT).blob})
    assert deleted.changed and not (root / EVENT).exists() and writer.read(EVENT).blob is None


def test_an_image_is_committed_byte_for_byte(writer, root):
    image = bytes(range(256)) * 4  # not UTF-8
    rel = "content/awareness/images/photo.jpg"
    writer.save({rel: image}, author=HUDA, summary="صورة", expected={rel: None})
    assert (root / rel).read_bytes() == image


def test_history_and_restore(writer, root):
    first = writer.read(EVENT)
    writer.save({EVENT: first.text.replace("ورشة قادمة", "ورشة ثانية")}, author=HUDA, summary="العنوان الثاني",
                expected={EVENT: first.blob})
    history = writer.history(EVENT)
    assert [(r.author, r.summary) for r in history][0] == ("هدى", "العنوان الثاني")
    original = history[-1]
    restored = writer.restore(EVENT, original.commit, author=RASHA, summary="استعادة",
                              expected={EVENT: writer.read(EVENT).blob})
    assert restored.commit == tip(root) and writer.read(EVENT).text == first.text
    assert [r.summary for r in writer.history(EVENT)][:2] == ["استعادة", "العنوان الثاني"]  # a new commit, nothing rewritten
    for bad in ("--output=/tmp/x", "0" * 40, "HEAD"):
        with pytest.raises(WriteRefused):
            writer.restore(EVENT, bad, author=RASHA, summary="استعادة", expected={EVENT: writer.read(EVENT).blob})


def test_create_event_makes_the_slug_once_and_skips_taken_names(writer, root):
    git(root, "mv", EVENT, "events/2026/jenin-workshop-2026-12-20.yml")  # a hand-written file holds the first name
    git(root, "commit", "--quiet", "-m", "نقل يدوي")
    written = writer.create_event(NEW_EVENT, author=HUDA, summary="فعالية جديدة")
    assert (written.slug, written.path) == ("jenin-workshop-2026-12-20-2", "events/2026/jenin-workshop-2026-12-20-2.yml")
    assert written.commit == tip(root) and head_files(root) == [written.path]
    assert git(root, "log", "-1", "--format=%an") == "هدى"


def test_replace_generated_commits_a_file_made_from_the_committed_catalogue(writer, root):
    (root / "events/2026/uncommitted.yml").write_text("title: [\n", encoding="utf-8")  # a half-written hand edit
    rel = "content/data/figures/2026.yml"
    seen = []

    before = tip(root)

    def make(catalogue):
        seen.append(sorted(catalogue.events))
        return "year: [\n"  # a tool's broken output is refused like any save

    with pytest.raises(WriteRefused) as refused:
        writer.replace_generated(rel, make, author=HUDA, summary="أرقام")
    assert any(p.startswith(rel) for p in refused.value.problems) and tip(root) == before
    assert seen == [["future-workshop", "past-meeting"]]  # the working copy's broken file was never read
    # (the real export is committed in tests/admin/test_admin_figures_export.py)
