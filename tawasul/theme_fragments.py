"""Pieces of the theme that come out the same on thousands of pages (Material's navigation, the
footer), rendered once per build and reused.

Material renders its whole page template for every page: on the 2,000-event site the sidebar
navigation alone was about a third of that, although every page outside the nav (events, articles,
lists) shows the same one. What such a piece may differ by from page to page is
- what the template passes as its key (e.g. the page itself, when it is in the nav), and
- its links: MkDocs' `url` filter makes them relative to the page (`../../safety/`).
So the links are recorded while the piece renders (the `url` filter of this environment reports
each value it converts), and a later page reuses the piece only when the same key gives the same
converted links for it. The result is byte for byte what rendering it again gives, as long as the
key names everything else the piece reads from the page: templates that call `tawasul_once` say
what that is.
"""
from __future__ import annotations

from jinja2 import pass_context


class Fragments:
    """`tawasul_once(name, *key)` for the theme's templates, used as a `{% call %}` block."""

    def __init__(self, url_filter):
        self._url = url_filter
        self._recording: list[list[tuple[str, str]]] = []
        # (name, key) -> [(values its links were made from, {those links: rendered piece})]
        self._kept: dict[tuple, list[tuple[tuple[str, ...], dict[tuple[str, ...], str]]]] = {}
        self.rendered = self.reused = 0

    @pass_context
    def url(self, context, value):
        link = self._url(context, value)
        for made in self._recording:  # a piece inside another one belongs to both
            made.append((value, link))
        return link

    @pass_context
    def once(self, context, name, *key, caller):
        variants = self._kept.setdefault((name, key), [])
        for values, pieces in variants:
            links = tuple(self._url(context, value) for value in values)
            if links in pieces:
                for made in self._recording:
                    made.extend(zip(values, links))
                self.reused += 1
                return pieces[links]
        self._recording.append([])
        try:
            piece = caller()
        finally:
            made = self._recording.pop()
        values, links = tuple(v for v, _ in made), tuple(link for _, link in made)
        for known, pieces in variants:
            if known == values:
                pieces[links] = piece
                break
        else:
            variants.append((values, {links: piece}))
        self.rendered += 1
        return piece
