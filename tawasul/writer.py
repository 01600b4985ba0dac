"""The one way content files are written: render an item to the text a person would write,
validate that text in memory together with the whole catalogue, then write it.

Approvals of partner activities use it today; the coordinators' web editor will too. Every
change is one `_save` under one writer lock, so a later step (a git commit of the same files)
belongs in `_save` and nowhere else. Files are created with O_EXCL: an existing file is never
written over by `create_event`.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Mapping

import yaml

from . import layout
from .locks import exclusive
from .catalogue import Catalogue
from .errors import ContentInvalid
from .loader import load_catalogue

# How many numbered slugs (`<base>-2` … ) an event may try before giving up.
MAX_SUFFIX = 50


class WriteRefused(Exception):
    """The change would not build; `problems` are the loader's `file: field: message` lines."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Written:
    slug: str
    path: str  # relative to the content root, e.g. events/2026/<slug>.yml


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


def event_slugs(data: dict) -> Iterator[str]:
    """Names for a new event without one: <governorate>-<type>-<day>, then numbered."""
    place = data.get("governorate") or data.get("centre")
    base = f"{place}-{data['type'].replace('_', '-')}-{data['start'][:10]}"
    yield base
    for n in range(2, MAX_SUFFIX + 1):
        yield f"{base}-{n}"


class ContentWriter:
    def __init__(self, root: str | Path, lock_file: str | Path):
        self.root = Path(root)
        self.lock_file = Path(lock_file)

    def _locked(self):
        """One writer at a time, across threads and worker processes."""
        return exclusive(self.lock_file)

    def _current(self):
        try:
            return load_catalogue(self.root)
        except ContentInvalid as exc:
            raise WriteRefused(["المحتوى الحالي فيه أخطاء تمنع النشر؛ أصلحيها أولاً:"]
                               + [str(e) for e in exc.errors]) from None

    def _save(self, changes: Mapping[str, str]) -> bool:
        """Validate `changes` (path → text) with everything else, then create the files.
        Returns False when a file appeared meanwhile (written by hand): nothing was written."""
        try:
            load_catalogue(self.root, changes)
        except ContentInvalid as exc:
            raise WriteRefused([str(e) for e in exc.errors]) from None
        created = []
        try:
            for rel, text in changes.items():
                path = self.root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "x", encoding="utf-8") as handle:
                    handle.write(text)
                created.append(path)
        except FileExistsError:
            for path in created:
                path.unlink(missing_ok=True)
            return False
        return True

    def create_event(self, data: dict) -> Written:
        """A new event file from `data` (the file's fields, without a slug), under the first free
        slug of `event_slugs`. Raises WriteRefused when the content would not build."""
        text = render_yaml(data)
        with self._locked():
            taken = set(self._current().events)
            for slug in event_slugs(data):
                rel = layout.event_file(slug, data["start"][:4])
                if slug in taken or (self.root / rel).exists():
                    continue
                if self._save({rel: text}):
                    return Written(slug, rel)
        raise WriteRefused(["لم نجد اسم ملف متاحاً لهذه الفعالية"])

    def withdraw(self, written: Written) -> None:
        """Undo a `create_event` whose follow-up failed (the submission could not be marked)."""
        with self._locked():
            (self.root / written.path).unlink(missing_ok=True)

    def replace_generated(self, rel: str, make_text: Callable[[Catalogue], str | None], **load_options) -> bool:
        """A file that a tool makes whole from the catalogue (content/data/figures/<year>.yml):
        under the writer lock, its text is made from the current content (read with
        `load_options`, e.g. without the files it replaces), checked with everything else, and
        swapped in so readers see the old file or the new one, never half of one. Returns False,
        writing nothing, when the file already holds that text or `make_text` gives None."""
        with self._locked():
            try:
                text = make_text(load_catalogue(self.root, **load_options))
                path = self.root / rel
                if text is None or (path.exists() and path.read_text(encoding="utf-8") == text):
                    return False
                load_catalogue(self.root, {rel: text})
            except ContentInvalid as exc:
                raise WriteRefused([str(e) for e in exc.errors]) from None
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.part")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
        return True
