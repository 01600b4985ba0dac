"""The first screen on a phone (390×844), site and form service: one row at the top with the
quick exit, 121 and 100 as call buttons and «كل الأرقام», then the site's name and the page's
heading within the top quarter. The row is laid out without JavaScript, mirrors in Arabic (calls
on the right, the exit on the left), keeps every target at least 44 px, and «كل الأرقام» leads to
every number with the note on Israeli networks."""
from __future__ import annotations

import pytest
from support.forms_origin import OPEN_EVENT
from support.safety_browser import axe_violations

from tawasul.text import NETWORKS_NOTE

PHONE = {"width": 390, "height": 844}
TOP_QUARTER = PHONE["height"] / 4
# (path, the element carrying the site's name): the site's header, or the forms' home link.
PLACES = {
    "home": ("", ".md-header__topic"),
    "centres": ("centres/", ".md-header__topic"),
    "event": (f"events/{OPEN_EVENT}/", ".md-header__topic"),
    "safety": ("safety/", ".md-header__topic"),
    "registration-form": (f"forms/events/{OPEN_EVENT}/register", ".tw-top__home"),
    "manage-page": ("manage", ".tw-top__home"),
    "coordinator-login": ("forms/admin/login", ".tw-top__home"),
}
ROW = ["a.tw-exit", "nav.tw-helprow a.tw-call >> nth=0", "nav.tw-helprow a.tw-call >> nth=1",
       "nav.tw-helprow a.tw-helprow__all"]


def url(site_and_forms, path: str) -> str:
    base, manage = site_and_forms
    return base + (manage if path == "manage" else path)


@pytest.mark.parametrize("path, name", PLACES.values(), ids=PLACES.keys())
def test_one_row_then_the_name_and_heading_in_the_top_quarter(open_page, site_and_forms, path, name):
    # Without JavaScript: the row is plain links laid out by CSS.
    page, _, _ = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(url(site_and_forms, path))
    exit_, first, second, everything = (page.locator(selector).bounding_box() for selector in ROW)
    assert page.locator("nav.tw-helprow a.tw-call").all_inner_texts() == ["خط الحماية\n121", "الشرطة\n100"]
    for box in (exit_, first, second, everything):
        assert box["height"] >= 44 and box["width"] >= 44, box  # thumb-sized
        assert abs(box["y"] - exit_["y"]) <= 2, box  # one row, level with the exit
    # Mirrored for Arabic: 121 first from the right, then 100, then «كل الأرقام», then the exit
    # on the left, and nothing overlaps.
    assert first["x"] + first["width"] <= PHONE["width"]
    assert second["x"] + second["width"] <= first["x"]
    assert everything["x"] + everything["width"] <= second["x"]
    assert exit_["x"] + exit_["width"] <= everything["x"] and exit_["x"] >= 0
    # The numbers are readable: large and bold.
    for number in page.locator("nav.tw-helprow .tw-call__number").all():
        style = number.evaluate("e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).fontWeight]")
        assert style[0] >= 18 and int(style[1]) >= 700, style
    assert page.locator(name).first.bounding_box()["y"] < TOP_QUARTER
    assert page.locator("h1").first.bounding_box()["y"] < TOP_QUARTER


# The partner activity form too: its locality picker is a long <select> of <optgroup>s.
@pytest.mark.parametrize("path", [p for p, _ in PLACES.values()] + ["forms/activities/new"],
                         ids=[*PLACES.keys(), "activity-form"])
def test_the_first_screen_has_no_axe_violations(open_page, site_and_forms, path):
    page, _, _ = open_page(viewport=PHONE, bypass_csp=True)  # axe is injected as a script tag
    page.goto(url(site_and_forms, path))
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["events/", f"forms/events/{OPEN_EVENT}/register"], ids=["site", "forms"])
def test_all_numbers_leads_to_every_helpline_and_the_networks_note(open_page, site_and_forms, path):
    page, _, _ = open_page(viewport=PHONE, java_script_enabled=False)
    page.goto(url(site_and_forms, path))
    page.locator("nav.tw-helprow a.tw-helprow__all").click()
    page.wait_for_url("**/safety/#numbers")
    heading = page.locator("#numbers")
    assert heading.inner_text().startswith("أرقام المساعدة")
    top = heading.bounding_box()["y"]
    assert 0 <= top < PHONE["height"] / 2  # scrolled to it
    numbers = page.locator("article ul.tw-helplines a[href^='tel:']")
    assert numbers.evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "tel:121", "tel:100", "tel:101", "tel:102"]
    assert page.locator("article .tw-networks").inner_text() == NETWORKS_NOTE
