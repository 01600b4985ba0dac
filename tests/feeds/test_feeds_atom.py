"""Atom feeds: valid for a real parser (feedparser, no bozo), with id, title, updated and a link
on the feed and on every entry, and advertised in every page's head."""
from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from support.html import soup_of

FEEDS = ["events/feeds/events.xml", "awareness/feed.xml"]


def parse(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.mark.parametrize("site_name", ["sample_site", "feeds_site"])
@pytest.mark.parametrize("path", FEEDS)
def test_feed_and_every_entry_have_id_title_updated_and_link(request, site_name, path):
    site = request.getfixturevalue(site_name)
    feed = parse(site / path)
    assert feed.feed.id and feed.feed.title and feed.feed.updated_parsed
    assert {link.rel for link in feed.feed.links} >= {"self", "alternate"}
    assert feed.entries
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated_parsed and entry.link.startswith("http://127.0.0.1:8000/")
        assert entry.summary


def test_events_feed_entries_follow_the_events(feeds_site):
    entries = {e.link: e for e in parse(feeds_site / "events/feeds/events.xml").entries}
    assert entries["http://127.0.0.1:8000/events/cancelled-training/"].title.startswith("أُلغيت: ")
    assert entries["http://127.0.0.1:8000/events/postponed-workshop/"].title.startswith("أُجّلت: ")
    assert "1 كانون الأول – 3 كانون الأول 2026 – ساحة البلدية" in entries["http://127.0.0.1:8000/events/embroidery-exhibition/"].summary


def test_awareness_feed_is_newest_first_and_dated_from_the_article(feeds_site):
    entries = parse(feeds_site / "awareness/feed.xml").entries
    assert [e.link for e in entries] == ["http://127.0.0.1:8000/awareness/working-mothers/",
                                         "http://127.0.0.1:8000/awareness/first-article/"]
    assert entries[0].published.startswith("2026-10-01T00:00:00+03:00")  # local midnight
    assert entries[0].updated_parsed >= entries[0].published_parsed


@pytest.mark.parametrize("page", ["index.html", "events/index.html", "awareness/first-article/index.html", "404.html"])
def test_every_page_advertises_both_feeds(feeds_site, page):
    html = soup_of(feeds_site / page)
    alternates = html.head.select('link[rel="alternate"][type="application/atom+xml"]')
    assert len(alternates) == 2 and all(link.get("title") for link in alternates)
    for link in alternates:
        target = (feeds_site / page).parent / link["href"]
        if page == "404.html":  # served at any depth: Material gives the 404 page absolute URLs
            target = feeds_site / link["href"].lstrip("/")
        assert target.resolve().is_file(), link["href"]
