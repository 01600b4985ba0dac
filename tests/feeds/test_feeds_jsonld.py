"""schema.org Event JSON-LD on every event page: it parses, and carries the fields search
engines read, with UTC offsets, the status, the place and the organiser."""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta

import pytest
from support.html import soup_of
from support.site_build import mkdocs_build

SCHEMA = "https://schema.org/"


def event_pages(site) -> list:
    return [p for p in (site / "events").glob("*/index.html")
            if p.parent.name not in {"archive", "governorates", "types", "feeds"}]


def jsonld(site, slug: str) -> dict:
    scripts = soup_of(site / f"events/{slug}/index.html").head.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_every_event_page_of_the_sample_site_has_complete_jsonld(sample_site):
    pages = event_pages(sample_site)
    assert len(pages) >= 10
    for page in pages:
        data = jsonld(sample_site, page.parent.name)
        assert (data["@context"], data["@type"]) == ("https://schema.org", "Event")
        for field in ("name", "startDate", "endDate", "location", "eventStatus", "eventAttendanceMode", "organizer", "url"):
            assert data[field], (page, field)
        assert data["location"]["@type"] == "Place" and data["location"]["address"]["streetAddress"]
        assert data["url"] == f"http://127.0.0.1:8000/events/{page.parent.name}/"


def test_timed_event_dates_carry_their_utc_offset(feeds_site):
    data = jsonld(feeds_site, "future-workshop")
    start, end = datetime.fromisoformat(data["startDate"]), datetime.fromisoformat(data["endDate"])
    assert start.utcoffset() == timedelta(hours=2) and start.hour == 10 and end.hour == 13
    assert datetime.fromisoformat(jsonld(feeds_site, "summer-meeting")["startDate"]).utcoffset() == timedelta(hours=3)
    assert data["organizer"] == {"@type": "Organization", "name": "مركز تواصل جنين",
                                 "url": "http://127.0.0.1:8000/centres/jenin/"}
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"


def test_all_day_events_use_dates(feeds_site):
    data = jsonld(feeds_site, "embroidery-exhibition")
    assert (data["startDate"], data["endDate"]) == ("2026-12-01", "2026-12-03")
    assert data["location"]["address"]["addressRegion"] == "نابلس"
    assert data["organizer"]["name"] == "مراكز تواصل – نابلس"  # no centre: the governorate's


@pytest.mark.parametrize("slug, status", [("future-workshop", "EventScheduled"),
                                          ("cancelled-training", "EventCancelled"),
                                          ("postponed-workshop", "EventRescheduled")])
def test_event_status(feeds_site, slug, status):
    assert jsonld(feeds_site, slug)["eventStatus"] == SCHEMA + status


def test_postponed_event_has_its_previous_start(feeds_site):
    data = jsonld(feeds_site, "postponed-workshop")
    assert data["previousStartDate"] == "2026-12-15T10:00:00+02:00"
    assert data["startDate"] == "2027-01-12T10:00:00+02:00"
    assert "previousStartDate" not in jsonld(feeds_site, "future-workshop")


def test_jsonld_cannot_close_its_script_early(feeds_content, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(feeds_content, root)
    event = root / "events/2026/past-meeting.yml"
    event.write_text(event.read_text(encoding="utf-8").replace("summary: ملخص.", "summary: 'ملخص </script><b>x</b>'"),
                     encoding="utf-8")
    assert mkdocs_build(tmp_path / "site", content_root=root).returncode == 0
    assert jsonld(tmp_path / "site", "past-meeting")["description"].startswith("ملخص </script><b>x</b>")


def test_event_page_stays_small(sample_site):
    """Guide §6: ≤ 20 KB of HTML per event page, JSON-LD included."""
    assert max(p.stat().st_size for p in event_pages(sample_site)) <= 20 * 1024
