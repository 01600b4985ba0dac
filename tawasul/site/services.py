"""Finding help by need: a page per service and per service and governorate (they answer without
JavaScript), and the finder's compact list of who offers what (fetched only when she picks a
service in «ماذا تحتاجين؟»)."""
from __future__ import annotations

from urllib.parse import urlsplit

from ..schema import ACCESS_NAMES
from .render import LIST_META, GeneratedFile, SiteContext, compact_json

SERVICES_PATH = "assets/finder/services.json"


def _governorates(ctx: SiteContext):
    """Governorates that have a centre: the ones the directory can answer for."""
    return [gov for gov, _ in ctx.catalogue.centres_by_governorate()]


def pages(ctx: SiteContext):
    cat, directory = ctx.catalogue, ctx.directory
    governorates = _governorates(ctx)
    yield ctx.page("services/index.md", "services_index.md.j2", meta=LIST_META, services=list(cat.services.values()),
                   governorates=governorates)
    for service in cat.services.values():
        groups = [(gov, directory.offering(service.slug, gov.slug)) for gov in governorates]
        yield ctx.page(f"services/{service.slug}/index.md", "service.md.j2", meta=LIST_META, service=service,
                       groups=groups)
        for gov, places in groups:
            yield ctx.page(f"services/{service.slug}/{gov.slug}/index.md", "service_governorate.md.j2",
                           meta=LIST_META, service=service, governorate=gov, places=places,
                           elsewhere=directory.nearest_elsewhere(service.slug, gov.slug))


def files(ctx: SiteContext):
    """{"p": [[name, url, phone, governorate, lat, lon, address, hours line, hours data, zone]…],
        "s": {service: [[place index, access]…]}} — about 2 KB gzip for the sample site."""
    cat = ctx.catalogue
    places, offers = [], {slug: [] for slug in cat.services}
    for index, place in enumerate(ctx.directory.places):
        # Root-relative: the finder is on several pages, and the site may live under a base path.
        url = urlsplit(ctx.absolute(f"centres/{place.centre.slug}/" if place.is_centre
                                    else f"directory/{place.governorate}/")).path
        zone = cat.governorates[place.governorate].tz.key
        places.append([place.name, url, place.phone or "",
                       place.governorate, round(place.lat, 4), round(place.lon, 4), place.address or "",
                       place.hours.summary() if place.hours else "",
                       place.hours.script_data(ctx.today) if place.hours else 0, zone])
        for offer in place.offers:
            offers[offer.service].append([index, ACCESS_NAMES[place.access_for(offer.service)]])
    yield GeneratedFile(SERVICES_PATH, compact_json({"p": places, "s": offers}).encode("utf-8"))
