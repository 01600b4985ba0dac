from . import achievements, addresses
from .render import LIST_META, SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    yield ctx.page("centres/index.md", "centres_index.md.j2", meta=LIST_META, groups=cat.centres_by_governorate(),
                   governorates=list(cat.governorates.values()))
    for centre in cat.centres.values():
        upcoming = [e for e in cat.upcoming(ctx.today) if e.centre == centre.slug]
        yield ctx.page(f"centres/{centre.slug}.md", "centre.md.j2", centre=centre,
                       meta={"search_section": "centres"}, feed=addresses.centre_ics(centre),
                       governorate=cat.governorates[centre.governorate], upcoming=upcoming,
                       place=ctx.directory.in_governorate(centre.governorate)[0],
                       reports=sorted(centre.reports, key=lambda r: r.year, reverse=True),
                       figure_links=achievements.links_of(ctx, centre))
