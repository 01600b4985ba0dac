"""Real git repositories in temporary folders, and a developer who works in them by hand."""
from __future__ import annotations

import subprocess
from pathlib import Path

DEVELOPER = ["-c", "user.name=مطوّرة الموقع", "-c", "user.email=dev@tawasul.invalid"]

EVENT = """\
# Written by hand: this comment must survive a web edit.
title: ورشة «حقوقك في العمل»
type: workshop
start: 2027-02-10 10:00   # local time
centre: jenin
summary: ورشة عملية.
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *DEVELOPER, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_repo(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        write(root, rel, text)
    return commit_tree(root)


def commit_tree(root: Path, message: str = "المحتوى الأول") -> Path:
    """Everything in `root` committed on branch main (the repository is made if needed), as
    a content repository is in production: the service writes only through commits."""
    if not (root / ".git").exists():
        git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--allow-empty", "-m", message)
    return root


def head_files(root: Path, commit: str = "HEAD") -> list[str]:
    """The files a commit changed."""
    return git(root, "show", "--name-only", "--format=", commit).splitlines()


def uncommitted(root: Path) -> str:
    """`git status --porcelain` of the working copy: empty when nothing is left uncommitted."""
    return git(root, "status", "--porcelain", "--untracked-files=all")


def developer_commit(clone: Path, rel: str, text: str, message: str = "تعديل يدوي") -> str:
    write(clone, rel, text)
    git(clone, "add", rel)
    git(clone, "commit", "--quiet", "-m", message)
    return git(clone, "rev-parse", "HEAD")


def save_in_turn(repo: str, rel: str, rounds: int, barrier, results) -> None:
    """One coordinator in her own process: each round waits for the other at the barrier, then
    saves a new version of her file with the blob id she read (as an edit form would)."""
    from tawasul.git_store import Author, GitStore, StaleEdit

    store = GitStore(repo)
    author = Author(f"منسقة {rel}", "coordinator@tawasul.invalid")
    for n in range(rounds):
        started = store.blob_id(rel)
        barrier.wait(timeout=60)
        try:
            saved = store.save({rel: f"{EVENT}audience: الجولة {n}\n"}, author=author,
                               message=f"تعديل {rel} في الجولة {n}", expected={rel: started})
            results.put((rel, n, "saved", saved.commit))
        except StaleEdit as exc:
            results.put((rel, n, "stale", exc.stale[0].current))


def site_repo(root: Path) -> Path:
    """A content repository holding the sample site as it is in this working tree (the same
    one the edit-to-live benchmark publishes)."""
    import sys

    sys.path.append(str(Path(__file__).resolve().parents[2] / "bench"))
    from publish_bench import content_repository

    return content_repository(root)


def wait_for(condition, timeout: float = 180, every: float = 0.1):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not reached in {timeout} s: {condition}")
