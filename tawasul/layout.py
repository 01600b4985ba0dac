"""Where each kind of content lives in the content tree: the one place that knows it.

The loader reads these paths, the writer writes them, the feeds date entries by their history
and the form service watches them for changes. Paths are POSIX strings relative to the content
root (the repository root in production).
"""
from __future__ import annotations

DATA = "content/data"
GOVERNORATES = f"{DATA}/governorates.yml"
HELPLINES = f"{DATA}/helplines.yml"
OCCASIONS = f"{DATA}/occasions.yml"
CATEGORIES = f"{DATA}/categories.yml"
SERVICES = f"{DATA}/services.yml"
# Optional: public holidays, when every place with opening hours is closed.
HOLIDAYS = f"{DATA}/holidays.yml"
# Optional: a content tree without it simply has no gazetteer.
LOCALITIES = f"{DATA}/localities.yml"

# Folders of files named by their slug, and the pattern of those files inside each folder.
CENTRES = (f"{DATA}/centres", "*.yml")
ARTICLES = ("content/awareness", "*.md")
CAMPAIGNS = ("campaigns", "*.md")
EVENTS = ("events", "*/*.yml")  # events/<start year>/<slug>.yml
FIGURES = (f"{DATA}/figures", "*.yml")  # <year>.yml, written by `flask export-figures`

# Images of articles and campaigns live beside their Markdown, in an `images/` folder of their own
# (the loader's `*.md` patterns never see them): `content/awareness/images/<file>`,
# `campaigns/images/<file>`. Front matter names the file only (`image: {file: …, alt: …}`); the
# site copies each to the same place under its section's URL (`awareness/images/<file>`).
IMAGES = {ARTICLES[0]: "awareness", CAMPAIGNS[0]: "campaigns"}


def image_file(folder: str, name: str) -> str:
    """`folder` is ARTICLES[0] or CAMPAIGNS[0]; `name` the file name front matter gives."""
    return f"{folder}/images/{name}"


def image_url(folder: str, name: str) -> str:
    """Where the site serves it, relative to the site root."""
    return f"{IMAGES[folder]}/images/{name}"


# Every folder the loader reads from, for watchers of content changes.
WATCHED = (DATA, ARTICLES[0], CAMPAIGNS[0], EVENTS[0])
# The top-level folders that hold content, hand-written pages included, for git history.
TOP_FOLDERS = ("content", "campaigns", "events")


def event_file(slug: str, year: int | str) -> str:
    """An event is filed under the year it starts in (the loader checks the folder)."""
    return f"{EVENTS[0]}/{year}/{slug}.yml"


def figures_file(year: int | str) -> str:
    return f"{FIGURES[0]}/{year}.yml"
