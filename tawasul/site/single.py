"""One page of the site, rendered alone: the page a content file is shown on, made by the same
generator the build uses (for the coordinators' preview, which must show what the site will).

Only the section the file belongs to is generated, so a preview does not pay for the whole site.
"""
from __future__ import annotations

from .. import layout
from . import awareness, campaigns, centres, events, home, occasions
from .render import Page, SiteContext

# Files named by their slug, per folder: the folder's section, whose page is <section>/<slug>.md.
_NAMED = {layout.EVENTS[0]: ("events", events), layout.CENTRES[0]: ("centres", centres),
          layout.ARTICLES[0]: ("awareness", awareness), layout.CAMPAIGNS[0]: ("campaigns", campaigns)}
# Listing files shown on one generated page.
_LISTINGS = {layout.OCCASIONS: ("occasions/index.md", occasions), layout.HELPLINES: ("index.md", home)}
# Hand-written pages (MkDocs' docs_dir): the file is the page.
HAND_WRITTEN = "content/pages/"


class NoPage(LookupError):
    """The file is not shown on a page of its own (a vocabulary, the governorates…)."""


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def page_of(rel: str) -> str:
    """The source path (as MkDocs sees it) of the page that shows the content file `rel`."""
    for folder, (section, _module) in _NAMED.items():
        if rel.startswith(folder + "/"):
            return f"{section}/{_stem(rel)}.md"
    if rel in _LISTINGS:
        return _LISTINGS[rel][0]
    if rel.startswith(HAND_WRITTEN):
        return rel[len(HAND_WRITTEN):]
    raise NoPage(rel)


def render(ctx: SiteContext, rel: str, text: str) -> Page:
    """The page showing `rel`, from a catalogue (in `ctx`) that already holds `text`."""
    path = page_of(rel)
    if rel.startswith(HAND_WRITTEN):
        return Page(path, text)
    module = next((m for folder, (_s, m) in _NAMED.items() if rel.startswith(folder + "/")), None) \
        or _LISTINGS[rel][1]
    for page in module.pages(ctx):
        if page.path == path:
            return page
    raise NoPage(rel)

