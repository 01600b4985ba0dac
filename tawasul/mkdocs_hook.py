"""The thin MkDocs hook: load the catalogue once, hand MkDocs the generated pages and the theme
the helplines, and refuse output that would break the site's promises (RTL on <html>, no
third-party requests, no referrer to other sites).

All page logic lives in `tawasul.site`; this module only adapts it to MkDocs' events.
"""
from __future__ import annotations

import dataclasses
import gc
import logging
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import markdown as markdown_lib
import mkdocs.utils
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from markdown.extensions.toc import TocExtension, unique
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_theme_dir

from tawasul.build_cache import (CACHE_SETTING, PACKAGE, BuildCache, Memo, cache_path, digest, tree_digest,
                                 versions)
from tawasul.deploy.csp import meta_policy
from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.outbound import mark_outbound_links
from tawasul.output_files import REUSE_OUTPUT, Output
from tawasul.resources import external_in_css, external_in_html
from tawasul.search_input import SEARCH_INPUT, SearchInput
from tawasul.settings import SiteSettings, today
from tawasul.site import SiteContext, generate, generate_files
from tawasul.site.feeds import alternates
from tawasul.site.html_pages import MarkdownText
from tawasul.site.render import phone_link
from tawasul.text import NETWORKS_NOTE, phone_digits
from tawasul.theme_fragments import Fragments, Strings, remembered, toc_key

_state: dict = {}


class _WarningCount(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


_warnings = _WarningCount()
# A heading line with nothing Python-Markdown or its extensions here (attr_list's {}, tables' |,
# admonition's !) would read as markup: no escapes, emphasis, code, links, HTML, entities, closing #.
_PLAIN_HEADING = re.compile(r"# ([^\\`*_\[\]!<>&{}#|\s][^\\`*_\[\]!<>&{}#|\n]*)\n")
# An empty theme template: a page whose finished HTML is in the build cache is not rendered again.
CACHED_TEMPLATE = "tawasul-cached.html"


def _cache(config) -> BuildCache | None:
    """TAWASUL_BUILD_CACHE: the cache file (default .cache/build.sqlite3 beside mkdocs.yml), or off."""
    where = cache_path(os.environ.get(CACHE_SETTING, ""), Path(config.config_file_path).parent)
    return BuildCache(where) if where else None


# A build makes millions of objects that live until it ends (the catalogue, pages, templates):
# each full collection walked all of them (3 per 2,000-event build, half the collector's time)
# and found little. Full collections wait during the build; the settings come back after it.
_FULL_COLLECTION_AFTER = 1000


def _collect_less() -> None:
    if "gc" not in _state:
        _state["gc"] = threshold = gc.get_threshold()
        gc.set_threshold(threshold[0], threshold[1], max(threshold[2], _FULL_COLLECTION_AFTER))


def _collect_as_before() -> None:
    if "gc" in _state:
        gc.set_threshold(*_state.pop("gc"))


_WRITERS = ("write_file", "copy_file", "clean_directory")


def _write_lean(config) -> None:
    """Pages (MkDocs' `utils.write_file`) and generated files (`_Generated`) go through one
    `Output` for the build; MkDocs' own writer comes back after it. Over an earlier build,
    MkDocs does not empty the folder and its copies go through the `Output` too, which then
    knows everything the build made."""
    _state["output"] = output = Output(reuse=os.environ.get(REUSE_OUTPUT) == "1")
    search = os.environ.get(SEARCH_INPUT)
    _state["search"] = SearchInput(search, config.site_dir) if search else None
    for name in _WRITERS:
        _state.setdefault(name, getattr(mkdocs.utils, name))
    mkdocs.utils.write_file = output.write
    if output.reuse:
        mkdocs.utils.copy_file, mkdocs.utils.clean_directory = output.copy, lambda directory: None


def _write_as_before() -> None:
    for name in _WRITERS:
        if name in _state:
            setattr(mkdocs.utils, name, _state.pop(name))


class _Generated(File):
    """A calendar or feed made in memory, written as MkDocs' copy_file would (its folders made,
    its bytes, UTF-8 for text) by the build's `Output`."""

    def copy_file(self, dirty: bool = False) -> None:
        _state["output"].write(self.content_bytes, self.abs_dest_path)


def on_config(config):
    _collect_less()
    _write_lean(config)
    settings = SiteSettings.from_mkdocs(config)
    try:
        catalogue = load_catalogue(settings.content_root)
    except ContentInvalid as exc:
        raise PluginError("المحتوى غير صالح:\n" + "\n".join(str(e) for e in exc.errors)) from None
    cache = _state["cache"] = _cache(config)
    if cache is not None:
        logging.getLogger("mkdocs").addHandler(_warnings)
        _warnings.count = 0
    toc_config = config.mdx_configs.get("toc", {})
    markdown_text = MarkdownText(list(config.markdown_extensions), dict(config.mdx_configs),
                                 cache.load("markdown") if cache else {})
    extra = {"slugify": toc_config["slugify"]} if "slugify" in toc_config else {}
    # What the generators' output depends on besides content: code, templates, mkdocs.yml, settings
    # (not where the content is read from: the same content elsewhere gives the same site).
    code = digest(versions(), Path(config.config_file_path).read_bytes(),
                  repr(dataclasses.replace(settings, content_root=None)), tree_digest(PACKAGE, suffixes=(".py", ".j2")))
    memo = Memo(code, cache.load("memo") if cache else None)
    _state["templates"] = templates = cache.templates(code) if cache else None
    _state["ctx"] = SiteContext(catalogue, today(), settings, markdown_text=markdown_text, memo=memo,
                                templates_cache=templates, **extra)
    config.extra["csp_meta"] = {"default": meta_policy(), "search": meta_policy(wasm=True)}
    config.extra["alternate_feeds"] = [{"title": title, "path": path} for title, path in alternates(settings)]
    _state["host"] = urlsplit(settings.site_url).hostname or ""
    # What every page shares; a change to any of it re-renders every page. Not where the content
    # is read from: what is read is in each page's key (and a checkout may move).
    theme = tree_digest(Path(config.theme.custom_dir)) if config.theme.custom_dir else ""
    shown = {**config.extra, "tawasul": {k: v for k, v in config.extra.get("tawasul", {}).items() if k != "content_root"}}
    _state["shared"] = digest(code, settings.site_url, shown, theme,
                              [repr(h) for h in catalogue.helplines.values()])
    _state["html"], _state["done"] = {}, {}
    _state.pop("headings", None)
    return config


def on_env(env, config, files):
    # The banner and footer of every page list the helplines from content data.
    env.globals["tawasul_helplines"] = list(_state["ctx"].catalogue.helplines.values())
    env.globals["tawasul_quick_exit"] = _state["ctx"].settings.quick_exit_url  # one target, site and forms
    env.globals["tawasul_networks_note"] = NETWORKS_NOTE
    # Every page shows these: a finished page in the build cache is valid only for the same ones.
    _state["shared"] = digest(_state["shared"], _state["ctx"].settings.quick_exit_url, NETWORKS_NOTE)
    env.filters.update(phone=phone_link, tel=phone_digits)
    # Pieces of Material's page that many pages share are rendered once (tawasul/theme_fragments.py,
    # theme/partials/nav.html, header.html); links relative to the page decide where one is reused.
    # "material/…" names Material's own template where the theme overrides it to wrap it.
    fragments = Fragments()
    env.filters.update(url=fragments.relative(remembered(env.filters["url"])), script_tag=fragments.relative(env.filters["script_tag"]))
    env.globals.update(tawasul_once=fragments.once, tawasul_titled=fragments.titled, tawasul_t=Strings(env, config),
                       tawasul_toc_key=toc_key)
    # Templates do not change during a build (a build makes its own environment, `mkdocs serve`
    # included): without this Jinja stats each template's file at every include and import, 45,000
    # times on the 2,000-event site.
    env.auto_reload = False
    env.bytecode_cache = _state["templates"]
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(get_theme_dir("material"))})])
    return env


def on_files(files, config):
    ctx = _state["ctx"]
    for page in generate(ctx):
        files.append(File.generated(config, page.path, content=page.markdown))
        if page.html is not None:
            _state["html"][page.path] = page
    for generated in generate_files(ctx):  # calendars and feeds, copied as they are
        files.append(_Generated.generated(config, generated.path, content=generated.content))
    return files


def on_nav(nav, config, files):
    def items(entries):
        return [(e.title, getattr(e, "url", None), items(getattr(e, "children", None) or [])) for e in entries]
    # Markdown links are resolved against the files of the site: adding or removing one may
    # change any Markdown page (HTML pages link by URL and are keyed by their HTML).
    _state["files"] = digest(sorted(f.src_uri for f in files))
    _state["shared"] = digest(_state["shared"], items(nav.items))
    return nav


def on_page_markdown(markdown, page, config, files):
    generated = _state["html"].get(page.file.src_uri)
    if generated is not None:  # its front matter, as MkDocs would have read it from the file
        page.meta = dict(generated.meta)
    if _cached(page, ("html", generated.html, generated.toc, generated.h1) if generated
               else ("markdown", markdown, _state["files"])):
        return ""  # the finished page is in the cache: nothing to convert, nothing to render
    if "headings" not in _state:
        _state["headings"] = _HeadingRender(config)
    if generated is None:
        page.render = lambda config, files: _state["headings"].convert(page, files)
        return markdown
    # A generated HTML page: Python-Markdown sees only its heading, so MkDocs takes the title as
    # for any page; the body replaces the rendered heading in on_page_content.
    page.render = lambda config, files: _state["headings"].render(page, files)
    return f"# {generated.h1}\n" if generated.h1 else ""


class _HeadingRender:
    """MkDocs' Page.render() with one Python-Markdown reused for every page (`convert`): setting
    Markdown and its extensions up for each page cost ten times converting a generated page's
    one-line Markdown (its heading, `render`), and a third of converting an article. Same
    extensions, and the same processors MkDocs adds (mkdocs/structure/pages.py, MkDocs 1.6: the
    title, anchors, links), so the same page; reset() clears what the extensions keep of a page
    (tests/test_markdown_render.py)."""

    def __init__(self, config):
        from mkdocs.structure import pages

        self.md = markdown_lib.Markdown(extensions=config["markdown_extensions"],
                                        extension_configs=config["mdx_configs"] or {})
        self.raw_html = pages._RawHTMLPreprocessor()
        self.anchors = pages._ExtractAnchorsTreeprocessor(None, None, config)
        self.links = pages._RelativePathTreeprocessor(None, None, config)
        self.title = pages._ExtractTitleTreeprocessor()
        self.log = pages.log
        for processor in (self.raw_html, self.anchors, self.links, self.title):
            processor._register(self.md)
        toc = next(e for e in self.md.registeredExtensions if isinstance(e, TocExtension))
        self.slugify, self.sep = toc.getConfig("slugify"), toc.getConfig("separator")

    def _plain(self, page) -> bool:
        """Most headings are plain words, which Python-Markdown leaves as they are: give the page
        what converting `# words` gives (the toc extension's id, MkDocs' title and anchors) without
        running it. Anything Markdown or HTML could read differently takes the full conversion."""
        match = _PLAIN_HEADING.fullmatch(page.markdown)
        if page.markdown and (match is None or " ".join(match[1].split()) != match[1]):
            return False
        text = match[1] if match else None
        anchor = unique(self.slugify(text, self.sep), set()) if text else None
        page.content = f'<h1 id="{anchor}">{text}</h1>' if text else ""
        page.toc = get_toc([{"level": 1, "id": anchor, "name": text, "html": text, "data-toc-label": "",
                             "children": []}] if text else [])
        page._title_from_render = text
        page.present_anchor_ids = {anchor} if text else set()
        page.links_to_anchors = {}
        return True

    def render(self, page, files) -> None:
        if not self._plain(page):
            self.convert(page, files)

    def convert(self, page, files) -> None:
        self.raw_html.present_anchor_ids, self.anchors.present_anchor_ids, self.title.title = set(), set(), None
        self.links.file, self.links.files, self.links.links_to_anchors = page.file, files, {}
        page.content = self.md.reset().convert(page.markdown)
        page.toc = get_toc(getattr(self.md, "toc_tokens", []))
        page._title_from_render = self.title.title
        page.present_anchor_ids = self.anchors.present_anchor_ids | self.raw_html.present_anchor_ids
        if self.log.getEffectiveLevel() > logging.DEBUG:  # as MkDocs does
            page.links_to_anchors = self.links.links_to_anchors


def _cached(page, source) -> bool:
    """Look the finished page up by everything it is made of; remember the key to store it."""
    cache = _state["cache"]
    if cache is None:
        return False

    def neighbour(other):
        return other and (other.url, other.title)
    key = digest(_state["shared"], page.file.src_uri, page.url, page.meta, source, neighbour(page.previous_page),
                 neighbour(page.next_page), page.is_homepage)
    done = cache.get("page", key)
    _state["done"][page.file.src_uri] = (key, done)
    if done is not None:
        page.meta["template"] = CACHED_TEMPLATE
        # What MkDocs' render() gives an empty page, without setting up Python-Markdown and its
        # extensions for it (a millisecond per page, most of a re-publish's Markdown time).
        page.render = lambda config, files: _render_nothing(page)
    return done is not None


def _render_nothing(page) -> None:
    page.content, page.toc, page._title_from_render = "", get_toc([]), None
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def on_page_content(html, page, config, files):
    generated = _state["html"].get(page.file.src_uri)
    if generated is not None and _state["done"].get(page.file.src_uri, (None, None))[1] is None:
        html = generated.html
        page.toc = get_toc(generated.toc)
    return html


def _finish(html: str, where: str) -> str:
    external = external_in_html(html)
    if external:
        raise PluginError(f"{where}: طلبات إلى مواقع خارجية ممنوعة: " + "، ".join(external))
    html = mark_outbound_links(html, _state["host"])
    # Material puts dir only on <body>; browsers and screen readers need it on <html> too.
    return html.replace('<html lang="ar" class="no-js">', '<html lang="ar" dir="rtl" class="no-js">', 1)


def on_post_page(output, page, config):
    key, done = _state["done"].get(page.file.src_uri, (None, None))
    if done is None:
        done = _finish(output, page.file.src_uri)
        if key is not None:
            _state["cache"].put("page", key, done)
    if _state["search"]:
        _state["search"].add(done, page.file.abs_dest_path)
    return done


def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    output = _finish(output, template_name)
    if _state["search"]:
        _state["search"].add(output, os.path.join(config.site_dir, template_name))
    return output


def on_build_error(error):
    _collect_as_before()
    _write_as_before()


def on_post_build(config):
    _collect_as_before()
    _write_as_before()
    if _state["output"].reuse:
        _state["output"].prune(config.site_dir)
    if _state["search"]:
        _state["search"].finish()
    cache = _state.pop("cache", None)
    if cache is not None:
        logging.getLogger("mkdocs").removeHandler(_warnings)
        # A page that warned (a broken link…) is not kept: the next build must warn again.
        if not _warnings.count:
            ctx = _state["ctx"]
            cache.save({"markdown": {k: ctx.markdown_text.cache[k] for k in ctx.markdown_text.used},
                        "memo": ctx.memo.kept()})
        cache.close()
    for css in _css_files(config.site_dir):
        external = external_in_css(css.read_text(encoding="utf-8", errors="replace"))
        if external:
            raise PluginError(f"{css.name}: طلبات إلى مواقع خارجية ممنوعة: " + "، ".join(external))


def _css_files(site: str):
    """What Path(site).rglob("*.css") gives, in its order (a folder's matches, then each subfolder
    in turn), listing each folder once: rglob lists every folder twice, and a large site has
    thousands (one per event page)."""
    with os.scandir(site) as listing:
        entries = list(listing)
    for entry in entries:
        if entry.name.endswith(".css"):
            yield Path(entry.path)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _css_files(entry.path)
