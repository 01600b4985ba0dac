"""4W/5W records beyond partner reports reach the public figures through the real path:
a coordinator's own held event with its record in its file (people by group, partners, locality)
and the attendance she marks for a registered event (each person in the group she gave on the
registration form, «للإحصاءات فقط») are counted by `flask export-figures`, survive the purge of
the registrations, and the built site shows them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from support.admin import register
from support.forms import Visitor
from support.site_build import mkdocs_build
from support.store import developer_commit, git, head_files

from forms_service.extensions import db
from forms_service.models import Participant, Registration
from forms_service.services.registrations import Person
from tawasul.figures.aggregate import ActivityRecord, governorates_with_centres, publishable
from tawasul.loader import load_catalogue

AFTER_THE_EVENTS = "2026-12-31"
LOCALITIES = "- {id: 284194, name: برقين, governorate: jenin, lat: 32.4546, lon: 35.2608}\n"
OWN_EVENT = """title: لقاء توعوي في برقين
type: awareness_meeting
start: 2026-10-14 10:00
end: 2026-10-14 12:00
centre: jenin
venue: {name: قاعة البلدية, address: برقين}
audience: النساء والفتيات
summary: لقاء عن خدمات المركز.
reached: {female_adult: 31, female_under_18: 12, male_adult: 3}
partners: [بلدية برقين, جمعية نساء برقين]
locality: برقين
"""
# What the export must count, written out by hand: the own event's record, and per registered
# event the people marked present who gave a group (the others attended, in no group).
EXPECTED = [
    ActivityRecord("jenin", "awareness_meeting", date(2026, 10, 14),
                   {("female", "adult"): 31, ("female", "under_18"): 12, ("male", "adult"): 3},
                   ("بلدية برقين", "جمعية نساء برقين")),
    ActivityRecord("jenin", "workshop", date(2026, 12, 8), {("female", "adult"): 1}),
    ActivityRecord("jenin", "workshop", date(2026, 12, 8), {("female", "under_18"): 1}),
]


@pytest.fixture
def held(app, staff, content, monkeypatch):
    """Registrations through the public form, attendance marked in the coordinator area, then the
    event's own record written into the content (as the event editor will write it)."""
    her = Visitor(app.test_client())
    assert her.register("open-individuals", name="سلمى", people_group="female_adult").status_code == 303
    assert her.register("open-individuals", name="هالة", contact="0599 123 457").status_code == 303
    assert her.register("open-both", name="رنا", contact="0599 123 458", people_group="female_under_18").status_code == 303
    register(app, "open-both", "منسقة", "+970599100001", seats=3, organisation="جمعية النهضة",
             people=(Person("وفاء"), Person("هبة"), Person("دعاء")))
    huda = staff("huda")
    with app.app_context():
        references = {r.name: r.reference for r in db.session.scalars(select(Registration))}
        people = {p.name: p.id for p in db.session.scalars(select(Participant))}
    for name in ("سلمى", "هالة", "رنا"):
        assert huda.post(f"/admin/registrations/{references[name]}/attended", attended="1").status_code == 303
    for name in ("وفاء", "هبة"):
        assert huda.post(f"/admin/participants/{people[name]}/attended", attended="1").status_code == 303
    # Committed to the content repository, as the event editor's save will (the export reads commits).
    developer_commit(content, "content/data/localities.yml", LOCALITIES, "البلدات")
    developer_commit(content, "events/2026/barqin-meeting.yml", OWN_EVENT, "سجل لقاء برقين")
    monkeypatch.setenv("TAWASUL_TODAY", AFTER_THE_EVENTS)
    return app


def _export(app) -> str:
    result = app.test_cli_runner().invoke(args=["export-figures", "2026"])
    assert result.exit_code == 0, result.output
    return result.output


def test_own_records_and_attendance_are_counted_suppressed(held, content):
    said = _export(held)
    assert "from 3 activities (0 approved reports, 1 event records, 2 from attendance; 3 attendees without a group)" in said
    catalogue = load_catalogue(content)
    figures = catalogue.figures[2026]
    expected, _ = publishable(EXPECTED, 2026, governorates_with_centres(catalogue))
    assert figures.cells() == expected
    jenin = figures.governorates["jenin"]
    assert jenin.reached.female.under_18 == 12 + 1 and jenin.reached.total.total == 46 + 2
    assert jenin.events.total == "<5" and jenin.reached.male.adult == "<5"  # 3 events, 3 men: never printed
    assert jenin.reached.female.total == "withheld"  # 48 - 45 would give the 3 men away
    text = (content / "content/data/figures/2026.yml").read_text(encoding="utf-8")
    for private in ("سلمى", "هالة", "رنا", "وفاء", "جمعية النهضة"):
        assert private not in text


def test_an_unheld_or_cancelled_event_with_a_record_is_not_counted(held, content, monkeypatch):
    monkeypatch.setenv("TAWASUL_TODAY", "2026-10-13")  # the day before the meeting
    assert "(0 approved reports, 0 event records, 0 from attendance" in _export(held)
    monkeypatch.setenv("TAWASUL_TODAY", AFTER_THE_EVENTS)
    # A cancelled event cannot carry a record at all: the content check refuses it.
    developer_commit(content, "events/2026/barqin-meeting.yml", OWN_EVENT + "status: cancelled\n")
    result = held.test_cli_runner().invoke(args=["export-figures", "2026"])
    assert result.exit_code != 0
    assert "events/2026/barqin-meeting.yml: reached: الفعالية ملغاة فلا يُسجَّل لها عدد المشاركين" in result.output


def test_attendance_counts_outlive_the_purge(held, content, monkeypatch):
    _export(held)
    before = load_catalogue(content).figures[2026].cells()
    monkeypatch.setenv("TAWASUL_TODAY", "2027-06-01")
    assert held.test_cli_runner().invoke(args=["purge-registrations"]).exit_code == 0
    with held.app_context():
        assert db.session.scalars(select(Registration)).all() == []
    assert "2 from attendance; 3 attendees without a group" in _export(held)
    assert load_catalogue(content).figures[2026].cells() == before


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_built_site_shows_the_record_and_the_figures(held, content, tmp_path):
    _export(held)
    small = OWN_EVENT.replace("reached: {female_adult: 31, female_under_18: 12, male_adult: 3}", "reached: {female_adult: 3}")
    developer_commit(content, "events/2026/small-meeting.yml", small)
    site = tmp_path / "built"
    result = mkdocs_build(site, today=AFTER_THE_EVENTS, content_root=content)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "events/barqin-meeting/index.html").read_text(encoding="utf-8"), "html.parser")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in page.select("dl.tw-facts dt")}
    assert facts["البلدة"] == "برقين"
    assert facts["بالشراكة مع"] == "بلدية برقين، جمعية نساء برقين"
    assert facts["عدد المشاركين والمشاركات"] == "46"
    small_page = BeautifulSoup((site / "events/small-meeting/index.html").read_text(encoding="utf-8"), "html.parser")
    [count] = [dt.find_next_sibling("dd").get_text(strip=True) for dt in small_page.select("dl.tw-facts dt")
               if dt.get_text(strip=True) == "عدد المشاركين والمشاركات"]
    assert count == "أقل من 5"  # three women: never printed, not even for one event
    upcoming = BeautifulSoup((site / "events/open-both/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "عدد المشاركين والمشاركات" not in upcoming.get_text()  # no record: nothing said
    figures = BeautifulSoup((site / "achievements/2026/jenin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "46" not in [td.get_text(strip=True) for td in figures.select("table.tw-figures td")]  # per event only
    assert "48" in [td.get_text(strip=True) for td in figures.select("table.tw-figures td")]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a build: any database
def test_publishing_exports_this_years_figures_first(held, staff, content):
    """«نشر الموقع الآن» brings the year's figures up to date first (a commit by the export), then
    the publish worker builds the tip: attendance marked since the last publish is on the public
    page without anyone running export-figures."""
    from forms_service.content import publisher

    before = git(content, "rev-parse", "HEAD")
    huda = staff("huda")
    answer = huda.post("/admin/publish")
    assert answer.status_code == 303
    tip = git(content, "rev-parse", "HEAD")
    assert tip != before and answer.headers["Location"].endswith(f"/admin/publishing?commit={tip}")
    assert git(content, "log", "-1", "--format=%an|%s") == "تصدير الأرقام السنوية|الأرقام السنوية لعام 2026 من سجلات الأنشطة"
    assert head_files(content) == ["content/data/figures/2026.yml"]
    with held.app_context():
        worker = publisher()
        assert worker.build_once()  # what the running worker does with the new tip
        assert worker.outcome(tip).label == "نُشر", worker.outcome(tip).error
    site = Path(held.config["SITE_DIR"])
    page = BeautifulSoup((site / "achievements/2026/jenin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "48" in [td.get_text(strip=True) for td in page.select("table.tw-figures td")]
    # Publishing again with nothing new makes no commit.
    assert huda.post("/admin/publish").status_code == 303
    assert git(content, "rev-parse", "HEAD") == tip


def test_publishing_leaves_sample_figures_alone(held, content):
    """A year whose file holds sample figures (made from sample records) is not overwritten by the
    publishing path; nor does a year without records get a file of zeros."""
    from forms_service.content import writer
    from forms_service.services.figures_export import export_author, refresh

    sample = content / "content/data/figures/2026.yml"
    with held.app_context():
        assert refresh(writer(), 2026, export_author())  # the first time: committed from the records
        text = sample.read_text(encoding="utf-8").replace("sample: false", "sample: true")
        if "sample: true" not in text:
            text = text.replace("year: 2026\n", "year: 2026\nsample: true\n")
        developer_commit(content, "content/data/figures/2026.yml", text, "أرقام العيّنة")
        assert not refresh(writer(), 2026, export_author())
        assert not refresh(writer(), 2025, export_author())
    assert sample.read_text(encoding="utf-8") == text
    assert not (content / "content/data/figures/2025.yml").exists()
