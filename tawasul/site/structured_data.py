"""schema.org `Event` JSON-LD for event pages: what search engines and calendar helpers read.

Timed events carry their UTC offset (local time in Asia/Hebron or Asia/Gaza); all-day events a
plain date, as schema.org allows.
"""
from __future__ import annotations

import json
from datetime import date, datetime

from ..schema import Event, EventStatus
from .calendars import SITE_NAME
from .plaintext import plain_text
from .render import SiteContext

SCHEMA = "https://schema.org/"
STATUS = {
    EventStatus.scheduled: "EventScheduled",
    EventStatus.cancelled: "EventCancelled",
    EventStatus.postponed: "EventRescheduled",  # postponed *with* a new date is "rescheduled"
}


def _iso(ctx: SiteContext, event: Event, value: date | datetime) -> str:
    if isinstance(value, datetime):
        return ctx.catalogue.aware(event, value).isoformat()
    return value.isoformat()


def event_jsonld(ctx: SiteContext, event: Event) -> dict:
    cat = ctx.catalogue
    governorate = cat.governorate_of(event)
    centre = cat.centres.get(event.centre)
    organizer = {"@type": "Organization", "name": centre.name if centre else f"{SITE_NAME} – {governorate.name}",
                 "url": ctx.absolute(f"centres/{centre.slug}/" if centre else "")}
    if event.organiser:  # a partner's activity: the partner organised it
        organizer = {"@type": "Organization", "name": event.organiser}
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": " ".join(filter(None, [event.summary, plain_text(event.description)])),
        "startDate": _iso(ctx, event, event.start),
        "endDate": _iso(ctx, event, event.end),
        "eventStatus": SCHEMA + STATUS[event.status],
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": event.venue.name,
            "address": {"@type": "PostalAddress", "streetAddress": event.venue.address,
                        "addressRegion": governorate.name, "addressCountry": "PS"},
        },
        "organizer": organizer,
        "audience": {"@type": "Audience", "audienceType": event.audience},
        "inLanguage": "ar",
        "url": ctx.absolute(f"events/{event.slug}/"),
    }
    if event.previous_start is not None:
        data["previousStartDate"] = _iso(ctx, event, event.previous_start)
    return data


def as_script_text(data: dict) -> str:
    """JSON safe inside <script type="application/ld+json">: no `</script>` can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
