"""The links between the static site and the form service, made in one place: an event's page,
its registration form, and the lists the forms link back to. Site pages, feeds, JSON-LD and the
form service's templates call these instead of putting URLs together themselves.

Site paths are relative to the site root (`events/<slug>/`); form paths are relative to where
the service answers (its prefix, `/forms/` by default).
"""
from __future__ import annotations


def event_page(slug: str) -> str:
    return f"events/{slug}/"


def events_list() -> str:
    return "events/"


def registration_form(slug: str) -> str:
    return f"events/{slug}/register"


def home() -> str:
    return ""


def search_page() -> str:
    return "search/"


def helplines() -> str:
    """The full list of helplines, on the safe-browsing page («كل الأرقام»)."""
    return "safety/#numbers"


def asset(path: str) -> str:
    """A file of the theme's assets (`css/tawasul.css`), which the form service's pages share."""
    return f"assets/{path}"


def joined(base: str, path: str) -> str:
    """`path` under `base` (a site URL or the forms prefix), with exactly one slash between."""
    return base.rstrip("/") + "/" + path
