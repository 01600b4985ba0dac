"""Writing the built site's files with few system calls.

A clean build of the 2,000-event site writes 4,800 files into 2,750 folders. MkDocs writes each
one with `os.makedirs(folder, exist_ok=True)` (a stat, then a mkdir that fails with EEXIST for
every second file, then another stat) and `open(path, "wb")` (open, fstat, ioctl, lseek, write,
close). Here a folder is made the first time a file goes into it, and a file is open, write,
close: the same folders and bytes with about half the calls.

A re-publish after one edit changes a few dozen of those files. Creating the other 4,800 again
(and deleting the previous copy) was most of its system time, so a build with the build cache
writes into the site it replaced two builds ago (`Output(reuse=True)`): a file that already holds
the bytes is left alone, a changed one is written, and `prune` removes what this build did not
make. What is left is the tree a build into an empty folder makes (tests/test_build_output.py,
tests/test_incremental_build.py).
"""
from __future__ import annotations

import os
import shutil
import stat

# What open(path, "wb") asks of the system: created with 0o666 less the umask, truncated,
# not inherited by child processes.
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
# Set by tawasul/build.py for MkDocs' process when the site folder holds an earlier build.
REUSE_OUTPUT = "TAWASUL_REUSE_OUTPUT"
# MkDocs writes the compressed sitemap itself, beside the sitemap it wrote through us.
_WRITTEN_BESIDE = {"sitemap.xml": "sitemap.xml.gz"}


def _holds(path: str, content: bytes) -> bool:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            return handle.read() == content
    finally:
        os.close(descriptor)


class Output:
    """One build's writer: it remembers the folders it made or found, so each lives one build
    (a `mkdocs serve` rebuild makes a new one after MkDocs has emptied the site). With `reuse`,
    the folder holds an earlier build: what this build writes is remembered for `prune`."""

    def __init__(self, reuse: bool = False):
        self._folders: set[str] = set()
        self.reuse = reuse
        self.written: set[str] = set()

    def write(self, content: bytes, path: str) -> None:
        """What mkdocs.utils.write_file does: the file at `path` holds `content`, its folders made."""
        if self.reuse:
            self.written.add(os.path.normpath(path))
            if _holds(path, content):
                return
            _make_way(path)
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        descriptor = os.open(path, _WRITE_FLAGS, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)

    def copy(self, source: str, path: str) -> None:
        """What mkdocs.utils.copy_file does (`path` may name a folder), through `write`."""
        if os.path.isdir(path):
            path = os.path.join(path, os.path.basename(source))
        with open(source, "rb") as handle:
            self.write(handle.read(), path)

    def prune(self, root: str) -> None:
        """Remove what an earlier build left in `root` and this one did not write (hidden
        names at the top are kept, as MkDocs' own emptying keeps them), then empty folders."""
        keep = self.written | {os.path.join(os.path.dirname(p), _WRITTEN_BESIDE[os.path.basename(p)])
                               for p in self.written if os.path.basename(p) in _WRITTEN_BESIDE}
        _prune(os.path.normpath(root), keep, top=True)


def _prune(folder: str, keep: set[str], top: bool = False) -> bool:
    """True when `folder` is left empty."""
    empty = True
    with os.scandir(folder) as listing:
        entries = list(listing)
    for entry in entries:
        if top and entry.name.startswith("."):
            empty = False
        elif entry.is_dir(follow_symlinks=False):
            if _prune(entry.path, keep):
                os.rmdir(entry.path)
            else:
                empty = False
        elif entry.path in keep:
            empty = False
        else:
            os.unlink(entry.path)
    return empty


def _make_way(path: str) -> None:
    """An earlier build may have had a file where this one needs a folder, or a folder where it
    needs a file (an event's slug becoming a page's folder…): that one goes. A file with other
    bytes goes too, and the new one is a new file: this tree was live two builds ago, and a slow
    phone may still be downloading that file from it; rewriting it in place would mix the two."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
        return
    try:
        os.unlink(path)
        return
    except (FileNotFoundError, NotADirectoryError):  # nothing there, or a file where a folder is needed
        pass
    parent = os.path.dirname(path)
    while parent and parent != os.path.dirname(parent):
        if os.path.lexists(parent) and not os.path.isdir(parent):
            os.unlink(parent)
            return
        parent = os.path.dirname(parent)
