"""A bare repository as the remote: a save pulls first and pushes after, and a developer's commit
arriving upstream is merged, or the save is refused; it is never overwritten."""
from __future__ import annotations

from pathlib import Path

import pytest

from store_support import EVENT, developer_commit, git
from tawasul.git_store import CONFLICT, UNREACHABLE, Author, GitStore, RemoteRefused, StaleEdit

HUDA = Author("هدى", "account-7@coordinators.tawasul.invalid")
EVENT_FILE = "events/2027/jenin-rights-workshop.yml"
CENTRE_FILE = "content/data/centres/jenin.yml"


@pytest.fixture
def remote(repo, tmp_path) -> Path:
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(repo), str(bare))
    return bare


@pytest.fixture
def server(remote, tmp_path) -> Path:
    """The service's copy of the content repository, with the bare one as `origin`."""
    git(tmp_path, "clone", "--quiet", str(remote), str(tmp_path / "server"))
    return tmp_path / "server"


@pytest.fixture
def developer(remote, tmp_path) -> Path:
    git(tmp_path, "clone", "--quiet", str(remote), str(tmp_path / "developer"))
    return tmp_path / "developer"


def remote_log(remote: Path) -> list[str]:
    return git(remote, "log", "--format=%s", "main").splitlines()


def test_without_a_remote_commits_stay_local(repo, remote):
    saved = GitStore(repo).save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="محلي")
    assert not saved.pushed
    assert remote_log(remote) == ["المحتوى الأول"]


def test_a_save_is_pushed(server, remote):
    saved = GitStore(server, remote="origin").save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA,
                                                   message="تعديل الجمهور")
    assert saved.pushed
    assert git(remote, "rev-parse", "main") == saved.commit == git(server, "rev-parse", "main")


def test_a_developer_commit_pushed_during_her_edit_is_pulled_and_kept(server, remote, developer):
    store = GitStore(server, remote="origin")
    opened = store.blob_id(EVENT_FILE)  # she opens the edit form
    theirs = developer_commit(developer, "content/pages/about.md", "# عن المراكز\n", "صفحة عن المراكز")
    git(developer, "push", "--quiet", "origin", "main")
    saved = store.save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="تعديل الجمهور",
                       expected={EVENT_FILE: opened})
    # Her commit sits on top of the developer's: a fast-forward for everyone, nothing rewritten.
    assert git(remote, "rev-parse", "main") == saved.commit
    assert git(remote, "rev-parse", f"{saved.commit}^") == theirs
    assert remote_log(remote) == ["تعديل الجمهور", "صفحة عن المراكز", "المحتوى الأول"]
    # The service's working copy now has both (the content the forms read).
    assert (server / "content/pages/about.md").read_text(encoding="utf-8") == "# عن المراكز\n"


def test_a_developer_push_between_our_fetch_and_our_push_is_merged_not_overwritten(server, remote, developer):
    store = GitStore(server, remote="origin")
    pushed = []

    def developer_pushes_meanwhile(tree, changes):
        if not pushed:
            pushed.append(developer_commit(developer, "content/pages/about.md", "# عن\n", "صفحة عن المراكز"))
            git(developer, "push", "--quiet", "origin", "main")

    saved = store.save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="تعديل الجمهور",
                       check=developer_pushes_meanwhile)
    assert git(remote, "rev-parse", "main") == saved.commit
    assert git(remote, "merge-base", "--is-ancestor", pushed[0], "main") == ""  # exit 0: still in history
    assert remote_log(remote)[0] == "تعديل الجمهور"


def test_a_developer_change_to_the_same_file_makes_her_edit_stale(server, remote, developer):
    store = GitStore(server, remote="origin")
    opened = store.blob_id(EVENT_FILE)
    theirs = EVENT.replace("ورشة عملية.", "ورشة عملية (تصحيح المطوّرة).")
    developer_commit(developer, EVENT_FILE, theirs)
    git(developer, "push", "--quiet", "origin", "main")
    with pytest.raises(StaleEdit) as refused:
        store.save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="تعديل",
                   expected={EVENT_FILE: opened})
    assert refused.value.stale[0].current == theirs
    assert git(remote, "show", f"main:{EVENT_FILE}") == theirs.rstrip("\n")


def test_diverged_histories_merge_when_they_touch_different_lines(server, remote, developer):
    # A commit on the server that never reached the remote (made there by hand)…
    developer_commit(server, CENTRE_FILE, "name: مركز تواصل جنين\nhours: السبت – الخميس\n", "ساعات الدوام")
    # …and a developer's commit upstream to another file.
    theirs = developer_commit(developer, "content/pages/about.md", "# عن\n", "صفحة عن المراكز")
    git(developer, "push", "--quiet", "origin", "main")
    saved = GitStore(server, remote="origin").save({"events/2027/new.yml": "title: جديد\n"}, author=HUDA,
                                                   message="فعالية جديدة")
    assert git(remote, "rev-parse", "main") == saved.commit
    merge = git(remote, "rev-parse", f"{saved.commit}^")
    assert len(git(remote, "rev-list", "--parents", "-n1", merge).split()) == 3
    assert git(remote, "merge-base", "--is-ancestor", theirs, "main") == ""
    assert git(remote, "show", f"main:{CENTRE_FILE}").endswith("السبت – الخميس")


def test_a_conflicting_upstream_commit_refuses_the_save_and_stays_as_it_is(server, remote, developer):
    developer_commit(server, CENTRE_FILE, "name: مركز تواصل جنين\nhours: السبت – الخميس\n", "ساعات هنا")
    theirs = developer_commit(developer, CENTRE_FILE, "name: مركز تواصل جنين\nhours: الأحد – الأربعاء\n", "ساعات هناك")
    git(developer, "push", "--quiet", "origin", "main")
    server_tip = git(server, "rev-parse", "main")
    with pytest.raises(RemoteRefused) as refused:
        GitStore(server, remote="origin").save({"events/2027/new.yml": "title: جديد\n"}, author=HUDA, message="جديد")
    assert refused.value.message == CONFLICT
    assert git(remote, "rev-parse", "main") == theirs
    assert git(server, "rev-parse", "main") == server_tip


def test_an_unreachable_remote_refuses_the_save_and_commits_nothing(server, remote):
    store = GitStore(server, remote=str(remote.with_name("gone.git")))
    tip = store.tip()
    with pytest.raises(RemoteRefused) as refused:
        store.save({EVENT_FILE: EVENT + "audience: الجميع\n"}, author=HUDA, message="تعديل")
    assert refused.value.message == UNREACHABLE
    assert store.tip() == tip and git(server, "status", "--porcelain") == ""
