"""The synthetic content generator writes valid, real-Arabic, reproducible content trees that
the real site builds, and the page-weight measure reads what a browser would fetch."""
from __future__ import annotations

import filecmp
import random
import re
import subprocess
import sys

from corpus import Corpus
from site_weight import first_view, output_stats
from support import ROOT
from synthetic_content import Sizes, generate

from tawasul.loader import RESERVED_EVENT_SLUGS, load_catalogue

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_tree_has_the_asked_sizes_and_passes_the_content_check(synthetic_root, synthetic_sizes):
    cat = load_catalogue(synthetic_root)
    assert (len(cat.events), len(cat.articles), len(cat.campaigns), len(cat.centres)) == \
        (synthetic_sizes.events, synthetic_sizes.articles, synthetic_sizes.campaigns, synthetic_sizes.centres)
    result = subprocess.run([sys.executable, "-m", "tawasul", "check", str(synthetic_root)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"الفعاليات: {synthetic_sizes.events}" in result.stdout


def test_tree_uses_the_repository_layout_and_shared_data(synthetic_root, synthetic_sizes):
    files = _files(synthetic_root)
    for name in ("governorates", "helplines", "occasions", "categories"):
        assert filecmp.cmp(synthetic_root / f"content/data/{name}.yml", ROOT / f"content/data/{name}.yml", shallow=False)
    assert all(re.fullmatch(r"events/\d{4}/[a-z0-9-]+\.yml", f) for f in files if f.startswith("events/"))
    assert len([f for f in files if f.startswith("content/awareness/")]) == synthetic_sizes.articles
    assert len([f for f in files if f.startswith("campaigns/")]) == synthetic_sizes.campaigns


def test_text_is_arabic_sentences_from_the_sample_content(synthetic_root):
    cat = load_catalogue(synthetic_root)
    corpus = Corpus(random.Random(0))
    for event in cat.events.values():
        assert ARABIC.search(event.title) and ARABIC.search(event.summary)
        # A summary is whole sentences of the corpus, joined by spaces.
        assert any(event.summary.startswith(s) for s in corpus.sentences), event.summary
    articles = list(cat.articles.values())
    assert all(len(a.body) > 500 and "\n## " in a.body for a in articles)


def test_same_seed_same_files_other_seed_other_text(tmp_path):
    sizes = Sizes(events=12, articles=3, campaigns=2, centres=11)
    first, again, other = (generate(tmp_path / name, sizes, seed=seed)
                           for name, seed in (("a", 1), ("b", 1), ("c", 2)))
    assert _files(first) == _files(again)
    assert all(filecmp.cmp(first / f, again / f, shallow=False) for f in _files(first))
    assert (first / "content/awareness/article-0001.md").read_text(encoding="utf-8") != \
        (other / "content/awareness/article-0001.md").read_text(encoding="utf-8")


def test_more_centres_than_the_repository_has_are_cloned_validly(tmp_path):
    root = generate(tmp_path / "c", Sizes(events=30, articles=1, campaigns=1, centres=14), seed=3)
    cat = load_catalogue(root)
    assert len(cat.centres) == 14
    assert {c.governorate for c in cat.centres.values()} <= set(cat.governorates)


def test_the_real_site_builds_a_page_per_item(synthetic_root, synthetic_site, synthetic_sizes):
    cat = load_catalogue(synthetic_root)
    for event in cat.events.values():
        page = synthetic_site / f"events/{event.slug}/index.html"
        assert event.title in page.read_text(encoding="utf-8")
    for article in cat.articles.values():
        assert (synthetic_site / f"awareness/{article.slug}/index.html").is_file()
    stats = output_stats(synthetic_site, skip=tuple(RESERVED_EVENT_SLUGS))
    assert stats.html_pages > synthetic_sizes.events + synthetic_sizes.articles
    assert 1 < stats.event_kb_mean <= stats.event_kb_max


def test_first_view_counts_the_page_and_every_stylesheet_and_script_it_links(synthetic_site):
    view = first_view(synthetic_site, "index.html")
    html = (synthetic_site / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script[^>]* src="([^"]+)"', html)
    linked = [css or js for css, js in linked]
    assert linked and not view.missing
    assert set(view.parts) == {"index.html", *linked}
    assert view.gzip_total == sum(view.parts.values()) < view.raw
