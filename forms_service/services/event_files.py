"""Writing an approved activity as events/<year>/<slug>.yml, the same kind of file a centre
writes by hand, so the next site build publishes it.

The file is rendered to text first, then that exact text is loaded with the whole catalogue
(schema and cross-checks: centre, campaign, unique slug, year folder) before anything is
written; it is created with O_EXCL, so an existing file is never written over.
"""
from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

import yaml

from tawasul.errors import ContentInvalid
from tawasul.loader import load_catalogue

MAX_SUFFIX = 50


class EventFileRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a literal block (`|`), as people write it by hand."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def render(data: dict) -> str:
    """YAML the loader reads back as the same values (PyYAML quotes what would parse otherwise,
    such as «العنوان: الفرعي» or a date-like string); checked by reading it back."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)
    if yaml.safe_load(text) != data:
        raise EventFileRefused(["لم يُكتب الملف: تعذّر تمثيل البيانات بصيغة YAML مطابقة"])
    return text


def base_slug(data: dict) -> str:
    governorate = data.get("governorate") or data.get("centre")
    return f"{governorate}-{data['type'].replace('_', '-')}-{data['start'][:10]}"


def candidates(base: str):
    yield base
    for n in range(2, MAX_SUFFIX + 1):
        yield f"{base}-{n}"


@contextmanager
def _exclusive(lock_file: Path):
    """One writer at a time across threads and worker processes."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def checked_catalogue(root: Path, extra_files: dict[str, str] | None = None, **options):
    """The whole catalogue with `extra_files` laid over the content, or EventFileRefused with the
    loader's own `file: field: message` lines."""
    try:
        return load_catalogue(root, extra_files, **options)
    except ContentInvalid as exc:
        raise EventFileRefused([str(e) for e in exc.errors]) from None


def write_event(root: Path, data: dict, lock_file: Path) -> tuple[str, Path]:
    """Validate and create the file; returns (slug, path). Raises EventFileRefused with the
    loader's own `file: field: message` lines when the content would not build."""
    text = render(data)
    year = data["start"][:4]
    with _exclusive(lock_file):
        try:
            taken = set(load_catalogue(root).events)
        except ContentInvalid as exc:
            raise EventFileRefused(["المحتوى الحالي فيه أخطاء تمنع النشر؛ أصلحيها أولاً:"]
                                   + [str(e) for e in exc.errors]) from None
        for slug in candidates(base_slug(data)):
            rel = f"events/{year}/{slug}.yml"
            if slug in taken or (root / rel).exists():
                continue
            checked_catalogue(root, {rel: text})
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "x", encoding="utf-8") as handle:
                    handle.write(text)
            except FileExistsError:
                continue
            return slug, path
    raise EventFileRefused(["لم نجد اسم ملف متاحاً لهذه الفعالية"])
