"""Golden output, in Pelican's manner: the content of a few built pages, compared with the
committed expected HTML in tests/feeds/golden/ (as .txt: expected output, not code). A refactoring that changes what a page says
shows here as a diff.

When a change to a page is intended, refresh the expected files and review the diff:

    make golden        # TAWASUL_REFRESH_GOLDEN=1 pytest tests/feeds/test_feeds_golden.py
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from support.html import soup_of

GOLDEN = Path(__file__).resolve().parent / "golden"
REFRESH = os.environ.get("TAWASUL_REFRESH_GOLDEN") == "1"
# Every event state and campaign status, a list of events and a registration box.
PAGES = {
    "event-cancelled.txt": "events/cancelled-training/index.html",
    "event-postponed.txt": "events/postponed-workshop/index.html",
    "event-past.txt": "events/summer-meeting/index.html",
    "event-registration-open.txt": "events/future-workshop/index.html",
    "events-archive.txt": "events/archive/index.html",
    "campaigns.txt": "campaigns/index.html",
    "campaign-upcoming.txt": "campaigns/spring-campaign-2027/index.html",
}


def page_content(site: Path, page: str) -> str:
    """What the page says: its <article>, one tag per line, so a diff points at the change."""
    article = soup_of(site / page).find("article")
    assert article is not None, page
    return article.prettify()


@pytest.mark.parametrize("golden", sorted(PAGES))
def test_built_pages_match_the_committed_output(feeds_site, golden):
    built = page_content(feeds_site, PAGES[golden])
    expected_file = GOLDEN / golden
    if REFRESH:
        expected_file.write_text(built, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), built.splitlines(True), "expected", "built"))
    assert built == expected, f"{PAGES[golden]} changed (make golden refreshes it):\n{diff[:4000]}"
