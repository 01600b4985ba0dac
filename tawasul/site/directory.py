"""The referral directory for professionals: coalition members by governorate and service, with
a compact A4 version of each governorate's list to print for the wall of a police station or a
clinic (the print styles are in theme/assets/css/tawasul.css)."""
from __future__ import annotations

from .open_data import HSDS_VERSION, TABLES
from .render import LIST_META, SiteContext

# The print version hides the site's navigation and table of contents.
PRINT_META = {**LIST_META, "hide": ["navigation", "toc"]}


def pages(ctx: SiteContext):
    cat, directory = ctx.catalogue, ctx.directory
    governorates = [gov for gov, _ in cat.centres_by_governorate()]
    yield ctx.page("directory/index.md", "directory_index.md.j2", meta=LIST_META, governorates=governorates)
    for gov in governorates:
        places = directory.in_governorate(gov.slug)
        by_service = [(s, [p for p in places if p.offers_service(s.slug)]) for s in cat.services.values()]
        values = dict(governorate=gov, places=places, by_service=[row for row in by_service if row[1]])
        yield ctx.page(f"directory/{gov.slug}/index.md", "directory.md.j2", meta=LIST_META, **values)
        yield ctx.page(f"directory/{gov.slug}/print/index.md", "directory_print.md.j2", meta=PRINT_META, **values)
    yield ctx.page("open-data/index.md", "open_data.md.j2", meta=LIST_META, version=HSDS_VERSION, tables=list(TABLES))
