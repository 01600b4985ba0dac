"""The nearest-centre finder in a real browser: her location (allowed or refused), her
governorate, her town typed with variant spellings, the keyboard alone, and no JavaScript."""
from __future__ import annotations

import math

import pytest
from conftest import ROOT

from tawasul.loader import load_catalogue

CAT = load_catalogue(ROOT)
FINDER_PAGES = ["", "centres/"]
DENIED = "لم تسمحي للمتصفح بمعرفة موقعكِ، وهذا حقّكِ. اختاري محافظتكِ أو اكتبي اسم بلدتكِ بدلاً من ذلك."
TIMEOUT = "استغرق تحديد موقعكِ وقتاً أطول من المعتاد. جرّبي مرة أخرى، أو اختاري محافظتكِ أو اكتبي اسم بلدتكِ."
UNAVAILABLE = "تعذّر تحديد موقعكِ على هذا الجهاز. اختاري محافظتكِ أو اكتبي اسم بلدتكِ بدلاً من ذلك."


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def centre_in(governorate: str):
    return next(c for c in CAT.centres.values() if c.governorate == governorate)


def status(page) -> str:
    return page.locator("[data-finder-status]").text_content()


def listed(page) -> list[str]:
    return page.locator(".tw-finder__list > li .tw-card__title").all_text_contents()


def distances(page) -> list[float]:
    return [float(t.split()[0]) for t in page.locator(".tw-finder__km").all_text_contents()]


def nearest(page):
    return page.locator(".tw-finder__nearest")


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until `selector` has the focus, as she would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


# Towns in three governorates: Qabatiya (Jenin), Yatta (Hebron), al-Auja (Jericho).
@pytest.mark.parametrize("lat, lon, governorate", [
    (32.4104, 35.2809, "jenin"), (31.4459, 35.0944, "hebron"), (31.9507, 35.4676, "jericho")])
@pytest.mark.parametrize("path", FINDER_PAGES)
def test_her_location_lists_centres_nearest_first(open_page, site_server, path, lat, lon, governorate):
    page, _, watch = open_page(geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"])
    page.goto(site_server + path)
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.wait_for_selector(".tw-finder__nearest")
    expected = centre_in(governorate)
    by_distance = sorted(CAT.centres.values(), key=lambda c: km(lat, lon, c.lat, c.lon))
    assert by_distance[0] == expected  # the fixture points are where we think they are
    assert listed(page) == [c.name for c in by_distance]
    shown = distances(page)
    assert shown == sorted(shown)
    assert shown[0] == pytest.approx(km(lat, lon, expected.lat, expected.lon), abs=0.5)  # shown rounded
    # The nearest is highlighted with its phone (left-to-right; a sample 000 number is not a
    # tel: link), hours and address.
    card = nearest(page)
    assert "الأقرب إليكِ" in card.text_content()
    assert card.locator(".tw-phone").get_attribute("dir") == "ltr" and card.locator("a[href^='tel:']").count() == 0
    assert expected.hours in card.text_content() and expected.address in card.text_content()
    assert "لم يُرسَل موقعكِ" in status(page)
    assert watch.hosts() == {site_server.split("/")[2]}


def test_refused_location_gets_a_calm_message_and_the_picker(open_page, site_server):
    page, _, watch = open_page()  # no permission granted: Chromium refuses, as when she says no
    page.goto(site_server + "centres/")
    page.get_by_role("button", name="استخدمي موقعي").click()
    # (Selectors, not wait_for_function: polling a string predicate needs eval, which the CSP refuses.)
    page.locator("[data-finder-status]", has_text="لم تسمحي").wait_for()
    assert status(page) == DENIED
    assert page.evaluate("document.activeElement.id") == "tw-finder-governorate"
    assert page.locator(".tw-finder__list").count() == 0
    assert watch.errors == []


def test_location_that_cannot_be_found_gets_a_calm_message_and_the_picker(open_page, site_server):
    """Allowed, but the device cannot tell where it is (this machine has no location source):
    after the finder's own time limit (15 s) she is told so and sent to the picker."""
    page, _, watch = open_page(permissions=["geolocation"])
    page.goto(site_server + "centres/")
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.locator("[data-finder-status]", has_text="اختاري محافظتكِ").wait_for(timeout=30_000)
    assert status(page) in (TIMEOUT, UNAVAILABLE)
    assert page.evaluate("document.activeElement.id") == "tw-finder-governorate"
    assert watch.errors == []


@pytest.mark.parametrize("typed, name, governorate", [
    ("خليل", "الخليل", "hebron"),              # without the leading ال
    ("اريحا", "أريحا", "jericho"),             # alef without hamza
    ("ابو ديس", "أبو ديس", "jerusalem"),
    ("اذنا", "إذنا", "hebron"),
    ("قلقيليه", "قلقيلية", "qalqilya"),        # ه for ة
    ("نزلة عيسي", "نزلة عيسى", "tulkarm"),     # ي for ى
    ("بَيْت لَحْم", "بيت لحم", "bethlehem"),    # tashkeel
    ("نابـــلس", "نابلس", "nablus"),           # tatweel
    ("بيرزيت", "بير زيت", "ramallah"),         # another spelling GeoNames knows
    ("طمون", "طمون", "tubas"),
])
def test_her_town_typed_in_any_common_spelling(open_page, site_server, typed, name, governorate):
    page, _, _ = open_page()
    page.goto(site_server + "centres/")
    town = page.get_by_label("أو اكتبي اسم مدينتكِ أو بلدتكِ أو مخيّمكِ")
    town.fill(typed)
    gov_name = CAT.governorates[governorate].name
    first_match = page.locator(".tw-finder__match").first
    assert first_match.text_content() == f"{name} – {gov_name}"
    town.press("Enter")
    page.wait_for_selector(".tw-finder__nearest")
    assert status(page) == f"مراكز تواصل مرتبة من الأقرب إلى {name} (محافظة {gov_name})."
    assert listed(page)[0] == centre_in(governorate).name


def test_unknown_town_says_so(open_page, site_server):
    page, _, _ = open_page()
    page.goto(site_server)
    page.get_by_label("أو اكتبي اسم مدينتكِ أو بلدتكِ أو مخيّمكِ").fill("لندن")
    page.wait_for_selector("[data-finder-status]:not(:empty)")
    assert status(page).startswith("لم نجد بلدة بهذا الاسم")
    assert page.locator(".tw-finder__match").count() == 0


@pytest.mark.parametrize("path", FINDER_PAGES)
def test_picking_her_governorate(open_page, site_server, path):
    page, _, _ = open_page()
    page.goto(site_server + path)
    page.get_by_label("أو اختاري محافظتكِ").select_option("tubas")
    assert listed(page)[0] == centre_in("tubas").name
    assert status(page) == f"مراكز تواصل مرتبة من الأقرب إلى محافظة {CAT.governorates['tubas'].name}."
    # Gaza's governorates get the guidance for Gaza instead (the tests at the end of this file).


def test_the_finder_works_by_keyboard_alone(open_page, site_server):
    page, _, _ = open_page(geolocation={"latitude": 32.2211, "longitude": 35.2544}, permissions=["geolocation"])
    page.goto(site_server + "centres/")
    tab_to(page, "[data-finder-locate]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".tw-finder__nearest")
    assert listed(page)[0] == centre_in("nablus").name
    assert page.evaluate("document.activeElement.matches('[data-finder-results]')")  # results read next
    # Her governorate from the list, with arrow keys.
    page.goto(site_server + "centres/")
    tab_to(page, "#tw-finder-governorate")
    page.keyboard.press("ArrowDown")  # the first governorate: Jenin
    assert listed(page)[0] == centre_in("jenin").name
    # Her town: type, Tab to the suggestion, Enter.
    tab_to(page, "#tw-finder-town")
    page.keyboard.type("سلفيت")
    page.wait_for_selector(".tw-finder__match")
    tab_to(page, ".tw-finder__match")
    page.keyboard.press("Enter")
    page.wait_for_selector(".tw-finder__nearest")
    assert listed(page)[0] == centre_in("salfit").name


def test_without_javascript_the_full_list_by_governorate_is_there(open_page, site_server):
    page, _, _ = open_page(java_script_enabled=False)
    page.goto(site_server + "centres/")
    assert page.locator("[data-finder-tools]").is_hidden()
    cards = page.locator("[data-centre] .tw-card__title")
    assert sorted(cards.all_text_contents()) == sorted(c.name for c in CAT.centres.values())
    assert all(cards.nth(i).is_visible() for i in range(cards.count()))
    headings = page.locator("h3").all_text_contents()
    assert [g.name for g, _ in CAT.centres_by_governorate()] == [h.strip() for h in headings]
    # The home page has the same list, folded under one heading she can open.
    page.goto(site_server)
    assert page.locator("[data-finder-tools]").is_hidden()
    page.get_by_text("كل مراكز تواصل حسب المحافظة").click()
    assert page.locator("[data-centre]").count() == len(CAT.centres)
    assert page.locator("[data-centre]").first.is_visible()


GAZA_GUIDANCE = "مراكز تواصل المذكورة في هذا الموقع تعمل في محافظات الضفة الغربية"


def test_a_location_in_gaza_city_gets_the_guidance_for_gaza_and_no_distances(open_page, site_server):
    page, _, watch = open_page(geolocation={"latitude": 31.52, "longitude": 34.45}, permissions=["geolocation"])
    page.goto(site_server + "centres/")
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.wait_for_selector("[data-finder-results] .tw-finder__gaza")
    results = page.locator("[data-finder-results]")
    assert GAZA_GUIDANCE in results.text_content()
    assert results.locator("a[href='tel:121']").count() >= 1 and results.locator("a[href='tel:100']").count() == 1
    assert page.locator(".tw-finder__km").count() == 0 and listed(page) == []
    assert "موقعكِ في قطاع غزة" in status(page)
    assert watch.hosts() == {site_server.split("/")[2]}


@pytest.mark.parametrize("slug", [g.slug for g in CAT.governorates.values() if g.region.value == "gaza"])
def test_a_gaza_governorate_gets_the_guidance_for_gaza(open_page, site_server, slug):
    page, _, _ = open_page()
    page.goto(site_server + "centres/")
    page.locator("[data-finder-governorate]").select_option(slug)
    assert GAZA_GUIDANCE in page.locator("[data-finder-results]").text_content()
    assert page.locator(".tw-finder__km").count() == 0
    assert f"محافظة {CAT.governorates[slug].name} في قطاع غزة" in status(page)
