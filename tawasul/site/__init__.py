"""Page generators: take the validated catalogue, return Markdown pages. No MkDocs imports here."""
from __future__ import annotations

from . import achievements, awareness, calendars, campaigns, centres, events, feeds, home, occasions, partners, safety, search
from .render import GeneratedFile, Page, SiteContext

SECTIONS = (home, centres, events, campaigns, occasions, awareness, partners, achievements, search, safety)
# Generators of files that are not pages: calendars (.ics), Atom feeds, the finder's town list,
# the figures' CSV downloads.
FILE_SECTIONS = (calendars, feeds, safety, achievements)


def generate(ctx: SiteContext) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return [page for section in SECTIONS for page in section.pages(ctx)]


def generate_files(ctx: SiteContext) -> list[GeneratedFile]:
    return [file for section in FILE_SECTIONS for file in section.files(ctx)]


__all__ = ["GeneratedFile", "Page", "SiteContext", "generate", "generate_files"]
