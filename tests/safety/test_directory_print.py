"""The governorate's referral list printed by Chromium: A4 pages, right to left, the list and the
emergency numbers only (no menus, helpline bar or exit button on the wall sheet)."""
from __future__ import annotations

import re


def test_the_print_version_prints_on_a4_right_to_left(open_page, site_server):
    page, _, _ = open_page()
    page.goto(site_server + "directory/hebron/print/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".tw-helpbar").is_hidden()
    assert page.locator(".tw-exit").is_hidden()
    assert page.locator(".tw-print-only").is_visible()
    table = page.locator(".tw-directory-print")
    assert table.evaluate("t => getComputedStyle(t).direction") == "rtl"
    # The first column (the service) is on the right, as an Arabic reader starts.
    first, last = page.locator(".tw-directory-print thead th").first, page.locator(".tw-directory-print thead th").last
    assert first.bounding_box()["x"] > last.bounding_box()["x"]
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes)  # A4 in points
    assert len(re.findall(rb"/Type /Page\b", pdf)) <= 2  # a wall sheet, not a booklet
