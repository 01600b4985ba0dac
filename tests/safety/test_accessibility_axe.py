"""axe-core (the npm package, see package.json) finds no accessibility violation on every page type
(services, the referral directory and its print version, open data and the figures included), nor
on the finder once it shows results or a service is chosen, nor on a centre page that says it is
closed, at phone and desktop widths."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from support import ROOT
from support.safety_browser import axe_violations

from tawasul.loader import load_catalogue

CAT = load_catalogue(ROOT)
PAGES = {
    "home": "",
    "centres index": "centres/",
    "centre": f"centres/{sorted(CAT.centres)[0]}/",
    "event": f"events/{sorted(CAT.events)[0]}/",
    "article": f"awareness/{sorted(CAT.articles)[0]}/",
    "safety": "safety/",
    "achievements": "achievements/",
    "achievements of a governorate": f"achievements/{max(CAT.figures)}/{sorted(CAT.figures[max(CAT.figures)].governorates)[0]}/",
    "services": "services/",
    "service": "services/legal-counselling/",
    "service in a governorate": "services/protection-referral/nablus/",
    "service nowhere in the governorate": "services/health/jenin/",
    "directory": "directory/",
    "directory of a governorate": "directory/nablus/",
    "print version": "directory/hebron/print/",
    "open data": "open-data/",
}
# axe is injected as a script tag; the site's own CSP would (rightly) refuse it.
TOOLING = {"bypass_csp": True}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(open_page, site_server, path, width):
    page, _, _ = open_page(viewport={"width": width, "height": 800}, **TOOLING)
    page.goto(site_server + path)
    assert axe_violations(page) == []


def test_no_axe_violations_with_finder_results_and_matches(open_page, site_server):
    page, _, _ = open_page(geolocation={"latitude": 31.7, "longitude": 35.2}, permissions=["geolocation"], **TOOLING)
    page.goto(site_server + "centres/")
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.wait_for_selector(".tw-finder__nearest")
    page.locator("[data-finder-town]").fill("بيت")
    page.wait_for_selector(".tw-finder__match")
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
