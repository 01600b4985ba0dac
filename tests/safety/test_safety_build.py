"""Safety in the built HTML of every page: the exit, the helplines from content data, the
privacy head, links that leave without a referrer, the safe-browsing page and the gazetteer."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from support.content_cases import content_tree
from support import ROOT
from support.site_build import mkdocs_build

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.outbound import mark_outbound_links
from tawasul.text import NETWORKS_NOTE, phone_digits

CAT = load_catalogue(ROOT)
EXIT_URL = "https://www.google.com/search?q=%D8%A7%D9%84%D8%B7%D9%82%D8%B3"  # tawasul/quick_exit.py


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tel_numbers(node) -> set[str]:
    links = node.select('a[href^="tel:"]')
    assert all(a.get("dir") == "ltr" or a.find(dir="ltr") for a in links), "numbers stay left-to-right"
    return {a["href"][len("tel:"):] for a in links}


def test_every_page_starts_with_the_exit(sample_site):
    for path in pages(sample_site):
        body = soup(path).body
        links = [a for a in body.find_all("a") if not a.find_parent(attrs={"data-md-component": "skip"})]
        first = links[0]
        assert "tw-exit" in first["class"], path
        assert first["href"] == EXIT_URL and set(first["rel"]) == {"noreferrer", "nofollow"}, path
        assert first["data-leaving"] and first["data-two-more"] and first["data-one-more"], path
        assert len(body.select("a.tw-exit")) == 1


def test_every_page_has_the_first_screen_helplines_at_the_top_and_all_at_the_bottom(sample_site):
    """The top row calls the lines marked first_screen (121, 100) and links every number on the
    safety page, where the note on Israeli networks is; the footer lists them all, with the note."""
    first = {phone_digits(h.number) for h in CAT.helplines.values() if h.first_screen}
    assert first == {"121", "100"}
    numbers = {phone_digits(h.number) for h in CAT.helplines.values()}
    for path in pages(sample_site):
        page = soup(path)
        row = page.select_one("nav.tw-helprow")
        assert tel_numbers(row) == first, path
        assert [a.get_text(strip=True) for a in row.select("a.tw-call .tw-call__name")] == ["خط الحماية", "الشرطة"]
        everything = row.select_one("a.tw-helprow__all")
        assert everything.get_text(strip=True) == "كل الأرقام"
        assert urljoin(f"/{path.relative_to(sample_site).as_posix()}", everything["href"]) == "/safety/#numbers", path
        assert tel_numbers(page.select_one(".md-footer .md-copyright")) == numbers, path
        footer = page.select_one(".md-copyright").get_text()
        for h in CAT.helplines.values():
            assert h.name in footer
        assert NETWORKS_NOTE in footer
    # Where «كل الأرقام» leads: every number, with its marks, and the note on Israeli networks.
    heading = soup(sample_site / "safety/index.html").find(id="numbers")
    assert heading.name == "h2" and heading.get_text(strip=True).startswith("أرقام المساعدة")
    section = BeautifulSoup("", "html.parser")
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        section.append(node.__copy__())
    assert tel_numbers(section) >= numbers and NETWORKS_NOTE in section.get_text()
    marks = [li.get_text() for li in section.select(".tw-helplines li")]
    assert sum("مجاني" in m for m in marks) == sum(h.free for h in CAT.helplines.values())
    assert sum("على مدار الساعة" in m for m in marks) == sum(h.always_open for h in CAT.helplines.values())


def test_sample_numbers_are_never_tappable(sample_site):
    """Only verifiable numbers get tel: links; a sample «000…» number is plain left-to-right text."""
    seen_sample = 0
    for path in pages(sample_site):
        page = soup(path)
        assert not [a for a in page.select('a[href^="tel:"]') if a["href"][4:].lstrip("+").startswith("000")], path
        for plain in page.select(".tw-phone--sample"):
            assert plain.name == "bdi" and plain["dir"] == "ltr" and plain.get_text().startswith("000")
            seen_sample += 1
    assert seen_sample  # the sample centres' numbers are on the site, as text


def test_helplines_come_from_content_data(tmp_path):
    """The fixture tree lists only the police: no page may still show the sample's other lines."""
    site = tmp_path / "site"
    result = mkdocs_build(site, content_root=content_tree(tmp_path / "c"))
    assert result.returncode == 0, result.stderr
    for path in (site / "index.html", site / "404.html", site / "safety/index.html"):
        page = soup(path)
        assert tel_numbers(page.select_one(".tw-helprow")) == {"100"}
        assert tel_numbers(page.select_one(".md-copyright")) == {"100"}


def test_every_page_has_the_privacy_head_and_only_its_own_scripts(sample_site):
    for path in pages(sample_site):
        page = soup(path)
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        script_src = re.search(r"script-src ([^;]*);", csp).group(1)
        # Only the search page lets Pagefind compile its WebAssembly; no page allows inline scripts.
        assert script_src == ("'self' 'wasm-unsafe-eval'" if path.parent.name == "search" else "'self'"), path
        assert "unsafe-inline" not in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval'", ""), path
        assert page.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # a data block (issue 4's JSON-LD): never executed, not governed by script-src
            assert script.get("src") and not re.match(r"^(https?:)?//", script["src"]), (path, script)


def test_links_leaving_the_site_carry_noreferrer(sample_site):
    outbound = 0
    for path in pages(sample_site):
        for a in soup(path).find_all("a", href=re.compile(r"^(https?:)?//")):
            if not a["href"].startswith("http://127.0.0.1:8000/"):
                outbound += 1
                assert "noreferrer" in a.get("rel", []), (path, a)
    assert outbound > len(pages(sample_site))  # the exit on every page, and more


def test_marking_outbound_links():
    html = ('<a href="https://other.example/x">o</a> <a rel="external" href="//cdn.example/">c</a> '
            '<a href="https://tawasul.example/events/">own</a> <a href="tel:121">t</a> <a href="../x/">r</a> '
            '<a href="https://o.example/" rel="noreferrer nofollow">e</a>')
    assert mark_outbound_links(html, "tawasul.example") == (
        '<a href="https://other.example/x" rel="noreferrer">o</a> <a rel="external noreferrer" href="//cdn.example/">c</a> '
        '<a href="https://tawasul.example/events/">own</a> <a href="tel:121">t</a> <a href="../x/">r</a> '
        '<a href="https://o.example/" rel="noreferrer nofollow">e</a>')


def test_safety_page_says_what_the_exit_does_not_do(sample_site):
    page = soup(sample_site / "safety/index.html")
    text = page.select_one("article").get_text()
    assert page.h1.get_text(strip=True) == "تصفّح بأمان"
    for point in ("لا يمحو سجلّ التصفح", "التصفح الخاص", "مسح سجلّ التصفح", "جهازاً تثقين به", "أرقام المساعدة", "Shift"):
        assert point in text, point
    assert tel_numbers(page.select_one("article")) >= {phone_digits(h.number) for h in CAT.helplines.values()}
    # Linked from the footer of every page (and from the top row's «كل الأرقام», tested above).
    for path in pages(sample_site):
        other = soup(path)
        assert any("safety" in a["href"] or a["href"] == "./" for a in other.select(".md-copyright a[href]"))


def test_finder_pages_carry_every_centre_with_its_coordinates(sample_site):
    for path in ("index.html", "centres/index.html"):
        page = soup(sample_site / path)
        assert page.select_one("[data-finder] [data-finder-tools]").has_attr("hidden")  # until the script runs
        cards = page.select("[data-centre]")
        assert len(cards) == len(CAT.centres)
        for card in cards:
            centre = next(c for c in CAT.centres.values() if c.name == card.select_one(".tw-card__title").get_text())
            assert (float(card["data-lat"]), float(card["data-lon"])) == (centre.lat, centre.lon)
            assert card["data-governorate"] == centre.governorate
        options = page.select("[data-finder-governorate] option[value!='']")
        assert [o["value"] for o in options] == list(CAT.governorates)
        assert "GeoNames" in page.select_one("[data-finder]").get_text()


def test_gazetteer_file_in_the_site(sample_site):
    places = json.loads((sample_site / "assets/finder/places.json").read_text(encoding="utf-8"))["places"]
    assert len(places) >= 80
    assert {p[2] for p in places} == set(CAT.governorates)  # every governorate has towns
    named = {p[0]: p[2] for p in places}
    assert named["بير زيت"] == "ramallah" and named["قلنديا"] == "jerusalem" and named["طمون"] == "tubas"
    assert named["جباليا"] == "north-gaza" and named["عرابة"] == "jenin"


def test_committed_gazetteer_is_what_the_script_derives_from_geonames():
    result = subprocess.run([sys.executable, "tools/gazetteer.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    header = (ROOT / "content/data/localities.yml").read_text(encoding="utf-8")[:600]
    assert "GeoNames" in header and "CC BY 4.0" in header


@pytest.mark.parametrize("line, field, message", [
    ("- {id: 1, name: قرية, governorate: atlantis, lat: 32.0, lon: 35.2}", "قرية.governorate", "لا توجد محافظة"),
    ("- {id: 1, name: قرية, governorate: jenin, lat: 31.4, lon: 34.4}", "قرية.lat", "خارج حدود المنطقة"),
    ("- {id: 1, governorate: jenin, lat: 32.4, lon: 35.3}", "#1.name", "حقل مطلوب"),
])
def test_a_bad_locality_is_named(tmp_path, line, field, message):
    root = content_tree(tmp_path / "c")
    (root / "content/data/localities.yml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ContentInvalid) as raised:
        load_catalogue(root)
    problems = [(e.file, e.field, e.message) for e in raised.value.errors]
    assert any(p == "content/data/localities.yml" and f == field and message in m for p, f, m in problems), problems


def test_helplines_carry_the_israeli_networks_note_and_centres_the_after_hours_advice(sample_site):
    from tawasul.text import NETWORKS_NOTE

    for path in (sample_site / "index.html", sample_site / "safety/index.html", sample_site / "centres/jenin/index.html"):
        text = soup(path).get_text(" ")
        assert NETWORKS_NOTE in text, path  # the footer of every page, and the full lists
    assert "تعمل من كل مكان" not in (sample_site / "centres/index.html").read_text(encoding="utf-8")
    centre = soup(sample_site / "centres/jenin/index.html").get_text(" ")
    assert "خارج ساعات العمل اتصلي بخط الحماية" in centre


def test_safety_page_is_honest_about_what_stays_behind(sample_site):
    text = soup(sample_site / "safety/index.html").select_one("article").get_text()
    for point in ("اقتراحات شريط العنوان", "التنزيلات", "المفضّلة", "المزامنة", "tawasul_forms",
                  "ينتهي حين تغلقين المتصفح", "يُمسح بعد إرسال النموذج بنجاح",
                  "علامة تبويب جديدة للتصفح المتخفي", "الوضع السري", "لسان خاص جديد", "سفاري"):
        assert point in text, point
    assert "لا يستخدم ملفات تعريف الارتباط" not in text  # the forms do set one cookie


def test_the_not_found_page_is_arabic_with_the_exit_helplines_search_and_home(sample_site):
    page = soup(sample_site / "404.html")
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.h1.get_text(strip=True) == "الصفحة غير موجودة"
    text = page.select_one("article").get_text(" ")
    assert "Not found" not in page.get_text() and "أرقام المساعدة" in text
    article = page.select_one("article")
    assert {"الصفحة الرئيسية", "ابحثي في الموقع"} <= {a.get_text(strip=True) for a in article.find_all("a")}
    assert "121" in tel_numbers(article) and "100" in tel_numbers(article)
    assert page.body.find("a")["class"] == ["tw-exit"]


def test_sample_members_and_reports_are_marked_as_sample(sample_site):
    centre = soup(sample_site / "centres/jenin/index.html")
    marked = [h.get_text(strip=True) for h in centre.find_all("h2") if "(بيانات تجريبية)" in h.get_text()]
    assert any(h.startswith("أعضاء الائتلاف") for h in marked) and any(h.startswith("تقرير عام") for h in marked)
    partners = soup(sample_site / "partners/index.html")
    assert all("(بيانات تجريبية)" in h.get_text() for h in partners.select("article h2"))
