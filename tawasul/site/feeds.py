"""Atom feeds (RFC 4287) for events and awareness material, written with feedgen.

Every feed and entry carries `id`, `title`, `updated` and a link. Entry ids are the page's
absolute URL, which is stable as long as the site's address is. `updated` comes from the content
file's last change (see revisions.py); an article is never older than its stated date.
"""
from __future__ import annotations

from datetime import datetime, time
from functools import cached_property
from typing import Iterator

from feedgen.feed import FeedGenerator

from .. import dates, links
from ..settings import SiteSettings
from ..states import label
from . import addresses
from .calendars import FEED_HISTORY
from .render import GeneratedFile, SiteContext
from .revisions import Revisions



def alternates(settings: SiteSettings) -> list[tuple[str, str]]:
    """The feeds advertised in every page's head (<link rel="alternate">): title and path."""
    return [(f"فعاليات {settings.site_name}", addresses.EVENTS_ATOM),
            (f"مواد توعوية – {settings.site_name}", addresses.AWARENESS_ATOM)]


class _Feeds:
    def __init__(self, ctx: SiteContext):
        self.ctx = ctx

    @cached_property
    def revisions(self) -> Revisions | None:
        return Revisions(self.ctx.content_root) if self.ctx.content_root else None

    def changed(self, source: str, floor: datetime | None = None) -> datetime:
        stamp = self.revisions.changed(source) if self.revisions else self.ctx.built_at
        return max(stamp, floor) if floor else stamp

    def feed(self, path: str, title: str, subtitle: str, page_url: str) -> FeedGenerator:
        fg = FeedGenerator()
        fg.id(self.ctx.absolute(path))
        fg.title(title)
        fg.subtitle(subtitle)
        fg.language("ar")
        fg.author({"name": self.ctx.settings.site_name})
        fg.link(href=self.ctx.absolute(path), rel="self", type="application/atom+xml")
        fg.link(href=self.ctx.absolute(page_url), rel="alternate", type="text/html")
        fg.generator(self.ctx.settings.site_name)
        return fg

    @staticmethod
    def finish(fg: FeedGenerator, path: str) -> GeneratedFile:
        stamps = [entry.updated() for entry in fg.entry()]
        if stamps:
            fg.updated(max(stamps))
        return GeneratedFile(path, fg.atom_str(pretty=True))

    def events(self) -> GeneratedFile:
        ctx, cat = self.ctx, self.ctx.catalogue
        fg = self.feed(addresses.EVENTS_ATOM, alternates(ctx.settings)[0][0],
                       "الورش واللقاءات والحملات التي تنظمها مراكز تواصل في المحافظات.", links.events_list())
        since = ctx.today - FEED_HISTORY
        # Newest first, as feed readers list them; cancelled events stay, marked in the title.
        for event in reversed([e for e in cat.sorted_events() if e.end_date >= since]):
            url = ctx.absolute(links.event_page(event.slug))
            entry = fg.add_entry(order="append")
            entry.id(url)
            entry.title(label(event.state(ctx.today), "prefix") + event.title)
            entry.link(href=url, rel="alternate", type="text/html")
            entry.updated(self.changed(cat.source(event)))
            where = f"{event.venue.name}، {cat.governorate_of(event).name}"
            entry.summary(f"{dates.when(event.start, event.end)} – {where}. {event.summary}")
        return self.finish(fg, addresses.EVENTS_ATOM)

    def awareness(self) -> GeneratedFile:
        ctx, cat = self.ctx, self.ctx.catalogue
        fg = self.feed(addresses.AWARENESS_ATOM, alternates(ctx.settings)[1][0],
                       "معلومات عملية عن الحقوق والحماية والتمكين الاقتصادي والصحة.", "awareness/")
        for article in cat.latest_articles(len(cat.articles)):
            url = ctx.absolute(f"awareness/{article.slug}/")
            published = datetime.combine(article.date, time.min, tzinfo=dates.DEFAULT_TZ)
            entry = fg.add_entry(order="append")
            entry.id(url)
            entry.title(article.title)
            entry.link(href=url, rel="alternate", type="text/html")
            entry.published(published)
            entry.updated(self.changed(cat.source(article), floor=published))
            entry.category(term=article.category, label=cat.categories[article.category].name)
            entry.summary(article.summary)
        return self.finish(fg, addresses.AWARENESS_ATOM)


def files(ctx: SiteContext) -> Iterator[GeneratedFile]:
    feeds = _Feeds(ctx)
    yield feeds.events()
    yield feeds.awareness()
