"""The pictures of articles and campaigns: copied into the site beside their section's pages,
and described for the page templates with their size (so the page does not jump as it loads)."""
from __future__ import annotations

from dataclasses import dataclass

from .. import layout
from ..images import size_of
from .render import GeneratedFile, SiteContext


@dataclass(frozen=True)
class Picture:
    url: str  # relative to the site root, for the `href` filter
    alt: str
    width: int
    height: int


def _bytes(ctx: SiteContext, folder: str, name: str) -> bytes | None:
    if ctx.content_root is None:  # generators run without files (unit tests): no pictures
        return None
    return (ctx.content_root / layout.image_file(folder, name)).read_bytes()


def picture(ctx: SiteContext, folder: str, item) -> Picture | None:
    """`item` is an Article (folder ARTICLES[0]) or a Campaign (CAMPAIGNS[0])."""
    data = _bytes(ctx, folder, item.image.file) if item.image else None
    if data is None:
        return None
    width, height = size_of(data)
    return Picture(layout.image_url(folder, item.image.file), item.image.alt, width, height)


def files(ctx: SiteContext):
    cat = ctx.catalogue
    for folder, items in ((layout.ARTICLES[0], cat.articles), (layout.CAMPAIGNS[0], cat.campaigns)):
        for item in items.values():
            data = _bytes(ctx, folder, item.image.file) if item.image else None
            if data is not None:
                yield GeneratedFile(layout.image_url(folder, item.image.file), data)
