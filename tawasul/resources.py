"""Find what in a built page would make the browser fetch from another host."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# <link> relations that make a request; canonical/alternate links are only metadata.
_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                  "modulepreload", "apple-touch-icon", "manifest"}
_SOURCE_ATTRS = {"src", "srcset", "data", "poster", "background"}
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)|@import\s+['"]((?:[a-z]+:)?//[^'"]+)""", re.I)


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & _FETCHING_RELS and _EXTERNAL.match(attrs.get("href") or ""):
                self.found.append(f"<link> {attrs['href']}")
        elif tag != "a":
            for name in _SOURCE_ATTRS & attrs.keys():
                for candidate in (attrs[name] or "").split(","):
                    if _EXTERNAL.match(candidate):
                        self.found.append(f"<{tag} {name}> {candidate.strip()}")
        if attrs.get("style"):
            self.found.extend(external_in_css(attrs["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found.extend(external_in_css(data))


# Pages that cannot reach another host are cleared without parsing (parsing every page was a
# fifth of a 2,000-event build). A finding needs `//` in the decoded markup; what every page
# carries holds `//` that is never fetched: the canonical link, the SVG namespace, an event's
# JSON-LD (written with no < > & inside) and links (<a href>: the quick exit, credits). Removing
# those is exact while no attribute value holds a literal `<` (so each removed piece is a whole
# element or attribute), no <style> block's text is read and no character reference can spell
# `/`. Otherwise the page is parsed.
_SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'
_CANONICAL = re.compile(r'<link rel="canonical" href="[^"\'<>\s]*">')
_JSON_LD = re.compile(r'<script type="application/ld\+json">[^<>&]*</script>')
_LINK_TARGET = re.compile(r'(<a\s[^<>]*?)(?<=\s)href="[^"\'<>\s]*"')
_STYLE_BLOCK = re.compile(r"<style", re.I)
_LT_IN_ATTRIBUTE = re.compile(r"""=\s*(?:"[^"]*|'[^']*|[^\s"'>]*)<""")


def _risky_markup(html: str) -> bool:
    # Separate simple searches: a single alternation of them scans the page twice as slowly.
    return bool("&#" in html or "&sol;" in html or _STYLE_BLOCK.search(html) or _LT_IN_ATTRIBUTE.search(html))


def _without_known(html: str) -> str:
    return _LINK_TARGET.sub(r"\1", _JSON_LD.sub("", _CANONICAL.sub("", html.replace(_SVG_NAMESPACE, ""))))


def _may_reach_elsewhere(html: str) -> bool:
    return _risky_markup(html) or "//" in _without_known(html)


# A `//` in text (an address shown in <code>, a calendar's subscription link) is never fetched,
# and the parser reports none there; pages that show one were a twentieth of a large site and
# each was parsed. Where no attribute value holds `<` or `>`, a tag runs from its `<` to the next
# `>`, so a `//` is in text when the last of the two before it is `>`. Anything else is parsed.
_GT_IN_ATTRIBUTE = re.compile(r"""=\s*(?:"[^"]*|'[^']*)>""")


def _slashes_only_in_text(kept: str, html: str) -> bool:
    if _GT_IN_ATTRIBUTE.search(html):
        return False
    at = kept.find("//")
    while at != -1:
        if kept.rfind("<", 0, at) > kept.rfind(">", 0, at):
            return False
        at = kept.find("//", at + 2)
    return True


def external_in_html(html: str) -> list[str]:
    if not _risky_markup(html):
        kept = _without_known(html)
        if "//" not in kept or _slashes_only_in_text(kept, html):
            return []
    finder = _Finder()
    finder.feed(html)
    return finder.found


def external_in_css(css: str) -> list[str]:
    return [f"css {a or b}" for a, b in _CSS_URL.findall(css)]
