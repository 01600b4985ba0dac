"""«Publish now»: rebuild the static site from the content files, as `make build` does.

Synchronous and one at a time: a file lock (shared by every worker process) makes a second
click while a build runs answer «already building» instead of starting another. The build goes
to a temporary folder and is swapped in only when it succeeded, so a failed build never leaves
a half site.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..config import REPO_ROOT

BUILD_TIMEOUT_SECONDS = 600


class BuildBusy(Exception):
    pass


class BuildFailed(Exception):
    pass


def build_command(destination: Path) -> list[str]:
    """The one place that knows how the site is built. Switch to `python -m tawasul build site`
    once that lands on main."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)]


def publish(content_root: Path, site_dir: Path) -> float:
    """Build and swap in the site; returns the seconds it took."""
    site_dir = Path(site_dir)
    lock_path = site_dir.with_name(f".{site_dir.name}.publish.lock")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy() from None
        started = time.monotonic()
        fresh, old = site_dir.with_name(site_dir.name + ".publishing"), site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(fresh, ignore_errors=True)
        env = {**os.environ, "TAWASUL_CONTENT_ROOT": str(content_root), "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(build_command(fresh), cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                                timeout=BUILD_TIMEOUT_SECONDS)
        if result.returncode != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            raise BuildFailed((result.stderr or result.stdout).strip()[-2000:])
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            os.rename(site_dir, old)
        os.rename(fresh, site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return time.monotonic() - started
