"""Generated pages written as HTML: Markdown only for the text people wrote.

A generated page used to be Markdown written by a Jinja template and parsed again by
Python-Markdown, which spent most of the build re-reading HTML we had just written. A template
named `*.html.j2` writes HTML; the text people wrote in the content (an event's summary and
description) goes through the `markdown` filter, which remembers each text by its hash, so a
build renders each distinct text once and a later build only the texts that changed.

The page's headings get the ids and table of contents MkDocs' `toc` extension would give them
(same slugify, same de-duplication), so the theme shows the page exactly as before.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

import markdown
from markupsafe import Markup

# Heading ids are the page's, given by `headings()` over the whole page: not per text.
_NO_TOC = ("toc",)
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
# One line of letters, digits, Arabic marks, single spaces and punctuation that no Markdown rule
# (nor the site's extensions) reads: most summaries and paragraphs of descriptions.
_PLAIN = re.compile(r"(?:[^\W_]|[\u064B-\u065F\u0670 .,،؛؟?!:;()«»–—/%٪-])*")


@dataclass
class MarkdownText:
    """Python-Markdown with the site's extensions (mkdocs.yml), one instance reused, and a
    cache of rendered texts by the hash of their source (shared across builds by the hook)."""
    extensions: list = field(default_factory=list)
    configs: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)
    used: set = field(default_factory=set)

    def __post_init__(self):
        names = [e for e in self.extensions if not (isinstance(e, str) and e.split(".")[-1] in _NO_TOC)]
        self._md = markdown.Markdown(extensions=names, extension_configs={
            k: v for k, v in self.configs.items() if k.split(".")[-1] not in _NO_TOC})

    def __call__(self, text: str) -> Markup:
        paragraphs = unmarked_paragraphs(text)
        if paragraphs is not None:  # what Python-Markdown gives them, without its passes over the text
            return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))
        key = hashlib.sha256(str(text).encode()).hexdigest()
        self.used.add(key)
        done = self.cache.get(key)
        if done is None:
            done = self.cache[key] = self._md.reset().convert(str(text))
        return Markup(done)


def unmarked_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text in which Markdown has nothing to read, or None if it might.

    Each is one line that starts with a letter (a digit or a sign could start a list or a
    heading) and holds no `&`, `<`, `*`, `_`, `[`, `` ` ``, `\\`, `#`, `{`, `|`, double space or
    trailing space; paragraphs are apart by exactly one blank line."""
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        if not (_PLAIN.fullmatch(paragraph) and paragraph[:1].isalpha() and "  " not in paragraph
                and not paragraph.endswith(" ")):
            return None
    return paragraphs


def headings(page: str, slugify) -> tuple[str, list[dict], str | None]:
    """Give every plain <hN> an id as the toc extension does, and return the page, its table of
    contents (the toc extension's nested tokens) and the inner HTML of its first <h1>."""
    used: set[str] = set()
    flat: list[dict] = []

    def with_id(match: re.Match) -> str:
        level, inner = int(match.group(1)), match.group(2)
        text = html.unescape(_TAGS.sub("", inner)).strip()
        slug = base = slugify(text, "-")
        n = 0
        while slug in used or not slug:
            n += 1
            slug = f"{base}_{n}"
        used.add(slug)
        flat.append({"level": level, "id": slug, "name": html.escape(text, quote=False), "children": []})
        return f'<h{level} id="{slug}">{inner}</h{level}>'

    first_h1 = next((m.group(2) for m in _HEADING.finditer(page) if m.group(1) == "1"), None)
    page = _HEADING.sub(with_id, page)
    return page, _nest(flat), first_h1


def _nest(flat: list[dict]) -> list[dict]:
    top: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top
