"""«Publish now»: rebuild the static site from the content files, exactly as `make build` does.

Synchronous and one at a time: a file lock (shared by every worker process) makes a second
click while a build runs answer «already building» instead of starting another. The build
itself (`python -m tawasul build`: MkDocs, the search index, then the swap into place) never
leaves a half site.
"""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from tawasul.build import BuildFailed

from tawasul.dates import today
from tawasul.writer import WriteRefused

from ..config import REPO_ROOT
from ..content import writer
from . import audit, figures_export

BUILD_TIMEOUT_SECONDS = 600


class BuildBusy(Exception):
    pass


def build_command(destination: Path) -> list[str]:
    """The one place that knows how the site is built."""
    return [sys.executable, "-m", "tawasul", "build", str(destination)]


def publish(content_root: Path, site_dir: Path, actor: str) -> float:
    """Bring this year's figures up to date with the records (attendance marked, activities
    approved since the last publish), then build the site into `site_dir` from `content_root`;
    returns the seconds it took."""
    site_dir = Path(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(site_dir.with_name(f".{site_dir.name}.publish.lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy() from None
        started = time.monotonic()
        try:
            figures_export.refresh(writer(), today().year, figures_export.export_author())
        except WriteRefused as refused:  # the content would not build either: say why, publish nothing
            raise BuildFailed("\n".join(refused.problems)) from None
        env = {**os.environ, "TAWASUL_CONTENT_ROOT": str(content_root), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(build_command(site_dir), cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                                timeout=BUILD_TIMEOUT_SECONDS)
        if result.returncode != 0:
            raise BuildFailed((result.stderr or result.stdout).strip()[-2000:])
        audit.record(actor, "publish", "site", None)
        return time.monotonic() - started
