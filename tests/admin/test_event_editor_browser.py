"""The issue's proof, end to end in Chromium: a Jenin coordinator creates an event with
registration, previews it, saves it; `git log -1` shows her as author and the new file; the
publish worker (a real process) puts the page live; she postpones it and the page shows both
dates while the calendar feeds carry a higher SEQUENCE; she cancels it and the page and the
feeds say cancelled. axe-core checks every editor page she sees, the preview included."""
from __future__ import annotations

from datetime import date, datetime

import icalendar
import pytest
from playwright.sync_api import expect
from support.publishing import editing_stack, fetched_when
from support.safety_browser import assert_accessible
from support.store import git, head_files, site_repo

from tawasul.dates import moment, weekday_date

PASSWORD = "a-long-editor-password"
SLUG = "jenin-workshop-2026-12-12"
UID = f"event-{SLUG}@tawasul.calendar"


@pytest.fixture
def stack(tmp_path):
    """The sample site's repository (content, mkdocs.yml and theme: what the worker builds), the
    publish worker building it, and the `make run` server."""
    content = site_repo(tmp_path / "content")
    huda = (["huda", "--name", "هدى", "--governorate", "jenin"], PASSWORD)
    with editing_stack(tmp_path, content, huda) as (base, _printed):
        fetched_when(f"{base}/events/", lambda text: "الفعاليات القادمة" in text)  # the first build is live
        yield base, content


def calendar_entry(base: str, path: str) -> icalendar.Event:
    text = fetched_when(f"{base}/{path}", lambda t: UID in t)
    return next(c for c in icalendar.Calendar.from_ical(text).walk("VEVENT") if str(c["UID"]) == UID)


FEEDS = (f"events/{SLUG}/{SLUG}.ics", "events/feeds/all.ics", "events/feeds/governorates/jenin.ics")


def test_a_jenin_coordinator_creates_previews_postpones_and_cancels_an_event(stack, phone_page):
    base, content = stack
    page = phone_page
    page.goto(f"{base}/forms/admin/login")
    page.get_by_label("اسم المستخدم").fill("huda")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.get_by_role("link", name="الفعاليات", exact=True).click()
    page.get_by_role("link", name="فعالية جديدة").click()
    assert_accessible(page)
    # 1. She fills the event in, with registration.
    page.locator("#title").fill("ورشة: الحقوق القانونية للنساء العاملات")
    page.locator("#type").select_option("workshop")
    page.locator("#start_date").fill("2026-12-12")
    page.locator("#start_time").fill("10:00")
    page.locator("#end_time").fill("12:30")
    page.locator("#centre").select_option("jenin")
    page.locator("#venue_name").fill("قاعة البلدية")
    page.locator("#venue_address").fill("جنين، شارع الاختبار")
    page.locator("#audience").fill("النساء العاملات")
    page.locator("#summary").fill("ورشة عن حقوق العاملات في قانون العمل.")
    page.get_by_label("تُقبل التسجيلات لهذه الفعالية عبر الموقع").check()
    page.locator("#capacity").fill("20")
    page.locator("#opens").fill("2026-11-25")
    page.locator("#closes").fill("2026-12-10")
    before = git(content, "rev-parse", "HEAD")
    # 2. She previews it: the site's page, nothing saved.
    page.get_by_role("button", name="معاينة").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ورشة: الحقوق القانونية للنساء العاملات")
    assert "عدد المقاعد: 20" in page.locator("article").inner_text()
    assert page.locator("link[href*='assets/stylesheets/main']").count() == 1  # the site's own styles
    assert_accessible(page)
    assert git(content, "rev-parse", "HEAD") == before
    # 3. She saves from the preview.
    page.get_by_role("button", name="حفظ").click()
    expect(page.locator(".tw-flash--ok")).to_contain_text("حُفظ التعديل")
    # 4. Her commit, with the new file.
    assert git(content, "log", "-1", "--format=%an") == "هدى"
    assert head_files(content) == [f"events/2026/{SLUG}.yml"]
    # 5. Live after publishing; the calendars have it at SEQUENCE 0.
    fetched_when(f"{base}/events/{SLUG}/", lambda text: "ورشة: الحقوق القانونية للنساء العاملات" in text)
    assert {int(calendar_entry(base, feed).get("SEQUENCE", 0)) for feed in FEEDS} == {0}
    # 6. She postpones it by a week: the page shows both dates, the feeds a higher SEQUENCE.
    page.get_by_role("link", name="تأجيل الفعالية").click()
    assert_accessible(page)
    page.locator("#start_date").fill("2026-12-19")
    page.get_by_role("button", name="متابعة").click()
    assert_accessible(page)
    page.get_by_role("button", name="نعم، أجّلي الفعالية").click()
    expect(page.locator(".tw-flash--ok")).to_contain_text("حُفظ التعديل")
    live = fetched_when(f"{base}/events/{SLUG}/", lambda text: "أُجّلت" in text)
    assert weekday_date(date(2026, 12, 12)) in live and weekday_date(date(2026, 12, 19)) in live
    for feed in FEEDS:
        entry = calendar_entry(base, feed)
        assert int(entry["SEQUENCE"]) == 1 and entry.decoded("DTSTART").date() == date(2026, 12, 19), feed
    # 7. She cancels it, with a reason: the page and the feeds say cancelled.
    page.get_by_role("link", name="إلغاء الفعالية").click()
    page.locator("#reason").fill("بسبب الأحوال الجوية")
    page.get_by_role("button", name="متابعة").click()
    assert_accessible(page)
    page.get_by_role("button", name="نعم، ألغي الفعالية").click()
    expect(page.locator(".tw-flash--ok")).to_contain_text("حُفظ التعديل")
    live = fetched_when(f"{base}/events/{SLUG}/", lambda text: "أُلغيت هذه الفعالية" in text)
    assert "سبب الإلغاء: بسبب الأحوال الجوية" in live
    for feed in FEEDS:
        entry = calendar_entry(base, feed)
        assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == 2, feed
    atom = fetched_when(f"{base}/events/feeds/events.xml", lambda text: "أُلغيت: ورشة" in text)
    assert "أُلغيت: ورشة: الحقوق القانونية للنساء العاملات" in atom
    assert git(content, "log", "-3", "--format=%an|%s").splitlines() == [
        "هدى|إلغاء فعالية «ورشة: الحقوق القانونية للنساء العاملات»",
        f"هدى|تأجيل فعالية «ورشة: الحقوق القانونية للنساء العاملات» إلى {moment(datetime(2026, 12, 19, 10))}",
        "هدى|إنشاء فعالية «ورشة: الحقوق القانونية للنساء العاملات»"]
