from .render import LIST_META, SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    dated = sorted(((o, *o.next_dates(ctx.today)) for o in cat.occasions.values()), key=lambda row: row[1])
    yield ctx.page("occasions/index.md", "occasions_index.md.j2", meta=LIST_META, occasions=dated)
    for occasion, start, end in dated:
        # That year's campaigns for the occasion, and its events: those marked with the occasion
        # and those of its campaigns.
        campaigns = [c for c in cat.campaigns.values() if c.occasion == occasion.slug and c.start.year == start.year]
        slugs = {c.slug for c in campaigns}
        events = [e for e in cat.sorted_events() if e.start_date.year == start.year
                  and (e.occasion == occasion.slug or e.campaign in slugs)]
        yield ctx.page(f"occasions/{occasion.slug}.md", "occasion.md.j2", meta={"search_section": "occasions"},
                       occasion=occasion, start=start, end=end, ongoing=start <= ctx.today,
                       events=events, campaigns=campaigns)
