"""Pagefind reads a copy of the site cut to what it indexes (tawasul/search_input.py): only the
pages marked `data-pagefind-body`, each from that mark on. The index it makes must be the one it
makes from the whole built site: the same records for the same pages, the same word chunks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tawasul.build import PAGEFIND_ARGS
from tawasul.search_input import indexed_part

# Named for the run, not for what they hold: they differ between any two Pagefind runs.
RUN_NAMED = ("filter/", "pagefind.", "pagefind-entry.json", "pagefind-ui", "pagefind-modular-ui",
             "pagefind-component-ui", "pagefind-highlight")


def index(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(RUN_NAMED)}


def test_the_index_is_the_one_pagefind_makes_from_the_whole_site(sample_site, tmp_path):
    whole = tmp_path / "whole"
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(sample_site), "--output-path", str(whole),
                           *PAGEFIND_ARGS], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    built, made = index(sample_site / "pagefind"), index(whole)
    assert len([name for name in made if name.startswith("fragment/")]) > 50
    assert sorted(built) == sorted(made)
    assert [name for name in made if built[name] != made[name]] == []


def test_a_page_without_searchable_content_is_left_out():
    assert indexed_part('<html lang="ar"><body><div><h1>قائمة</h1></div></body></html>') is None
    page = '<html lang="ar" dir="rtl"><head><title>ص</title></head><body><nav>ق</nav><div data-pagefind-body>نص</div></body></html>'
    assert indexed_part(page) == '<html lang="ar"><body><div data-pagefind-body>نص</div></body></html>'
