"""iCalendar files (RFC 5545), written with the `icalendar` library: one per event (the
«أضيفي إلى التقويم» download) and subscribable feeds of all events, each governorate and each
centre.

Rules kept here, because calendar apps are unforgiving:
- each event's VEVENT comes from the one writer, tawasul.ical (stable UID, SEQUENCE, STATUS),
  shared with her personal .ics from the form service;
- timed events carry TZID=Asia/Hebron (or Asia/Gaza) with a matching VTIMEZONE;
- all-day and multi-day events use DATE values and an exclusive DTEND (the day after the end);
- cancelled events stay in the feed with STATUS:CANCELLED so subscribers see the cancellation;
  postponed ones carry their new date and a higher SEQUENCE;
- only public fields: what the event page shows.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Iterator

import icalendar

from .. import dates, ical
from ..schema import EVENT_TYPE_NAMES, Event
from . import addresses
from .plaintext import plain_text
from .render import GeneratedFile, SiteContext, url_of

PRODID = "-//Tawasul//Tawasul site//AR"
# Subscribed calendars keep the last year of events; older ones stay on the site's archive.
FEED_HISTORY = timedelta(days=365)
REFRESH = timedelta(hours=12)


def event_uid(ctx: SiteContext, event: Event) -> str:
    return ical.uid(event)


def description(ctx: SiteContext, event: Event) -> str:
    cat = ctx.catalogue
    lines = [event.summary]
    details = plain_text(event.description)
    if details:
        lines += ["", details]
    lines.append("")
    if event.is_cancelled:
        lines.append("أُلغيت هذه الفعالية.")
    elif event.is_postponed:
        lines.append(f"أُجّلت هذه الفعالية؛ كانت مقررة في {dates.moment(event.previous_start)}.")
    lines.append(f"النوع: {EVENT_TYPE_NAMES[event.type]}")
    lines.append(f"الفئة المستهدفة: {event.audience}")
    centre = cat.centres.get(event.centre)
    lines.append(f"الجهة المنظِّمة: {centre.name if centre else ctx.settings.site_name + ' – ' + cat.governorate_of(event).name}")
    if event.registration and not event.is_cancelled:
        reg = event.registration
        lines.append(f"التسجيل: من {dates.long_date(reg.opens)} إلى {dates.long_date(reg.closes)}، عبر صفحة الفعالية.")
    lines.append(f"التفاصيل: {ctx.absolute(url_of(f'events/{event.slug}.md'))}")
    return "\n".join(lines)


def vevent(ctx: SiteContext, event: Event) -> icalendar.Event:
    return ical.vevent(ctx.catalogue, event, stamp=ctx.built_at, summary=event.title,
                       description=description(ctx, event), url=ctx.absolute(f"events/{event.slug}/"),
                       categories=[EVENT_TYPE_NAMES[event.type]])


def zone_span(ctx: SiteContext) -> tuple[date, date]:
    """The years every VTIMEZONE of a build covers: all events, a month before, a year after.

    One span for every file, because some readers (vobject, for one) keep the first VTIMEZONE
    they meet for a TZID and apply it to later files; the full 1970–2038 history would add ~10 KB
    to each file."""
    days = [ctx.today] + [d for e in ctx.catalogue.events.values() for d in (e.start_date, e.end_date)]
    return min(days) - timedelta(days=31), max(days) + timedelta(days=366)


@lru_cache(maxsize=None)
def vtimezone(zone: str, span: tuple[date, date]) -> icalendar.Timezone:
    """Built once per zone and build: every calendar of the build carries the same VTIMEZONE."""
    return icalendar.Timezone.from_tzid(zone, first_date=span[0], last_date=span[1])


@lru_cache(maxsize=None)
def _vtimezone_text(zone: str, span: tuple[date, date]) -> bytes:
    return vtimezone(zone, span).to_ical()


# Where the build's moment goes in a kept calendar text: the rest of it depends only on content.
_STAMP = "DTSTAMP:{built_at}"


class Components:
    """Each event's VEVENT, made and serialised once: an event appears in up to four calendars,
    and serialising (line folding above all) is most of what writing a calendar costs. Kept
    across builds (ctx.memo) without the build's moment, which is put back in each time.

    Also what every calendar of the build shares: the folding of each distinct content line
    (most lines of 2,000 calendars repeat: PRODID, DTSTAMP, STATUS…), and each calendar's own
    lines but for its name, UID and address."""

    # The calendar's lines that differ from one calendar to another (Calendar.new's name, uid, url).
    OWN = ("NAME", "X-WR-CALNAME", "UID", "URL")

    def __init__(self, ctx: SiteContext):
        self.ctx = ctx
        self._made: dict[str, bytes] = {}
        self._stamp = "DTSTAMP:" + icalendar.vDatetime(ctx.built_at).to_ical().decode()
        self._folded: dict[str, bytes] = {}
        self._heads: dict[str, list] = {}

    def kept(self, parts, make) -> bytes:
        """`make()`'s calendar text, made once per set of inputs (`parts()`) over builds."""
        if not self.ctx.memo.keeps:
            return make()
        text = self.ctx.memo(parts(), lambda: self._without_stamp(make().decode()))
        return text.replace(_STAMP, self._stamp).encode()

    def _without_stamp(self, text: str) -> str:
        if self._stamp not in text:  # a kept text would carry an earlier build's moment
            raise ValueError(f"calendar text without {self._stamp}")
        return text.replace(self._stamp, _STAMP)

    def __call__(self, event: Event) -> bytes:
        if event.slug not in self._made:
            self._made[event.slug] = self.kept(lambda: ["vevent", self.ctx.event_inputs(event)],
                                               lambda: self.text(vevent(self.ctx, event).content_lines()))
        return self._made[event.slug]

    def text(self, lines) -> bytes:
        """What `Contentlines.to_ical()` gives, each distinct line folded once (ical.folded)."""
        folded = self._folded
        return b"".join((folded.get(line) or folded.setdefault(line, ical.folded(line))) + b"\r\n"
                        for line in lines if line)

    def head(self, name: str, uid: str, url: str, zone: str) -> bytes:
        """A VCALENDAR's own lines up to its END (time zones and events go before that): the
        lines every calendar with this default zone shares are made once."""
        if zone not in self._heads:
            shared = _calendar(self.ctx, "-", "-", "-", zone)
            self._heads[zone] = [(key, None if key in self.OWN else shared.content_line(key, value))
                                 for key, value in shared.property_items() if key != "END"]
        own = icalendar.Calendar.new(name=name, uid=uid, url=url)
        return self.text(line if line is not None else own.content_line(key, own[key])
                         for key, line in self._heads[zone])


def _calendar(ctx: SiteContext, name: str, uid: str, url: str, zone: str) -> icalendar.Calendar:
    """A VCALENDAR without components: `name` becomes X-WR-CALNAME (Arabic), `zone` its default
    zone (an empty calendar still carries it: RFC 5545 wants one component)."""
    cal = icalendar.Calendar.new(
        name=name, prodid=PRODID, uid=uid, url=url, method="PUBLISH", calscale="GREGORIAN",
        refresh_interval=REFRESH, description=f"تقويم يُحدَّث تلقائياً من موقع {ctx.settings.site_name}.",
    )
    cal["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986 requires the value type
    cal.add("X-WR-TIMEZONE", zone)
    cal.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))  # the older, widely read spelling
    return cal


_END = b"END:VCALENDAR\r\n"


def calendar(ctx: SiteContext, name: str, uid: str, page_url: str, events: Iterable[Event],
             span: tuple[date, date], zone: str = "Asia/Hebron", make: Components | None = None) -> bytes:
    """A whole VCALENDAR (`_calendar`) with the VTIMEZONEs and VEVENTs of `events`. `make` gives
    an event's VEVENT as text (a `Components` shares them between calendars)."""
    make = make or Components(ctx)
    events = list(events)
    zones = {zone} | {str(ctx.catalogue.governorate_of(e).tz) for e in events if not e.all_day}
    # The calendar's own lines, then its components' ready-made text, exactly where to_ical()
    # would put them: time zones first, then events.
    head = make.head(name, f"{uid}@{ical.UID_DOMAIN}", ctx.absolute(page_url), zone)
    body = b"".join([_vtimezone_text(used, span) for used in sorted(zones)] + [make(event) for event in events])
    return head + body + _END


def files(ctx: SiteContext) -> Iterator[GeneratedFile]:
    cat = ctx.catalogue
    since = ctx.today - FEED_HISTORY
    recent = [e for e in cat.sorted_events() if e.end_date >= since]
    span = zone_span(ctx)
    make = Components(ctx)

    yield GeneratedFile(addresses.ALL_EVENTS_ICS, calendar(
        ctx, f"فعاليات {ctx.settings.site_name}", "events-all", "events/", recent, span, make=make))
    for gov in cat.governorates.values():
        events = [e for e in recent if cat.governorate_of(e).slug == gov.slug]
        yield GeneratedFile(addresses.governorate_ics(gov), calendar(
            ctx, f"فعاليات {ctx.settings.site_name} – {gov.name}", f"events-governorate-{gov.slug}",
            addresses.governorate_list(gov), events, span, zone=str(gov.tz), make=make))
    for centre in cat.centres.values():
        events = [e for e in recent if e.centre == centre.slug]
        yield GeneratedFile(addresses.centre_ics(centre), calendar(
            ctx, f"فعاليات {centre.name}", f"events-centre-{centre.slug}", f"centres/{centre.slug}/",
            events, span, zone=str(cat.governorates[centre.governorate].tz), make=make))
    for event in cat.sorted_events():
        zone = str(cat.governorate_of(event).tz)
        yield GeneratedFile(addresses.event_ics(event), make.kept(
            lambda: ["event-calendar", ctx.event_inputs(event), span, zone],
            lambda: calendar(ctx, event.title, f"calendar-{event.slug}", f"events/{event.slug}/", [event], span,
                             zone=zone, make=make)))
