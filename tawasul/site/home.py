from ..states import CampaignStatus
from .render import SiteContext

UPCOMING_ON_HOME = 5
ARTICLES_ON_HOME = 4


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    yield ctx.page("index.md", "home.md.j2",
                   helplines=list(cat.helplines.values()),
                   governorates=list(cat.governorates.values()), groups=cat.centres_by_governorate(),
                   upcoming=cat.upcoming(ctx.today)[:UPCOMING_ON_HOME],
                   campaigns=[c for c in cat.active_campaigns(ctx.today) if c.status(ctx.today) == CampaignStatus.active],
                   articles=cat.latest_articles(ARTICLES_ON_HOME))
