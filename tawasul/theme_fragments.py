"""Pieces of the theme that come out the same on thousands of pages (Material's navigation, the
footer), rendered once per build and reused.

Material renders its whole page template for every page: on the 2,000-event site the sidebar
navigation alone was about a third of that, although every page outside the nav (events, articles,
lists) shows the same one. What such a piece may differ by from page to page is
- what the template passes as its key (e.g. the page itself, when it is in the nav), and
- its links: MkDocs' `url` filter makes them relative to the page (`../../safety/`).
So the links are recorded while the piece renders (the `url` and `script_tag` filters report
each value they convert), and a later page reuses the piece only when the same key gives the same
converted links for it. The result is byte for byte what rendering it again gives, as long as the
key names everything else the piece reads from the page: templates that call `tawasul_once` say
what that is.
"""
from __future__ import annotations

from jinja2 import pass_context
from markupsafe import escape


# Where a piece holds something of the page's own (its title, its skip link), it is rendered with
# these in its place, and each use puts the page's values in (`fill`).
HOLES = tuple(f"\x00tawasul-hole-{i}\x00" for i in range(4))


class Fragments:
    """`tawasul_once(name, *key, fill=[...])` for the theme's templates, used as a `{% call %}`
    block (`{% call(hole) … %}` with `fill`: the block prints hole[i] where fill[i] goes). Every
    filter whose output depends on where the page is must be wrapped with `relative`."""

    def __init__(self):
        self._recording: list[list[tuple]] = []
        # (name, key) -> [((filter, value) pairs its links were made from, {those links: rendered piece})]
        self._kept: dict[tuple, list[tuple[tuple, dict[tuple[str, ...], str]]]] = {}
        self.rendered = self.reused = 0

    def relative(self, page_filter):
        """`page_filter` (MkDocs' `url`, `script_tag`: output relative to the page), reporting each
        value it converts to the pieces being rendered."""
        @pass_context
        def recorded(context, value):
            link = page_filter(context, value)
            for made in self._recording:  # a piece inside another one belongs to both
                made.append(((page_filter, value), link))
            return link
        return recorded

    @pass_context
    def once(self, context, name, *key, fill=(), caller):
        fill = [escape(v) if context.eval_ctx.autoescape else str(v) for v in fill]
        variants = self._kept.setdefault((name, key), [])
        for values, pieces in variants:
            links = tuple(page_filter(context, value) for page_filter, value in values)
            if links in pieces:
                for made in self._recording:
                    made.extend(zip(values, links))
                self.reused += 1
                return _filled(pieces[links], fill)
        self._recording.append([])
        try:
            piece = caller(HOLES[:len(fill)]) if fill else caller()
        finally:
            made = self._recording.pop()
        self.rendered += 1
        values, links = tuple(v for v, _ in made), tuple(link for _, link in made)
        # Kept only if each hole is there once and no stand-in was asked for more than it holds.
        if (None, None) not in values and all(piece.count(hole) == 1 for hole in HOLES[:len(fill)]):
            for known, pieces in variants:
                if known == values:
                    pieces[links] = piece
                    break
            else:
                variants.append((values, {links: piece}))
        return _filled(piece, fill)

    def titled(self, page, title: str):
        """The page as Material's header reads it, with `title` for its title: see _TitledPage."""
        return _TitledPage(self, page, title)

    def _strayed(self) -> None:
        for made in self._recording:
            made.append(((None, None), None))


def remembered(url_filter):
    """MkDocs' `url` filter, each value converted once per page address: its output depends on
    the value, the page's URL and the base URL alone, and every page asks for the same thirty-odd
    links (the nav, the assets), each conversion a split and a walk over both paths."""
    made: dict[tuple, str] = {}

    @pass_context
    def url(context, value):
        page = context["page"]
        key = (str(value), None if page is None else page.url, context["base_url"])
        link = made.get(key)
        if link is None:
            link = made[key] = url_filter(context, value)
        return link
    return url


def _filled(piece, fill):
    for hole, value in zip(HOLES, fill):
        piece = piece.replace(hole, value)
    return piece


class _TitledPage:
    """A stand-in for the page in a shared piece: its URL (links are made relative to it) and a
    title; no front matter. Anything else is the page's own, so reading it keeps the piece from
    being shared (it is then rendered for each page, as before)."""

    meta = None

    def __init__(self, fragments: Fragments, page, title: str):
        self._fragments, self._page, self.url, self.title = fragments, page, page.url, title

    def __getattr__(self, name):
        self._fragments._strayed()
        return getattr(self._page, name)


class Strings:
    """`lang.t(key)`, the interface strings Material's templates show (theme/partials/language.html):
    each made once per build by partials/tw-strings.html's `t`, which depends on the key alone."""

    TEMPLATE = "partials/tw-strings.html"

    def __init__(self, env, config):
        self._env, self._config, self._t, self._made = env, config, None, {}

    def __call__(self, key):
        if key not in self._made:
            if self._t is None:
                self._t = self._env.get_template(self.TEMPLATE).make_module({"config": self._config}).t
            self._made[key] = self._t(key)
        return self._made[key]


def toc_key(toc) -> tuple:
    """All that Material's toc.html and toc-item.html show of a page's table of contents: under a
    first heading of level 1 (the page's title, different on every page) only its sections."""
    first = next(iter(toc), None)
    if first is not None and first.level == 1:
        return ("sections", _toc_items(first.children))
    return ("all", _toc_items(toc))


def _toc_items(items) -> tuple:
    return tuple((item.url, item.title, item.level, repr(getattr(item, "typeset", None)), _toc_items(item.children))
                 for item in items)
