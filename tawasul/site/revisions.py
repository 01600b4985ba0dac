"""When each content file last changed: Atom needs an honest `updated` for every entry, and the
content carries no such field.

The repository's history knows: one `git log` gives the last commit of every content file. A
file with uncommitted changes, or a tree outside git (tests, a tarball), falls back to the
file's modification time.
"""
from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

from ..layout import TOP_FOLDERS


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class Revisions:
    def __init__(self, root: Path):
        self.root = root
        self._committed: dict[str, datetime] = {}
        log = _git(root, "log", "--format=%x00%ct", "--name-only", "--relative", "--", *TOP_FOLDERS)
        dirty = _git(root, "diff", "--name-only", "--relative", "HEAD", "--", *TOP_FOLDERS)
        if log is None or dirty is None:
            return
        stamp = None
        for line in log.splitlines():
            if line.startswith("\0"):
                stamp = datetime.fromtimestamp(int(line[1:]), timezone.utc)
            elif line and stamp:
                self._committed.setdefault(line, stamp)  # newest commit comes first
        for line in dirty.splitlines():
            self._committed.pop(line, None)

    def changed(self, relative: str) -> datetime:
        """The last change of `relative` (a path under the content root), in UTC."""
        if relative in self._committed:
            return self._committed[relative]
        path = self.root / relative
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(microsecond=0)
