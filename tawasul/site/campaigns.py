from .. import layout
from ..states import CampaignStatus
from .pictures import picture
from .render import LIST_META, SiteContext

# Running campaigns first, then those to come, then the finished ones.
STATUS_ORDER = {CampaignStatus.active: 0, CampaignStatus.upcoming: 1, CampaignStatus.ended: 2}


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    campaigns = sorted(cat.campaigns.values(), key=lambda c: (STATUS_ORDER[c.status(ctx.today)], c.start))
    yield ctx.page("campaigns/index.md", "campaigns_index.md.j2", meta=LIST_META, campaigns=campaigns)
    for campaign in campaigns:
        yield ctx.page(f"campaigns/{campaign.slug}.md", "campaign.md.j2", campaign=campaign,
                       meta={"search_section": "campaigns", "description": campaign.summary},
                       governorates=[cat.governorates[g] for g in campaign.governorates],
                       occasion=cat.occasions.get(campaign.occasion),
                       events=cat.events_where(campaign=campaign.slug),
                       picture=picture(ctx, layout.CAMPAIGNS[0], campaign))
