"""The real site: `mkdocs build --strict` of real content, read back as a visitor's browser would."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import ROOT, SAMPLE_TODAY
from support.site_build import mkdocs_build
from support.content_cases import content_tree

from tawasul.loader import load_catalogue
from tawasul.resources import external_in_html

# Each key page and the heading she reads first.
KEY_PAGES = {"index.html": "مراكز تواصل", "centres/index.html": "مراكز تواصل في المحافظات",
             "centres/jenin/index.html": "مركز تواصل جنين", "events/index.html": "الفعاليات القادمة",
             "events/archive/index.html": "أرشيف الفعاليات", "events/governorates/jenin/index.html": "فعاليات محافظة جنين",
             "campaigns/index.html": "الحملات", "occasions/index.html": "المناسبات السنوية",
             "awareness/index.html": "مواد توعوية", "partners/index.html": "الشركاء", "about/index.html": "عن مراكز تواصل"}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def event_titles(page: Path) -> list[str]:
    return [a.get_text(strip=True) for a in soup(page).select(".tw-card__title")]


@pytest.mark.parametrize("page, heading", KEY_PAGES.items())
def test_key_pages_say_what_they_are(sample_site, page, heading):
    article = soup(sample_site / page).select_one("article")
    assert article.h1.get_text(" ", strip=True) == heading


def test_key_pages_list_what_she_came_for(sample_site):
    links = {a["href"] for a in soup(sample_site / "centres/index.html").select("article a[href]")}
    assert {f"{slug}/" for slug in load_catalogue(ROOT).centres} <= links  # every centre, each with its page
    jenin = soup(sample_site / "centres/jenin/index.html").select_one("article")
    assert jenin.select('a[href^="tel:"]') and "جنين" in jenin.get_text()
    assert len(event_titles(sample_site / "events/index.html")) >= 5
    assert event_titles(sample_site / "events/archive/index.html")
    home = soup(sample_site / "index.html")
    assert "121" in {a.get_text(strip=True) for a in home.select('a[href^="tel:"]')}  # the national helpline
    assert (sample_site / "404.html").is_file()


def test_every_page_is_arabic_rtl_on_the_html_element(sample_site):
    pages = html_pages(sample_site)
    assert len(pages) > 50
    for page in pages:
        html = soup(page).html
        assert (html.get("lang"), html.get("dir")) == ("ar", "rtl"), page


def test_dates_use_levantine_month_names_and_western_digits(sample_site):
    text = "".join(p.read_text(encoding="utf-8") for p in html_pages(sample_site))
    assert "كانون الأول" in text and "تشرين الثاني" in text
    for gregorian in ("ديسمبر", "نوفمبر", "مارس", "أكتوبر"):
        # whole words only: «يمارس» (to practise) is ordinary Arabic
        assert not re.search(rf"(?<!\w){gregorian}(?!\w)", text), gregorian
    assert not re.search("[٠-٩۰-۹]", text), "one digit style: Western digits only"


def test_no_page_requests_another_host(sample_site):
    for page in html_pages(sample_site):
        assert external_in_html(page.read_text(encoding="utf-8")) == [], page


def test_no_material_bundle_or_storage_scripts(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "bundle." not in html and "localStorage" not in html and "__md_get" not in html


def test_arabic_headings_get_arabic_anchors(tmp_path):
    root = content_tree(tmp_path / "c")
    article = root / "content/awareness/first-article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n## إجازة الأمومة\n\nنص.\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", content_root=root)
    assert result.returncode == 0, result.stderr
    ids = [h.get("id") for h in soup(tmp_path / "site/awareness/first-article/index.html").select("h2")]
    assert "إجازة-الأمومة" in ids


def test_upcoming_and_past_follow_tawasul_today(tmp_path):
    root = content_tree(tmp_path / "c")
    early, late = tmp_path / "early", tmp_path / "late"
    assert mkdocs_build(early, today=SAMPLE_TODAY, content_root=root).returncode == 0
    assert mkdocs_build(late, today="2027-01-01", content_root=root).returncode == 0
    assert event_titles(early / "events/index.html") == ["ورشة قادمة"]
    assert event_titles(early / "events/archive/index.html") == ["لقاء سابق"]
    assert event_titles(late / "events/index.html") == []
    assert event_titles(late / "events/archive/index.html") == ["ورشة قادمة", "لقاء سابق"]
    assert "انتهت هذه الفعالية" in (late / "events/future-workshop/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def many_events(tmp_path_factory):
    """The small fixture and a copy with 60 more past events, both built: (small_site, large_site)."""
    base = tmp_path_factory.mktemp("many")
    small, large = content_tree(base / "small"), content_tree(base / "large")
    template = (large / "events/2026/past-meeting.yml").read_text(encoding="utf-8")
    for n in range(60):
        day = f"2026-05-{n % 28 + 1:02d}"
        (large / f"events/2026/extra-{n:02d}.yml").write_text(
            template.replace("لقاء سابق", f"لقاء {n:02d}").replace("2026-06-01", day), encoding="utf-8")
    sites = []
    for root in (small, large):
        site = root.parent / (root.name + "-site")
        result = mkdocs_build(site, content_root=root)
        assert result.returncode == 0, result.stderr
        sites.append(site)
    return sites


def test_nav_does_not_grow_with_the_number_of_events(many_events):
    small, large = many_events
    navs = [str(soup(site / "events/future-workshop/index.html").select_one("nav.md-nav--primary"))
            for site in (small, large)]
    assert navs[0] == navs[1]
    assert (large / "events/extra-59/index.html").is_file()


def test_long_lists_are_split_into_linked_pages(many_events):
    _, site = many_events
    pages = [site / "events/archive/index.html", site / "events/archive/2/index.html",
             site / "events/archive/3/index.html"]
    titles = [event_titles(page) for page in pages]
    assert [len(t) for t in titles] == [25, 25, 11]
    shown = [title for page in titles for title in page]
    assert len(set(shown)) == 61 and "لقاء سابق" == shown[0]  # newest first: 1 June, then May
    assert not (site / "events/archive/4").exists()
    middle = soup(pages[1])
    assert middle.select_one('a[rel="prev"]')["href"] == "../"
    assert middle.select_one('a[rel="next"]')["href"] == "../3/"
    assert "الصفحة 2 من 3" in middle.get_text()
    # The governorate list is paged the same way; its first page keeps the upcoming event first.
    assert event_titles(site / "events/governorates/nablus/index.html")[0] == "لقاء سابق"
    assert (site / "events/governorates/nablus/3/index.html").is_file()


def test_bad_content_fails_the_build_with_lines_and_no_traceback(tmp_path):
    root = content_tree(tmp_path / "c", "many-problems-at-once")
    dest = tmp_path / "site"
    result = mkdocs_build(dest, content_root=root)
    assert result.returncode != 0
    for line in (Path(__file__).parent / "data/invalid/many-problems-at-once/expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert not dest.exists() or not any(dest.rglob("*.html"))


def test_external_resource_in_content_fails_the_build(tmp_path):
    root = content_tree(tmp_path / "c")
    event = root / "events/2026/past-meeting.yml"
    event.write_text(event.read_text(encoding="utf-8") + 'description: \'<img src="https://tracker.example/p.gif" alt="">\'\n',
                     encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", content_root=root)
    assert result.returncode != 0
    assert "https://tracker.example/p.gif" in result.stderr


def test_a_warning_fails_the_build(tmp_path):
    """`--strict` must see MkDocs' warnings: an article linking to a page that does not exist is
    refused, not published with a dead link (a quiet build would hide the warning and pass)."""
    root = content_tree(tmp_path / "c")
    article = next((root / "content/awareness").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\n\n[صفحة غير موجودة](no-such-page.md)\n", encoding="utf-8")
    dest = tmp_path / "site"
    result = mkdocs_build(dest, content_root=root)
    assert result.returncode != 0, result.stderr
    assert "no-such-page.md" in result.stderr
    assert not dest.exists()
