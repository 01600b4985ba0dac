"""The whole journey in Chromium, through nginx, on the production stack (gunicorn with two
workers, PostgreSQL, Redis): she reads an awareness article, finds the nearest centre, opens an event,
registers, gets her confirmation and calendar file; a partner reports an activity, the Jenin
coordinator signs in and approves it (a commit), the publish worker builds it, and the new event is served. Every page, of
every type, runs without a single Content-Security-Policy violation or script error."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect
from support.browser_steps import register, report_activity
from icalendar import Calendar
from support.stack_browser import CspWatch, stack_context

COORDINATOR, PASSWORD = "huda", "stack-coordinator-password-1"
ACTIVITY = "أمسية «مشروعي الصغير» في جنين"


@pytest.fixture(scope="module")
def coordinator(stack):
    created = stack.flask("coordinators", "create", COORDINATOR, "--name", "هدى", "--governorate", "jenin",
                          input=PASSWORD + "\n")
    assert created.returncode == 0, created.stderr
    return COORDINATOR


@pytest.fixture
def watched(browser, stack):
    # She is in Jenin, and lets the finder use her location when she asks it to.
    context = stack_context(browser, geolocation={"latitude": 32.4607, "longitude": 35.2956}, permissions=["geolocation"])
    page = context.new_page()
    watch = CspWatch()
    watch.attach(page)
    yield page, watch
    watch.collect(page)
    context.close()
    assert watch.problems() == []


def visit(page, watch, url: str):
    """Leave the current page (collecting its violations first) for `url`."""
    watch.collect(page)
    answer = page.goto(url)
    assert answer.status in (200, 404), (url, answer.status)
    return answer


def test_she_reads_finds_registers_and_the_coordinator_publishes(stack, watched, coordinator):
    page, watch = watched
    # 1. An awareness article, from the home page.
    visit(page, watch, stack.url("/awareness/"))
    watch.collect(page)
    page.locator("article a[href$='/']").filter(has_not_text="المواد").first.click()
    assert page.url.startswith(stack.url("/awareness/")) and page.url != stack.url("/awareness/")
    assert page.locator("h1").count() == 1
    # 2. The nearest centre, found from her location (computed in the page, sent nowhere).
    watch.collect(page)
    visit(page, watch, stack.url("/centres/"))
    page.get_by_role("button", name="استخدمي موقعي").click()
    page.wait_for_selector(".tw-finder__nearest")
    page.locator(".tw-finder__nearest a.tw-card__title").click()
    assert page.url == stack.url("/centres/jenin/")
    # 3. An event that takes registrations.
    watch.collect(page)
    visit(page, watch, stack.url("/forms/"))
    slug = re.search(r"/forms/events/([a-z0-9-]+)/register", page.content()).group(1)
    visit(page, watch, stack.url(f"/events/{slug}/"))
    title = page.locator("h1").inner_text()
    # 4. She registers, from the event page's button.
    page.click("a:has-text('سجّلي الآن')")
    assert page.url == stack.url(f"/forms/events/{slug}/register")
    register(page, name="سلمى", contact="0599 765 432")
    # 5. Her confirmation, and the event in her calendar.
    assert page.locator("h1").inner_text() == "تسجيلكِ مؤكَّد"
    assert "سلمى" not in page.url and "0599" not in page.url
    link = page.locator("a:has-text('أضيفي إلى التقويم')").get_attribute("href")
    answer = page.request.get(urljoin(page.url, link))
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["cache-control"] == "no-store"  # the service's file, not one from disk
    calendar = Calendar.from_ical(answer.body())
    (vevent,) = calendar.walk("VEVENT")
    # Neutral by default, and the same event as the site's own .ics (one UID); the detailed
    # entry is her second choice.
    assert str(vevent["SUMMARY"]) == "موعد" and str(vevent["UID"]) == f"event-{slug}@tawasul.calendar"
    detailed = page.locator("a:has-text('نسخة بالتفاصيل')").get_attribute("href")
    (vevent,) = Calendar.from_ical(page.request.get(urljoin(page.url, detailed)).body()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    # 6. A partner reports an activity; the Jenin coordinator approves it.
    watch.collect(page)
    visit(page, watch, stack.url("/forms/activities/new"))
    report_activity(page, title=ACTIVITY, governorate="jenin", starts="2026-12-21T16:00", ends="2026-12-21T18:00")
    assert page.locator("h1").inner_text() == "شكراً، وصلنا النشاط"
    watch.collect(page)
    visit(page, watch, stack.url("/forms/admin/"))
    page.get_by_label("اسم المستخدم").fill(coordinator)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.get_by_role("link", name="طلبات الأنشطة").click()
    page.get_by_role("link", name=ACTIVITY).click()
    page.get_by_role("button", name="حفظ واعتماد النشاط").click()
    assert "اعتُمد النشاط" in page.locator(".tw-flash").inner_text()
    # 7. The publish worker builds her commit into the site that nginx serves; «تفاصيل النشر»
    # refreshes itself (no script) until it says «نُشر»; the new event is there.
    watch.collect(page)
    page.get_by_role("link", name="تفاصيل النشر").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("حالة النشر: نُشر", timeout=300_000)
    visit(page, watch, stack.url("/events/"))
    page.get_by_role("link", name=ACTIVITY).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == ACTIVITY
    assert page.url.startswith(stack.url("/events/jenin-"))
