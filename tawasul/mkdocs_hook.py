"""The thin MkDocs hook: load the catalogue once, hand MkDocs the generated pages and the theme
the helplines, and refuse output that would break the site's promises (RTL on <html>, no
third-party requests, no referrer to other sites).

All page logic lives in `tawasul.site`; this module only adapts it to MkDocs' events.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from tawasul import quick_exit
from tawasul.dates import today
from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue
from tawasul.outbound import mark_outbound_links
from tawasul.resources import external_in_css, external_in_html
from tawasul.site import SiteContext, generate, generate_files
from tawasul.site.feeds import ALTERNATES
from tawasul.site.render import phone_link
from tawasul.text import NETWORKS_NOTE, phone_digits

_state: dict = {}


def on_config(config):
    settings = dict(config.extra.get("tawasul", {}))
    root = Path(config.config_file_path).parent / settings.get("content_root", ".")
    try:
        catalogue = load_catalogue(root)
    except ContentInvalid as exc:
        raise PluginError("المحتوى غير صالح:\n" + "\n".join(str(e) for e in exc.errors)) from None
    _state["ctx"] = SiteContext(catalogue, today(), settings, site_url=config.site_url or "", content_root=root)
    config.extra["alternate_feeds"] = [{"title": title, "path": path} for title, path in ALTERNATES]
    _state["host"] = urlsplit(config.site_url or "").hostname or ""
    return config


def on_env(env, config, files):
    # The banner and footer of every page list the helplines from content data.
    env.globals["tawasul_helplines"] = list(_state["ctx"].catalogue.helplines.values())
    env.globals["tawasul_quick_exit"] = quick_exit.URL  # one target for the site and the forms
    env.globals["tawasul_networks_note"] = NETWORKS_NOTE
    env.filters.update(phone=phone_link, tel=phone_digits)
    return env


def on_files(files, config):
    ctx = _state["ctx"]
    for page in generate(ctx):
        files.append(File.generated(config, page.path, content=page.markdown))
    for generated in generate_files(ctx):  # calendars and feeds, copied as they are
        files.append(File.generated(config, generated.path, content=generated.content))
    return files


def _finish(html: str, where: str) -> str:
    external = external_in_html(html)
    if external:
        raise PluginError(f"{where}: طلبات إلى مواقع خارجية ممنوعة: " + "، ".join(external))
    html = mark_outbound_links(html, _state["host"])
    # Material puts dir only on <body>; browsers and screen readers need it on <html> too.
    return html.replace('<html lang="ar" class="no-js">', '<html lang="ar" dir="rtl" class="no-js">', 1)


def on_post_page(output, page, config):
    return _finish(output, page.file.src_uri)


def on_post_template(output, template_name, config):
    return _finish(output, template_name) if template_name.endswith(".html") else output


def on_post_build(config):
    for css in Path(config.site_dir).rglob("*.css"):
        external = external_in_css(css.read_text(encoding="utf-8", errors="replace"))
        if external:
            raise PluginError(f"{css.name}: طلبات إلى مواقع خارجية ممنوعة: " + "، ".join(external))
