"""The one iCalendar writer (RFC 5545) for an event, used by the site's .ics files and feeds
(tawasul.site.calendars) and by the form service's personal .ics on her page.

Both give an event the same UID, SEQUENCE and STATUS, so adding the site's entry and her own never
duplicates it in her calendar, and a cancellation or postponement updates the entry she has:
- the UID's domain is a fixed setting, not the site's host: moving the site must not make every
  subscriber's calendar see new events;
- SEQUENCE grows with each change a calendar must notice (a new date, a cancellation);
- a cancelled event stays, with STATUS:CANCELLED.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

from .catalogue import Catalogue
from .schema import Event

# Stable for the life of the project (guide §1: one home). Changing it duplicates every event
# in every calendar that ever added one.
UID_DOMAIN = "tawasul.calendar"

# Beside every «أضيفي إلى التقويم», on the site and on her page: an entry may be seen by others.
SYNC_WARNING = "تنبيه: التقويم على الهاتف يُزامَن غالباً مع حساب قد يطّلع عليه غيركِ."


def uid(event: Event) -> str:
    return f"event-{event.slug}@{UID_DOMAIN}"


def sequence(event: Event) -> int:
    """Bumped by each change a subscriber must notice: a new date, a cancellation."""
    return event.times_postponed + int(event.is_cancelled)


def span(catalogue: Catalogue, event: Event) -> tuple[date | datetime, date | datetime]:
    if event.all_day:
        return event.start, event.end + timedelta(days=1)  # DTEND of a DATE event is exclusive
    return catalogue.aware(event, event.start), catalogue.aware(event, event.end)


def location(event: Event) -> str:
    return event.venue.line


def vevent(catalogue: Catalogue, event: Event, *, stamp: datetime, summary: str, description: str | None = None,
           url: str | None = None, categories: list[str] | None = None) -> icalendar.Event:
    """An event's VEVENT. The caller chooses what it tells (title, description, link); the
    identity, times, place and state are always the same."""
    start, end = span(catalogue, event)
    cancelled = event.is_cancelled
    details = {"description": description, "url": url, "categories": categories}
    return icalendar.Event.new(
        uid=uid(event), stamp=stamp, start=start, end=end, location=location(event),
        summary=("أُلغيت: " if cancelled else "") + summary,
        status=icalendar.enums.STATUS.CANCELLED if cancelled else icalendar.enums.STATUS.CONFIRMED,
        sequence=sequence(event), **{k: v for k, v in details.items() if v})


def single(component: icalendar.Event, prodid: str) -> bytes:
    """A calendar file holding one event, with the VTIMEZONE its local times need."""
    cal = icalendar.Calendar.new(prodid=prodid, method="PUBLISH")
    cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


# RFC 5545 folding as icalendar 7 does it (Contentline.to_ical(): a line is cut before the octet
# that would make it 75, between UTF-8 characters, and a cut never leaves a `\` or `^` escape at
# the end of a line), computed on the encoded line: icalendar encodes each character on its own,
# which was most of a calendar's cost. tests/feeds/test_feeds_folding.py compares the two.
_WIDTH = 74
_FOLD = b"\r\n "


def folded(line: str) -> bytes:
    """What `icalendar.parser.Contentline(line).to_ical()` gives."""
    data = line.encode("utf-8")
    if len(data) <= _WIDTH:
        return data
    if "\n" in line:  # not a content line: icalendar refuses it
        return icalendar.parser.Contentline(line).to_ical()
    pieces, start = [], 0
    while len(data) - start > _WIDTH:
        end = start + _WIDTH
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if data[end - 1] in b"\\^":  # keep an escape with what it escapes (a piece has 71+ octets)
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return _FOLD.join(pieces)
