from .. import layout
from .pictures import picture
from .render import LIST_META, SiteContext


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    by_category = [(c, sorted((a for a in cat.articles.values() if a.category == c.slug),
                              key=lambda a: a.date, reverse=True)) for c in cat.categories.values()]
    yield ctx.page("awareness/index.md", "awareness_index.md.j2", meta=LIST_META, groups=[g for g in by_category if g[1]])
    for article in cat.articles.values():
        yield ctx.page(f"awareness/{article.slug}.md", "article.md.j2", article=article,
                       meta={"search_section": "awareness", "description": article.summary},
                       category=cat.categories[article.category],
                       picture=picture(ctx, layout.ARTICLES[0], article))
