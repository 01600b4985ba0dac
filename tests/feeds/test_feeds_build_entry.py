"""`python -m tawasul build DEST`, the one build used by `make build` and every test: MkDocs,
then Pagefind, then the new site swapped into place only when both succeeded."""
from __future__ import annotations

import subprocess
import sys

from support.content_cases import content_tree
from support import ROOT
from support.site_build import mkdocs_build


def test_build_writes_the_site_and_its_search_index(feeds_site):
    assert (feeds_site / "index.html").is_file()
    assert (feeds_site / "pagefind/pagefind.js").is_file()
    assert list((feeds_site / "pagefind/index").glob("ar_*.pf_index"))
    assert not list(feeds_site.parent.glob(".site.*"))  # no temporary folders left behind


def test_a_failed_build_keeps_the_previous_site_and_prints_no_traceback(tmp_path):
    dest = tmp_path / "site"
    assert mkdocs_build(dest, content_root=content_tree(tmp_path / "good")).returncode == 0
    before = (dest / "index.html").read_bytes()
    result = mkdocs_build(dest, content_root=content_tree(tmp_path / "bad", "unknown-centre"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    expected = (ROOT / "tests/data/invalid/unknown-centre/expected.txt").read_text(encoding="utf-8").strip()
    assert expected in result.stderr
    assert (dest / "index.html").read_bytes() == before and (dest / "pagefind/pagefind.js").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "good", "site"]


def test_a_new_build_replaces_the_old_one_entirely(tmp_path):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "stale.html").write_text("old", encoding="utf-8")
    assert mkdocs_build(dest, content_root=content_tree(tmp_path / "c")).returncode == 0
    assert not (dest / "stale.html").exists() and (dest / "index.html").is_file()


def test_usage_is_printed_for_an_unknown_command():
    result = subprocess.run([sys.executable, "-m", "tawasul", "publish"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "python -m tawasul build" in result.stderr
