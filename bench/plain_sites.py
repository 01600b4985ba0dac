"""The same synthetic content as plain Pelican and Hugo sites, for a side-by-side build timing.

Both reference sites get one page per event, article, campaign and centre, with the item's
fields rendered as Markdown and the same text, read from the validated catalogue (the one
content model; nothing here parses content YAML). They use each tool's simplest setup:
Pelican's built-in default theme with pelican-quickstart's settings, and for Hugo a layout of a
few lines written here. Neither tool is a dependency of the project.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import yaml

from tawasul import dates
from tawasul.catalogue import Catalogue
from tawasul.schema import EVENT_TYPE_NAMES, MEMBER_TYPE_NAMES

SITE_NAME = "مراكز تواصل"


@dataclass(frozen=True)
class Item:
    section: str  # events | awareness | campaigns | centres
    slug: str
    title: str
    when: datetime
    summary: str
    body: str  # Markdown
    tags: tuple[str, ...]


def _facts(rows: list[tuple[str, str | None]]) -> str:
    return "\n".join(f"- **{label}:** {value}" for label, value in rows if value)


def _at(day: date | datetime) -> datetime:
    return day if isinstance(day, datetime) else datetime.combine(day, time(9, 0))


def items(cat: Catalogue) -> list[Item]:
    """Every content item as one page, fields first, then its text."""
    found = []
    for e in cat.sorted_events():
        gov = cat.governorate_of(e)
        centre = cat.centres.get(e.centre)
        campaign = cat.campaigns.get(e.campaign)
        facts = _facts([("النوع", EVENT_TYPE_NAMES[e.type]), ("الموعد", dates.when(e.start, e.end)),
                        ("المكان", f"{e.venue.name}، {e.venue.address}"), ("المحافظة", gov.name),
                        ("الجهة المنظِّمة", centre.name if centre else None), ("الفئة المستهدفة", e.audience),
                        ("ضمن حملة", campaign.title if campaign else None), ("الحالة", e.status.value)])
        registration = ""
        if e.registration:
            registration = (f"\n\n## التسجيل\n\nيُفتح التسجيل في {dates.long_date(e.registration.opens)} ويُغلق في "
                            f"{dates.long_date(e.registration.closes)}. عدد المقاعد: {e.registration.capacity}.")
        found.append(Item("events", e.slug, e.title, _at(e.start), e.summary,
                          f"{facts}\n\n{e.summary}\n\n{e.description}{registration}", (gov.slug, e.type.value)))
    for a in cat.articles.values():
        found.append(Item("awareness", a.slug, a.title, _at(a.date), a.summary, f"{a.summary}\n\n{a.body}", (a.category,)))
    for c in cat.campaigns.values():
        lists = "\n\n## الأهداف\n\n" + "\n".join(f"- {g}" for g in c.goals)
        if c.partners:
            lists += "\n\n## الشركاء\n\n" + "\n".join(f"- {p}" for p in c.partners)
        body = f"{dates.date_range(c.start, c.end)}\n\n{c.summary}\n\n{c.body}{lists}"
        found.append(Item("campaigns", c.slug, c.title, _at(c.start), c.summary, body, tuple(c.governorates)))
    for c in cat.centres.values():
        facts = _facts([("العنوان", c.address), ("ساعات العمل", c.hours.summary()), ("الهاتف", c.contact.phone),
                        ("التنسيق", c.coordinator_role)])
        services = "\n".join(f"- {cat.services[o.service].name}" for o in c.services)
        members = "\n".join(f"- {m.name} ({MEMBER_TYPE_NAMES[m.type]})" for m in c.members)
        reports = "".join(f"\n\n## تقرير عام {r.year}\n\n" + "\n".join(f"- {x}" for x in r.achievements + r.obstacles)
                          for r in c.reports)
        body = f"{facts}\n\n## الخدمات\n\n{services}\n\n## أعضاء الائتلاف\n\n{members}{reports}"
        found.append(Item("centres", c.slug, c.name, datetime(2026, 1, 1), c.hours.summary(), body, (c.governorate,)))
    return found


# --- Pelican ----------------------------------------------------------------------------------

# pelican-quickstart's answers for a local site: no feeds, ten items per index page.
PELICAN_SETTINGS = f"""\
AUTHOR = "Tawasul"
SITENAME = "{SITE_NAME}"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Hebron"
DEFAULT_LANG = "ar"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
"""


def write_pelican(all_items: list[Item], dest: Path) -> Path:
    """Centres become Pelican pages, everything else articles in a category per section."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "content" / "pages").mkdir(parents=True)
    (dest / "pelicanconf.py").write_text(PELICAN_SETTINGS, encoding="utf-8")
    for item in all_items:
        head = [f"Title: {item.title}", f"Slug: {item.slug}"]
        if item.section == "centres":
            path = dest / "content" / "pages" / f"{item.slug}.md"
        else:
            path = dest / "content" / item.section / f"{item.slug}.md"
            head += [f"Date: {item.when:%Y-%m-%d %H:%M}", f"Category: {item.section}",
                     f"Tags: {', '.join(item.tags)}", f"Summary: {item.summary}"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(head) + "\n\n" + item.body + "\n", encoding="utf-8")
    return dest


# --- Hugo -------------------------------------------------------------------------------------

HUGO_CONFIG = f"""\
baseURL = "http://127.0.0.1:8000/"
languageCode = "ar"
defaultContentLanguage = "ar"
title = "{SITE_NAME}"
relativeURLs = true
[languages.ar]
languageDirection = "rtl"
"""

# A whole page shell in a few lines, shared by item pages and lists through Hugo's baseof.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}
</ul>{{ template "_internal/pagination.html" . }}{{ end }}
""",
}


def write_hugo(all_items: list[Item], dest: Path) -> Path:
    """One content section per kind of item; governorates and types as Hugo tags."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (dest / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (dest / "layouts" / name).write_text(text, encoding="utf-8")
    for item in all_items:
        meta = {"title": item.title, "slug": item.slug, "date": item.when.isoformat(),
                "summary": item.summary, "tags": list(item.tags)}
        path = dest / "content" / item.section / f"{item.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        path.write_text(f"---\n{head}---\n{item.body}\n", encoding="utf-8")
    return dest
