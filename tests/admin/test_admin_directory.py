"""The coordinator's list of directory entries not verified for twelve months: her governorate's
only (the ministry's: all), oldest first, each with a link to its «آخر تحقّق» field in the
centre editor. The day is the tests' own (TAWASUL_TODAY=2026-11-29, tests/forms)."""
from __future__ import annotations

from bs4 import BeautifulSoup

NABLUS_CENTRE = """name: مركز تواصل نابلس التجريبي
governorate: nablus
address: عنوان تجريبي في نابلس
lat: 32.222
lon: 35.256
hours: {week: {sun-thu: "08:00-15:00"}}
contact: {phone: "000 000 0104"}
services: [awareness]
verified: 2026-10-01
coordinator_role: منسقة المركز
members:
  - {name: جمعية نابلسية لم يُتحقَّق منها, type: association, services: [legal-counselling], phone: "000 000 0401"}
  - {name: جمعية نابلسية قديمة, type: association, services: [awareness], phone: "000 000 0402", verified: 2025-06-01}
  - {name: دار سرية تجريبية, type: ngo, services: [awareness], phone: "000 000 0499", address: عنوان سري جداً, confidential: true, verified: 2025-11-28}
  - {name: جمعية نابلسية حديثة, type: association, services: [awareness], phone: "000 000 0403", verified: 2025-11-30}
"""


def rows(response) -> list[list[str]]:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in page.select("tbody tr")]


def test_entries_due_for_checking_oldest_first_in_her_governorate_only(staff, content):
    (content / "content" / "data" / "centres" / "nablus.yml").write_text(NABLUS_CENTRE, encoding="utf-8")
    rasha = staff("rasha")
    answer = rasha.client.get("/admin/directory")
    assert answer.status_code == 200
    listed = rows(answer)
    # Never verified first, then 2025-06-01, then one day over a year (2025-11-28); 2025-11-30 is
    # within the year and the centre (2026-10-01) is current.
    assert [r[0] for r in listed] == ["جمعية نابلسية لم يُتحقَّق منها", "جمعية نابلسية قديمة", "دار سرية تجريبية سرية"]
    assert listed[0][4] == "لم يُتحقَّق منها قط" and listed[1][4] == "2025-06-01"
    assert listed[0][5] == "nablus.yml · members[1]"
    text = answer.get_data(as_text=True)
    assert "عنوان سري جداً" not in text
    assert "عنوان سري جداً" not in text and "آخر تحقّق" in text
    # Each entry leads to its field in the centre editor.
    assert 'href="/admin/centres/nablus#members-0-verified"' in text
    # Jenin's coordinator sees none of Nablus' entries; the ministry sees them.
    jenin = rows(staff("huda").client.get("/admin/directory"))
    assert not any("نابلسية" in r[0] for r in jenin)
    assert all(r[1] == "جنين" for r in jenin)
    ministry = rows(staff("wizara").client.get("/admin/directory"))
    assert {r[0] for r in listed} <= {r[0] for r in ministry}


def test_the_list_is_in_the_coordinators_menu(staff):
    page = staff("huda").client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/directory"' in page and "مراجعة دليل التحويل" in page
