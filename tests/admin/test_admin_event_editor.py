"""The event editor, as a coordinator meets it over HTTP: she creates an event with registration,
previews it, edits, cancels and postpones it (each a confirmed action), and every save is one git
commit in the content repository with her as author. Bad input comes back beside its field with
her input kept and writes nothing; capacity never drops below the people confirmed; a save over
someone else's newer version gets the stale-edit page. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import yaml
from bs4 import BeautifulSoup
from support.admin import register
from support.html import text_of
from support.store import developer_commit, git, head_files
from sqlalchemy import select

from forms_service.admin_models import AuditEntry
from forms_service.extensions import db
from tawasul.ical import sequence

NEW_EVENT = {
    "title": "ورشة: الحقوق القانونية للنساء العاملات", "type": "workshop",
    "start_date": "2026-12-12", "start_time": "10:00", "end_date": "", "end_time": "12:30",
    "governorate": "jenin", "centre": "jenin", "venue_name": "قاعة البلدية", "venue_address": "جنين، شارع الاختبار",
    "organiser": "", "audience": "النساء العاملات", "summary": "ورشة عن حقوق العاملات في قانون العمل.",
    "description": "يتبعها نقاش.\n\nالدعوة عامة.", "campaign": "", "occasion": "",
    "registration": "y", "capacity": "20", "opens": "2026-11-25", "closes": "2026-12-10",
    "registration_audience": "individuals", "waitlist": "y",
}
NEW_FILE = "events/2026/jenin-workshop-2026-12-12.yml"
OPEN_FILE = "events/2026/open-individuals.yml"


def head(content) -> str:
    return git(content, "rev-parse", "HEAD")


def fields_of(html: str) -> dict[str, str]:
    """The form as her browser would send it back (inputs, selects, text areas; ticked boxes)."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", attrs={"novalidate": True})
    values = {}
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name or name == "csrf_token":
            continue
        if tag.name == "textarea":
            values[name] = tag.text.removeprefix("\r\n").removeprefix("\n")  # as a browser reads it
        elif tag.name == "select":
            chosen = tag.find("option", selected=True) or tag.find("option")
            values[name] = chosen.get("value", "") if chosen else ""
        elif tag.get("type") == "checkbox":
            if tag.has_attr("checked"):
                values[name] = tag.get("value", "y")
        else:
            values[name] = tag.get("value", "")
    return values


def error_beside(html: str, field: str) -> str:
    tag = BeautifulSoup(html, "html.parser").find(id=f"{field}-error")
    return tag.get_text(" ", strip=True) if tag else ""


def file_data(content, rel: str) -> dict:
    return yaml.safe_load(git(content, "show", f"HEAD:{rel}"))


def test_she_creates_an_event_with_registration_as_her_commit(app, staff, content):
    huda = staff("huda")
    page = huda.client.get("/admin/events/new")
    assert page.status_code == 200
    assert 'type="date"' in page.get_data(as_text=True) and 'type="time"' in page.get_data(as_text=True)
    # Her governorate is fixed: the only one in the list.
    assert fields_of(page.get_data(as_text=True))["governorate"] == "jenin"
    assert "nablus" not in str(BeautifulSoup(page.get_data(as_text=True), "html.parser").find(id="governorate"))
    answer = huda.post("/admin/events/new", action="save", **NEW_EVENT)
    assert answer.status_code == 303, text_of(answer)[:800]
    assert git(content, "log", "-1", "--format=%an") == "هدى"
    assert head_files(content) == [NEW_FILE]
    data = file_data(content, NEW_FILE)
    assert data["start"] == "2026-12-12 10:00" and data["end"] == "2026-12-12 12:30"
    assert data["registration"] == {"capacity": 20, "opens": date(2026, 11, 25), "closes": date(2026, 12, 10)}
    assert "slug" not in data and data["description"] == "يتبعها نقاش.\n\nالدعوة عامة."
    with app.app_context():  # the audit record names her commit
        entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (entry.actor, entry.action, entry.object_id, entry.commit) == (
            "huda", "event_create", "jenin-workshop-2026-12-12", head(content))
    # The slug was made once; editing the title later keeps the file and its address.
    edit = huda.client.get("/admin/events/jenin-workshop-2026-12-12/edit")
    values = fields_of(edit.get_data(as_text=True))
    assert values["title"] == NEW_EVENT["title"] and values["capacity"] == "20"
    answer = huda.post("/admin/events/jenin-workshop-2026-12-12/edit", **{**values, "title": "عنوان آخر", "action": "save"})
    assert answer.status_code == 303
    assert head_files(content) == [NEW_FILE] and file_data(content, NEW_FILE)["title"] == "عنوان آخر"


def test_preview_shows_the_site_page_and_saves_nothing(app, staff, content):
    huda = staff("huda")
    before = head(content)
    answer = huda.post("/admin/events/new", action="preview", **NEW_EVENT)
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h1").get_text(strip=True) == NEW_EVENT["title"]
    assert "عدد المقاعد: 20" in soup.get_text()  # the site's own event template rendered it
    assert "معاينة" in soup.get_text() and soup.find("button", attrs={"value": "save"})
    # Her values ride along, so «حفظ» from the preview saves exactly what she saw.
    carried = {i["name"]: i["value"] for i in soup.select("form input[type=hidden]") if i["name"] != "csrf_token"}
    assert carried["title"] == NEW_EVENT["title"] and carried["description"] == NEW_EVENT["description"]
    assert head(content) == before and not (content / NEW_FILE).exists()
    back = huda.post("/admin/events/new", **{**carried, "action": "edit"})
    assert back.status_code == 200 and fields_of(back.get_data(as_text=True))["venue_name"] == "قاعة البلدية"
    assert head(content) == before
    saved = huda.post("/admin/events/new", **{**carried, "action": "save"})
    assert saved.status_code == 303 and head_files(content) == [NEW_FILE]


def test_bad_input_comes_back_beside_its_field_and_writes_nothing(app, staff, content):
    huda = staff("huda")
    before = head(content)
    # A shape error (the form's) and a content rule (the model's, checked with the catalogue).
    typo = huda.post("/admin/events/new", action="save", **{**NEW_EVENT, "start_date": "2026-14-40"})
    assert typo.status_code == 422
    assert "اكتبي التاريخ مثل" in error_beside(typo.get_data(as_text=True), "start_date")
    assert fields_of(typo.get_data(as_text=True))["title"] == NEW_EVENT["title"]
    late = huda.post("/admin/events/new", action="save", **{**NEW_EVENT, "closes": "2026-12-20"})
    assert late.status_code == 422
    assert "إغلاق التسجيل" in error_beside(late.get_data(as_text=True), "closes")
    kept = fields_of(late.get_data(as_text=True))
    assert kept["summary"] == NEW_EVENT["summary"] and kept["closes"] == "2026-12-20"
    ends_first = huda.post("/admin/events/new", action="preview", **{**NEW_EVENT, "end_time": "09:00"})
    assert ends_first.status_code == 422
    assert "بعد وقت البدء" in error_beside(ends_first.get_data(as_text=True), "end_date")
    no_capacity = huda.post("/admin/events/new", action="save", **{**NEW_EVENT, "capacity": ""})
    assert no_capacity.status_code == 422 and error_beside(no_capacity.get_data(as_text=True), "capacity")
    assert head(content) == before
    assert git(content, "status", "--porcelain", "--untracked-files=all") == ""


def test_another_governorate_cannot_be_chosen(app, staff, content):
    huda = staff("huda")
    before = head(content)
    answer = huda.post("/admin/events/new", action="save", **{**NEW_EVENT, "governorate": "nablus", "centre": ""})
    assert answer.status_code == 422 and error_beside(answer.get_data(as_text=True), "governorate")
    assert head(content) == before


def test_an_edit_changes_only_her_lines(app, staff, content):
    huda = staff("huda")
    values = fields_of(huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    assert values["base"] == git(content, "rev-parse", f"HEAD:{OPEN_FILE}")
    answer = huda.post("/admin/events/open-individuals/edit", **{**values, "audience": "الشابات", "action": "save"})
    assert answer.status_code == 303
    diff = git(content, "diff", "--unified=0", "HEAD^", "HEAD").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == ["-audience: النساء", "+audience: الشابات"]


def test_capacity_never_goes_below_the_people_confirmed(app, staff, content):
    register(app, "open-individuals", "سلمى", "0599000011")
    register(app, "open-individuals", "رنا", "0599000012")  # capacity 2: both confirmed
    huda = staff("huda")
    before = head(content)
    values = fields_of(huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    answer = huda.post("/admin/events/open-individuals/edit", **{**values, "capacity": "1", "action": "save"})
    assert answer.status_code == 422
    message = error_beside(answer.get_data(as_text=True), "capacity")
    assert "2" in message and "المؤكَّد" in message
    del values["registration"]  # nor can registration be switched off under them
    off = huda.post("/admin/events/open-individuals/edit", **{**values, "action": "save"})
    assert off.status_code == 422 and "2" in error_beside(off.get_data(as_text=True), "capacity")
    assert head(content) == before
    more = huda.post("/admin/events/open-individuals/edit", **{**values, "registration": "y", "capacity": "3",
                                                                 "action": "save"})
    assert more.status_code == 303 and file_data(content, OPEN_FILE)["registration"]["capacity"] == 3


def test_a_stale_edit_gets_the_stale_page_and_nothing_is_lost(app, staff, content):
    huda, wizara = staff("huda"), staff("wizara")
    hers = fields_of(huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    theirs = fields_of(wizara.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    assert wizara.post("/admin/events/open-individuals/edit", **{**theirs, "venue_name": "قاعة الوزارة",
                                                                 "action": "save"}).status_code == 303
    before = head(content)
    answer = huda.post("/admin/events/open-individuals/edit", **{**hers, "venue_name": "قاعة هدى", "action": "save"})
    assert answer.status_code == 409
    assert "قاعة هدى" in answer.get_data(as_text=True) and "قاعة الوزارة" in answer.get_data(as_text=True)
    assert head(content) == before and file_data(content, OPEN_FILE)["venue"]["name"] == "قاعة الوزارة"


def test_cancel_is_confirmed_then_one_commit_with_the_reason(app, staff, content):
    huda = staff("huda")
    before = head(content)
    page = huda.client.get("/admin/events/open-individuals/cancel")
    base = fields_of(page.get_data(as_text=True))["base"]
    empty = huda.post("/admin/events/open-individuals/cancel", base=base, reason="")
    assert empty.status_code == 422 and "سبب الإلغاء" in error_beside(empty.get_data(as_text=True), "reason")
    asked = huda.post("/admin/events/open-individuals/cancel", base=base, reason="بسبب الأحوال الجوية")
    assert asked.status_code == 200 and "نعم، ألغي الفعالية" in text_of(asked)
    assert head(content) == before  # nothing yet: she has not confirmed
    done = huda.post("/admin/events/open-individuals/cancel", **fields_of(asked.get_data(as_text=True)))
    assert done.status_code == 303
    data = file_data(content, OPEN_FILE)
    assert data["status"] == "cancelled" and data["cancellation_reason"] == "بسبب الأحوال الجوية"
    assert git(content, "log", "-1", "--format=%an %s") == "هدى إلغاء فعالية «فعالية open-individuals»"
    assert huda.client.get("/admin/events/open-individuals/cancel").status_code == 404  # once is enough


def test_postpone_keeps_the_old_date_and_the_length(app, staff, content):
    huda = staff("huda")
    before = head(content)
    base = fields_of(huda.client.get("/admin/events/open-individuals/postpone").get_data(as_text=True))["base"]
    earlier = huda.post("/admin/events/open-individuals/postpone", base=base, start_date="2026-12-01",
                        start_time="10:00")
    assert earlier.status_code == 422 and "بعد الموعد الحالي" in error_beside(earlier.get_data(as_text=True),
                                                                              "start_date")
    asked = huda.post("/admin/events/open-individuals/postpone", base=base, start_date="2026-12-15",
                      start_time="11:00")
    assert asked.status_code == 200 and "نعم، أجّلي الفعالية" in text_of(asked)
    assert head(content) == before
    done = huda.post("/admin/events/open-individuals/postpone", **fields_of(asked.get_data(as_text=True)))
    assert done.status_code == 303
    data = file_data(content, OPEN_FILE)
    assert (data["start"], data["end"], data["previous_start"], data["status"]) == (
        "2026-12-15 11:00", "2026-12-15 14:00", "2026-12-08 10:00", "postponed")
    assert "postponements" not in data  # a first postponement reads as a hand-written one
    # The registration window ended before the new date: still valid, and kept.
    assert data["registration"]["capacity"] == 2
    # A second move: the previous start is the last one, and the count makes calendars notice.
    base = fields_of(huda.client.get("/admin/events/open-individuals/postpone").get_data(as_text=True))["base"]
    again = huda.post("/admin/events/open-individuals/postpone", base=base, start_date="2026-12-22",
                      start_time="11:00", step="confirm")
    assert again.status_code == 303
    data = file_data(content, OPEN_FILE)
    assert (data["start"], data["previous_start"], data["postponements"]) == (
        "2026-12-22 11:00", "2026-12-15 11:00", 2)
    with app.app_context():
        event = app.extensions["tawasul_content"].fresh().events["open-individuals"]
        assert sequence(event) == 2


def test_an_all_day_event_is_written_with_plain_dates(app, staff, content):
    huda = staff("huda")
    day = {**NEW_EVENT, "start_time": "", "end_time": "", "end_date": "2026-12-13", "registration": ""}
    del day["registration"]
    answer = huda.post("/admin/events/new", action="save", **day)
    assert answer.status_code == 303, text_of(answer)[:800]
    text = git(content, "show", f"HEAD:{NEW_FILE}")
    assert "start: 2026-12-12\nend: 2026-12-13\n" in text and "registration" not in text


def test_the_edit_page_opens_her_last_save_even_before_the_catalogue_reloads(app, staff, content):
    """In production the catalogue is re-read every few seconds; the editor must not wait for it
    (a form showing the older version with the newer `base` would undo her save)."""
    app.extensions["tawasul_content"].check_seconds = 3600
    huda = staff("huda")
    assert huda.post("/admin/events/new", action="save", **NEW_EVENT).status_code == 303
    page = huda.client.get("/admin/events/jenin-workshop-2026-12-12/edit")
    assert page.status_code == 200
    values = fields_of(page.get_data(as_text=True))
    assert huda.post("/admin/events/jenin-workshop-2026-12-12/edit",
                     **{**values, "venue_name": "قاعة جديدة", "action": "save"}).status_code == 303
    again = fields_of(huda.client.get("/admin/events/jenin-workshop-2026-12-12/edit").get_data(as_text=True))
    assert again["venue_name"] == "قاعة جديدة" and again["base"] == git(content, "rev-parse", f"HEAD:{NEW_FILE}")


def test_once_held_she_records_who_took_part_as_counts_partners_and_locality(app, staff, content):
    developer_commit(content, "content/data/localities.yml",
                     "- {id: 284194, name: برقين, governorate: jenin, lat: 32.4546, lon: 35.2608}\n"
                     "- {id: 282616, name: بلاطة, governorate: nablus, lat: 32.2125, lon: 35.2856}\n", "البلدات")
    huda = staff("huda")
    page = huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True)
    places = [o.get("value") for o in BeautifulSoup(page, "html.parser").find(id="locality").find_all("option")]
    assert places == ["", "برقين"]  # «غير محدّدة», then her governorate's localities only
    values = fields_of(page)
    before = head(content)
    # Not a count, and a locality outside her list: refused beside their fields, nothing written.
    bad = huda.post("/admin/events/open-individuals/edit", **{**values, "action": "save", "reached_female_adult": "كثيرات",
                                                               "locality": "بلاطة"})
    assert bad.status_code == 422
    assert error_beside(bad.get_data(as_text=True), "reached_female_adult")
    assert error_beside(bad.get_data(as_text=True), "locality")
    assert fields_of(bad.get_data(as_text=True))["reached_female_adult"] == "كثيرات"
    assert head(content) == before
    record = {"reached_female_adult": "٢٣", "reached_female_under_18": "4", "reached_male_adult": "",
              "reached_male_under_18": "", "partners": "جمعية المرأة العاملة\nنقابة المعلمين", "locality": places[1]}
    answer = huda.post("/admin/events/open-individuals/edit", **{**values, **record, "action": "save"})
    assert answer.status_code == 303, text_of(answer)[:600]
    saved = file_data(content, OPEN_FILE)
    assert saved["reached"] == {"female_under_18": 4, "female_adult": 23, "male_under_18": 0, "male_adult": 0}
    assert saved["partners"] == ["جمعية المرأة العاملة", "نقابة المعلمين"]
    assert saved["locality"] == places[1]
    assert git(content, "log", "-1", "--format=%an") == "هدى"
    # The form shows the record back, and emptying it removes it from the file.
    shown = fields_of(huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    assert shown["reached_female_adult"] == "23" and shown["locality"] == places[1]
    cleared = {**shown, "action": "save", "partners": "", "locality": "",
               **{k: "" for k in shown if k.startswith("reached_")}}
    assert huda.post("/admin/events/open-individuals/edit", **cleared).status_code == 303
    assert not {"reached", "partners", "locality"} & set(file_data(content, OPEN_FILE))


def test_an_edit_cannot_move_the_start_only_a_postponement_can(app, staff, content):
    huda = staff("huda")
    values = fields_of(huda.client.get("/admin/events/open-individuals/edit").get_data(as_text=True))
    before = head(content)
    for moved in ({"start_date": "2026-12-20"}, {"start_time": "09:00"}):
        answer = huda.post("/admin/events/open-individuals/edit", **{**values, **moved, "action": "save"})
        assert answer.status_code == 422
        assert "تأجيل الفعالية" in error_beside(answer.get_data(as_text=True), "start_date")
        assert fields_of(answer.get_data(as_text=True)) | moved == fields_of(answer.get_data(as_text=True))
    assert head(content) == before
