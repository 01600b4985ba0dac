"""In Chromium, against the `make run` server: an organisation registers people by name with
her choices about messages and calls, sees them on her page and adds one more; the coordinator
sees the people, marks one present, opens the sign-in sheet and the message page. axe-core
checks each page (zero violations)."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect
from test_admin_browser import PASSWORD, assert_accessible, devserver, page  # noqa: F401  (fixtures)


def test_an_organisation_registers_people_and_the_coordinator_sees_and_marks_them(devserver, page):  # noqa: F811
    base, _content, _wizara = devserver
    page.goto(f"{base}/forms/events/open-organisations/register")
    assert_accessible(page)  # the form with names, the safe-contact question and the opt-in
    page.locator("#name").fill("منسقة")
    page.locator("#contact").fill("0599777001")
    page.locator("#governorate").select_option("jenin")
    page.locator("#organisation").fill("جمعية النهضة")
    page.locator("#attendees").fill("3")
    page.locator("#names").fill("سلمى، منسّقة المشروع\nرنا")
    page.get_by_label("رسائل فقط، دون اتصال").check()
    page.get_by_label("أرسلوا لي رسائل عن هذا التسجيل").check()
    page.locator("#email").fill("org@example.org")
    page.locator("#consent").check()
    time.sleep(3.1)  # the form's minimum fill time (FORMS_MIN_SECONDS)
    page.get_by_role("button", name="إرسال التسجيل").click()
    assert page.get_by_role("heading", level=1).inner_text() == "تسجيلكِ مؤكَّد"
    assert_accessible(page)  # her page with the people
    people = page.locator("#people li")
    assert people.count() == 3 and "سلمى — منسّقة المشروع" in people.nth(0).inner_text()
    page.locator("#people textarea").fill("هبة")
    page.get_by_role("button", name="إضافة").click()
    expect(page.locator("#people li")).to_have_count(4)  # after the redirect back to her page

    page.goto(f"{base}/forms/admin/")
    page.get_by_label("اسم المستخدم").fill("huda")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.goto(f"{base}/forms/admin/events/open-organisations/registrations")
    assert_accessible(page)  # people under the organisation, each with her own mark
    row = page.locator("tr", has_text="جمعية النهضة")
    assert "رسائل فقط، دون اتصال" in row.inner_text() and row.locator("a[href^='tel:']").count() == 0
    page.get_by_role("button", name=re.compile("^حضر.*سلمى")).click()  # the visible word starts her name
    expect(page.get_by_text("الحضور حتى الآن: 1")).to_be_visible()
    page.get_by_role("link", name="كشف الحضور للطباعة").click()
    assert_accessible(page)
    assert "هبة" in page.get_by_role("table").inner_text()
    page.goto(f"{base}/forms/admin/events/open-organisations/message")
    assert_accessible(page)
    assert "ستصل إلى: 1" in page.locator(".tw-box").inner_text()
