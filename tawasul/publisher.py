"""Publishing without waiting: a worker builds the site from the newest commit, outside any web
request, one build at a time.

A save only moves the branch (git_store.py). The worker (`python -m tawasul publish-worker`,
one process: an flock refuses a second) watches the branch tip; when it is not the commit last
built, it checks that commit out into its own private worktree and builds it (tawasul/build.py:
MkDocs, Pagefind, then the swap into place). Saves made during a build only move the tip again,
so they are coalesced into one next build of the newest commit. The build reads a committed
tree, never the working copy, so nothing that is not committed reaches the site.

Its status is a small JSON file that the form service reads: «قيد النشر» until a build that
contains her commit is live, then «نُشر», or the build's error.
"""
from __future__ import annotations

import fcntl
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterator

from .build import BuildFailed, build
from .git_store import GitFailed, GitStore

POLL_SECONDS = 0.25
RECHECK_SECONDS = 10
ERROR_LIMIT = 4000


class PublishState(Enum):
    """Where a save stands; the value is what she reads."""
    pending = "قيد النشر"  # not in a live build yet (waiting, or being built)
    published = "نُشر"
    failed = "تعذّر النشر"


@dataclass(frozen=True)
class WorkerStatus:
    """What the worker last did, as written to its status file."""
    building: str | None = None  # the commit being built now
    published: str | None = None  # the newest commit that is live
    failed: str | None = None  # the newest commit whose build failed (None once a later one is live)
    error: str = ""
    seconds: float | None = None  # how long the last build took


@dataclass(frozen=True)
class Outcome:
    state: PublishState
    error: str = ""

    @property
    def label(self) -> str:
        return self.state.value


def _children_cpu() -> float:
    """CPU time of the build's processes: on a shared machine, wall time says more about the neighbours."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _discard_in_background(folder: Path) -> None:
    """The previous site is deleted while the next build may already run: on a large site under
    load, deleting its thousands of files took as long as a third of a build."""
    threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}).start()


class Publisher:
    def __init__(self, store: GitStore, site_dir: str | Path, state_dir: str | Path | None = None,
                 project: str | Path | None = None):
        """`project`: the MkDocs project (mkdocs.yml, theme/) when the content repository holds
        content only; by default the checkout of the commit is the project too (production: the
        repository holds both, so a build uses the committed theme as well)."""
        self.store = store
        self.project = Path(project).resolve() if project else None
        self.site_dir = Path(site_dir).resolve()
        self.state_dir = Path(state_dir) if state_dir else store.private / "publish"
        self.status_file = self.state_dir / "status.json"
        self.log_file = self.state_dir / "builds.log"
        # «نشر الموقع الآن» leaves this file; the worker then builds the tip even if it was built.
        self.request_file = self.state_dir / "build-requested"
        self.pid_file = self.state_dir / "worker.pid"

    # --- read by the form service ---------------------------------------------------------

    def status(self) -> WorkerStatus:
        try:
            return WorkerStatus(**json.loads(self.status_file.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError, TypeError):
            return WorkerStatus()

    def worker_alive(self) -> bool:
        """Whether a worker process serves this site now (its pid file names a live process),
        so a status page can say that nothing will be built rather than wait forever."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8"))
            os.kill(pid, 0)
        except (FileNotFoundError, ValueError, ProcessLookupError):
            return False
        except PermissionError:  # alive, under another user
            return True
        return True

    def request_build(self) -> None:
        """Ask the worker to build the branch tip again (a retry after a failed build)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.request_file.touch()

    def outcome(self, commit: str) -> Outcome:
        """Where her save stands: live when a live build contains it, failed when the newest
        attempted build containing it failed, otherwise still on its way."""
        status = self.status()
        if status.published and self.store.contains(status.published, commit):
            return Outcome(PublishState.published)
        if status.building and self.store.contains(status.building, commit):
            return Outcome(PublishState.pending)
        if status.failed and self.store.contains(status.failed, commit):
            return Outcome(PublishState.failed, status.error)
        return Outcome(PublishState.pending)

    # --- the worker ------------------------------------------------------------------------

    def _write(self, status: WorkerStatus) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.state_dir, delete=False, encoding="utf-8") as handle:
            json.dump(asdict(status), handle, ensure_ascii=False)
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, self.status_file)  # readers never see half a file

    def _finish(self, commit: str, done: WorkerStatus, cpu_before: float) -> None:
        # The log line first: whoever sees the status can read the build's line.
        with open(self.log_file, "a", encoding="utf-8") as log:  # one line per build, for operators and bench/
            log.write(json.dumps({"commit": commit, "ok": done.published == commit, "seconds": done.seconds,
                                  "cpu_seconds": round(_children_cpu() - cpu_before, 2)}) + "\n")
        self._write(done)

    def build_once(self, force: bool = False) -> bool:
        """Build the branch tip if it is not the last commit built, or a build was requested;
        False when there was nothing to do."""
        before = self.status()
        tip = self.store.tip()
        requested = force or self.request_file.exists()
        if requested:
            self.request_file.unlink(missing_ok=True)
        elif tip in (before.published, before.failed):
            return False
        self._write(WorkerStatus(building=tip, published=before.published, failed=before.failed, error=before.error))
        started, cpu = time.monotonic(), _children_cpu()

        def elapsed() -> float:
            return round(time.monotonic() - started, 2)

        def live() -> None:  # «نُشر» as soon as the new site is in place, not after the old one is deleted
            self._finish(tip, WorkerStatus(published=tip, seconds=elapsed()), cpu)

        try:
            tree = self.store.checkout(tip, "build")
            build(self.site_dir, self.project or tree, content_root=tree, on_live=live, discard=_discard_in_background)
        except (BuildFailed, GitFailed, OSError) as exc:  # reported; the worker goes on with the next commit
            error = str(exc) if isinstance(exc, BuildFailed) else f"تعذّر تجهيز المحتوى للبناء: {exc}"
            self._finish(tip, WorkerStatus(published=before.published, failed=tip, error=error[-ERROR_LIMIT:],
                                           seconds=elapsed()), cpu)
        return True

    @contextmanager
    def _worker_lock(self) -> Iterator[bool]:
        """True inside when no other worker serves this site (one build at a time)."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with open(self.state_dir / "worker.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True

    def publish_now(self) -> Outcome | None:
        """Build the branch tip here (`flask publish-site`), or, when a worker runs, ask it to;
        returns the tip's outcome, or None when the worker was asked."""
        with self._worker_lock() as mine:
            if not mine:
                self.request_build()
                return None
            self.build_once(force=True)
            return self.outcome(self.store.tip())

    def serve(self, keep_going: Callable[[], bool] = lambda: True) -> bool:
        """Run builds until `keep_going()` is false. Returns False at once if another worker
        already serves this site (one build at a time, across processes)."""
        with self._worker_lock() as mine:
            if not mine:
                return False
            self.pid_file.write_text(str(os.getpid()), encoding="utf-8")
            for leftover in self.site_dir.parent.glob(f".{self.site_dir.name}.old-*"):  # a worker stopped mid-delete
                _discard_in_background(leftover)
            seen, asked = None, 0.0
            while keep_going():
                # Ask git only when the branch's ref files changed (a stat, four times a second),
                # or every RECHECK_SECONDS in case a change escaped the stat.
                stamp = self.store.ref_stamp()
                if (stamp == seen and time.monotonic() - asked < RECHECK_SECONDS
                        and not self.request_file.exists()):
                    time.sleep(POLL_SECONDS)
                    continue
                seen, asked = stamp, time.monotonic()
                if not self.build_once():
                    time.sleep(POLL_SECONDS)
        return True


def main(argv: list[str]) -> int:
    """`python -m tawasul publish-worker SITE [--repo DIR] [--branch NAME]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tawasul publish-worker",
                                     description="Build the site from each new commit of the content branch.")
    parser.add_argument("site", type=Path, help="the folder the web server serves")
    parser.add_argument("--repo", type=Path, default=Path(os.environ.get("TAWASUL_CONTENT_ROOT") or "."),
                        help="the content repository (a checkout; default: TAWASUL_CONTENT_ROOT or here)")
    parser.add_argument("--branch", default=os.environ.get("TAWASUL_CONTENT_BRANCH") or None,
                        help="the branch to publish (default: TAWASUL_CONTENT_BRANCH or the one the checkout is on)")
    parser.add_argument("--project", type=Path, help="the MkDocs project when the repository holds content only")
    args = parser.parse_args(argv)
    publisher = Publisher(GitStore(args.repo, branch=args.branch), args.site, project=args.project)
    if not publisher.serve():
        print("عامل نشر آخر يعمل على هذا الموقع", file=sys.stderr)
        return 1
    return 0
