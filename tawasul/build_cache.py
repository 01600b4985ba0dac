"""What one build keeps for the next, so a re-publish after one edit renders only what changed.

Three kinds of entries, each under the SHA-256 of everything its output depends on:
- rendered Markdown of the text people wrote (html_pages.MarkdownText), by the text;
- pieces the page generators make per event (its page, its place in a list, its calendar
  entries: `Memo`), by the event, the records it shows (governorate, centre, campaign,
  occasion), the day of the build, and a fingerprint of the code, mkdocs.yml and settings;
- a page's finished HTML, by its body, title, table of contents, front matter, address, its
  neighbours in the nav, and a fingerprint of everything shared by all pages: mkdocs.yml, the
  theme folder, this package's code and templates, the versions of MkDocs and Material, the
  nav, and the helplines every page shows.

A key that covers all inputs makes the cache safe to forget: a missing or stale entry only costs
time, never a different page (tests/test_incremental_build.py builds after a series of edits and
compares with a clean build, byte for byte). Entries not used by a build are dropped at its end,
so the cache holds one site. One SQLite file: a crash mid-write loses at most the last build's
additions.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from importlib import metadata
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

PACKAGE = Path(__file__).resolve().parent
# The cache file, or one of these words for a build without it.
CACHE_SETTING = "TAWASUL_BUILD_CACHE"


def cache_path(setting: str, project: Path) -> Path | None:
    """The cache file TAWASUL_BUILD_CACHE names (default .cache/build.sqlite3 beside mkdocs.yml), or None: off."""
    if setting.lower() in ("off", "0", "no"):
        return None
    return Path(setting) if setting else project / ".cache" / "build.sqlite3"


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False,
                                                               default=str).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def tree_digest(*folders: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Every file's path and bytes under the folders (code, templates, theme)."""
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or (suffixes and path.suffix not in suffixes):
                continue
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def versions() -> list[str]:
    return [f"{name}=={metadata.version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions",
                                                              "jinja2")]


class Memo:
    """Made once, reused while its inputs stay the same: `memo(parts, make)` returns what
    `make()` returned for the same `parts` (and the same `base`: code, settings) in an earlier
    build, through the build cache. Values are text, so they are kept as they are. Without a
    cache (`entries` None) nothing is kept: callers check `keeps` and just make the thing,
    sparing a clean build the digests and the conversions to text."""

    def __init__(self, base: str = "", entries: dict[str, str] | None = None):
        self.base = base
        self.keeps = entries is not None
        self.entries = entries if entries is not None else {}
        self.used: set[str] = set()

    def __call__(self, parts, make) -> str:
        key = digest(self.base, parts)
        self.used.add(key)
        done = self.entries.get(key)
        if done is None:
            done = self.entries[key] = make()
        return done

    def kept(self) -> dict[str, str]:
        """What this build used: the entries the next build may need."""
        return {key: self.entries[key] for key in self.used}


class BuildCache:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS entry (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key))")
        # What the last build reused and rendered: for the benchmark and the tests.
        self._db.execute("CREATE TABLE IF NOT EXISTS last_build (reused INTEGER, rendered INTEGER)")
        self._used: dict[str, set[str]] = {}
        self._new: list[tuple[str, str, bytes]] = []
        self.reused = 0

    def load(self, kind: str) -> dict[str, str]:
        """Every entry of a kind, for a dictionary the build consults (and adds to)."""
        return {key: value.decode() for key, value in
                self._db.execute("SELECT key, value FROM entry WHERE kind = ?", (kind,))}

    def get(self, kind: str, key: str) -> str | None:
        self._used.setdefault(kind, set()).add(key)
        row = self._db.execute("SELECT value FROM entry WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        self.reused += row is not None
        return row[0].decode() if row else None

    def put(self, kind: str, key: str, value: str) -> None:
        self._used.setdefault(kind, set()).add(key)
        self._new.append((kind, key, value.encode()))

    def save(self, kind_entries: dict[str, dict[str, str]] | None = None) -> None:
        """Write the new entries, and keep only those this build used."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)", self._new)
            for kind, entries in (kind_entries or {}).items():
                self._used.setdefault(kind, set()).update(entries)
                db.executemany("INSERT OR IGNORE INTO entry VALUES (?, ?, ?)",
                               ((kind, k, v.encode()) for k, v in entries.items()))
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (kind TEXT, key TEXT)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT INTO used VALUES (?, ?)", ((k, key) for k, keys in self._used.items() for key in keys))
            db.execute("DELETE FROM entry WHERE (kind, key) NOT IN (SELECT kind, key FROM used)")
            db.execute("DELETE FROM last_build")
            db.execute("INSERT INTO last_build VALUES (?, ?)", (self.reused, sum(k == "page" for k, _, _ in self._new)))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            self._new.clear()

    def close(self) -> None:
        self._db.close()

    def templates(self, code: str) -> FileSystemBytecodeCache:
        """Compiled Jinja templates, theme and generators, for builds of the same code: Jinja
        compiles a template again when its source changed, but not when the environment's
        options did, and those are code (`code`: build_cache's fingerprint of it). Compiling
        the 60 templates was a tenth of a re-publish."""
        folder = self.path.with_name(self.path.name + ".templates")
        if folder.is_dir():
            for other in folder.iterdir():
                if other.name != code:
                    shutil.rmtree(other, ignore_errors=True)
        (folder / code).mkdir(parents=True, exist_ok=True)
        return FileSystemBytecodeCache(str(folder / code))
