"""Event pages (status line, audience, venue, campaign, registration window and button, calendar
download) and the static lists filtered by governorate and by type; occasion and campaign pages."""
from __future__ import annotations

import pytest
from support.html import article_text, links_of, soup_of
from support.site_build import mkdocs_build


def titles(site, page: str) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(site / page).select("article .tw-card__title")]


@pytest.mark.parametrize("slug, line", [
    ("future-workshop", "الفعالية قائمة في موعدها."),
    ("cancelled-training", "أُلغيت هذه الفعالية."),
    ("postponed-workshop", "أُجّلت هذه الفعالية إلى الموعد المذكور أدناه (كانت مقررة في الثلاثاء 15 كانون الأول 2026، 10:00 ص)."),
    ("past-meeting", "انتهت هذه الفعالية."),
])
def test_status_line(feeds_site, slug, line):
    status = soup_of(feeds_site / f"events/{slug}/index.html").select_one(".tw-status")
    assert status.get_text(strip=True) == line


def test_event_page_shows_audience_venue_campaign_and_calendar_download(feeds_site):
    page = "events/embroidery-exhibition/index.html"
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
             for dt in soup_of(feeds_site / page).select(".tw-facts dt")}
    assert facts["الفئة المستهدفة"] == "الجمهور العام"
    assert facts["المكان"] == "ساحة البلدية، دوار الشهداء، نابلس"
    assert facts["ضمن حملة"] == "حملة «بيت آمن» 2026"
    assert facts["الموعد"] == "1 كانون الأول – 3 كانون الأول 2026"
    download = soup_of(feeds_site / page).select_one('a[download]')
    assert download.get_text(strip=True) == "أضيفي إلى التقويم"
    assert download["href"] == "embroidery-exhibition.ics"
    assert "../../campaigns/safe-home-2026/" in links_of(feeds_site / page)
    assert soup_of(feeds_site / "events/past-meeting/index.html").select_one("a[download]") is None


def test_open_registration_shows_window_and_button_to_the_form_service(feeds_site):
    html = soup_of(feeds_site / "events/future-workshop/index.html")
    button = html.select_one("a.md-button--primary")
    assert button["href"] == "/forms/events/future-workshop/register" and button.get_text() == "سجّلي الآن"
    assert "فترة التسجيل: من 1 تشرين الثاني 2026 حتى 6 كانون الأول 2026" in html.get_text()


@pytest.mark.parametrize("slug, says", [
    ("postponed-workshop", "لم يبدأ التسجيل بعد؛ يُفتح في 20 كانون الأول 2026."),
    ("gaza-all-day-meeting", "أُغلق التسجيل في هذه الفعالية."),
])
def test_registration_not_open_has_no_button(feeds_site, slug, says):
    html = soup_of(feeds_site / f"events/{slug}/index.html")
    assert html.select_one("a.md-button--primary") is None
    assert says in html.get_text()


def test_cancelled_event_offers_no_registration_even_inside_its_window(feeds_site):
    html = soup_of(feeds_site / "events/cancelled-training/index.html")
    assert "التسجيل" not in [h.get_text() for h in html.select("h2")]
    assert html.select_one("a.md-button--primary") is None


def test_lists_by_governorate_and_by_type_are_static_pages(feeds_site):
    assert titles(feeds_site, "events/governorates/nablus/index.html") == ["معرض منتجات التطريز النسوية", "لقاء سابق"]
    assert titles(feeds_site, "events/governorates/gaza/index.html") == ["لقاء تنسيقي لمؤسسات غزة"]
    assert titles(feeds_site, "events/types/workshop/index.html") == ["ورشة قادمة", "ورشة مؤجلة عن المشاريع الصغيرة"]
    assert titles(feeds_site, "events/types/coordination-meeting/index.html") == ["لقاء تنسيقي لمؤسسات غزة"]
    # every governorate has its page (centres link there), even before its first event
    assert (feeds_site / "events/governorates/gaza/index.html").is_file()
    filters = links_of(feeds_site / "events/index.html")
    for href in ["governorates/nablus/", "governorates/gaza/", "types/workshop/", "types/occasion-event/", "archive/"]:
        assert href in filters
        assert (feeds_site / "events" / href / "index.html").is_file()


def test_occasion_page_shows_the_next_range_and_that_years_events_and_campaigns(feeds_site):
    text = article_text(feeds_site, "occasions/sixteen-days/index.html")
    assert "جارية الآن: 25 تشرين الثاني – 10 كانون الأول 2026" in text  # TAWASUL_TODAY is 29 Nov
    assert titles(feeds_site, "occasions/sixteen-days/index.html") == [
        "حملة «بيت آمن» 2026",                     # the occasion's campaign that year
        "معرض منتجات التطريز النسوية",              # marked with the occasion
    ]


def test_occasion_next_date_after_it_ends_is_next_year(feeds_content, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(site, today="2026-12-11", content_root=feeds_content).returncode == 0
    text = article_text(site, "occasions/sixteen-days/index.html")
    assert "الموعد القادم: 25 تشرين الثاني – 10 كانون الأول 2027" in text
    assert "لا فعاليات معلنة لهذه المناسبة في 2027 بعد." in text


@pytest.mark.parametrize("slug, status", [("safe-home-2026", "الحملة جارية الآن"),
                                          ("spring-campaign-2027", "حملة قادمة"),
                                          ("past-campaign-2025", "انتهت الحملة")])
def test_campaign_status_follows_today(feeds_site, slug, status):
    assert soup_of(feeds_site / f"campaigns/{slug}/index.html").select_one(".tw-status").get_text().startswith(status)


def test_campaign_page_shows_goals_partners_governorates_hashtag_and_events(feeds_site):
    text = article_text(feeds_site, "campaigns/safe-home-2026/index.html")
    for expected in ("تعريف النساء بخدمات الحماية.", "جمعية تجريبية للتنمية", "جنين، غزة", "#بيت_آمن"):
        assert expected in text
    assert titles(feeds_site, "campaigns/safe-home-2026/index.html") == [
        "معرض منتجات التطريز النسوية", "ورشة مؤجلة عن المشاريع الصغيرة"]
