"""The one way content is written: every change is a git commit made by the content store
(tawasul/git_store.py), validated first, in memory, together with the whole catalogue of the
commit it builds on.

Coordinator edits, approvals of partner activities, restores and the figures export all come
here; nothing writes content files on disk. An edit page opens a file with `read` (its text and
the blob id it started from) and saves with `save(..., expected={rel: that blob})`, so a save
made by someone else in between is refused as a StaleEdit instead of being overwritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import yaml

from . import layout
from .catalogue import Catalogue
from .errors import ContentError, ContentInvalid
from .git_store import Author, Changes, GitStore, Revision, Saved, StaleEdit
from .loader import load_catalogue
from .locks import exclusive

# How many numbered slugs (`<base>-2` … ) an event may try before giving up.
MAX_SUFFIX = 50
# A generated file is made again from newer content when someone saved meanwhile, this often.
GENERATE_ATTEMPTS = 3
COMMIT_ID = re.compile(r"[0-9a-f]{40}")


class WriteRefused(Exception):
    """The change would not build; `problems` are Arabic `file: field: message` lines, and
    `errors` the loader's structured ones (for putting each message beside its form field)."""

    def __init__(self, problems: list[str], errors: Iterable[ContentError] = ()):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.errors = list(errors)


@dataclass(frozen=True)
class Opened:
    """A file as an edit page opens it: `blob` goes into the form (field `base`)."""
    text: str | None  # None: there is no such file on the branch
    blob: str | None


@dataclass(frozen=True)
class Written:
    slug: str
    path: str  # relative to the content root, e.g. events/2026/<slug>.yml
    commit: str


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a literal block (`|`), as people write it by hand."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def render_yaml(data: dict) -> str:
    """YAML the loader reads back as the same values (PyYAML quotes what would parse otherwise,
    such as «العنوان: الفرعي» or a date-like string); checked by reading it back."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)
    if yaml.safe_load(text) != data:
        raise WriteRefused(["لم يُكتب الملف: تعذّر تمثيل البيانات بصيغة YAML مطابقة"])
    return text


def numbered(base: str) -> Iterator[str]:
    """`base`, then `<base>-2` … : the names a new item may take, first free one wins."""
    yield base
    for n in range(2, MAX_SUFFIX + 1):
        yield f"{base}-{n}"


def event_slugs(data: dict) -> Iterator[str]:
    """Names for a new event without one: <governorate>-<type>-<day>, then numbered. `start` is a
    date (an all-day event, as the editor sends it) or text («2026-12-10 10:00»)."""
    place = data.get("governorate") or data.get("centre")
    return numbered(f"{place}-{data['type'].replace('_', '-')}-{str(data['start'])[:10]}")


def refused(exc: ContentInvalid) -> WriteRefused:
    return WriteRefused([str(e) for e in exc.errors], exc.errors)


def check_content(tree: Path, changes: Changes, **load_options) -> None:
    """The whole catalogue of `tree` with `changes` applied must load. Pictures (bytes) go
    along: the loader reads none, but checks that the one an article or campaign names is
    there (or arrives in the same commit)."""
    try:
        load_catalogue(tree, changes, **load_options)
    except ContentInvalid as exc:
        raise refused(exc) from None


class ContentWriter:
    def __init__(self, store: GitStore):
        self.store = store

    @property
    def root(self) -> Path:
        """The content repository's checkout (read by whoever needs the working copy)."""
        return self.store.repo

    # --- reading ----------------------------------------------------------------------------

    def read(self, rel: str) -> Opened:
        """The file as committed on the branch (never the working copy)."""
        blob = self.store.blob_id(rel)
        return Opened(self.store.read_blob(blob), blob)

    def history(self, rel: str) -> list[Revision]:
        return self.store.history(rel)

    def catalogue(self, **load_options) -> Catalogue:
        """The catalogue of the branch tip, read from a private checkout of it."""
        with exclusive(self.store.private / "read.lock"):  # one checkout, one reader at a time
            try:
                return load_catalogue(self.store.checkout(self.store.tip(), "read"), **load_options)
            except ContentInvalid as exc:
                raise refused(exc) from None

    # --- writing ----------------------------------------------------------------------------

    def save(self, changes: Changes, *, author: Author, summary: str,
             expected: Mapping[str, str | None]) -> Saved:
        """One commit by `author` with the one-line `summary`. `expected` maps each file she
        opened to the blob id she started from (None: she is creating it).
        Raises WriteRefused, git_store.StaleEdit or git_store.RemoteRefused; then nothing is written."""
        return self.store.save(changes, author=author, message=summary, expected=expected, check=check_content)

    def restore(self, rel: str, commit: str, *, author: Author, summary: str,
                expected: Mapping[str, str | None]) -> Saved:
        """The file as it was after `commit` becomes a new commit (history is never rewritten);
        checked like any save. A version in which the file did not exist deletes it."""
        if not COMMIT_ID.fullmatch(commit or "") or not self.store.contains(self.store.tip(), commit):
            raise WriteRefused([f"{rel}: لم نجد هذه النسخة في تاريخ الملف"])
        return self.save({rel: self.store.read_version(rel, commit)}, author=author, summary=summary,
                         expected=expected)

    def create_event(self, data: dict, *, author: Author, summary: str) -> Written:
        """A new event file from `data` (the file's fields, without a slug) under the first free
        slug of `event_slugs`; the slug is made here, once, and never changes afterwards."""
        text = render_yaml(data)
        taken = {Path(rel).stem for rel in self.store.files(layout.EVENTS[0])}
        for slug in event_slugs(data):
            if slug in taken:
                continue
            rel = layout.event_file(slug, str(data["start"])[:4])
            try:
                saved = self.save({rel: text}, author=author, summary=summary, expected={rel: None})
            except StaleEdit:  # someone created that file meanwhile: the next name
                continue
            return Written(slug, rel, saved.commit)
        raise WriteRefused(["لم نجد اسم ملف متاحاً لهذه الفعالية"])

    def replace_generated(self, rel: str, make_text: Callable[[Catalogue], str], *, author: Author,
                          summary: str, **load_options) -> Saved:
        """A file a tool makes whole from the catalogue (content/data/figures/<year>.yml): made
        from the committed content (read with `load_options`, e.g. without the files it
        replaces) and committed like any save. If the file changed between reading and
        committing, it is made again from the newer content."""
        with exclusive(self.store.private / "generate.lock"):  # one tool run at a time
            for _ in range(GENERATE_ATTEMPTS):
                started = self.store.blob_id(rel)
                text = make_text(self.catalogue(**load_options))
                try:
                    return self.save({rel: text}, author=author, summary=summary, expected={rel: started})
                except StaleEdit:
                    continue
        raise WriteRefused([f"{rel}: تغيّر الملف أثناء إعداده أكثر من مرة؛ أعيدي المحاولة"])
