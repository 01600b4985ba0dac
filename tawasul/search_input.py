"""What Pagefind reads: each page that has searchable content, from that content on.

Pagefind indexes only the element marked `data-pagefind-body` (theme/partials/content.html), but
it parses every page of the site whole to find it: two thirds of the 90 MB of HTML on the
2,000-event site are the head, header, navigation and the pages that opt out. The build hands it
a copy of the site (`SEARCH_INPUT`, written by the MkDocs hook as each page is finished) holding
only the pages with that mark, each cut to start at it; its language is forced (`--force-language`)
and a page's address is its path, so the index and every page's record come out the same
(tests/test_search_input.py compares them with Pagefind run over the whole site). Pagefind
writes into the site's own `pagefind/`.
"""
from __future__ import annotations

import os

from .output_files import Output

SEARCH_INPUT = "TAWASUL_SEARCH_INPUT"
_MARK = "<div data-pagefind-body"
_START = '<html lang="ar"><body>'


def indexed_part(html: str) -> str | None:
    """What Pagefind needs of a page, or None when it has nothing to index."""
    at = html.find(_MARK)
    return None if at < 0 else _START + html[at:]


class SearchInput:
    """The copy, written as pages are finished. A folder that holds an earlier build's copy is
    written over as `Output` writes over the site (unchanged pages left alone), then pruned."""

    def __init__(self, folder: str, site: str):
        self.folder, self.site = os.path.normpath(folder), os.path.normpath(site)
        self.output = Output(reuse=os.path.isdir(folder) and bool(os.listdir(folder)))

    def add(self, html: str, path: str) -> None:
        """`path`: where the page is written in the site."""
        part = indexed_part(html)
        if part is not None:
            self.output.write(part.encode(), os.path.join(self.folder, os.path.relpath(path, self.site)))

    def finish(self) -> None:
        if self.output.reuse:
            self.output.prune(self.folder)
