"""Rendering pages from Jinja templates, with the filters the templates share."""
from __future__ import annotations

import dataclasses
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup
from pydantic import BaseModel
from pymdownx.slugs import slugify as toc_slugify

from .. import dates, ical, links, states
from ..build_cache import Memo, digest
from ..catalogue import Catalogue
from ..directory import Directory
from ..hours import holidays_data, week_summary
from ..schema import ACCESS_NAMES, ACCESSIBILITY_NAMES, EVENT_TYPE_NAMES, MEMBER_TYPE_NAMES, Event
from ..settings import SiteSettings
from ..states import label
from ..text import NETWORKS_NOTE, is_sample_phone, phone_digits
from . import addresses
from .html_pages import MarkdownText, headings

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Page:
    """A generated page: its source path as MkDocs sees it, and its Markdown (front matter
    included: the theme reads `search`, `jsonld` and `description` from it). A page from an
    `*.html.j2` template has no Markdown: its body is in `html` with the table of contents of
    its headings (html_pages.py), and its front matter in `meta`, which the hook gives MkDocs
    as the page's meta (2,000 event pages' YAML written and parsed again cost a quarter second)."""
    path: str
    markdown: str
    html: str | None = None
    toc: list = field(default_factory=list)
    h1: str | None = None  # the first heading's inner HTML: MkDocs takes the page title from it
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class GeneratedFile:
    """A generated file that is not a page (calendars, feeds): copied to the site as is."""
    path: str
    content: bytes


# Generated lists are navigation: search indexes the pages they point to, not the lists.
LIST_META = {"search_exclude": True}


_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    if not meta:
        return ""
    # libyaml's emitter (in PyYAML's wheels): the same text, a tenth of the time on large sites.
    text = yaml.dump(meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=True, width=10_000)
    return "---\n" + text + "---\n\n"


def url_of(path: str) -> str:
    """The directory URL MkDocs gives a source path: events/x.md -> events/x/, index.md -> ''."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class SiteContext:
    catalogue: Catalogue
    today: date
    settings: SiteSettings = field(default_factory=SiteSettings)
    # One instant for the whole build: calendars' DTSTAMP.
    built_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc).replace(microsecond=0))
    # Renders the Markdown people wrote inside HTML pages (the hook passes mkdocs.yml's extensions).
    markdown_text: MarkdownText = field(default_factory=MarkdownText)
    # The `toc` extension's slugify (mkdocs.yml), for the ids of HTML pages' headings.
    slugify: Callable = field(default_factory=lambda: toc_slugify(case="lower"))
    # What the generators make per event, kept across builds by the hook (build_cache.Memo).
    memo: Memo = field(default_factory=Memo)
    # Compiled templates kept across builds (jinja2.BytecodeCache; build_cache.templates_cache).
    templates_cache: BytecodeCache | None = None
    _digests: dict = field(default_factory=dict, repr=False)
    _cards: dict = field(default_factory=dict, repr=False)

    @property
    def site_url(self) -> str:
        return self.settings.site_url

    @property
    def content_root(self) -> Path | None:
        """Where the content files are: feeds date their entries by the files' last change."""
        return self.settings.content_root

    def absolute(self, url: str) -> str:
        """`events/x/` -> `https://host/base/events/x/`."""
        return links.joined(self.site_url, url.lstrip("/"))

    @cached_property
    def env(self) -> Environment:
        # auto_reload off: the templates are code and do not change within one context's life; with
        # it on, every include and import asked the file system again (8,000 stats per large build).
        env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
                          bytecode_cache=self.templates_cache)
        env.filters.update(
            long_date=dates.long_date, weekday_date=dates.weekday_date, day_month=dates.day_month,
            month_year=dates.month_year, moment=dates.moment, date_range=dates.date_range, when=lambda e: dates.when(e.start, e.end),
            event_type=lambda t: EVENT_TYPE_NAMES[t], service=lambda s: self.catalogue.services[s].name,
            member_type=lambda t: MEMBER_TYPE_NAMES[t], phone=phone_link, href=href,
            start_iso=self.start_iso, markdown=self.markdown_text,
            access=lambda a: ACCESS_NAMES[a], accessibility=lambda a: ACCESSIBILITY_NAMES[a],
            hours_data=lambda hours: compact_json(hours.script_data(self.today)), week_summary=week_summary,
        )
        env.globals.update(cat=self.catalogue, today=self.today, settings=self.settings, addresses=addresses, links=links,
                           absolute=self.absolute,
                           event_state=lambda e: e.state(self.today), label=label, states=states,
                           calendar_note=ical.SYNC_WARNING, networks_note=NETWORKS_NOTE, directory=self.directory,
                           holidays_json=compact_json(holidays_data(self.catalogue.holidays, self.today)),
                           event_card=self.event_card)
        return env

    def event_card(self, event: Event, link: str) -> Markup:
        """An event's card in a list (the `card` macro): made once per build for each link to the
        event, as what it shows comes from the event, its governorate and the day."""
        key = (event.slug, link)
        if key not in self._cards:
            self._cards[key] = self.env.get_template("_macros.j2").module.card(event, link)
        return self._cards[key]

    @cached_property
    def directory(self) -> Directory:
        return Directory(self.catalogue)

    def start_iso(self, event: Event) -> str:
        """For <time datetime>: a day, or a local time with its UTC offset."""
        start = event.start if event.all_day else self.catalogue.aware(event, event.start)
        return start.isoformat()

    def event_inputs(self, event: Event) -> str:
        """The digest of everything an event's page, list entry and calendar entry show: the
        event and the records they name (its governorate gives the time zone and the name)."""
        cat = self.catalogue
        return self.record_inputs(event, lambda: digest(repr(event), *(self.record_inputs(record) for record in (
            cat.governorate_of(event), cat.centres.get(event.centre), cat.campaigns.get(event.campaign),
            cat.occasions.get(event.occasion)))))

    def record_inputs(self, record, make=None) -> str:
        """A content record's digest (all its fields), made once per build: a centre is shown
        beside each of its events."""
        done = self._digests.get(id(record))
        if done is None:  # the record is kept with its digest, so its id is not reused in this build
            done = self._digests[id(record)] = (record, make() if make else digest(repr(record)))
        return done[1]

    def inputs(self, value):
        """`value` (page values: events, records, enums, lists…) as something `digest` takes."""
        if isinstance(value, Event):
            return ["event", self.event_inputs(value)]
        if isinstance(value, BaseModel):
            return self.record_inputs(value)
        if isinstance(value, Enum):
            return [type(value).__name__, value.value]
        if isinstance(value, dict):
            return {key: self.inputs(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.inputs(item) for item in value]
        return value

    def memo_page(self, parts: Callable[[], list], make: Callable[[], Page]) -> Page:
        """A page made once per set of inputs (`parts()`, with the day of the build) and reused
        by later builds: only for pages whose template reads nothing but its values and the
        governorates of the events in them."""
        if not self.memo.keeps:
            return make()
        text = self.memo(["page", self.today, parts()], lambda: json.dumps(dataclasses.asdict(make()), ensure_ascii=False))
        return Page(**json.loads(text))

    def page(self, path: str, template: str, meta: dict | None = None, **values) -> Page:
        text = self.env.get_template(template).render(page_url=url_of(path), **values)
        if not template.endswith(".html.j2"):
            return Page(path, front_matter(meta or {}) + text)
        body, toc, h1 = headings(text, self.slugify)
        # In the order reading the front matter would give (its keys are written sorted).
        return Page(path, "", html=body, toc=toc, h1=h1, meta=dict(sorted((meta or {}).items())))


@pass_context
def href(context, target: str) -> str:
    """A link from the page being rendered to a site URL such as `events/x/`, kept relative so
    the site works from any base path and from disk."""
    rel = _relative(target, context["page_url"])
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or target == "" else rel


def _relative(target: str, here: str) -> str:
    """posixpath.relpath("/" + target, "/" + here) for the site's own URLs, with each URL split
    once per build: a large build makes 20,000 links, and relpath normalises both ends of each."""
    to, start = _segments(target), _segments(here)
    if to is None or start is None:
        return posixpath.relpath("/" + target, "/" + here)
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + list(to[common:])) or "."


@lru_cache(maxsize=None)
def _segments(url: str) -> tuple[str, ...] | None:
    parts = tuple(part for part in url.split("/") if part)
    return None if "." in parts or ".." in parts else parts  # relpath resolves these


def compact_json(data) -> str:
    """JSON for a data attribute or a generated file: no spaces, Arabic as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def phone_link(number: str) -> Markup:
    """Phone numbers sit inside RTL text: isolate them left-to-right and make the verifiable ones
    dialable. A sample number (000…) stays plain text: a tap must never call a made-up number."""
    if is_sample_phone(number):
        return Markup('<bdi dir="ltr" class="tw-phone tw-phone--sample">{}</bdi>').format(number)
    return Markup('<a href="tel:{}" dir="ltr" class="tw-phone">{}</a>').format(phone_digits(number), number)
