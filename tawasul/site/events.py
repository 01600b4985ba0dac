from .render import SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    upcoming, past = cat.upcoming(ctx.today), cat.past(ctx.today)
    governorates = [g for g in cat.governorates.values() if cat.events_where(governorate=g.slug)]
    yield ctx.page("events/index.md", "events_list.md.j2", title="الفعاليات القادمة", events=upcoming,
                   governorates=governorates, empty="لا فعاليات قادمة معلنة حالياً.")
    yield ctx.page("events/archive.md", "events_list.md.j2", title="أرشيف الفعاليات", events=past,
                   governorates=governorates, empty="لا فعاليات سابقة بعد.")
    for gov in governorates:
        events = cat.events_where(governorate=gov.slug)
        yield ctx.page(f"events/governorates/{gov.slug}.md", "events_list.md.j2",
                       title=f"فعاليات محافظة {gov.name}", governorates=governorates,
                       events=[e for e in events if e.end_date >= ctx.today],
                       past=[e for e in reversed(events) if e.end_date < ctx.today],
                       empty="لا فعاليات قادمة في هذه المحافظة حالياً.")
    for event in cat.events.values():
        yield ctx.page(f"events/{event.slug}.md", "event.md.j2", event=event,
                       governorate=cat.governorate_of(event),
                       centre=cat.centres.get(event.centre),
                       campaign=cat.campaigns.get(event.campaign),
                       occasion=cat.occasions.get(event.occasion),
                       registration_open=cat.open_for_registration(event, ctx.today))
