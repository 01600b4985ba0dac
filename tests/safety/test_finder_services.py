"""«ماذا تحتاجين؟»: the finder narrowed to one service, at fixed points, in a real browser; the
services data fetched only when she picks one; and the same answer without JavaScript from the
static service pages."""
from __future__ import annotations

import pytest
from support import ROOT

from tawasul.directory import Directory, distance_km
from tawasul.loader import load_catalogue

CAT = load_catalogue(ROOT)
DIRECTORY = Directory(CAT)
SERVICES_JSON = "assets/finder/services.json"


def by_distance(service: str, lat: float, lon: float) -> list[str]:
    places = sorted(DIRECTORY.offering(service), key=lambda p: distance_km(lat, lon, p.lat, p.lon))
    return [p.name for p in places]


def listed(page) -> list[str]:
    return page.locator(".tw-finder__list > li .tw-card__title").all_text_contents()


# Yatta (Hebron), Qabatiya (Jenin), Bir Zeit (Ramallah), al-Auja (Jericho).
@pytest.mark.parametrize("lat, lon, service, expected_first", [
    (31.4459, 35.0944, "family-protection-police", "وحدة حماية الأسرة والأحداث في الشرطة – الخليل"),
    (31.4459, 35.0944, "health", "مديرية الصحة – الخليل"),
    (32.4104, 35.2809, "health", "مديرية الصحة – سلفيت"),
    (31.9620, 35.1940, "legal-counselling", "مركز تواصل رام الله والبيرة"),
    (31.9507, 35.4676, "vocational-training", "مركز تواصل أريحا والأغوار"),
])
def test_with_a_service_chosen_the_nearest_place_offering_it_comes_first(open_page, site_server, lat, lon, service,
                                                                          expected_first):
    page, _, watch = open_page(geolocation={"latitude": lat, "longitude": lon}, permissions=["geolocation"])
    page.goto(site_server + "centres/")
    page.get_by_label("ماذا تحتاجين؟").select_option(service)
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.wait_for_selector(".tw-finder__nearest")
    expected = by_distance(service, lat, lon)
    assert expected[0] == expected_first  # the fixture points are where we think they are
    assert listed(page) == expected
    name = CAT.services[service].name
    assert f"تعرض القائمة الأماكن التي تقدّم «{name}» فقط" in page.locator("[data-finder-status]").text_content()
    assert watch.errors == []


def test_the_services_data_loads_only_when_she_picks_a_service(open_page, site_server):
    page, _, watch = open_page()
    page.goto(site_server)
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("hebron")
    assert not any(SERVICES_JSON in url for url in watch.requests)
    # Picking a service after a governorate re-sorts the list she already has.
    page.get_by_label("ماذا تحتاجين؟").select_option("health")
    page.locator("[data-finder-status]", has_text="رعاية صحية").wait_for()
    assert sum(SERVICES_JSON in url for url in watch.requests) == 1
    assert listed(page)[0] == "مديرية الصحة – الخليل"
    # Back to every centre.
    page.get_by_label("ماذا تحتاجين؟").select_option("")
    assert listed(page)[0] == CAT.centres["hebron"].name
    assert len(listed(page)) == len(CAT.centres)


def test_a_place_with_hours_shows_whether_it_is_open(open_page, site_server):
    from datetime import datetime
    from zoneinfo import ZoneInfo
    page, _, _ = open_page(timezone_id="Europe/London")
    page.clock.set_fixed_time(datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Hebron")))  # a Saturday
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("hebron")
    page.get_by_label("ماذا تحتاجين؟").select_option("health")
    page.locator("[data-finder-status]", has_text="رعاية صحية").wait_for()
    nearest = page.locator(".tw-finder__nearest")
    # The health directorate keeps its own hours, Saturday included; the centre is closed today.
    assert "مفتوح الآن حتى 2:00 م" in nearest.text_content()
    assert nearest.locator(".tw-after-hours").count() == 0
    # A sample number is shown, not dialled.
    assert nearest.locator(".tw-phone").evaluate("e => e.tagName") == "BDI"


def test_without_javascript_the_service_pages_answer_the_same_question(open_page, site_server):
    page, _, _ = open_page(java_script_enabled=False)
    page.goto(site_server + "centres/")
    page.get_by_role("link", name="الخدمات في كل محافظة ومن يقدّمها").click()
    page.get_by_role("heading", name="رعاية صحية").wait_for()
    page.locator("p.tw-links").nth(list(CAT.services).index("health")).get_by_role("link", name="الخليل").click()
    assert page.locator("h1").text_content().strip() == "رعاية صحية في محافظة الخليل"
    first = page.locator(".tw-place").first
    assert first.locator(".tw-card__title").text_content().strip() == "مديرية الصحة – الخليل"
    assert "000 000 1102" in first.text_content() and "دون موعد مسبق" in first.text_content()
    # In a governorate with no such place: said so, and the nearest elsewhere.
    page.goto(site_server + "services/health/jenin/")
    assert "لا نعرف بعد جهة تقدّم هذه الخدمة في محافظة جنين" in page.locator("article").text_content()
    assert page.locator(".tw-place .tw-card__title").first.text_content().startswith("مديرية الصحة – سلفيت")


def test_a_service_nobody_offers_yet_is_said_so_and_a_failed_download_too(open_page, site_server):
    """The data file as a content tree without any such place would give it, then unreachable."""
    page, _, _ = open_page()
    page.route("**/" + SERVICES_JSON, lambda route: route.fulfill(
        status=200, content_type="application/json", body='{"p": [], "s": {"health": []}}'))
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("jenin")
    page.get_by_label("ماذا تحتاجين؟").select_option("health")
    page.locator("[data-finder-status]", has_text="لا نعرف بعد").wait_for()
    assert page.locator("[data-finder-status]").text_content() == \
        "لا نعرف بعد جهة تقدّم «رعاية صحية». اتصلي بأقرب مركز تواصل ليحوّلكِ إلى من يقدّمها."
    assert page.locator(".tw-finder__list").count() == 0

    page, _, _ = open_page()
    page.route("**/" + SERVICES_JSON, lambda route: route.abort())
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("jenin")
    page.get_by_label("ماذا تحتاجين؟").select_option("health")
    page.locator("[data-finder-status]", has_text="تعذّر تحميل").wait_for()
    assert listed(page)[0] == CAT.centres["jenin"].name  # the centres she already had stay listed
