"""Caches added for large builds (benchmark findings) give the same answers as the plain code."""
from __future__ import annotations

from datetime import datetime, time

from tawasul import dates
from tawasul.loader import load_catalogue


def test_events_in_order_is_sorted_once_and_each_caller_gets_its_own_list(synthetic_root):
    cat = load_catalogue(synthetic_root)
    expected = sorted(cat.events.values(), key=lambda e: (
        e.start if isinstance(e.start, datetime) else datetime.combine(e.start, time.min), e.slug))
    first = cat.sorted_events()
    assert first == expected
    first.reverse()
    assert cat.sorted_events() == expected
    assert cat.upcoming(dates.date(2026, 11, 29)) == [e for e in expected if e.end_date >= dates.date(2026, 11, 29)]


def test_cached_event_times_match_fresh_formatting(synthetic_root):
    for event in load_catalogue(synthetic_root).events.values():
        fresh = dates.when.__wrapped__(event.start, event.end)
        assert dates.when(event.start, event.end) == fresh
        hits = dates.when.cache_info().hits
        assert dates.when(event.start, event.end) == fresh and dates.when.cache_info().hits == hits + 1


def test_calendar_assembled_from_serialised_parts_is_what_icalendar_writes(synthetic_root):
    """Calendars are assembled from each VEVENT's and VTIMEZONE's text, serialised once per
    build; read back and written whole by icalendar, the bytes must be the same."""
    import icalendar

    from tawasul.site import SiteContext, calendars

    ctx = SiteContext(load_catalogue(synthetic_root), dates.date(2026, 11, 29))
    events = ctx.catalogue.sorted_events()
    gaza = [e for e in events if ctx.catalogue.governorate_of(e).region.value == "gaza" and not e.all_day]
    assert gaza, "the tree should mix time zones"
    text = calendars.calendar(ctx, "كل الفعاليات", "events-all", "events/", events, calendars.zone_span(ctx),
                              make=calendars.Components(ctx))
    parsed = icalendar.Calendar.from_ical(text)
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"] * 2 + ["VEVENT"] * len(events)
    assert parsed.to_ical() == text
