"""The search page. Pagefind indexes the built site after MkDocs (see tawasul/build.py); the
page only holds the form, and its script loads Pagefind when she starts typing."""
from .render import SiteContext

# Pagefind filter values (Latin, stable) and the Arabic names the page shows for them. Pages say
# which section they belong to through their `search_section` front matter.
SECTIONS = {
    "centres": "المراكز",
    "events": "الفعاليات",
    "campaigns": "الحملات",
    "awareness": "التوعية",
    "occasions": "المناسبات",
    "achievements": "الإنجازات",
}


def pages(ctx: SiteContext):
    yield ctx.page("search.md", "search.md.j2", meta={"template": "search.html", "search_exclude": True,
                                                       "title": "البحث في الموقع"},
                   sections=SECTIONS)
