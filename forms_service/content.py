"""The content the service reads (the events it takes registrations for) and writes (every
web edit, as a git commit), both through the shared content model: `catalogue()`, `writer()`
and `publisher()` (where a commit stands on its way to the site).

The catalogue is loaded at start-up and again when a content file changes. Files are stat-ed at
most every CONTENT_CHECK_SECONDS (not on every request: that would cost throughput); a broken
edit keeps the last good catalogue and logs the problem, so a typo never takes the forms down.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from flask import current_app

from tawasul import layout
from tawasul.catalogue import Catalogue
from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.git_store import GitStore
from tawasul.publisher import Publisher
from tawasul.writer import ContentWriter

from .config import REPO_ROOT

log = logging.getLogger(__name__)


def init_app(app) -> None:
    root = app.config["CONTENT_ROOT"]
    app.extensions["tawasul_content"] = CatalogueSource(root, app.config["CONTENT_CHECK_SECONDS"])


def catalogue() -> Catalogue:
    """The current catalogue (reloaded when a content file changed)."""
    return current_app.extensions["tawasul_content"].get()


def fresh_catalogue() -> Catalogue:
    return current_app.extensions["tawasul_content"].fresh()


def writer() -> ContentWriter:
    """The writer over the content repository, made on first use (the public forms never
    need it, so they run over any content folder)."""
    made = current_app.extensions.get("tawasul_writer")
    if made is None:
        config = current_app.config
        store = GitStore(config["CONTENT_ROOT"], branch=config.get("CONTENT_BRANCH") or None,
                         remote=config.get("CONTENT_REMOTE") or None)
        made = current_app.extensions.setdefault("tawasul_writer", ContentWriter(store))
    return made


def publisher() -> Publisher:
    """Reads the publish worker's status for the same repository (the worker builds; the web never
    does). A content repository without mkdocs.yml is built with this code's own MkDocs project."""
    root = Path(current_app.config["CONTENT_ROOT"])
    return Publisher(writer().store, current_app.config["SITE_DIR"],
                     project=None if (root / "mkdocs.yml").exists() else REPO_ROOT)


def _signature(root: Path) -> tuple:
    """Cheap fingerprint: every watched file's and folder's mtime (folders catch deletions)."""
    stamps = []
    for top in layout.WATCHED:
        for folder, _dirs, files in os.walk(root / top):
            stamps.append(os.stat(folder).st_mtime_ns)
            stamps.extend(os.stat(os.path.join(folder, name)).st_mtime_ns for name in files)
    return len(stamps), max(stamps, default=0), sum(stamps)


class CatalogueSource:
    def __init__(self, root: str | Path, check_seconds: float):
        self.root = Path(root)
        self.check_seconds = check_seconds
        self._lock = threading.Lock()
        self._signature = _signature(self.root)
        self._catalogue = load_catalogue(self.root)
        self._checked = time.monotonic()

    def get(self) -> Catalogue:
        if time.monotonic() - self._checked >= self.check_seconds:
            self._refresh()
        return self._catalogue

    def fresh(self) -> Catalogue:
        """Checked now, whatever the interval: an edit page must not open a version older than
        the save she has just made (possibly in another worker process)."""
        self._refresh()
        return self._catalogue

    def _refresh(self) -> None:
        with self._lock:
            self._checked = time.monotonic()
            signature = _signature(self.root)
            if signature == self._signature:
                return
            try:
                self._catalogue = load_catalogue(self.root)
            except ContentInvalid as exc:
                log.error("content changed but is invalid; keeping the previous events:\n%s", exc)
            self._signature = signature
