"""A generated HTML page hands MkDocs only its heading line; a plain heading skips Python-Markdown
(tawasul/mkdocs_hook.py, _HeadingRender._plain). The page must get what converting the line
gives: the same title, anchors, heading id and table of contents. The whole site is compared
byte for byte with main's by hand for the branch; this pins the rule on headings that look like
markup, which must take the full conversion."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from support import ROOT

from tawasul.mkdocs_hook import _HeadingRender

PLAIN = ["الفعاليات القادمة", "الفعاليات القادمة – الصفحة 2", "مركز (الأمل): خدمات 24/7", "Café 'x' \"y\"", None]
LOOKALIKES = ["*مهم* اليوم", "أ & ب", "أ &amp; ب", "أ  ب", "عنوان {#خاص}", "أ | ب", "عنوان #", "<b>عريض</b>",
              "a_b_c", "`رمز`", "[رابط](https://example.org/)", "!!! note", "أ\\ب", "عنوان ", "أ\u00a0ب", "# ثان"]


def _page(heading):
    return SimpleNamespace(markdown=f"# {heading}\n" if heading is not None else "", file=None)


def _seen(page):
    return (page.content, page._title_from_render, page.present_anchor_ids, page.links_to_anchors,
            [(item.title, item.id, item.level, len(item.children)) for item in page.toc])


@pytest.fixture(scope="module")
def headings():
    return _HeadingRender(load_config(str(ROOT / "mkdocs.yml")))


@pytest.mark.parametrize("heading", PLAIN + LOOKALIKES)
def test_a_heading_gives_what_python_markdown_gives(headings, heading):
    quick, full = _page(heading), _page(heading)
    headings.render(quick, files=None)
    headings._plain = lambda page: False  # this instance only: the full conversion
    try:
        headings.render(full, files=None)
    finally:
        del headings._plain
    assert _seen(quick) == _seen(full)
    assert headings._plain(_page(heading)) is (heading in PLAIN), "which headings skip the conversion"
