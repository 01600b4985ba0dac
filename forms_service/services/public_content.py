"""The rules of the ministry's editing of public content, apart from the views (pretix's
service layer): which file each item lives in, how a new item gets its slug (once, at
creation), how her form becomes the new text of a hand-written file (round-trip YAML, so
comments and layout outside her fields stay), and how a picture joins an article or campaign.

Nothing here writes: the views hand the changes to the editing kit, which commits them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

import yaml

from tawasul import layout
from tawasul.errors import ContentError
from tawasul.images import Prepared
from tawasul.schema import Article, Campaign, Helpline, Occasion
from tawasul.writer import numbered, render_yaml
from tawasul.yaml_edit import FRONT_MATTER, edit_front_matter, edit_listing


@dataclass(frozen=True)
class Document:
    """A kind of Markdown file with front matter: an awareness article or a campaign."""
    name: str  # the URL word and the template's
    folder: str  # layout.ARTICLES[0] or layout.CAMPAIGNS[0]
    model: type
    label: str  # «المقال», «الحملة»: in titles and commit summaries
    new_label: str

    @property
    def noun(self) -> str:
        """«article»: the URL variable, the endpoints' prefix and the audit's object type."""
        return self.name[:-1]

    def rel(self, slug: str) -> str:
        return f"{self.folder}/{slug}.md"

    def image_rel(self, name: str) -> str:
        return layout.image_file(self.folder, name)

    @property
    def order(self) -> list[str]:
        return list(self.model.model_fields)


@dataclass(frozen=True)
class Listing:
    """A kind of item in a listing file: an occasion or a helpline."""
    name: str
    rel: str  # layout.OCCASIONS or layout.HELPLINES
    model: type
    label: str
    new_label: str

    @property
    def noun(self) -> str:
        return self.name[:-1]

    @property
    def order(self) -> list[str]:
        return list(self.model.model_fields)


ARTICLES = Document("articles", layout.ARTICLES[0], Article, "المقال", "مقال توعوي جديد")
CAMPAIGNS = Document("campaigns", layout.CAMPAIGNS[0], Campaign, "الحملة", "حملة جديدة")
OCCASIONS = Listing("occasions", layout.OCCASIONS, Occasion, "المناسبة", "مناسبة جديدة")
HELPLINES = Listing("helplines", layout.HELPLINES, Helpline, "خط المساعدة", "خط مساعدة جديد")


def content_file(rel: str) -> bool:
    """The files the ministry's editing may change (the kit's restore and re-apply ask)."""
    folders = (f"{ARTICLES.folder}/", f"{CAMPAIGNS.folder}/")
    return rel in (OCCASIONS.rel, HELPLINES.rel) or (rel.startswith(folders) and ".." not in rel.split("/"))


# --- slugs ----------------------------------------------------------------------------------

def candidate_slugs(chosen: str | None, base: str) -> Iterator[str]:
    """Her own slug only; else `base`, then numbered."""
    if chosen:
        yield chosen
        return
    yield from numbered(base)


def article_base(category: str, day: date) -> str:
    return f"{category}-{day.isoformat()}"


def campaign_base(start: date) -> str:
    return f"campaign-{start.isoformat()}"


def occasion_base(month_day: str) -> str:
    return f"occasion-{month_day}"


def helpline_base(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isascii() and ch.isdigit())
    return f"helpline-{digits or 'new'}"


def listed_slugs(text: str) -> set[str]:
    data = yaml.safe_load(text) or []
    return {item.get("slug") for item in data if isinstance(item, dict)}


# --- texts ----------------------------------------------------------------------------------

def _present(values: dict) -> dict:
    return {key: value for key, value in values.items() if value is not None}


def document_text(kind: Document, current: str | None, meta: dict, body: str) -> str:
    """A new file (front matter as the writer renders it), or her fields changed in the
    hand-written one and everything else left as it was."""
    if current is None:
        return f"{FRONT_MATTER}{render_yaml(_present(meta))}---\n{body.strip()}\n"
    return edit_front_matter(current, meta, body, kind.order)


def with_image(kind: Document, current: str, picture: dict | None) -> str:
    """The file with its `image:` set ({file, alt}) or removed (None)."""
    return edit_front_matter(current, {"image": picture}, None, kind.order)


def read_document(text: str) -> tuple[dict, str]:
    """Front matter and body of a Markdown file as committed (what an edit page opens with)."""
    head, _, body = text[len(FRONT_MATTER):].partition("\n---\n")
    meta = yaml.safe_load(head) if text.startswith(FRONT_MATTER) else None
    return (meta if isinstance(meta, dict) else {}), body.strip()


def listed_item(text: str, slug: str) -> dict | None:
    data = yaml.safe_load(text) or []
    return next((item for item in data if isinstance(item, dict) and item.get("slug") == slug), None)


def image_of(text: str) -> dict | None:
    image = read_document(text)[0].get("image")
    return image if isinstance(image, dict) else None


def image_changes(kind: Document, slug: str, current: str, prepared: Prepared | None, alt: str) -> dict:
    """Changes for a new picture (or only a new description when `prepared` is None): the
    picture's bytes, the file pointing at it, and the old picture deleted in the same commit."""
    old = image_of(current)
    name = prepared.file_name(slug) if prepared else old["file"]
    changes: dict = {kind.rel(slug): with_image(kind, current, {"file": name, "alt": alt})}
    if prepared:
        changes[kind.image_rel(name)] = prepared.data
        if old and old.get("file") and old["file"] != name:
            changes[kind.image_rel(old["file"])] = None
    return changes


def without_image(kind: Document, slug: str, current: str) -> dict:
    old = image_of(current)
    changes: dict = {kind.rel(slug): with_image(kind, current, None)}
    if old and old.get("file"):
        changes[kind.image_rel(old["file"])] = None
    return changes


def listing_text(kind: Listing, current: str, slug: str, values: dict) -> str:
    return edit_listing(current, slug, values, kind.order)


# --- messages beside fields ------------------------------------------------------------------

# Loader field names that a form calls otherwise.
_FORM_NAMES = {"image.alt": "alt", "image.file": "image", "image": "image"}


def field_for(rel: str, prefix: str = ""):
    """For editing.commit_or_explain: the form field a loader error about `rel` belongs to
    (`prefix` is a listing item's `<slug>.`); errors about other files stay at the top."""
    def field_of(error: ContentError) -> str | None:
        if error.file != rel or not error.field.startswith(prefix):
            return None
        name = error.field[len(prefix):]
        if name in _FORM_NAMES:
            return _FORM_NAMES[name]
        return name.split(".")[0].split("[")[0] or None
    return field_of
