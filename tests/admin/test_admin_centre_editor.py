"""The centre editor over HTTP (the Flask test client against a real git repository): a Jenin
coordinator changes her centre's address, phone, e-mail, hours, services, last-checked date and
coalition members, and writes the year's achievements and obstacles. Each save is one commit by
her; the diff of the hand-written file touches only what she changed; bad input is refused
beside its field with her input kept and nothing committed; another governorate's centre is out
of reach; the built site shows what she saved; axe-core finds nothing wrong with the pages."""
from __future__ import annotations

import pytest
from support import SAMPLE_TODAY
from support.admin import add_nablus_centre, admin_content_tree
from support.admin_browser import ORIGIN, coordinator_page
from support.html import form_pairs, soup_of, text_of
from support.safety_browser import axe_violations
from support.site_build import mkdocs_build
from support.store import git
from werkzeug.datastructures import MultiDict

from tawasul.loader import load_catalogue

JENIN = "content/data/centres/jenin.yml"
EDITOR = "/admin/centres/jenin"
# Written by hand, with comments, flow mappings and a per-service way in: a web edit keeps all of it.
HAND_WRITTEN = """\
# Written by hand: this comment must survive a web edit.
name: مركز تواصل جنين
governorate: jenin
address: عنوان تجريبي   # the door on the street
lat: 32.461
lon: 35.299
hours:
  week:
    sun-thu: "08:00-15:00"
  exceptions:
    - {name: يوم تدريب الموظفات, from: 2026-12-20, closed: true}
contact: {phone: "000 000 0101", email: jenin@tawasul.example}
services: [awareness, {service: legal-counselling, access: appointment}]
verified: 2026-03-02
coordinator_role: منسقة المركز
members:
  - {name: مديرية التنمية الاجتماعية – جنين, type: governmental, services: [legal-counselling], phone: "000 000 0111", verified: 2025-08-20}
  - {name: جمعية نساء المرج (اسم تجريبي), type: association, phone: "000 000 0112", address: شارع تجريبي}
reports:
  - year: 2025
    achievements:
      - تنفيذ 14 لقاءً توعوياً في القرى الشرقية.
      - تحويل 37 حالة إلى جهات الاختصاص.
    obstacles:
      - صعوبة الوصول إلى القرى بسبب الحواجز.
"""


@pytest.fixture
def content(tmp_path):
    root = add_nablus_centre(admin_content_tree(tmp_path / "content"))
    (root / JENIN).write_text(HAND_WRITTEN, encoding="utf-8")
    git(root, "add", JENIN)
    git(root, "commit", "--quiet", "-m", "ملف مركز جنين كما كُتب يدوياً")
    return root


def opened(person, url: str = EDITOR) -> MultiDict:
    """She opens the page: what her browser would send back untouched."""
    page = person.client.get(url)
    assert page.status_code == 200, page.status_code
    return MultiDict(form_pairs(page.get_data(as_text=True), action=url))


def send(person, url: str, form: MultiDict, **changes):
    for name, value in changes.items():
        form.setlist(name, value if isinstance(value, list) else [value])
    return person.client.post(url, data=form)


def head(content) -> str:
    return git(content, "rev-parse", "HEAD")


def last_commit(content) -> tuple[str, str]:
    return tuple(git(content, "log", "-1", "--format=%an%n%s").split("\n"))


def changed_lines(content) -> list[str]:
    """The lines of the last commit's diff: removed with «-», added with «+»."""
    diff = git(content, "diff", "-U0", "HEAD^", "HEAD", "--", JENIN)
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def jenin(content):
    return load_catalogue(content).centres["jenin"]


def error_beside(response, field_id: str) -> str:
    found = soup_of_response(response).find(id=f"{field_id}-error")
    assert found is not None, (field_id, text_of(response)[:600])
    return found.get_text(" ", strip=True)


def soup_of_response(response):
    from bs4 import BeautifulSoup
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_her_centre_opens_from_the_area_with_its_values(staff):
    huda = staff("huda")
    answer = huda.client.get("/admin/centre")
    assert answer.status_code == 303 and answer.headers["Location"].endswith(EDITOR)
    form = opened(huda)
    assert form["address"] == "عنوان تجريبي" and form["phone"] == "000 000 0101"
    assert form["week-sun"] == form["week-thu"] == "08:00-15:00" and form["week-fri"] == ""
    assert form.getlist("services") == ["legal-counselling", "awareness"]
    assert form["verified"] == "2026-03-02"
    assert form["members-0-name"] == "مديرية التنمية الاجتماعية – جنين" and form["members-1-phone"] == "000 000 0112"
    assert form["members-2-name"] == "" and form["members-3-name"] == ""  # blank rows to add to


EDITS = [  # (what she changes, how the centre reads afterwards, the section the commit names)
    ({"address": "شارع الملك فيصل، جنين (عنوان تجريبي)"}, lambda c: c.address == "شارع الملك فيصل، جنين (عنوان تجريبي)", "العنوان"),
    ({"phone": "000 000 0999"}, lambda c: c.contact.phone == "000 000 0999", "الهاتف"),
    ({"email": ""}, lambda c: c.contact.email is None, "الهاتف والبريد"),
    ({"week-thu": "08:00-13:00", "week-sat": "09:00-12:00، 16:00-18:00"},
     lambda c: c.hours.week[3] == ((480, 780),) and c.hours.week[5] == ((540, 720), (960, 1080))
     and c.hours.week[6] == ((480, 900),) and len(c.hours.exceptions) == 1, "ساعات العمل"),
    ({"exceptions-1-name": "ساعات شهر رمضان", "exceptions-1-start": "2027-02-08", "exceptions-1-end": "2027-03-09",
      "exceptions-1-hours": "09:00-13:30"},
     lambda c: c.hours.exceptions[1].week == {d: ((540, 810),) for d in (5, 6, 0, 1, 2, 3)}, "ساعات العمل"),
    ({"hours_note": "يُفضَّل تحديد موعد مسبق عبر الهاتف"}, lambda c: c.hours.note == "يُفضَّل تحديد موعد مسبق عبر الهاتف", "ساعات العمل"),
    ({"services": ["legal-counselling"]},
     lambda c: [(o.service, o.access and o.access.value) for o in c.services] == [("legal-counselling", "appointment")], "الخدمات"),
    ({"access": "appointment", "accessibility": ["step_free", "lift"]},
     lambda c: c.access.value == "appointment" and [a.value for a in c.accessibility] == ["step_free", "lift"],
     "طريقة الوصول، إمكانية الوصول"),
    ({"verified": "2026-11-29"}, lambda c: c.verified.isoformat() == "2026-11-29", "تاريخ آخر تحقّق"),
    ({"members-0-phone": "000 000 0177"}, lambda c: c.members[0].phone == "000 000 0177", "أعضاء الائتلاف"),
    ({"members-2-name": "الاتحاد العام للمرأة الفلسطينية – جنين", "members-2-type": "union",
      "members-2-services": ["awareness"], "members-2-phone": "000 000 0188"},
     lambda c: c.members[2].name == "الاتحاد العام للمرأة الفلسطينية – جنين" and c.members[2].type.value == "union", "أعضاء الائتلاف"),
    ({"members-1-remove": "y"}, lambda c: [m.name for m in c.members] == [
        "مديرية التنمية الاجتماعية – جنين", "الاتحاد العام للمرأة الفلسطينية – جنين"], "أعضاء الائتلاف"),
]


def test_each_field_is_saved_as_a_commit_by_her(staff, content):
    huda = staff("huda")
    for changes, holds, section in EDITS:
        before = head(content)
        answer = send(huda, EDITOR, opened(huda), **changes)
        assert answer.status_code == 303, (changes, text_of(answer)[:800])
        assert git(content, "rev-list", "--count", f"{before}..HEAD") == "1", changes
        author, summary = last_commit(content)
        assert author == "هدى" and summary.startswith("مركز تواصل جنين: تعديل") and section in summary, summary
        assert holds(jenin(content)), changes
        page = huda.client.get(answer.headers["Location"])
        assert "حُفظ التعديل" in text_of(page)
    # The history panel of the page lists her saves, newest first.
    rows = soup_of_response(huda.client.get(EDITOR)).select(".tw-history tbody tr")
    assert len(rows) >= len(EDITS) + 1 and "هدى" in rows[0].get_text() and "أعضاء الائتلاف" in rows[0].get_text()
    # What the editor does not show stayed: the hand-written comment, the exception, the member's address.
    text = (content / JENIN).read_text(encoding="utf-8")
    assert text.startswith("# Written by hand") and "يوم تدريب الموظفات" in text
    assert "address: شارع تجريبي" not in text  # that member was removed, with its address


def test_the_diff_of_a_hand_written_file_touches_only_the_edited_lines(staff, content):
    huda = staff("huda")
    answer = send(huda, EDITOR, opened(huda), phone="000 000 0999", **{"members-1-phone": "000 000 0133"})
    assert answer.status_code == 303, text_of(answer)[:800]
    assert changed_lines(content) == [
        '-contact: {phone: "000 000 0101", email: jenin@tawasul.example}',
        '+contact: {phone: "000 000 0999", email: jenin@tawasul.example}',
        '-  - {name: جمعية نساء المرج (اسم تجريبي), type: association, phone: "000 000 0112", address: شارع تجريبي}',
        '+  - {name: جمعية نساء المرج (اسم تجريبي), type: association, phone: "000 000 0133", address: شارع تجريبي}',
    ]
    # Hours she did not touch keep their range and quotes even when saved with other fields.
    send(huda, EDITOR, opened(huda), address="عنوان تجريبي آخر")
    assert changed_lines(content) == ["-address: عنوان تجريبي   # the door on the street",
                                      "+address: عنوان تجريبي آخر # the door on the street"]


def test_changed_hours_are_written_as_people_write_them(staff, content):
    huda = staff("huda")
    send(huda, EDITOR, opened(huda), **{"week-thu": "08:00-13:00"})
    assert changed_lines(content) == ['-    sun-thu: "08:00-15:00"', '+    sun-wed: "08:00-15:00"',
                                      '+    thu: "08:00-13:00"']


def test_bad_phone_and_hours_are_refused_beside_their_fields_with_her_input_kept(staff, content):
    huda = staff("huda")
    before, file_before = head(content), (content / JENIN).read_bytes()
    answer = send(huda, EDITOR, opened(huda), address="عنوان جديد كتبته", phone="12ab",
                  **{"week-sun": "08:00-25:00", "week-mon": "15:00-08:00", "members-0-phone": "99ab",
                     "email": "jenin-at-example"})
    assert answer.status_code == 422
    assert error_beside(answer, "phone").endswith("رقم هاتف غير صالح «12ab»")
    assert "وقت غير صالح" in error_beside(answer, "week-sun")
    assert "تنتهي قبل أن تبدأ" in error_beside(answer, "week-mon")
    assert "رقم هاتف غير صالح" in error_beside(answer, "members-0-phone")
    assert "بريد إلكتروني غير صالح" in error_beside(answer, "email")
    kept = MultiDict(form_pairs(answer.get_data(as_text=True), action=EDITOR))
    assert kept["address"] == "عنوان جديد كتبته" and kept["phone"] == "12ab" and kept["week-sun"] == "08:00-25:00"
    assert kept["members-0-phone"] == "99ab"
    assert soup_of_response(answer).find(id="phone")["aria-invalid"] == "true"
    assert head(content) == before and (content / JENIN).read_bytes() == file_before
    # Nothing at all in a day, no service, a member row without a type: refused as well.
    answer = send(huda, EDITOR, opened(huda), services=[], **{
        **{f"week-{d}": "" for d in ("sat", "sun", "mon", "tue", "wed", "thu", "fri")},
        "members-2-name": "جمعية بلا نوع", "exceptions-1-name": "يوم مفتوح", "exceptions-1-start": "2026-12-20",
        "exceptions-1-hours": "10:00-12:00"})
    assert answer.status_code == 422
    assert "يوم واحد على الأقل" in error_beside(answer, "week-sun")
    assert "خدمة واحدة على الأقل" in error_beside(answer, "services")
    assert "نوع الجهة" in error_beside(answer, "members-2-type")
    assert "يتداخل مع «يوم تدريب الموظفات»" in error_beside(answer, "exceptions-1-start")
    assert head(content) == before


def test_more_member_rows_keep_her_input_and_save_nothing(staff, content):
    huda = staff("huda")
    before = head(content)
    answer = send(huda, EDITOR, opened(huda), more="1", phone="000 000 0555",
                  **{"members-2-name": "جمعية جديدة", "members-3-name": "جمعية ثانية"})
    assert answer.status_code == 200 and head(content) == before
    form = MultiDict(form_pairs(answer.get_data(as_text=True), action=EDITOR))
    assert form["phone"] == "000 000 0555" and form["members-2-name"] == "جمعية جديدة"
    assert form["members-6-name"] == "" and "members-7-name" not in form  # three rows more
    answer = send(huda, EDITOR, form, **{"members-2-type": "association", "members-3-type": "ngo",
                                         "members-6-name": "جمعية ثالثة", "members-6-type": "union"})
    assert answer.status_code == 303, text_of(answer)[:800]
    assert [m.name for m in jenin(content).members][2:] == ["جمعية جديدة", "جمعية ثانية", "جمعية ثالثة"]


def test_a_year_of_achievements_and_obstacles_is_added_and_edited(staff, content):
    huda = staff("huda")
    page = huda.client.get(EDITOR)
    assert "2025" in text_of(page)
    answer = huda.client.post(f"{EDITOR}/reports", data={"csrf_token": huda.csrf(), "year": "٢٠٢٦"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith(f"{EDITOR}/reports/2026")
    before = head(content)
    form = opened(huda, f"{EDITOR}/reports/2026")
    assert form["achievements"] == "" and head(content) == before  # nothing written until she saves
    answer = send(huda, f"{EDITOR}/reports/2026", form,
                  achievements="- تدريب 25 امرأة على إدارة المشاريع الصغيرة.\n\n• إطلاق حملة الأيام البرتقالية في جنين.",
                  obstacles="تأخر وصول التمويل.")
    assert answer.status_code == 303, text_of(answer)[:800]
    assert last_commit(content) == ("هدى", "مركز تواصل جنين: إضافة تقرير الإنجازات والمعوقات لعام 2026")
    report = {r.year: r for r in jenin(content).reports}[2026]
    assert report.achievements == ["تدريب 25 امرأة على إدارة المشاريع الصغيرة.", "إطلاق حملة الأيام البرتقالية في جنين."]
    assert report.obstacles == ["تأخر وصول التمويل."]
    assert all(line.startswith("+") for line in changed_lines(content))
    # Editing one line of 2025 changes that line only.
    form = opened(huda, f"{EDITOR}/reports/2025")
    assert form["achievements"].splitlines()[1] == "تحويل 37 حالة إلى جهات الاختصاص."
    lines = form["achievements"].splitlines()
    send(huda, f"{EDITOR}/reports/2025", form, achievements="\n".join([lines[0], "تحويل 41 حالة إلى جهات الاختصاص."]))
    assert changed_lines(content) == ["-      - تحويل 37 حالة إلى جهات الاختصاص.", "+      - تحويل 41 حالة إلى جهات الاختصاص."]
    assert last_commit(content)[1] == "مركز تواصل جنين: تعديل تقرير الإنجازات والمعوقات لعام 2025"


def test_a_report_without_achievements_or_with_a_bad_year_is_refused(staff, content):
    huda = staff("huda")
    before = head(content)
    answer = send(huda, f"{EDITOR}/reports/2025", opened(huda, f"{EDITOR}/reports/2025"), achievements="  \n",
                  obstacles="عائق كتبته")
    assert answer.status_code == 422 and "إنجازاً واحداً على الأقل" in error_beside(answer, "achievements")
    assert MultiDict(form_pairs(answer.get_data(as_text=True), action=f"{EDITOR}/reports/2025"))["obstacles"] == "عائق كتبته"
    for year, message in (("20x6", "بأربعة أرقام"), ("1990", "سنة بين")):
        answer = huda.client.post(f"{EDITOR}/reports", data={"csrf_token": huda.csrf(), "year": year})
        assert answer.status_code == 422 and message in error_beside(answer, "year")
    assert huda.client.get(f"{EDITOR}/reports/1990").status_code == 404
    assert head(content) == before


def test_another_governorates_centre_is_out_of_reach(staff, content):
    huda, rasha, wizara = staff("huda"), staff("rasha"), staff("wizara")
    before = head(content)
    for url in ("/admin/centres/nablus", "/admin/centres/nablus/reports/2025"):
        assert huda.client.get(url).status_code == 404
        assert huda.post(url, address="عنوان دخيل", achievements="دخيل").status_code == 404
    assert huda.post("/admin/centres/nablus/reports", year="2026").status_code == 404
    assert rasha.client.get(EDITOR).status_code == 404
    assert head(content) == before
    # The ministry picks any centre.
    listing = text_of(wizara.client.get("/admin/centre"))
    assert "مركز تواصل جنين" in listing and "مركز تواصل نابلس" in listing
    assert wizara.client.get("/admin/centres/nablus").status_code == 200
    answer = send(wizara, "/admin/centres/nablus", opened(wizara, "/admin/centres/nablus"), phone="000 000 0299")
    assert answer.status_code == 303 and last_commit(content)[0] == "الوزارة"


def test_two_people_saving_the_same_centre_the_second_gets_both_versions(staff, content):
    huda, wizara = staff("huda"), staff("wizara")
    hers, theirs = opened(huda), opened(wizara)
    assert send(wizara, EDITOR, theirs, phone="000 000 0777").status_code == 303
    before = head(content)
    answer = send(huda, EDITOR, hers, phone="000 000 0888")
    assert answer.status_code == 409
    assert "000 000 0777" in text_of(answer) and "000 000 0888" in text_of(answer)
    assert head(content) == before and jenin(content).contact.phone == "000 000 0777"


def test_the_built_site_shows_what_she_saved(staff, content, tmp_path):
    huda = staff("huda")
    assert send(huda, EDITOR, opened(huda), phone="000 000 0999", **{"week-thu": "08:00-13:00"}).status_code == 303
    form = opened(huda, f"{EDITOR}/reports/2025")
    assert send(huda, f"{EDITOR}/reports/2025", form,
                achievements=form["achievements"] + "\nافتتاح وحدة إرشاد قانوني في برقين.").status_code == 303
    result = mkdocs_build(tmp_path / "site", today=SAMPLE_TODAY, content_root=content)
    assert result.returncode == 0, result.stderr[-2000:]
    page = soup_of(tmp_path / "site" / "centres" / "jenin" / "index.html").select_one("article").get_text(" ", strip=True)
    assert "000 000 0999" in page
    assert "1:00 م" in page  # Thursday's new closing time
    assert "افتتاح وحدة إرشاد قانوني في برقين." in page


def test_no_axe_violations_on_the_editor_pages(staff, content, browser):
    huda = staff("huda")
    context, page = coordinator_page(browser, huda.client, viewport={"width": 360, "height": 740})
    try:
        for path in (EDITOR, f"{EDITOR}/reports/2025"):
            page.goto(ORIGIN + path)
            assert page.get_by_role("heading", level=1).inner_text() in ("صفحة مركز تواصل جنين", "الإنجازات والمعوقات 2025")
            assert axe_violations(page) == [], path
        page.goto(ORIGIN + EDITOR)
        page.get_by_label("هاتف المركز").fill("12ab")
        page.get_by_role("button", name="حفظ", exact=True).click()
        page.locator("#phone-error").wait_for()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_preview_shows_the_site_page_and_saves_from_its_banner(staff, content):
    huda = staff("huda")
    before = head(content)
    answer = send(huda, EDITOR, opened(huda), action="preview", phone="000 000 0999", **{"week-thu": "08:00-13:00"})
    assert answer.status_code == 200 and head(content) == before
    article = soup_of_response(answer).select_one("article").get_text(" ", strip=True)
    assert "000 000 0999" in article and "1:00 م" in article and "مركز تواصل جنين" in article
    assert "لم تُحفظ بعد" in text_of(answer)
    carried = MultiDict(form_pairs(answer.get_data(as_text=True), action=EDITOR))
    back = send(huda, EDITOR, MultiDict(carried), action="edit")  # «رجوع إلى التعديل»: her values, blank rows again
    kept = MultiDict(form_pairs(back.get_data(as_text=True), action=EDITOR))
    assert back.status_code == 200 and kept["phone"] == "000 000 0999" and kept["members-3-name"] == ""
    assert head(content) == before
    assert send(huda, EDITOR, carried, action="save").status_code == 303
    assert jenin(content).contact.phone == "000 000 0999" and jenin(content).hours.week[3] == ((480, 780),)
    # The yearly report's preview is the centre page with the new line.
    form = opened(huda, f"{EDITOR}/reports/2025")
    answer = send(huda, f"{EDITOR}/reports/2025", form, action="preview",
                  achievements=form["achievements"] + "\nافتتاح وحدة إرشاد قانوني في برقين.")
    assert answer.status_code == 200 and "افتتاح وحدة إرشاد قانوني في برقين." in soup_of_response(answer).select_one("article").get_text()
    assert last_commit(content)[1].endswith("تعديل الهاتف والبريد، ساعات العمل")


def test_her_history_panel_restores_an_earlier_version_as_a_new_commit(staff, content):
    huda = staff("huda")
    assert send(huda, EDITOR, opened(huda), phone="000 000 0999").status_code == 303
    page = soup_of_response(huda.client.get(EDITOR))
    rows = page.select(".tw-history tbody tr")
    assert "مركز تواصل جنين: تعديل الهاتف والبريد" in rows[0].get_text() and "هدى" in rows[0].get_text()
    link = rows[1].find("a")["href"]  # the hand-written version
    assert staff("rasha").client.get(link).status_code in (403, 404)  # not her governorate's file
    confirm = huda.client.get(link)
    action = soup_of_response(confirm).find("form", action=lambda a: a and "/history/restore" in a)["action"]
    answer = huda.client.post(action, data=MultiDict(form_pairs(confirm.get_data(as_text=True), action=action)))
    assert answer.status_code == 303, text_of(answer)[:600]
    assert (content / JENIN).read_text(encoding="utf-8") == HAND_WRITTEN and last_commit(content)[0] == "هدى"
