from .render import SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    dated = sorted(((o, *o.next_dates(ctx.today)) for o in cat.occasions.values()), key=lambda row: row[1])
    yield ctx.page("occasions/index.md", "occasions_index.md.j2", occasions=dated)
    for occasion, start, end in dated:
        events = [e for e in cat.events_where(occasion=occasion.slug) if e.start_date.year == start.year]
        campaigns = [c for c in cat.campaigns.values() if c.occasion == occasion.slug and c.start.year == start.year]
        yield ctx.page(f"occasions/{occasion.slug}.md", "occasion.md.j2", occasion=occasion,
                       start=start, end=end, events=events, campaigns=campaigns)
