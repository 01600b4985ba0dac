"""Markdown pages are converted by one Python-Markdown reused from page to page
(tawasul/mkdocs_hook.py, _HeadingRender.convert) instead of one set up for each page by MkDocs'
Page.render(). Each page must get exactly what MkDocs' own render gives it: the same HTML, title,
table of contents, anchors and links to anchors, whatever the page before it held (headings of
the same name, ids, references, tables, admonitions, raw HTML)."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from support import ROOT

from tawasul.mkdocs_hook import _HeadingRender

LOOKALIKES = [
    "# العنوان\n\n## قسم\n\n## قسم\n\nنص.",
    "## قسم\n\nنص [إلى المراكز](centres.md#nablus) و[إلى قسم](#قسم) و[خارج](https://example.org/).",
    "[مرجع][أ] و[آخر][ب]\n\n[أ]: centres.md\n[ب]: https://example.org/ \"عنوان\"",
    "[مرجع][أ] بلا تعريف في هذه الصفحة",
    "| أ | ب |\n|---|---|\n| 1 | 2 |\n\nنص بعد الجدول.",
    "!!! note \"ملاحظة\"\n    نص داخل التنبيه.\n\n!!! warning\n    تحذير.",
    "مصطلح\n:   تعريفه\n\nآخر\n:   تعريف آخر",
    "## معرّف خاص {#special}\n\nفقرة {: .cls #para}",
    '<div id="raw" markdown="1">\n<a name="n1"></a>\n</div>\n\n<p id="p2">فقرة</p>',
    "# أ\n\n# أ\n\n### ب ج\n\n#### ب ج",
    "نص فيه <span id=\"x\">عنصر</span> و&amp; و&lt;.",
    "[رابط مكسور](no-such-page.md) و![صورة](images/a.png)",
    "",
    "سطر\nتابع\n\n* بند\n* بند *مائل* و**عريض**\n\n1. أول\n2. ثان\n\n    شيفرة\n\n> اقتباس",
    "## قسم\n\n## قسم\n\n## قسم_1",
]


def _texts() -> list[str]:
    written = sorted([*ROOT.glob("content/**/*.md"), *ROOT.glob("campaigns/*.md")])
    texts = [path.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for path in written]
    assert len(texts) >= 15
    return texts + LOOKALIKES


def _seen(page):
    return (page.content, page._title_from_render, sorted(page.present_anchor_ids),
            {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
            [(i.title, i.id, i.level, [(c.title, c.id) for c in i.children]) for i in page.toc])


@pytest.fixture(scope="module")
def site():
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = ["index.md", "centres.md", "awareness/guide.md", "images/a.png"]
    files = Files([File(name, config.docs_dir, config.site_dir, config.use_directory_urls) for name in names])
    return config, files


def test_each_page_gets_what_mkdocs_own_render_gives_it(site):
    config, files = site
    renderer = _HeadingRender(config)
    texts = _texts()
    for where in ("index.md", "awareness/guide.md"):
        for text in texts + texts[::-1]:
            ours, theirs = (Page(None, files.get_file_from_path(where), config) for _ in range(2))
            ours.markdown = theirs.markdown = text
            renderer.convert(ours, files)
            theirs.render(config, files)
            assert _seen(ours) == _seen(theirs), text[:80]
