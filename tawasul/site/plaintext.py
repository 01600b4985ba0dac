"""Markdown of the content as plain text: calendars (RFC 5545 DESCRIPTION) and feed summaries
carry text, never markup."""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from .html_pages import unmarked_paragraphs

_BLOCKS = {"p", "li", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "blockquote"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


# One converter, reset per text: setting up Python-Markdown costs more than converting a short text.
_MARKDOWN = markdown.Markdown()
_LOCK = threading.Lock()


@lru_cache(maxsize=4096)  # an event's description serves both its calendar entry and its JSON-LD
def plain_text(source: str) -> str:
    """Markdown (with any inline HTML) -> readable plain text with paragraphs kept."""
    paragraphs = unmarked_paragraphs(source)
    if paragraphs is not None:  # what converting them gives, without Python-Markdown
        return "\n\n".join(paragraphs)
    return _converted(source)


def _converted(source: str) -> str:
    if not source.strip():
        return ""
    with _LOCK:
        rendered = _MARKDOWN.reset().convert(source)
    parser = _Text()
    parser.feed(rendered)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
