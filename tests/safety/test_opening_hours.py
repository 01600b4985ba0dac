"""«مفتوح الآن» / «يفتح غداً الساعة 8:00 ص» in a real browser, with the clock fixed by Playwright
and the browser itself set to another time zone (London), so only the page's own handling of
Palestine's zone and daylight saving can give the right answer. Sample hours (content/data):
Jenin Sunday–Thursday 8:00–15:00, Ramadan 9:00–13:30; Nablus the same and Saturday 9:00–12:00;
holidays in content/data/holidays.yml."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

HEBRON = ZoneInfo("Asia/Hebron")
ADVICE = "خارج ساعات العمل اتصلي بخط الحماية 121، وفي الخطر المباشر بالشرطة 100."
FINDER_ADVICE = "خارج ساعات عمل المراكز اتصلي بخط الحماية 121، وفي الخطر المباشر بالشرطة 100."


def local(text: str) -> datetime:
    """A wall-clock time in Palestine, as the instant Playwright's clock needs."""
    return datetime.fromisoformat(text).replace(tzinfo=HEBRON)


def centre_status(open_page, site_server, centre: str, at: datetime, **options):
    page, _, watch = open_page(timezone_id="Europe/London", **options)
    page.clock.set_fixed_time(at)
    page.goto(site_server + f"centres/{centre}/")
    return page, watch


def status_of(page) -> str:
    return page.locator(".tw-hours [data-hours-status]").text_content()


def advice(page):
    return page.locator(".tw-hours [data-after-hours]")


def test_open_now_inside_hours(open_page, site_server):
    page, watch = centre_status(open_page, site_server, "jenin", local("2026-11-30 10:00"))  # a Monday
    assert status_of(page) == "مفتوح الآن حتى 3:00 م"
    assert advice(page).get_attribute("data-now") is None  # the plain line, not the warning
    assert watch.errors == []


@pytest.mark.parametrize("centre, at, expected", [
    # Monday after closing: tomorrow morning.
    ("jenin", "2026-11-30 15:00", "مغلق الآن · يفتح غداً الساعة 8:00 ص"),
    # Early on a working day: later today.
    ("jenin", "2026-12-01 07:15", "مغلق الآن · يفتح اليوم الساعة 8:00 ص"),
    # A Friday: Jenin opens on Sunday, Nablus on Saturday.
    ("jenin", "2026-12-04 10:00", "مغلق الآن · يفتح يوم الأحد الساعة 8:00 ص"),
    ("nablus", "2026-12-04 10:00", "مغلق الآن · يفتح غداً الساعة 9:00 ص"),
    # A holiday on a Thursday (content/data/holidays.yml), then the weekend.
    ("jenin", "2027-01-07 10:00", "مغلق اليوم: عيد الميلاد المجيد حسب التقويم الشرقي · يفتح يوم الأحد الساعة 8:00 ص"),
    # Ramadan hours (the centre's own exception): closed at 14:00, which is inside the usual week.
    ("jenin", "2027-02-10 14:00", "مغلق الآن · يفتح غداً الساعة 9:00 ص"),
    # The last day of Ramadan, then Eid al-Fitr (10–13 March) and the weekend after it.
    ("jenin", "2027-03-09 14:00", "مغلق الآن · يفتح يوم الأحد الساعة 8:00 ص"),
])
def test_outside_hours_says_when_it_opens_and_what_to_do_now(open_page, site_server, centre, at, expected):
    page, watch = centre_status(open_page, site_server, centre, local(at))
    assert status_of(page) == expected
    assert advice(page).is_visible() and advice(page).text_content() == ADVICE
    assert advice(page).get_attribute("data-now") == ""  # stands out: it is closed now
    assert advice(page).locator("a[href='tel:100']").count() == 1
    assert advice(page).locator("a[href='tel:121']").count() == 1
    assert watch.errors == []


def test_inside_ramadan_hours(open_page, site_server):
    page, _ = centre_status(open_page, site_server, "jenin", local("2027-02-10 12:00"))
    assert status_of(page) == "مفتوح الآن حتى 1:30 م"


@pytest.mark.parametrize("utc, expected", [
    # Thursday 25 March 2027, still UTC+2: 05:30 UTC is 7:30 in Jenin.
    ("2027-03-25 05:30", "مغلق الآن · يفتح اليوم الساعة 8:00 ص"),
    # Palestine moves to UTC+3 early on Saturday 27 March; on Sunday the same 05:30 UTC is 8:30.
    ("2027-03-28 05:30", "مفتوح الآن حتى 3:00 م"),
    ("2027-03-28 04:30", "مغلق الآن · يفتح اليوم الساعة 8:00 ص"),
    # Back to UTC+2 early on Saturday 30 October 2027: on Sunday 31st, 05:30 UTC is 7:30 again.
    ("2027-10-31 05:30", "مغلق الآن · يفتح اليوم الساعة 8:00 ص"),
    ("2027-10-31 12:30", "مفتوح الآن حتى 3:00 م"),
    ("2027-10-31 13:05", "مغلق الآن · يفتح غداً الساعة 8:00 ص"),
])
def test_a_daylight_saving_change_week(open_page, site_server, utc, expected):
    at = datetime.fromisoformat(utc).replace(tzinfo=timezone.utc)
    # The test's own premise, from Python's time-zone data: the offsets these cases rely on.
    offset = at.astimezone(HEBRON).utcoffset()
    assert offset == timedelta(hours=3 if at.month == 3 and at.day == 28 else 2)
    page, _ = centre_status(open_page, site_server, "jenin", at)
    assert status_of(page) == expected


def test_without_javascript_the_table_and_the_after_hours_line(open_page, site_server):
    page, _ = centre_status(open_page, site_server, "nablus", local("2026-11-30 18:00"), java_script_enabled=False)
    rows = page.locator(".tw-hours__table tr")
    assert rows.count() == 7
    assert rows.first.text_content().strip().startswith("السبت")
    assert "مغلق" in rows.last.text_content()  # Friday
    assert status_of(page) == ""
    assert advice(page).text_content() == ADVICE and advice(page).get_attribute("data-now") is None


@pytest.mark.parametrize("at, closed", [("2026-11-30 10:00", False), ("2026-11-30 18:00", True)])
def test_the_finder_gives_the_nearest_centres_state_and_after_hours_advice(open_page, site_server, at, closed):
    page, _, _ = open_page(timezone_id="Europe/London")
    page.clock.set_fixed_time(local(at))
    page.goto(site_server + "centres/")
    page.get_by_label("أو اختاري محافظتكِ").select_option("jenin")
    nearest = page.locator(".tw-finder__nearest")
    assert ("مغلق الآن · يفتح غداً الساعة 8:00 ص" if closed else "مفتوح الآن حتى 3:00 م") in nearest.text_content()
    assert nearest.locator(".tw-after-hours").count() == (1 if closed else 0)
    if closed:
        assert nearest.locator(".tw-after-hours").text_content() == FINDER_ADVICE


def test_the_hours_script_loads_only_where_hours_are_shown(open_page, site_server):
    page, _, watch = open_page()
    for path in ("events/", "safety/", "services/health/", "directory/hebron/"):
        page.goto(site_server + path)
    assert not any("opening-hours.js" in url for url in watch.requests)
    page.goto(site_server + "centres/jenin/")
    assert any("opening-hours.js" in url for url in watch.requests)
