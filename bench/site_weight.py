"""What a built page costs a visitor, read from the built files: the first view of every page,
and the size of the site's output. (bench/page_weight.py measures a few pages in a real browser;
this reads a whole 2,000-event site in seconds.)

First view = the page's HTML plus every stylesheet and script it references, plus the fonts
and imported stylesheets those stylesheets pull in, each gzipped at level 6 as a web server
would send it (guide §6: ≤ 60 KB). Icons and images are listed apart; the budget is about
what blocks reading the page.
"""
from __future__ import annotations

import gzip
import posixpath
import re
import statistics
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_CSS_REF = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
_FONT = re.compile(r"\.(woff2?|ttf|otf|eot)$", re.I)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _References(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.css: list[str] = []
        self.js: list[str] = []
        self.fonts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and "stylesheet" in rels and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "link" and "preload" in rels and attrs.get("as") == "font" and attrs.get("href"):
            self.fonts.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


@dataclass
class FirstView:
    page: str
    parts: dict[str, int] = field(default_factory=dict)  # site path -> gzip bytes
    raw: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def gzip_total(self) -> int:
        return sum(self.parts.values())

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for path, size in self.parts.items():
            kind = "font" if _FONT.search(path) else path.rsplit(".", 1)[-1]
            kinds[kind] = kinds.get(kind, 0) + size
        return kinds


def _resolve(base: str, ref: str) -> str | None:
    """The site path of a reference made from site path `base`; None for other hosts/data URIs."""
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if not ref or re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):
        return None
    if ref.startswith("/"):
        return ref.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), ref))


def first_view(site: Path, page: str, assets: dict | None = None) -> FirstView:
    """`page` is a site path such as `index.html` or `events/x/index.html`. `assets` caches
    (gzip size, raw size, references) of shared files across calls."""
    assets = {} if assets is None else assets
    view = FirstView(page)
    html = (site / page).read_bytes()
    view.parts[page], view.raw = gzip_size(html), len(html)
    refs = _References()
    refs.feed(html.decode("utf-8"))
    queue = [_resolve(page, r) for r in refs.css + refs.js + refs.fonts]
    while queue:
        path = queue.pop(0)
        if path is None or path in view.parts:
            continue
        if path not in assets:
            assets[path] = _asset(site, path)
        if assets[path] is None:
            view.missing.append(path)
            continue
        view.parts[path], raw, refs = assets[path]
        view.raw += raw
        queue.extend(refs)
    return view


def _asset(site: Path, path: str) -> tuple[int, int, list] | None:
    """A stylesheet's, script's or font's (gzip size, raw size, what it makes the browser load)."""
    file = site / path
    if not file.is_file():
        return None
    data = file.read_bytes()
    refs = []
    if path.endswith(".css"):
        for url, imported in _CSS_REF.findall(data.decode("utf-8", errors="replace")):
            target = imported or url
            if imported or _FONT.search(target.split("?")[0]):
                refs.append(_resolve(path, target))
    return gzip_size(data), len(data), refs


def all_first_views(site: Path) -> list[FirstView]:
    """The first view of every page of the site, heaviest first."""
    assets: dict = {}
    views = [first_view(site, p.relative_to(site).as_posix(), assets) for p in site.rglob("*.html")]
    return sorted(views, key=lambda v: -v.gzip_total)


@dataclass
class OutputStats:
    html_pages: int
    total_bytes: int
    event_kb_mean: float
    event_kb_max: float
    largest: list[tuple[str, int]]


def output_stats(site: Path, event_glob: str = "events/*/index.html", skip: tuple[str, ...] = ()) -> OutputStats:
    """Sizes of a built site; event pages are `events/<slug>/index.html` minus generated lists."""
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    events = [p.stat().st_size for p in site.glob(event_glob) if p.parent.name not in skip]
    largest = sorted(((p.relative_to(site).as_posix(), p.stat().st_size) for p in html), key=lambda r: -r[1])[:5]
    return OutputStats(len(html), sum(p.stat().st_size for p in files),
                       statistics.mean(events) / 1024 if events else 0.0,
                       max(events) / 1024 if events else 0.0, largest)
