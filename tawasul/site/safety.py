"""The safe-browsing page, and the finder's town list (a file, not a page)."""
from __future__ import annotations

import json

from .render import GeneratedFile, SiteContext

# Fetched by finder.js only when she starts typing a town, so it costs nothing on first view.
PLACES_PATH = "assets/finder/places.json"


def pages(ctx: SiteContext):
    yield ctx.page("safety.md", "safety.md.j2", helplines=list(ctx.catalogue.helplines.values()))


def files(ctx: SiteContext):
    places = [[p.name, p.aliases, p.governorate, p.lat, p.lon] for p in ctx.catalogue.localities]
    data = json.dumps({"places": places}, ensure_ascii=False, separators=(",", ":"))
    yield GeneratedFile(PLACES_PATH, data.encode("utf-8"))
