"""A re-publish that reuses the build cache gives exactly the site a clean full build gives.

The sample content is built once (filling a cache), then edited step by step as coordinators
and writers do — an event's text, an event added and another removed, a helpline every page
shows, an article's body, a centre and a campaign that event pages and calendars name, an
event cancelled, the day of the build a week later — with a cached build after each step. The last cached build must be
byte for byte the clean build of the same content (apart from the calendars' DTSTAMP, the
moment of the build, and the names Pagefind gives its filter and metadata files, which differ
between any two builds), and must have reused most pages: otherwise the test proves nothing.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from support import ROOT, SAMPLE_TODAY


def build(dest: Path, content: Path, cache: str, today: str = SAMPLE_TODAY, project: Path = ROOT,
          *options: str) -> None:
    env = {**os.environ, "TAWASUL_TODAY": today, "NO_MKDOCS_2_WARNING": "1",
           "TAWASUL_CONTENT_ROOT": str(content), "TAWASUL_BUILD_CACHE": cache}
    done = subprocess.run([sys.executable, "-m", "tawasul", "build", str(dest), *options], cwd=project, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# Pagefind's filter and metadata files differ between two clean builds of the same site (and
# its entry file names them): those are compared by name pattern only. Its fragments (each
# page's record) and index chunks, named after their content, must match exactly.
PAGEFIND_RUN_NAMED = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def tree(site: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name.startswith(PAGEFIND_RUN_NAMED):
            files[name.split("_")[0]] = b""
            continue
        data = path.read_bytes()
        if path.suffix == ".ics":  # DTSTAMP is when the calendar was written
            data = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"DTSTAMP:"))
        files[name] = data
    return files


def reuse(cache: Path) -> tuple[int, int]:
    with sqlite3.connect(cache) as db:
        return db.execute("SELECT reused, rendered FROM last_build").fetchone()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cached_rebuilds_after_edits_equal_a_clean_build(tmp_path):
    content = tmp_path / "content-root"
    for folder in ("content", "campaigns", "events"):
        shutil.copytree(ROOT / folder, content / folder)
    cache = tmp_path / "cache.sqlite3"
    site = tmp_path / "site"
    build(site, content, str(cache))
    first_reused, first_rendered = reuse(cache)
    assert first_reused == 0 and first_rendered > 100

    events = sorted((content / "events").rglob("*.yml"))
    edited, removed = events[0], events[1]
    # 1. One event's title and summary change: its page, the lists and the home page follow.
    edit(edited, "title: ", "title: (معدّلة) ")
    edit(edited, "summary: ", "summary: ملخص **جديد** - ")
    build(site, content, str(cache))
    reused, rendered = reuse(cache)
    assert reused > 3 * rendered, (reused, rendered)
    # 2. An event added (a copy under a new slug) and another removed.
    shutil.copy(edited, edited.with_name("incremental-test-new-event.yml"))
    removed.unlink()
    build(site, content, str(cache))
    # 3. A helpline on every page, and 4. an article's Markdown body.
    helplines = content / "content/data/helplines.yml"
    edit(helplines, "name: ", "name: (تجربة) ")
    article = sorted((content / "content/awareness").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n\n## فقرة مضافة\n\nنص *مضاف* للتجربة.\n", encoding="utf-8")
    build(site, content, str(cache))
    # 5. What event pages, lists and calendars show besides the event (kept per event across
    # builds): a centre renamed, a campaign retitled, an event cancelled; then a week passes
    # (registration windows close, events become past).
    edit(content / "content/data/centres/jenin.yml", "name: ", "name: (اسم معدّل) ")
    edit(content / "campaigns/sixteen-days-2026.md", "title: ", "title: (عنوان معدّل) ")
    event = content / "events/2026/hebron-women-stories-evening-2026.yml"
    event.write_text(event.read_text(encoding="utf-8") + "status: cancelled\n", encoding="utf-8")
    build(site, content, str(cache))
    later = "2026-12-07"
    build(site, content, str(cache), today=later)

    # The later builds wrote over the site an earlier one replaced, kept beside the cache.
    assert (tmp_path / "cache.sqlite3.output" / "spare" / "index.html").is_file()

    clean = tmp_path / "clean"
    build(clean, content, "off", today=later)
    cached_files, clean_files = tree(site), tree(clean)
    assert sorted(cached_files) == sorted(clean_files)
    assert [name for name in clean_files if cached_files[name] != clean_files[name]] == []
    assert "incremental-test-new-event" in "".join(clean_files)
    assert "(تجربة)" in clean_files["index.html"].decode()
    assert "(اسم معدّل)" in clean_files["events/jenin-legal-rights-workshop/index.html"].decode()
    assert "(عنوان معدّل)" in clean_files["events/jenin-legal-rights-workshop/index.html"].decode()
    # Kept calendar entries carry this build's moment, like the rest of the build's calendars.
    stamps = {line for ics in site.rglob("*.ics") for line in ics.read_bytes().split(b"\r\n") if line.startswith(b"DTSTAMP:")}
    assert len(stamps) == 1, stamps
    assert "STATUS:CANCELLED" in clean_files["events/hebron-women-stories-evening-2026/hebron-women-stories-evening-2026.ics"].decode()


def test_a_theme_change_is_not_served_from_the_cache(tmp_path):
    """Every page shows the theme: after an edit of it, no page may come from the cache or from
    the earlier site the build writes over."""
    content, project = tmp_path / "content-root", tmp_path / "project"
    for folder in ("content", "campaigns", "events"):
        shutil.copytree(ROOT / folder, content / folder)
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", project / "theme")
    for name in ("tawasul", "content"):  # the hook and the hand-written pages, named by mkdocs.yml
        (project / name).symlink_to(ROOT / name)
    cache, site = tmp_path / "cache.sqlite3", tmp_path / "site"
    for _ in range(2):  # the second build leaves the first one's site to be written over
        build(site, content, str(cache), SAMPLE_TODAY, project, "--no-reports")

    edit(project / "theme/partials/copyright.html", "بالتنسيق مع وزارة شؤون المرأة.", "بالتنسيق مع وزارة شؤون المرأة (تذييل معدّل).")
    build(site, content, str(cache), SAMPLE_TODAY, project, "--no-reports")
    reused, rendered = reuse(cache)
    clean = tmp_path / "clean"
    build(clean, content, "off", SAMPLE_TODAY, project, "--no-reports")

    cached_files, clean_files = tree(site), tree(clean)
    assert sorted(cached_files) == sorted(clean_files)
    assert [name for name in clean_files if cached_files[name] != clean_files[name]] == []
    pages = [name for name in clean_files if name.endswith(".html")]
    assert all("(تذييل معدّل)" in clean_files[name].decode() for name in pages if name != "404.html"), pages
    assert reused == 0 and rendered > 100, (reused, rendered)
