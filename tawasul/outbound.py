"""Links that leave the site carry rel="noreferrer", so the next site is not told she came from
here. The page's referrer policy (<meta name="referrer">) already says so; the attribute keeps
saying it where a browser or a copied link ignores the meta."""
from __future__ import annotations

import re

# Only a tag with `//` in it can point at another host; matching just those spares a call per
# link of the site's own (thirty-odd on every page).
_A_TAG = re.compile(r"<a\b[^>]*//[^>]*>", re.I)
_HREF_HOST = re.compile(r"""\shref\s*=\s*["']?(?:https?:)?//([^/"'?#:\s>]+)""", re.I)
_REL = re.compile(r"""\srel\s*=\s*"([^"]*)\"""", re.I)


def mark_outbound_links(html: str, own_host: str) -> str:
    """Add noreferrer to every <a> whose href points at another host than `own_host`."""
    own_host = own_host.lower()

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        host = _HREF_HOST.search(tag)
        if not host or host.group(1).lower() == own_host:
            return tag
        rel = _REL.search(tag)
        if rel is None:
            return tag[:-1] + ' rel="noreferrer">'
        values = rel.group(1).split()
        if "noreferrer" in values:
            return tag
        return tag[:rel.start(1)] + " ".join(values + ["noreferrer"]) + tag[rel.end(1):]

    return _A_TAG.sub(mark, html)
