"""Her personal .ics, offered on her page, from the model's one iCalendar writer (tawasul.ical):
the same UID, SEQUENCE and STATUS as the site's entry for the event.

Neutral by default: a calendar often syncs to an account others can see, so the entry says
«موعد», the time and the place, and nothing of the topic or the organiser (guide §5). The
version with the event's title and summary is a second choice she makes knowingly.
"""
from __future__ import annotations

from datetime import datetime, timezone

from tawasul import ical
from tawasul.catalogue import Catalogue
from tawasul.schema import Event

PRODID = "-//Tawasul//forms//AR"
NEUTRAL_TITLE = "موعد"


def event_ics(catalogue: Catalogue, event: Event, detailed: bool = False) -> bytes:
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    if detailed:
        component = ical.vevent(catalogue, event, stamp=stamp, summary=event.title, description=event.summary)
    else:
        component = ical.vevent(catalogue, event, stamp=stamp, summary=NEUTRAL_TITLE)
    return ical.single(component, PRODID)
