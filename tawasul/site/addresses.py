"""Where the generated calendars and feeds live, in one place: pages link to them, the
generators write them, and the README states the all-events address.

Paths are relative to the site root. Event pages are /events/<slug>/, so the calendar and feed
folders sit under names the loader reserves for events (`feeds`, `types`, `governorates`).
"""
from __future__ import annotations

from ..schema import Centre, Event, EventType, Governorate

FEEDS = "events/feeds/"
ALL_EVENTS_ICS = FEEDS + "all.ics"
EVENTS_ATOM = FEEDS + "events.xml"
AWARENESS_ATOM = "awareness/feed.xml"


def event_ics(event: Event) -> str:
    """A single event's calendar file, beside its page, named so a download keeps the slug."""
    return f"events/{event.slug}/{event.slug}.ics"


def governorate_ics(governorate: Governorate) -> str:
    return f"{FEEDS}governorates/{governorate.slug}.ics"


def centre_ics(centre: Centre) -> str:
    return f"{FEEDS}centres/{centre.slug}.ics"


def type_slug(kind: EventType) -> str:
    """Enum values use underscores; URLs use Latin kebab-case."""
    return kind.value.replace("_", "-")


def governorate_list(governorate: Governorate) -> str:
    return f"events/governorates/{governorate.slug}/"


def type_list(kind: EventType) -> str:
    return f"events/types/{type_slug(kind)}/"


def webcal(absolute_url: str) -> str:
    """Calendar apps subscribe (rather than import once) when handed a webcal:// address."""
    return "webcal://" + absolute_url.split("://", 1)[-1]
