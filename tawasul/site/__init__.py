"""Page generators: take the validated catalogue, return Markdown pages. No MkDocs imports here."""
from __future__ import annotations

from . import awareness, campaigns, centres, events, home, occasions, partners, safety
from .render import Page, SiteContext

SECTIONS = (home, centres, events, campaigns, occasions, awareness, partners, safety)


def generate(ctx: SiteContext) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return [page for section in SECTIONS for page in section.pages(ctx)]


__all__ = ["Page", "SiteContext", "generate"]
