"""The Pelican and Hugo reference sites get the same items, one page each, with their text."""
from __future__ import annotations

import yaml
from plain_sites import HUGO_LAYOUTS, items, write_hugo, write_pelican

from tawasul.loader import load_catalogue



def _total(sizes) -> int:
    return sizes.events + sizes.articles + sizes.campaigns + sizes.centres


def test_one_item_per_event_article_campaign_and_centre(synthetic_root, synthetic_sizes):
    total = _total(synthetic_sizes)
    cat = load_catalogue(synthetic_root)
    found = items(cat)
    assert len(found) == total == len({(i.section, i.slug) for i in found})
    event = next(i for i in found if i.section == "events")
    source = cat.events[event.slug]
    assert source.summary in event.body and source.venue.name in event.body


def test_pelican_tree_has_articles_pages_and_settings(synthetic_root, synthetic_sizes, tmp_path):
    total = _total(synthetic_sizes)
    site = write_pelican(items(load_catalogue(synthetic_root)), tmp_path / "pelican")
    articles = list((site / "content").glob("*/*.md"))
    pages = list((site / "content/pages").glob("*.md"))
    assert len(pages) == synthetic_sizes.centres and len(articles) == total
    head = (site / "content/events").glob("*.md").__next__().read_text(encoding="utf-8").split("\n\n")[0]
    assert {line.split(":")[0] for line in head.splitlines()} == {"Title", "Slug", "Date", "Category", "Tags", "Summary"}
    settings = {}
    exec((site / "pelicanconf.py").read_text(encoding="utf-8"), settings)
    assert settings["DEFAULT_LANG"] == "ar" and settings["PATH"] == "content"


def test_hugo_tree_has_front_matter_and_our_few_line_layouts(synthetic_root, synthetic_sizes, tmp_path):
    total = _total(synthetic_sizes)
    site = write_hugo(items(load_catalogue(synthetic_root)), tmp_path / "hugo")
    pages = list((site / "content").glob("*/*.md"))
    assert len(pages) == total
    meta = yaml.safe_load(pages[0].read_text(encoding="utf-8").split("---\n")[1])
    assert {"title", "slug", "date", "summary", "tags"} <= meta.keys()
    for name, text in HUGO_LAYOUTS.items():
        assert (site / "layouts" / name).read_text(encoding="utf-8") == text
        assert len(text.splitlines()) <= 6
