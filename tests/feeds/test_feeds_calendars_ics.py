"""Every .ics the build writes is read back by two independent consumers (icalendar and
vobject), and the calendar rules hold for real sample events: time zone, all-day and multi-day
(exclusive DTEND), cancelled, postponed, summer time, stable UIDs, only public fields."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from site_build import mkdocs_build
from feeds_helpers import links_of

ALLOWED_EVENT_PROPERTIES = {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION",
                            "URL", "STATUS", "SEQUENCE", "CATEGORIES"}


def vobject_read(path: Path):
    """vobject keeps the first VTIMEZONE it meets for a TZID and reuses it for every later file;
    forget them so each file is read with its own VTIMEZONE, as a calendar app reads one feed."""
    zones = vobject.icalendar.__dict__["__tzidMap"]
    for tzid in [z for z in zones if z != "UTC"]:
        del zones[tzid]
    return vobject.readOne(path.read_text(encoding="utf-8"))


def ics_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def read(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def event_of(site: Path, slug: str) -> icalendar.Event:
    (event,) = read(site / f"events/{slug}/{slug}.ics").walk("VEVENT")
    return event


def vevent_of(site: Path, slug: str):
    return vobject_read(site / f"events/{slug}/{slug}.ics").vevent


def test_every_ics_parses_with_icalendar_and_vobject(feeds_site):
    files = ics_files(feeds_site)
    # all events + 3 governorates + 1 centre + one file per event (7)
    assert len(files) == 1 + 3 + 1 + 7
    for path in files:
        cal = read(path)
        assert cal["VERSION"] == "2.0" and cal["PRODID"]
        assert cal["X-WR-CALNAME"] and any("\u0600" <= ch <= "\u06ff" for ch in str(cal["X-WR-CALNAME"])), path
        parsed = vobject_read(path)
        assert parsed.name == "VCALENDAR"
        for event in parsed.contents.get("vevent", []):
            assert event.dtstart.value and event.dtend.value and event.uid.value


def test_sample_site_calendars_parse_too(sample_site):
    files = ics_files(sample_site)
    assert (sample_site / "events/feeds/all.ics") in files
    for path in files:
        read(path)
        vobject_read(path)


def test_timed_event_uses_asia_hebron_with_a_vtimezone(feeds_site):
    event = event_of(feeds_site, "future-workshop")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Asia/Hebron"
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (datetime(2026, 12, 8, 10), datetime(2026, 12, 8, 13))
    assert start.utcoffset() == timedelta(hours=2)  # winter: EET
    cal = read(feeds_site / "events/future-workshop/future-workshop.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Hebron"]
    # the second consumer works out the same instant from the VTIMEZONE alone
    assert vevent_of(feeds_site, "future-workshop").dtstart.value.utcoffset() == timedelta(hours=2)


def test_summer_event_gets_the_summer_offset_from_both_consumers(feeds_site):
    event = event_of(feeds_site, "summer-meeting")
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=3)
    assert vevent_of(feeds_site, "summer-meeting").dtstart.value.utcoffset() == timedelta(hours=3)


def test_all_day_event_has_an_exclusive_date_end_and_the_gaza_zone(feeds_site):
    event = event_of(feeds_site, "gaza-all-day-meeting")
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == date(2026, 12, 14)
    assert event.decoded("DTEND") == date(2026, 12, 15)  # the day after: DTEND is exclusive
    assert vevent_of(feeds_site, "gaza-all-day-meeting").dtend.value == date(2026, 12, 15)
    cal = read(feeds_site / "events/feeds/governorates/gaza.ics")
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Gaza"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Gaza"]


def test_multi_day_event_ends_the_day_after_its_last_day(feeds_site):
    event = event_of(feeds_site, "embroidery-exhibition")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 12, 1), date(2026, 12, 4))


def test_cancelled_event_stays_in_the_feed_as_cancelled(feeds_site):
    event = event_of(feeds_site, "cancelled-training")
    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) >= 1
    feed_uids = {str(e["UID"]): e for e in read(feeds_site / "events/feeds/all.ics").walk("VEVENT")}
    assert feed_uids[str(event["UID"])]["STATUS"] == "CANCELLED"


def test_postponed_event_carries_its_new_date_and_says_so(feeds_site):
    event = event_of(feeds_site, "postponed-workshop")
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 1, 12, 10)
    assert event["STATUS"] == "CONFIRMED" and int(event["SEQUENCE"]) == 1
    assert "أُجّلت" in str(event["DESCRIPTION"])


def test_uids_are_stable_and_shared_by_the_page_file_and_the_feeds(feeds_site, feeds_content, tmp_path):
    again = tmp_path / "again"
    assert mkdocs_build(again, content_root=feeds_content).returncode == 0
    for site in (feeds_site, again):
        single = event_of(site, "future-workshop")
        assert str(single["UID"]) == "event-future-workshop@tawasul.calendar"
        for feed in ("events/feeds/all.ics", "events/feeds/governorates/jenin.ics", "events/feeds/centres/jenin.ics"):
            assert str(single["UID"]) in {str(e["UID"]) for e in read(site / feed).walk("VEVENT")}


def test_every_event_has_dtstamp_location_url_and_plain_text_description(feeds_site):
    for path in ics_files(feeds_site):
        for event in read(path).walk("VEVENT"):
            assert set(event.keys()) <= ALLOWED_EVENT_PROPERTIES, path  # public fields only
            assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
            assert str(event["URL"]).startswith("http://127.0.0.1:8000/events/")
            assert str(event["LOCATION"])
            text = str(event["DESCRIPTION"])
            assert "<" not in text and "**" not in text, path  # Markdown and HTML become text
    description = event_of(feeds_site, "embroidery-exhibition")["DESCRIPTION"]
    assert "أثواباً مطرزة" in description and "- ركن للتعاونيات" in description


@pytest.mark.parametrize("feed, slugs", [
    ("events/feeds/governorates/gaza.ics", {"gaza-all-day-meeting"}),
    ("events/feeds/governorates/nablus.ics", {"embroidery-exhibition", "past-meeting"}),
    ("events/feeds/centres/jenin.ics", {"future-workshop", "cancelled-training", "summer-meeting", "postponed-workshop"}),
])
def test_governorate_and_centre_feeds_hold_their_own_events(feeds_site, feed, slugs):
    uids = {str(e["UID"]) for e in read(feeds_site / feed).walk("VEVENT")}
    assert uids == {f"event-{slug}@tawasul.calendar" for slug in slugs}


@pytest.mark.parametrize("page, href, webcal", [
    ("events/index.html", "feeds/all.ics", "events/feeds/all.ics"),
    ("events/governorates/gaza/index.html", "../../feeds/governorates/gaza.ics", "events/feeds/governorates/gaza.ics"),
    ("centres/jenin/index.html", "../../events/feeds/centres/jenin.ics", "events/feeds/centres/jenin.ics"),
    ("events/future-workshop/index.html", "future-workshop.ics", None),
])
def test_pages_link_to_their_calendars_and_the_links_resolve(feeds_site, page, href, webcal):
    links = links_of(feeds_site / page)
    assert href in links
    assert ((feeds_site / page).parent / href).resolve().is_file()
    if webcal:
        assert f"webcal://127.0.0.1:8000/{webcal}" in links
