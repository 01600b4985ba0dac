"""Every save is a git commit: author, message, stale edits, concurrent writers in real
processes, history and restore, and a working copy that is never written through."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from store_support import EVENT, git, save_in_turn, write
from tawasul.git_store import Author, GitStore, StaleEdit, coordinator_author

HUDA = coordinator_author("هدى من مركز جنين", 7)
EVENT_FILE = "events/2027/jenin-rights-workshop.yml"
CENTRE_FILE = "content/data/centres/jenin.yml"


def test_a_save_is_one_commit_by_her_with_a_one_line_arabic_summary(repo):
    store = GitStore(repo)
    before = store.tip()
    saved = store.save({"events/2027/jenin-new.yml": "title: جديد\n"}, author=HUDA,
                       message="إضافة فعالية «جديد»\nفي جنين", expected={"events/2027/jenin-new.yml": None})
    assert saved.changed and not saved.pushed
    assert git(repo, "log", "-1", "--format=%an|%ae|%s|%P") == \
        f"هدى من مركز جنين|account-7@coordinators.tawasul.invalid|إضافة فعالية «جديد» في جنين|{before}"
    assert git(repo, "show", "--name-status", "--format=", "HEAD") == "A\tevents/2027/jenin-new.yml"
    assert store.read("events/2027/jenin-new.yml") == "title: جديد\n"
    # The working copy follows the branch, and git sees nothing left to commit.
    assert (repo / "events/2027/jenin-new.yml").read_text(encoding="utf-8") == "title: جديد\n"
    assert git(repo, "status", "--porcelain") == ""


def test_saving_the_same_text_makes_no_commit(repo):
    store = GitStore(repo)
    before = store.tip()
    saved = store.save({EVENT_FILE: EVENT}, author=HUDA, message="لا شيء")
    assert (saved.changed, saved.commit, store.tip()) == (False, before, before)


def test_a_deletion_is_a_commit_too(repo):
    store = GitStore(repo)
    store.save({EVENT_FILE: None}, author=HUDA, message="حذف فعالية")
    assert store.read(EVENT_FILE) is None
    assert git(repo, "show", "--name-status", "--format=", "HEAD") == f"D\t{EVENT_FILE}"


def test_the_second_of_two_saves_of_the_same_file_is_refused_with_both_versions(repo):
    store = GitStore(repo)
    opened_by_huda = opened_by_sara = store.blob_id(EVENT_FILE)
    first = EVENT.replace("ورشة عملية.", "ورشة عملية لهدى.")
    second = EVENT.replace("ورشة عملية.", "ورشة عملية لسارة.")
    store.save({EVENT_FILE: first}, author=HUDA, message="تعديل هدى", expected={EVENT_FILE: opened_by_huda})
    tip = store.tip()
    with pytest.raises(StaleEdit) as refused:
        store.save({EVENT_FILE: second}, author=Author("سارة", "account-8@coordinators.tawasul.invalid"),
                   message="تعديل سارة", expected={EVENT_FILE: opened_by_sara})
    (stale,) = refused.value.stale
    # Nothing is lost: hers stays, and the page can show what she opened, what is there now, and her text.
    assert (stale.path, stale.started, stale.current, stale.mine) == (EVENT_FILE, EVENT, first, second)
    assert "لم يُحفظ تعديلك" in refused.value.message
    assert store.tip() == tip and store.read(EVENT_FILE) == first


def test_creating_a_file_that_someone_else_just_created_is_stale(repo):
    store = GitStore(repo)
    store.save({"events/2027/x.yml": "title: أ\n"}, author=HUDA, message="أ", expected={"events/2027/x.yml": None})
    with pytest.raises(StaleEdit):
        store.save({"events/2027/x.yml": "title: ب\n"}, author=HUDA, message="ب", expected={"events/2027/x.yml": None})
    assert store.read("events/2027/x.yml") == "title: أ\n"


def test_a_refusing_check_writes_nothing(repo):
    store = GitStore(repo)
    tip = store.tip()

    def refuse(tree: Path, changes):
        raise ValueError("invalid")

    with pytest.raises(ValueError):
        store.save({EVENT_FILE: "title: \n"}, author=HUDA, message="خطأ", check=refuse)
    assert store.tip() == tip and git(repo, "status", "--porcelain") == ""


def test_the_check_sees_the_committed_tree_never_the_half_written_working_copy(repo):
    store = GitStore(repo)
    write(repo, "events/2027/half-written.yml", "title: لم يكتمل")  # a developer's unsaved file
    write(repo, CENTRE_FILE, "name: نصف تعديل\n")  # and a half-done edit of a tracked file
    seen = {}

    def look(tree: Path, changes):
        seen["half"] = (tree / "events/2027/half-written.yml").exists()
        seen["centre"] = (tree / CENTRE_FILE).read_text(encoding="utf-8")
        seen["event"] = (tree / EVENT_FILE).read_text(encoding="utf-8")

    store.save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="تعديل", check=look)
    assert seen == {"half": False, "centre": "name: مركز تواصل جنين\nhours: الأحد – الخميس\n", "event": EVENT}
    # The commit holds only her change; the developer's files are as they left them.
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == EVENT_FILE
    assert (repo / "events/2027/half-written.yml").read_text(encoding="utf-8") == "title: لم يكتمل"
    assert (repo / CENTRE_FILE).read_text(encoding="utf-8") == "name: نصف تعديل\n"
    assert git(repo, "status", "--porcelain") == f" M {CENTRE_FILE}\n?? events/2027/half-written.yml".strip()


def test_a_file_changed_by_hand_in_the_working_copy_is_never_overwritten(repo):
    store = GitStore(repo)
    write(repo, EVENT_FILE, EVENT + "# still typing…\n")
    saved = store.save({EVENT_FILE: EVENT + "audience: الجميع\n", CENTRE_FILE: "name: مركز\n"}, author=HUDA,
                       message="تعديل")
    assert store.read(EVENT_FILE, saved.commit) == EVENT + "audience: الجميع\n"
    assert (repo / EVENT_FILE).read_text(encoding="utf-8") == EVENT + "# still typing…\n"
    # The other file of the save follows the branch, and the index is the new commit: a
    # developer's `git commit` there cannot quietly undo the web save.
    assert (repo / CENTRE_FILE).read_text(encoding="utf-8") == "name: مركز\n"
    assert git(repo, "diff", "--cached", "--name-only") == ""
    assert git(repo, "diff", "--name-only") == EVENT_FILE  # her hand change, unstaged


def test_a_commit_made_by_hand_meanwhile_is_kept(repo, tmp_path):
    store = GitStore(repo)
    hand = {}

    def developer_commits_during_the_save(tree: Path, changes):
        if not hand:  # the first attempt loses the swap; the save starts again on top
            write(repo, "content/pages/about.md", "# عن المراكز\n")
            git(repo, "add", "content/pages/about.md")
            git(repo, "commit", "--quiet", "-m", "صفحة عن المراكز")
            hand["commit"] = git(repo, "rev-parse", "HEAD")

    saved = store.save({"events/2027/new.yml": "title: جديد\n"}, author=HUDA, message="جديد",
                       check=developer_commits_during_the_save)
    assert git(repo, "rev-parse", f"{saved.commit}^") == hand["commit"]
    assert store.read("content/pages/about.md") == "# عن المراكز\n"


def test_history_names_who_when_and_what_and_an_old_version_comes_back_as_a_new_commit(repo):
    store = GitStore(repo)
    versions = [EVENT.replace("ورشة عملية.", f"الصيغة {n}.") for n in (1, 2)]
    store.save({EVENT_FILE: versions[0]}, author=HUDA, message="الصيغة الأولى")
    store.save({EVENT_FILE: versions[1]}, author=Author("سارة", "a-8@x.invalid"), message="الصيغة الثانية")
    store.save({CENTRE_FILE: "name: مركز\n"}, author=HUDA, message="المركز")  # another file: not in its history
    history = store.history(EVENT_FILE)
    assert [(r.author, r.summary) for r in history] == [
        ("سارة", "الصيغة الثانية"), ("هدى من مركز جنين", "الصيغة الأولى"), ("مطوّرة الموقع", "المحتوى الأول")]
    assert history[0].when.tzinfo is not None

    restored = store.restore(EVENT_FILE, history[1].commit, author=HUDA, message="استعادة الصيغة الأولى",
                             expected={EVENT_FILE: store.blob_id(EVENT_FILE)})
    assert store.read(EVENT_FILE) == versions[0]
    assert [r.commit for r in store.history(EVENT_FILE)][:2] == [restored.commit, history[0].commit]
    assert (repo / EVENT_FILE).read_text(encoding="utf-8") == versions[0]


def _linear(repo: Path) -> bool:
    return all(len(line.split()) == 2 for line in git(repo, "rev-list", "--parents", "main").splitlines()[:-1])


def test_two_coordinators_saving_different_events_at_the_same_moment_lose_nothing(repo):
    """Two processes, 20 rounds, each round started together at a barrier."""
    rounds = 20
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    files = ["events/2027/jenin-a.yml", "events/2027/jenin-b.yml"]
    workers = [context.Process(target=save_in_turn, args=(str(repo), f, rounds, barrier, results)) for f in files]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * rounds)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert sorted(o[2] for o in outcomes) == ["saved"] * (2 * rounds)
    log = git(repo, "log", "--format=%s", "main").splitlines()
    for f in files:
        assert sorted(s for s in log if f in s) == sorted(f"تعديل {f} في الجولة {n}" for n in range(rounds))
        assert GitStore(repo).read(f) == f"{EVENT}audience: الجولة {rounds - 1}\n"
    assert len(log) == 2 * rounds + 1 and _linear(repo)


def test_two_people_saving_the_same_event_at_the_same_moment_one_is_told_it_is_stale(repo):
    rounds = 5
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=save_in_turn, args=(str(repo), EVENT_FILE, rounds, barrier, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * rounds)]
    for worker in workers:
        worker.join(timeout=60)
    by_round = {n: sorted(o[2] for o in outcomes if o[1] == n) for n in range(rounds)}
    # Each round: both read the same version, then one saves and the other is refused
    # (and is shown the version that won).
    assert by_round == {n: ["saved", "stale"] for n in range(rounds)}
    assert all(o[3] == f"{EVENT}audience: الجولة {o[1]}\n" for o in outcomes if o[2] == "stale")
    assert len(git(repo, "log", "--format=%H", "main").splitlines()) == rounds + 1 and _linear(repo)


def test_the_store_follows_the_branch_the_checkout_is_on_unless_told(repo):
    git(repo, "checkout", "--quiet", "-b", "my-feature")
    assert GitStore(repo).branch == "my-feature"
    saved = GitStore(repo, branch="main").save({"events/2027/x.yml": "title: س\n"}, author=HUDA, message="س")
    assert git(repo, "rev-parse", "main") == saved.commit != git(repo, "rev-parse", "my-feature")
    assert not (repo / "events/2027/x.yml").exists()  # her checkout is on another branch: untouched


def test_the_ref_stamp_changes_when_the_branch_moves_even_after_git_packs_refs(repo):
    store = GitStore(repo)
    before = store.ref_stamp()
    assert store.ref_stamp() == before
    store.save({"events/2027/x.yml": "title: س\n"}, author=HUDA, message="س")
    moved = store.ref_stamp()
    assert moved != before
    git(repo, "pack-refs", "--all")
    assert store.ref_stamp() != moved
