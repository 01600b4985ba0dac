"""The build writes its pages, calendars and feeds through `tawasul.output_files.Output` (one
folder creation per folder, open/write/close per file) and gives MkDocs its own writer back after
a build, whether it succeeds or fails. What it writes is what MkDocs' writer writes: the whole
site is compared byte for byte with main's by the build tests; these pin the writer itself."""
from __future__ import annotations

import os
import stat

import mkdocs.commands.build as build_module
import mkdocs.utils
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from support import ROOT, SAMPLE_TODAY
from tawasul.output_files import Output

# Where a build writes (new folders, folders already there, a folder made by the previous file,
# Arabic and spaced names, a file written again shorter, empty, larger than a pipe's buffer).
WRITES = [
    ("index.html", "<p>الرئيسية</p>".encode()),
    ("events/one/index.html", b"one"),
    ("events/two/index.html", b"two"),
    ("events/one/calendar.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    ("events/index.html", b"x" * 200_000),
    ("الفعاليات/مكان ما/index.html", "نص عربي".encode()),
    ("a/b/c/d/e/index.html", b""),
    ("events/one/index.html", b"shorter"),
    ("events/index.html", b"y"),
    ("feeds/events.xml", "<rss>\u200f</rss>".encode()),
]


def tree(root) -> dict:
    seen = {}
    for folder, folders, names in os.walk(root):
        for name in folders + names:
            path = os.path.join(folder, name)
            info = os.stat(path)
            seen[os.path.relpath(path, root)] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode),
                                                 None if os.path.isdir(path) else open(path, "rb").read())
    return seen


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_the_build_writer_leaves_what_mkdocs_writer_leaves(tmp_path, umask):
    before = os.umask(umask)
    try:
        mkdocs_site, our_site = tmp_path / "mkdocs" / "site", tmp_path / "ours" / "site"
        output = Output()
        for path, content in WRITES:
            mkdocs.utils.write_file(content, str(mkdocs_site / path))
            output.write(content, str(our_site / path))
    finally:
        os.umask(before)

    made = tree(mkdocs_site)
    assert tree(our_site) == made
    assert made["events/one/index.html"][2] == b"shorter" and made["events/index.html"][2] == b"y"


def test_a_folder_removed_between_builds_is_made_again_by_the_next_build(tmp_path):
    Output().write(b"first", str(tmp_path / "events" / "one" / "index.html"))
    (tmp_path / "events" / "one" / "index.html").unlink()
    (tmp_path / "events" / "one").rmdir()
    Output().write(b"second", str(tmp_path / "events" / "one" / "index.html"))

    assert (tmp_path / "events" / "one" / "index.html").read_bytes() == b"second"


def test_writing_into_a_folder_that_is_a_file_fails_as_with_mkdocs(tmp_path):
    (tmp_path / "events").write_bytes(b"a file")
    with pytest.raises(OSError):
        mkdocs.utils.write_file(b"x", str(tmp_path / "events" / "index.html"))
    with pytest.raises(OSError):
        Output().write(b"x", str(tmp_path / "events" / "index.html"))


def writer_during(monkeypatch) -> list:
    """MkDocs' page writer when it makes the nav, halfway through the build."""
    seen, navigation = [], build_module.get_navigation
    monkeypatch.setattr(build_module, "get_navigation", lambda *a, **k: seen.append(mkdocs.utils.write_file) or navigation(*a, **k))
    return seen


def test_a_build_writes_through_one_output_and_gives_mkdocs_its_writer_back(monkeypatch, tmp_path):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("TAWASUL_BUILD_CACHE", "off")
    mkdocs_writer = mkdocs.utils.write_file
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    seen = writer_during(monkeypatch)
    build(config)

    assert len(seen) == 1 and isinstance(getattr(seen[0], "__self__", None), Output)
    assert mkdocs.utils.write_file is mkdocs_writer
    assert (tmp_path / "site" / "index.html").is_file()
    assert next((tmp_path / "site").rglob("*.ics")).read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_a_failed_build_gives_mkdocs_its_writer_back(monkeypatch, tmp_path):
    monkeypatch.setenv("TAWASUL_TODAY", SAMPLE_TODAY)
    monkeypatch.setenv("TAWASUL_BUILD_CACHE", "off")
    monkeypatch.setenv("TAWASUL_CONTENT_ROOT", str(tmp_path / "nothing-here"))
    mkdocs_writer = mkdocs.utils.write_file
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises((Abort, PluginError)):
        build(config)

    assert mkdocs.utils.write_file is mkdocs_writer


# What an earlier build left where the next one writes: files it keeps, changes, drops; a file
# where a folder is needed, a folder where a file is needed; hidden names at the top.
EARLIER = [
    ("index.html", "<p>الرئيسية</p>".encode()),
    ("events/one/index.html", b"one, before"),
    ("events/gone/index.html", b"an event since removed"),
    ("events/gone/gone.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
    ("events/two", b"a file where a folder is needed now"),
    ("feeds/events.xml/old.xml", b"a folder where a file is needed now"),
    ("sitemap.xml", b"<urlset/>"),
    ("sitemap.xml.gz", b"gzip"),
    ("pagefind/fragment/ar_1.pf_fragment", b"the search index: made after the pages"),
    (".hidden", b"kept, as MkDocs keeps it"),
]


def test_writing_over_an_earlier_build_leaves_what_writing_into_an_empty_folder_leaves(tmp_path):
    empty, earlier = tmp_path / "empty" / "site", tmp_path / "earlier" / "site"
    for path, content in EARLIER:
        Output().write(content, str(earlier / path))
    kept = os.stat(earlier / "index.html")

    fresh, over = Output(), Output(reuse=True)
    for path, content in WRITES:
        fresh.write(content, str(empty / path))
        over.write(content, str(earlier / path))
    for output, site in ((fresh, empty), (over, earlier)):
        output.write(b"<urlset/>", str(site / "sitemap.xml"))
    over.prune(str(earlier))

    left = tree(earlier)
    assert left.pop(".hidden")[2] == b"kept, as MkDocs keeps it"
    assert left.pop("sitemap.xml.gz")[2] == b"gzip"  # MkDocs writes it itself, beside sitemap.xml
    assert left == tree(empty)
    # A file that already held its bytes is the same file, not written again.
    assert (os.stat(earlier / "index.html").st_ino, os.stat(earlier / "index.html").st_mtime_ns) == (
        kept.st_ino, kept.st_mtime_ns)


def test_copying_over_an_earlier_build_is_what_mkdocs_copy_gives(tmp_path):
    source = tmp_path / "logo.svg"
    source.write_bytes(b"<svg/>")
    theirs, ours = tmp_path / "mkdocs", tmp_path / "ours"
    for site in (theirs, ours):
        (site / "assets").mkdir(parents=True)
    (ours / "assets" / "logo.svg").write_bytes(b"<svg>old</svg>")
    (ours / "stale.svg").write_bytes(b"<svg>stale</svg>")
    output = Output(reuse=True)
    for dest in ("assets", "img/logo.svg"):  # a folder (the file goes inside), then a file
        mkdocs.utils.copy_file(str(source), str(theirs / dest))
        output.copy(str(source), str(ours / dest))
    output.prune(str(ours))

    assert tree(ours) == tree(theirs)


def test_a_changed_file_is_a_new_file_so_a_download_from_the_older_site_keeps_its_bytes(tmp_path):
    site = tmp_path / "site"
    Output().write(b"<p>the page as it was two builds ago</p>", str(site / "index.html"))
    with open(site / "index.html", "rb") as downloading:  # a slow phone, still reading it
        Output(reuse=True).write(b"<p>the page now</p>", str(site / "index.html"))
        assert downloading.read() == b"<p>the page as it was two builds ago</p>"
    assert (site / "index.html").read_bytes() == b"<p>the page now</p>"
