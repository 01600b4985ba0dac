from ..schema import MemberType
from .render import SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    groups = []
    for gov, centres in cat.centres_by_governorate():
        members = [m for c in centres for m in c.members]
        by_type = [(t, [m for m in members if m.type == t]) for t in MemberType]
        groups.append((gov, centres, [row for row in by_type if row[1]]))
    yield ctx.page("partners/index.md", "partners.md.j2", groups=groups)
