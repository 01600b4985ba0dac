"""The Content-Security-Policy: one base, from which the site's header (computed here from the
built pages), the site's <meta> policy (the theme) and the form service's header derive.

The policy allows the site's own files only. What the pages really run decides the rest:
- every inline script that a browser would execute is allowed by its SHA-256 hash (today the
  site has none: JSON-LD is data, not script, and needs nothing);
- a page whose scripts load Pagefind (the search page) also gets 'wasm-unsafe-eval', because
  Pagefind compiles WebAssembly; this allows no JavaScript eval and no inline script. So does
  every script that compiles WebAssembly itself: run as a Web Worker (Pagefind's worker does),
  a script obeys the policy sent with its own response, not the page's.
Inline event handlers (onclick=…) and style attributes cannot be allowed without weakening the
policy for every page, so the build of the header refuses a site that has them.
"""
from __future__ import annotations

import base64
import hashlib
import posixpath
from html.parser import HTMLParser
from pathlib import Path

BASE = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    # Only a header can say this (a <meta> policy cannot): no site may frame ours.
    "frame-ancestors": "'none'",
}
WASM = "'wasm-unsafe-eval'"
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


class UnsafeMarkup(ValueError):
    """The site has markup that only an unsafe policy would let run."""


class _Page(HTMLParser):
    """The scripts of one page (inline texts, external sources) and any unsafe markup."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self.sources: list[str] = []
        self.unsafe: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.unsafe += [f"<{tag} {name}>" for name in attrs if name.startswith("on") or name == "style"]
        if tag == "style":
            self.unsafe.append("<style>")
        if tag == "script" and (attrs.get("type") or "").strip().lower() in _EXECUTABLE:
            if attrs.get("src"):
                self.sources.append(attrs["src"])
            else:
                self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def _script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _loads_pagefind(site: Path, page: str, src: str) -> bool:
    path = src.split("?", 1)[0]
    if "://" in path or path.startswith("//"):
        return False
    file = site / (path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))
    return file.is_file() and "pagefind" in file.read_text(encoding="utf-8", errors="replace")


def _render(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def policy(hashes: list[str] = (), wasm: bool = False) -> str:
    directives = dict(BASE)
    directives["script-src"] = " ".join([BASE["script-src"], *hashes, *([WASM] if wasm else [])])
    return _render(directives)


def meta_policy(wasm: bool = False) -> str:
    """The pages' own <meta> policy, for static hosts that set no headers: the header's, less
    frame-ancestors, which only a header can carry (the server adds it)."""
    return policy(wasm=wasm).removesuffix(f"; frame-ancestors {BASE['frame-ancestors']}")


# The form service loads nothing but its own origin's styles, images and one script (the site's
# quick-exit.js): the base, closed further.
FORMS = _render({"default-src": "'none'", "script-src": BASE["script-src"], "style-src": BASE["style-src"],
                 "img-src": "'self'",
                 **{name: BASE[name] for name in ("form-action", "frame-ancestors", "base-uri")}})


def site_policies(site: Path) -> dict[str, str]:
    """{"default": policy} plus one entry per URL that needs more: a page ("/search/") or a
    script ("/pagefind/pagefind-worker.js")."""
    hashes: set[str] = set()
    wasm_pages: list[str] = []
    problems: list[str] = []
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        parser = _Page()
        parser.feed(file.read_text(encoding="utf-8"))
        problems += [f"{page}: {markup}" for markup in parser.unsafe]
        hashes.update(_script_hash(text) for text in parser.inline)
        if any(_loads_pagefind(site, page, src) for src in parser.sources):
            wasm_pages.append("/" + page.removesuffix("index.html"))
    wasm_pages += ["/" + file.relative_to(site).as_posix() for file in sorted(site.rglob("*.js"))
                   if "WebAssembly" in file.read_text(encoding="utf-8", errors="replace")]
    if problems:
        raise UnsafeMarkup("markup a strict Content-Security-Policy blocks:\n" + "\n".join(problems[:20]))
    ordered = sorted(hashes)
    return {"default": policy(ordered), **{url: policy(ordered, wasm=True) for url in wasm_pages}}
