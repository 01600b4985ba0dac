"""The content repository: every change to content is one git commit on one branch.

A save never goes through the working copy. Under one writer lock (an flock shared by every
thread and process), it
1. pulls: when a remote is configured, fetches its branch first and builds on it — fast-forward,
   or a merge when a developer's commit is there that we do not have; a merge that conflicts
   refuses the save, so an upstream commit is never overwritten;
2. refuses a stale edit: each file she edits carries the blob id she started from, and if the
   branch holds another version now, the save stops with both versions (`StaleEdit`);
3. validates: the caller's check gets a private checkout of the commit the save builds on,
   plus the changes, so the whole catalogue is checked in memory before anything is written;
4. builds the new tree on a temporary index (`hash-object`, `update-index`, `write-tree`) and
   the commit with `commit-tree`, with her name as author;
5. pushes it (when there is a remote) and only then moves the branch with
   `update-ref <ref> <new> <old>`: a compare-and-swap on the old tip, so history stays linear
   and a commit made meanwhile by hand is never lost (the save starts again on top of it);
6. brings the working copy up to the new tip with `read-tree -m -u`, which, like `git
   checkout`, keeps anything a person changed there by hand, or leaves the working copy alone.

Everything is the git CLI with explicit argument lists: no shell, and no GitPython, which leaks
resources in long-running processes (its own README says so). This module imports neither
Flask nor MkDocs.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Mapping, Optional

from .locks import exclusive

# How often a save starts again after losing a race (a push rejected because someone pushed
# between our fetch and our push, or a commit made by hand between our read and our swap).
ATTEMPTS = 4
GIT_TIMEOUT_SECONDS = 120
MESSAGE_LIMIT = 200
# Where the store keeps what belongs to it inside the repository's git directory.
PRIVATE = "tawasul"
UPSTREAM_REF = "refs/tawasul/upstream"

# path relative to the repository → new text (bytes for an image), None = delete
Changes = Mapping[str, "str | bytes | None"]
Check = Callable[[Path, Changes], None]


@dataclass(frozen=True)
class Author:
    """Who a commit names: a coordinator's display name and an address that is not hers."""
    name: str
    email: str


def coordinator_author(display_name: str, account_id: int, domain: str = "coordinators.tawasul.invalid") -> Author:
    """A coordinator as a commit author: her display name, and an address that names only her
    account (a public remote shows it), never her own e-mail. `.invalid` never delivers."""
    return Author(one_line(display_name), f"account-{account_id}@{domain}")


@dataclass(frozen=True)
class Revision:
    commit: str
    author: str
    when: datetime
    summary: str


@dataclass(frozen=True)
class Saved:
    commit: str
    changed: bool  # False: the files already held this text; no commit was made
    pushed: bool  # True when the commit reached the configured remote


@dataclass(frozen=True)
class Stale:
    path: str
    started: Optional[str]  # the text she opened (None: the file did not exist)
    current: Optional[str]  # the text on the branch now (None: it was deleted)
    mine: "str | bytes | None"  # what she tried to save


class GitFailed(RuntimeError):
    """git itself failed in a way a person cannot fix from the web (a broken repository)."""


class StaleEdit(Exception):
    """Someone else saved the same file after she opened it; nothing was written."""

    def __init__(self, stale: list[Stale]):
        super().__init__("، ".join(s.path for s in stale))
        self.stale = stale
        self.message = "حفظ شخص آخر هذا الملف بعد أن فتحتِه؛ لم يُحفظ تعديلك. قارني النسختين ثم أعيدي تعديلك."


class RemoteRefused(Exception):
    """The save cannot reach or cannot join the remote branch; nothing was written."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


UNREACHABLE = "تعذّر الاتصال بمستودع المحتوى البعيد؛ لم يُحفظ شيء. حاولي مرة أخرى بعد قليل."
CONFLICT = ("في مستودع المحتوى البعيد تعديلات من المطوّرين تتعارض مع المحتوى هنا؛ لم يُحفظ شيء "
            "ولم يُمسّ تعديلهم. أبلغي فريق الموقع ليدمج التعديلات.")
BUSY = "تغيّر المحتوى أكثر من مرة أثناء الحفظ؛ لم يُحفظ شيء. حاولي مرة أخرى."


def one_line(message: str) -> str:
    """A commit summary is one line: whitespace folded, long text cut."""
    line = re.sub(r"\s+", " ", message).strip()
    return line if len(line) <= MESSAGE_LIMIT else line[:MESSAGE_LIMIT - 1] + "…"


class GitStore:
    def __init__(self, repo: str | Path, *, branch: str | None = None, remote: str | None = None,
                 committer: Author = Author("خدمة تواصل", "noreply@tawasul.invalid"),
                 lock_file: str | Path | None = None):
        """`branch`: the branch the site is published from; by default the one the checkout is
        on (under `make run`, a developer's own branch)."""
        self.repo = Path(repo).resolve()
        self.git_dir = Path(self._git("rev-parse", "--absolute-git-dir").strip())
        # Where branches live (the same as git_dir unless `repo` is a linked worktree).
        self.common_dir = (self.repo / self._git("rev-parse", "--git-common-dir").strip()).resolve()
        self.branch = branch or self._git("symbolic-ref", "--short", "HEAD").strip()
        self.ref = f"refs/heads/{self.branch}"
        self.remote = remote or None
        self.committer = committer
        self.private = self.git_dir / PRIVATE
        self.lock_file = Path(lock_file) if lock_file else self.private / "writer.lock"

    # --- git --------------------------------------------------------------------------------

    def _run(self, *args: str, data: bytes | None = None, env: Mapping[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess:
        base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        # Never wait for a password on a terminal nobody watches; messages we parse in English.
        base.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", **(env or {}))
        return subprocess.run(["git", *args], cwd=cwd or self.repo, input=data, capture_output=True,
                              env=base, timeout=GIT_TIMEOUT_SECONDS)

    def _git(self, *args: str, **kwargs) -> str:
        done = self._run(*args, **kwargs)
        if done.returncode != 0:
            raise GitFailed(f"git {args[0]}: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout.decode()

    def _ok(self, *args: str) -> bool:
        return self._run(*args).returncode == 0

    # --- reading ----------------------------------------------------------------------------

    def tip(self) -> str:
        return self._git("rev-parse", "--verify", f"{self.ref}^{{commit}}").strip()

    def blob_id(self, path: str, commit: str | None = None) -> str | None:
        """The id of a file's version on the branch (or at `commit`); None if it is not there.
        An edit form keeps it, so the save can tell whether someone saved in between."""
        listed = self._git("ls-tree", "-z", commit or self.ref, "--", path).rstrip("\0")
        if not listed:
            return None
        meta, _, _ = listed.partition("\t")
        kind, blob = meta.split()[1:3]
        return blob if kind == "blob" else None

    def read_blob(self, blob: str | None) -> str | None:
        if blob is None:
            return None
        done = self._run("cat-file", "blob", blob)
        return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None

    def read(self, path: str, commit: str | None = None) -> str | None:
        return self.read_blob(self.blob_id(path, commit))

    def blob_of(self, text: str | bytes | None) -> str | None:
        """The blob id `text` has (or would have) in git, without storing it."""
        if text is None:
            return None
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        return self._git("hash-object", "--stdin", data=data).strip()

    def read_version(self, path: str, commit: str) -> str | bytes | None:
        """A file as it was at `commit`: text, or bytes when it is not UTF-8 (an image)."""
        blob = self.blob_id(path, commit)
        if blob is None:
            return None
        data = self._run("cat-file", "blob", blob).stdout
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data

    def files(self, folder: str) -> list[str]:
        """Every file under `folder` on the branch."""
        return self._git("ls-tree", "-r", "-z", "--name-only", self.ref, "--", folder).split("\0")[:-1]

    def ref_stamp(self) -> tuple:
        """Changes whenever the branch may have moved (its ref file, or packed refs), for
        watchers that should not run git several times a second."""
        stamps = []
        for path in (self.common_dir / self.ref, self.common_dir / "packed-refs"):
            try:
                info = path.stat()
                stamps.append((info.st_ino, info.st_mtime_ns, info.st_size))
            except FileNotFoundError:
                stamps.append(None)
        return tuple(stamps)

    def contains(self, commit: str, earlier: str) -> bool:
        """Whether `earlier` is `commit` or in its history (her save is in a build of `commit`)."""
        return self._ok("merge-base", "--is-ancestor", earlier, commit)

    def history(self, path: str, limit: int = 50) -> list[Revision]:
        """Newest first: who changed this file, when, and the one-line summary."""
        out = self._git("log", f"--max-count={limit}", "--format=%H%x1f%an%x1f%aI%x1f%s%x1e", self.ref, "--", path)
        revisions = []
        for record in filter(None, (r.strip("\n") for r in out.split("\x1e"))):
            commit, author, when, summary = record.split("\x1f")
            revisions.append(Revision(commit, author, datetime.fromisoformat(when), summary))
        return revisions

    # --- writing ----------------------------------------------------------------------------

    def _locked(self):
        """One writer at a time, across threads and worker processes."""
        return exclusive(self.lock_file)

    def save(self, changes: Changes, *, author: Author, message: str,
             expected: Mapping[str, Optional[str]] | None = None, check: Check | None = None) -> Saved:
        """Commit `changes` as one commit by `author`.

        `expected` maps a path to the blob id she started from (None: she is creating it); if
        the branch holds another version the save raises StaleEdit. `check(tree, changes)` is
        called with a checkout of the commit the save builds on and may raise to refuse it.
        """
        message = one_line(message)
        with self._locked():
            for _ in range(ATTEMPTS):
                old = self.tip()
                base = self._pull(old)
                self._refuse_stale(base, changes, expected or {})
                if check is not None:
                    check(self.checkout(base, "check"), changes)
                tree = self._tree(base, changes)
                changed = tree != self._git("rev-parse", f"{base}^{{tree}}").strip()
                if not changed and base == old:
                    return Saved(old, changed=False, pushed=False)
                new = self._commit(tree, [base], message, author) if changed else base
                if self.remote and not self._push(new):
                    continue  # someone pushed after our fetch: start again from theirs
                if not self._ok("update-ref", "-m", "tawasul: save", self.ref, new, old):
                    if self.remote:  # already upstream; the next save's pull brings it back
                        return Saved(new, changed=changed, pushed=True)
                    continue  # a commit made by hand meanwhile: start again on top of it
                self._refresh_working_copy(old, new)
                return Saved(new, changed=changed, pushed=bool(self.remote))
        raise RemoteRefused(BUSY)

    def restore(self, path: str, commit: str, *, author: Author, message: str,
                expected: Mapping[str, Optional[str]] | None = None, check: Check | None = None) -> Saved:
        """An earlier version of one file becomes a new commit; history is never rewritten."""
        return self.save({path: self.read_version(path, commit)}, author=author, message=message,
                         expected=expected, check=check)

    def _refuse_stale(self, base: str, changes: Changes, expected: Mapping[str, Optional[str]]) -> None:
        stale = []
        for path, started in expected.items():
            current = self.blob_id(path, base)
            if current != started:
                stale.append(Stale(path, self.read_blob(started), self.read_blob(current), changes.get(path)))
        if stale:
            raise StaleEdit(stale)

    def _tree(self, base: str, changes: Changes) -> str:
        """The tree of `base` with `changes` applied, built on a throwaway index: the working
        copy and its index are never read or touched."""
        lines = []
        for path, text in changes.items():
            if text is None:
                lines.append(f"0 {'0' * 40}\t{path}")
            else:
                data = text if isinstance(text, bytes) else text.encode("utf-8")
                blob = self._git("hash-object", "-w", "--stdin", data=data).strip()
                lines.append(f"100644 {blob}\t{path}")
        self.private.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.private) as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self._git("read-tree", base, env=env)
            self._git("update-index", "-z", "--index-info", data="".join(f"{ln}\0" for ln in lines).encode(), env=env)
            return self._git("write-tree", env=env).strip()

    def _commit(self, tree: str, parents: list[str], message: str, author: Author) -> str:
        env = {"GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
               "GIT_COMMITTER_NAME": self.committer.name, "GIT_COMMITTER_EMAIL": self.committer.email}
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        return self._git(*args, "-m", message, env=env).strip()

    # --- the remote -------------------------------------------------------------------------

    def _pull(self, old: str) -> str:
        """The commit a save builds on: our tip, or the remote's, or a merge of both."""
        if not self.remote:
            return old
        fetched = self._run("fetch", "--quiet", "--no-tags", self.remote, f"+{self.ref}:{UPSTREAM_REF}")
        if fetched.returncode != 0:
            raise RemoteRefused(UNREACHABLE, fetched.stderr.decode(errors="replace").strip())
        upstream = self._git("rev-parse", UPSTREAM_REF).strip()
        if self._ok("merge-base", "--is-ancestor", upstream, old):
            return old
        if self._ok("merge-base", "--is-ancestor", old, upstream):
            return upstream
        merged = self._run("merge-tree", "--write-tree", "--name-only", "--no-messages", old, upstream)
        if merged.returncode != 0:
            raise RemoteRefused(CONFLICT, merged.stdout.decode(errors="replace").strip())
        tree = merged.stdout.decode().split("\n", 1)[0].strip()
        return self._commit(tree, [old, upstream], "دمج تعديلات مستودع المحتوى البعيد", self.committer)

    def _push(self, commit: str) -> bool:
        """False when the remote moved since our fetch (the push is not a fast-forward)."""
        pushed = self._run("push", "--quiet", "--porcelain", self.remote, f"{commit}:{self.ref}")
        if pushed.returncode == 0:
            return True
        report = pushed.stdout.decode(errors="replace") + pushed.stderr.decode(errors="replace")
        if "[rejected]" in report or "fetch first" in report or "non-fast-forward" in report:
            return False
        raise RemoteRefused(UNREACHABLE, report.strip())

    # --- checkouts --------------------------------------------------------------------------

    def checkout(self, commit: str, name: str) -> Path:
        """A private checkout of `commit` (a detached git worktree inside the git directory),
        updated in place so only changed files are rewritten. Each user has its own `name`:
        the writer checks saves in "check", the publish worker builds in "build"."""
        tree = self.private / name
        if not (tree / ".git").exists():
            if self._run("worktree", "add", "--detach", "--force", str(tree), commit).returncode != 0:
                self._run("worktree", "prune")  # a checkout deleted by hand leaves its record behind
                self._git("worktree", "add", "--detach", "--force", str(tree), commit)
        else:
            self._git("checkout", "--detach", "--force", "--quiet", commit, cwd=tree)
        return tree

    def _refresh_working_copy(self, old: str, new: str) -> None:
        """Move the working copy (if it is on our branch) from `old` to `new` as `git checkout`
        would. Where a person has changed the same files by hand, their files stay as they are
        (shown by `git status` as their changes against the new commit); every other file, and
        the index, follow the branch, so a later `git commit` there cannot undo a web save."""
        head = self._run("symbolic-ref", "--quiet", "HEAD")
        if head.returncode != 0 or head.stdout.decode().strip() != self.ref:
            return
        if self._run("rev-parse", "--is-inside-work-tree").stdout.strip() != b"true":
            return
        self._run("update-index", "-q", "--refresh")  # stat data only, so git compares contents
        if self._run("read-tree", "-m", "-u", old, new).returncode == 0:
            return
        entries = []
        for path in filter(None, self._git("diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new).split("\0")):
            blob, file = self.blob_id(path, new), self.repo / path
            on_disk = self._git("hash-object", "--", path).strip() if file.is_file() else None
            if on_disk == self.blob_id(path, old):  # untouched by hand: it follows the branch
                if blob is None:
                    file.unlink(missing_ok=True)
                else:
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_bytes(self._run("cat-file", "blob", blob).stdout)
            entries.append(f"100644 {blob}\t{path}" if blob else f"0 {'0' * 40}\t{path}")
        # If a person's git holds the index lock just now, this fails too; `git status` then
        # shows the web save as changes to undo, and `git reset` (keeping files) repairs it.
        self._run("update-index", "-z", "--index-info", data="".join(f"{e}\0" for e in entries).encode())
