"""«الإنجازات والمعوقات»: the national figures of each year, one page per governorate and year,
and the CSV downloads of every table. Read only from the figures files (never a database).

/achievements/                 the latest year's national picture (the year picker links the rest)
/achievements/<year>/          a year's national picture
/achievements/<year>/<gov>/    a governorate's year: figures, the centre's own words, campaigns, events
…/<table>.csv                  every published table, with an HXL row under the header
…/<centre>-<year>.pdf          the centre's printable yearly report (made by the build's last step)
"""
from __future__ import annotations

from ..figures import presentation as p
from ..figures.charts import bar_chart
from ..figures.report import report_path
from ..figures.tables import NATIONAL
from .render import LIST_META, GeneratedFile, SiteContext

ROOT = "achievements/"


def year_url(year: int) -> str:
    return f"{ROOT}{year}/"


def governorate_url(year: int, governorate: str) -> str:
    return f"{ROOT}{year}/{governorate}/"


def latest_year(ctx: SiteContext) -> int | None:
    years = list(ctx.catalogue.figures)
    if not years:
        return None
    past = [y for y in years if y <= ctx.today.year]
    return max(past) if past else min(years)


def links_of(ctx: SiteContext, centre) -> list[tuple[int, str, str]]:
    """(year, page, report PDF) of each year with figures for a centre's governorate, newest
    first: its centre page links them."""
    years = sorted((y for y, f in ctx.catalogue.figures.items() if centre.governorate in f.governorates), reverse=True)
    return [(y, governorate_url(y, centre.governorate), report_path(centre, y)) for y in years]


def _names(ctx: SiteContext) -> dict[str, str]:
    return {slug: g.name for slug, g in ctx.catalogue.governorates.items()}


def held_events(ctx: SiteContext, year: int, governorate: str) -> list:
    """Events of that year in that governorate that took place (over, not cancelled)."""
    return [e for e in ctx.catalogue.events_where(governorate=governorate)
            if e.start_date.year == year and e.end_date < ctx.today and e.status.value != "cancelled"]


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    years = list(cat.figures)
    latest = latest_year(ctx)
    common = dict(years=years, p=p, chart=bar_chart, names=_names(ctx), year_url=year_url,
                  governorate_url=governorate_url)
    if not years:  # the section is in the nav: it says so rather than vanish
        yield ctx.page(f"{ROOT}index.md", "achievements_empty.md.j2", meta=LIST_META)
    for year, figures in cat.figures.items():
        values = dict(common, year=year, figures=figures, tables=p.TABLES)
        yield ctx.page(f"{ROOT}{year}/index.md", "achievements.md.j2", meta={"search_section": "achievements"},
                       **values)
        if year == latest:
            yield ctx.page(f"{ROOT}index.md", "achievements.md.j2", meta=LIST_META, **values)
        for slug in figures.governorates:
            area = figures.governorates[slug]
            centres = [c for c in cat.centres.values() if c.governorate == slug]
            reports = [(c, r) for c in centres for r in c.reports if r.year == year]
            yield ctx.page(f"{ROOT}{year}/{slug}/index.md", "achievements_governorate.md.j2",
                           meta={"search_section": "achievements"}, governorate=cat.governorates[slug],
                           area=area, centres=centres, reports=reports, **values,
                           pdfs=[(c, report_path(c, year)) for c in centres],
                           campaigns=[cat.campaigns[c] for c in area.campaigns],
                           events=held_events(ctx, year, slug))


def files(ctx: SiteContext):
    names = _names(ctx)
    for year, figures in ctx.catalogue.figures.items():
        for table in p.TABLES:
            yield GeneratedFile(f"{ROOT}{year}/{table.slug}.csv", table.csv_bytes(figures, names))
            for slug in figures.governorates:
                yield GeneratedFile(f"{ROOT}{year}/{slug}/{table.slug}.csv",
                                    table.csv_bytes(figures, names, [slug]))


__all__ = ["NATIONAL", "files", "pages"]
