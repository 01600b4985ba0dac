from ..schema import EVENT_TYPE_NAMES, EventType
from . import addresses
from .render import LIST_META, SiteContext
from .structured_data import as_script_text, event_jsonld


def registration_state(ctx: SiteContext, event) -> str | None:
    """What the registration box says: open, not yet open, closed — or nothing to say."""
    reg = event.registration
    if reg is None or event.status.value == "cancelled":
        return None
    if ctx.catalogue.open_for_registration(event, ctx.today):
        return "open"
    return "soon" if ctx.today < reg.opens else "closed"


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    upcoming, past = cat.upcoming(ctx.today), cat.past(ctx.today)
    governorates = [g for g in cat.governorates.values() if cat.events_where(governorate=g.slug)]
    types = [t for t in EventType if cat.events_where(type=t)]
    lists = dict(governorates=governorates, types=types, meta=LIST_META)

    def split(events):
        return dict(events=[e for e in events if e.end_date >= ctx.today],
                    past=[e for e in reversed(events) if e.end_date < ctx.today])

    yield ctx.page("events/index.md", "events_list.md.j2", title="الفعاليات القادمة", events=upcoming,
                   feed=addresses.ALL_EVENTS_ICS, feed_name="كل الفعاليات", atom=addresses.EVENTS_ATOM,
                   empty="لا فعاليات قادمة معلنة حالياً.", **lists)
    yield ctx.page("events/archive.md", "events_list.md.j2", title="أرشيف الفعاليات", events=past,
                   empty="لا فعاليات سابقة بعد.", **lists)
    # Every governorate has its list (and calendar), even before its first event: centre pages
    # and subscribed calendars point there. The filter links show only those with events.
    for gov in cat.governorates.values():
        yield ctx.page(f"events/governorates/{gov.slug}.md", "events_list.md.j2",
                       title=f"فعاليات محافظة {gov.name}", feed=addresses.governorate_ics(gov),
                       feed_name=f"فعاليات محافظة {gov.name}",
                       empty="لا فعاليات قادمة في هذه المحافظة حالياً.",
                       **split(cat.events_where(governorate=gov.slug)), **lists)
    for kind in types:
        yield ctx.page(f"events/types/{addresses.type_slug(kind)}.md", "events_list.md.j2",
                       title=f"الفعاليات: {EVENT_TYPE_NAMES[kind]}",
                       empty="لا فعاليات قادمة من هذا النوع حالياً.",
                       **split(cat.events_where(type=kind)), **lists)
    for event in cat.events.values():
        meta = {"search_section": "events", "description": event.summary,
                "jsonld": as_script_text(event_jsonld(ctx, event))}
        yield ctx.page(f"events/{event.slug}.md", "event.md.j2", meta=meta, event=event,
                       governorate=cat.governorate_of(event),
                       centre=cat.centres.get(event.centre),
                       campaign=cat.campaigns.get(event.campaign),
                       occasion=cat.occasions.get(event.occasion),
                       registration=registration_state(ctx, event),
                       ics=addresses.event_ics(event))
