"""The safe-browsing page and the finder's gazetteer file."""
from __future__ import annotations

import json

from .render import Page, SiteContext

# Fetched by finder.js only when she starts typing a town, so it costs nothing on first view.
PLACES_PATH = "assets/finder/places.json"


def pages(ctx: SiteContext):
    cat = ctx.catalogue
    yield ctx.page("safety.md", "safety.md.j2", helplines=list(cat.helplines.values()))
    places = [[p.name, p.aliases, p.governorate, p.lat, p.lon] for p in cat.localities]
    yield Page(PLACES_PATH, json.dumps({"places": places}, ensure_ascii=False, separators=(",", ":")))
