"""Fixtures for calendars, feeds, structured data, event pages and search: the small valid
content tree with tests/feeds/data laid over it (all-day, multi-day, cancelled, postponed, Gaza
and summer-time events, campaigns in every state, an article written for search), built once
with the real build entry point (MkDocs, then Pagefind)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SAMPLE_TODAY
from support.content_cases import content_tree
from support.site_build import mkdocs_build

OVERLAY = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def feeds_content(tmp_path_factory) -> Path:
    root = content_tree(tmp_path_factory.mktemp("feeds") / "content")
    shutil.copytree(OVERLAY, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="session")
def feeds_site(feeds_content) -> Path:
    """Built as of TAWASUL_TODAY=2026-11-29, like the sample site."""
    dest = feeds_content.parent / "site"
    result = mkdocs_build(dest, today=SAMPLE_TODAY, content_root=feeds_content)
    assert result.returncode == 0, result.stderr
    return dest
