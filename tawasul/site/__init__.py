"""Page generators: take the validated catalogue, return Markdown pages. No MkDocs imports here."""
from __future__ import annotations

from . import (achievements, awareness, calendars, campaigns, centres, directory, events, feeds, home, occasions,
               open_data, partners, pictures, safety, search, services)
from .render import GeneratedFile, Page, SiteContext

SECTIONS = (home, centres, events, campaigns, occasions, awareness, partners, achievements, search, safety, services,
            directory)
# Generators of files that are not pages: calendars (.ics), Atom feeds, the finder's town and
# services lists, the directory's open data, the figures' CSV downloads, the pictures of articles
# and campaigns.
FILE_SECTIONS = (calendars, feeds, safety, services, open_data, achievements, pictures)


def generate(ctx: SiteContext) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    return [page for section in SECTIONS for page in section.pages(ctx)]


def generate_files(ctx: SiteContext) -> list[GeneratedFile]:
    return [file for section in FILE_SECTIONS for file in section.files(ctx)]


__all__ = ["GeneratedFile", "Page", "SiteContext", "generate", "generate_files"]
