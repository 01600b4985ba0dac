"""Preview before saving: the page the site would show for a content file she has not saved.

`preview(rel, text, banner)` checks `text` with the whole catalogue (as a save would), renders the
page with the build's own generator and templates (tawasul.site.single) and the site's Markdown
settings (mkdocs.yml), and puts it in the frame of a page the last build wrote: the same header,
safety bar, footer and style sheets. Any editor (events, centres, articles) can call it; a file
that would not build raises WriteRefused, exactly as a save would, so the editor puts the
messages beside her fields with `editing.explain`.

The frame's relative links are made absolute (the admin answers under another path, and the
form service's policy forbids <base>), its scripts are dropped (a preview needs none, and the
policy would refuse the site's inline ones), and `banner` (her buttons: save, back to the form)
goes at the top of the page. Without a built site (a fresh checkout), a bare page with the
site's style sheets stands in for the frame.
"""
from __future__ import annotations

import dataclasses
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from markupsafe import Markup, escape

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.outbound import mark_outbound_links
from tawasul.settings import SiteSettings
from tawasul.site import SiteContext, single
from tawasul.site.html_pages import MarkdownText, headings
from tawasul.site.render import url_of
from tawasul.writer import refused

from ..config import REPO_ROOT, today

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
_URL_ATTR = re.compile(r'\b(href|src)="([^"#][^"]*)"')
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_ABSOLUTE = re.compile(r"^(/|[a-z][a-z0-9+.-]*:)", re.I)
BODY_START = re.compile(r"(<body[^>]*>)")


@cache
def _mkdocs(config_file: str):
    """The site's Markdown extensions and settings, read once through MkDocs' own config."""
    from mkdocs.config import load_config

    config = load_config(config_file)
    return list(config.markdown_extensions), dict(config.mdx_configs), SiteSettings.from_mkdocs(config)


def _context(catalogue) -> SiteContext:
    extensions, configs, settings = _mkdocs(str(REPO_ROOT / "mkdocs.yml"))
    settings = dataclasses.replace(settings, content_root=Path(current_app.config["CONTENT_ROOT"]))
    extra = {"slugify": configs["toc"]["slugify"]} if "slugify" in configs.get("toc", {}) else {}
    return SiteContext(catalogue, today(), settings, markdown_text=MarkdownText(extensions, configs), **extra)


def _body(ctx: SiteContext, rel: str, text: str) -> tuple[str, str]:
    """The page's inner HTML and its title, as the build writes them into the article."""
    page = single.render(ctx, rel, text)
    if page.html is not None:
        return page.html, Markup(page.h1 or "").striptags()
    html = ctx.markdown_text(_FRONT_MATTER.sub("", page.markdown, count=1))
    html, _toc, h1 = headings(str(html), ctx.slugify)
    return html, Markup(h1 or "").striptags()


def _frame_file(site: Path, url: str) -> Path | None:
    """The built page at `url`, or one at the same depth of the same section (a new item)."""
    own = site / url / "index.html"
    if own.is_file():
        return own
    section = url.split("/")[0]
    if url and section:
        return next((p for p in sorted((site / section).glob("*/index.html"))), None)
    return None


def _absolute_links(html: str, page_url: str) -> str:
    def fix(match: re.Match) -> str:
        attr, value = match.groups()
        if _ABSOLUTE.match(value):
            return match.group(0)
        return f'{attr}="{posixpath.normpath(posixpath.join(page_url, value))}{"/" if value.endswith("/") else ""}"'
    return _URL_ATTR.sub(fix, html)


def _bare_frame(site_path: str) -> str:
    css = "".join(f'<link rel="stylesheet" href="{site_path}{name}">'
                  for name in ("assets/css/tawasul.css", "assets/css/safety.css"))
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title></title>{css}</head>'
            '<body dir="rtl"><article class="md-content__inner md-typeset"></article></body></html>')


def preview(rel: str, text: str, banner: str = "") -> str:
    """The site's page for `rel` as if `text` were saved. Raises WriteRefused, as a save would,
    when it would not build."""
    try:
        catalogue = load_catalogue(current_app.config["CONTENT_ROOT"], {rel: text})
    except ContentInvalid as exc:
        raise refused(exc) from None
    ctx = _context(catalogue)
    body, title = _body(ctx, rel, text)
    site_path = urlsplit(current_app.config["SITE_URL"]).path or "/"
    site_path = site_path if site_path.endswith("/") else site_path + "/"
    url = url_of(single.page_of(rel))
    frame_file = _frame_file(Path(current_app.config["SITE_DIR"]), url)
    frame = frame_file.read_text(encoding="utf-8") if frame_file else _bare_frame(site_path)
    frame = _SCRIPT.sub("", _META_CSP.sub("", frame))
    frame = _absolute_links(frame, site_path + url)
    body = mark_outbound_links(_absolute_links(body, site_path + url), urlsplit(ctx.site_url).hostname or "")
    page = _ARTICLE.sub(lambda m: m.group(1) + body + m.group(3), frame, count=1)
    page = _TITLE.sub(f"<title>معاينة: {escape(title)}</title>", page, count=1)
    return BODY_START.sub(lambda m: m.group(1) + banner, page, count=1)
