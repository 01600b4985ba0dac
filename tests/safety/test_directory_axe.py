"""axe-core finds no accessibility violation on the pages of issue 16 (services, the referral
directory and its print version, open data), nor on the finder with a service chosen and a
centre page showing that it is closed."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support.safety_browser import axe_violations

PAGES = {
    "services": "services/",
    "service": "services/legal-counselling/",
    "service in a governorate": "services/protection-referral/nablus/",
    "service nowhere in the governorate": "services/health/jenin/",
    "directory": "directory/",
    "directory of a governorate": "directory/nablus/",
    "print version": "directory/hebron/print/",
    "open data": "open-data/",
}
TOOLING = {"bypass_csp": True}  # axe is injected as a script tag, which the site's CSP refuses


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(open_page, site_server, path, width):
    page, _, _ = open_page(viewport={"width": width, "height": 800}, **TOOLING)
    page.goto(site_server + path)
    assert axe_violations(page) == []


def test_no_axe_violations_when_closed_and_with_a_service_chosen(open_page, site_server):
    page, _, _ = open_page(**TOOLING)
    page.clock.set_fixed_time(datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Hebron")))  # a Friday
    page.goto(site_server + "centres/nablus/")
    page.locator(".tw-hours [data-after-hours][data-now]").wait_for()
    assert axe_violations(page) == []
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("nablus")
    page.get_by_label("ماذا تحتاجين؟").select_option("legal-counselling")
    page.locator("[data-finder-status]", has_text="استشارة قانونية").wait_for()
    assert axe_violations(page) == []
