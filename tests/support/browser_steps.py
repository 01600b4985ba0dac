"""What she and a partner do in a browser, in the tests' own words, shared by every suite that
drives the real forms (make run, the production stack)."""
from __future__ import annotations

# The minimum fill time the live servers of the tests use (FORMS_MIN_SECONDS=1): a person takes
# longer than a bot to fill a form, so the tests wait as long before they send.
FILL_SECONDS = 1.1


def register(page, name: str = "سلمى", contact: str = "٠٥٩٩ ١٢٣ ٤٥٦", governorate: str = "jenin") -> None:
    """On the registration form: fill it in and send it."""
    page.fill("#name", name)
    page.fill("#contact", contact)
    page.select_option("#governorate", governorate)
    page.check("#consent")
    page.wait_for_timeout(FILL_SECONDS * 1000)
    page.click("button[type=submit]")


def report_activity(page, title: str = "ورشة التخطيط المالي", governorate: str = "nablus",
                    starts: str = "2026-12-20T10:00", ends: str = "2026-12-20T13:00") -> None:
    """On /forms/activities/new: a partner organisation reports a joint activity."""
    page.fill("#organisation", "جمعية النهضة النسوية")
    page.select_option("#organisation_type", "association")
    page.fill("#contact_name", "منى")
    page.fill("#contact", "info@example.org")
    page.select_option("#activity_type", "workshop")
    page.fill("#title", title)
    page.fill("#description", "ورشة عملية في إدارة ميزانية المشاريع الصغيرة.")
    page.fill("#target_group", "صاحبات المشاريع الصغيرة")
    page.fill("#expected_participants", "25")
    page.select_option("#governorate", governorate)
    page.fill("#venue_name", "مقر الجمعية")
    page.fill("#venue_address", "نابلس، شارع فيصل")
    page.fill("#starts_at", starts)
    page.fill("#ends_at", ends)
    page.wait_for_timeout(FILL_SECONDS * 1000)
    page.click("button[type=submit]")
