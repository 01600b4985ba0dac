"""The .ics file offered on her confirmation page (icalendar; local times with TZID)."""
from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event as VEvent

from tawasul.catalogue import Catalogue
from tawasul.schema import Event


def event_ics(catalogue: Catalogue, event: Event, reference: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Tawasul//forms//AR")
    cal.add("version", "2.0")
    item = VEvent()
    item.add("uid", f"{reference}@tawasul")
    item.add("summary", event.title)
    item.add("location", f"{event.venue.name}، {event.venue.address}")
    item.add("description", event.summary)
    item.add("dtstamp", datetime.now().astimezone())
    if event.all_day:
        item.add("dtstart", event.start)
        item.add("dtend", event.end + timedelta(days=1))  # DTEND of a date is exclusive
    else:
        item.add("dtstart", catalogue.aware(event, event.start))
        item.add("dtend", catalogue.aware(event, event.end))
    cal.add_component(item)
    cal.add_missing_timezones()  # a VTIMEZONE for Asia/Hebron or Asia/Gaza
    return cal.to_ical()
