from .render import SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    yield ctx.page("centres/index.md", "centres_index.md.j2", groups=cat.centres_by_governorate(),
                   governorates=list(cat.governorates.values()))
    for centre in cat.centres.values():
        upcoming = [e for e in cat.upcoming(ctx.today) if e.centre == centre.slug]
        yield ctx.page(f"centres/{centre.slug}.md", "centre.md.j2", centre=centre,
                       governorate=cat.governorates[centre.governorate], upcoming=upcoming,
                       reports=sorted(centre.reports, key=lambda r: r.year, reverse=True))
