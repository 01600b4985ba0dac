"""Read all content, validate every item, cross-check references, and return one catalogue.

Everything is read before anything is reported, so one run lists every problem as
`file: field: message`; nothing downstream renders until the whole catalogue is sound.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from pydantic import ValidationError

from . import layout
from .catalogue import Catalogue, source_key
from .hours import Holiday
from .errors import ContentError, ContentInvalid
from .figures.loading import check_figures, read_figures
from .schema import (Article, Campaign, Category, Centre, Event, FieldError, Governorate, Helpline,
                     Locality, Model, Occasion, ServiceKind, check_point)
from .text import is_slug

# Event pages live at /events/<slug>/ beside these generated lists.
RESERVED_EVENT_SLUGS = {"archive", "governorates", "types", "feeds", "upcoming"}

WHOLE_FILE = "-"
# libyaml's parser (bundled with PyYAML's wheels) reads a large site's thousands of event files
# about 9x faster than the pure-Python one, with the same safe types and error marks.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_UNREADABLE = object()  # a file that could not be parsed at all (already reported)


class _Reader:
    def __init__(self, root: Path, extra_files: Mapping[str, str | bytes | None] | None = None):
        self.root = root
        changes = {root / rel: text for rel, text in (extra_files or {}).items()}
        self.extra = {path: text for path, text in changes.items() if text is not None}
        self.deleted = {path for path, text in changes.items() if text is None}
        self.errors: list[ContentError] = []
        # Slugs of files that exist but failed validation: references to them are not reported
        # again as "unknown", which would only bury the real problem.
        self.failed: set[str] = set()

    def text(self, path: Path) -> str:
        return self.extra[path] if path in self.extra else path.read_text(encoding="utf-8")

    def exists(self, rel: str) -> bool:
        """A file about to be written (an image's bytes) counts; one about to be deleted (None) does not."""
        path = self.root / rel
        return path not in self.deleted and (path in self.extra or path.is_file())

    def files(self, folder: Path, pattern: str) -> list[Path]:
        found = set(folder.glob(pattern)) - self.deleted if folder.is_dir() else set()
        depth = len(Path(pattern).parts)
        found |= {p for p in self.extra if p.is_relative_to(folder) and len(p.relative_to(folder).parts) == depth
                  and p.relative_to(folder).match(pattern)}
        return sorted(found)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def error(self, path: Path | str, field: str, message: str) -> None:
        self.errors.append(ContentError(path if isinstance(path, str) else self.rel(path), field, message))

    def yaml_file(self, path: Path, text: str | None = None) -> Any:
        try:
            return yaml.load(self.text(path) if text is None else text, Loader=_SAFE_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (السطر {mark.line + 1})" if mark else ""
            # The usual slip in Arabic titles: a colon followed by a space inside unquoted text.
            hint = "؛ ضعي النص بين علامتَي تنصيص إن احتوى على «: »" \
                if "mapping values are not allowed" in str(getattr(exc, "problem", "")) else ""
            self.error(path, WHOLE_FILE, f"صيغة YAML غير صالحة{where}{hint}")
        except UnicodeDecodeError:
            self.error(path, WHOLE_FILE, "الملف ليس بترميز UTF-8")
        return _UNREADABLE

    def front_matter(self, path: Path) -> tuple[dict | None, str]:
        try:
            text = self.text(path)
        except UnicodeDecodeError:
            self.error(path, WHOLE_FILE, "الملف ليس بترميز UTF-8")
            return None, ""
        if not text.startswith("---\n") or "\n---\n" not in text[3:] + "\n":
            self.error(path, WHOLE_FILE, "يجب أن يبدأ الملف بترويسة YAML بين سطرَي ---")
            return _UNREADABLE, ""
        head, _, body = text[4:].partition("\n---\n")
        return self.yaml_file(path, head), body.strip() + "\n"

    def build(self, model: type[Model], data: Any, path: Path, prefix: str = "") -> Model | None:
        if not isinstance(data, dict):
            self.error(path, prefix or WHOLE_FILE, "يُتوقَّع جدول من الحقول (key: value)")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self.error(path, _field(prefix, err), _message(err))
        return None

    def named_file(self, model: type[Model], path: Path, data: Any, **extra) -> Model | None:
        """Files named by their slug: the slug is the file name, never a field."""
        if data is _UNREADABLE:
            self.failed.add(path.stem)
            return None
        if not is_slug(path.stem):
            self.error(path, WHOLE_FILE, f"اسم الملف «{path.name}» يجب أن يكون بحروف لاتينية صغيرة وأرقام وشرطات")
            return None
        if isinstance(data, dict):
            if "slug" in data:
                self.error(path, "slug", "المعرّف يؤخذ من اسم الملف؛ احذفي هذا الحقل")
                return None
            data = {**data, "slug": path.stem, **extra}
        built = self.build(model, data, path)
        if built is None:
            self.failed.add(path.stem)
        return built

    def listing(self, model: type[Model], path: Path) -> list:
        if not path.exists():
            self.error(path, WHOLE_FILE, "الملف غير موجود")
            return []
        data = self.yaml_file(path)
        if data is _UNREADABLE:
            return []
        if not isinstance(data, list):
            self.error(path, WHOLE_FILE, "يُتوقَّع قائمة من العناصر")
            return []
        items = []
        for index, item in enumerate(data):
            label = item.get("slug") if isinstance(item, dict) and isinstance(item.get("slug"), str) else f"#{index + 1}"
            built = self.build(model, item, path, prefix=label)
            if built:
                items.append(built)
            elif label[0] != "#":
                self.failed.add(label)
        return items


def _field(prefix: str, err: dict) -> str:
    parts = [prefix] if prefix else []
    for part in err["loc"]:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part + 1}]"] if parts else [f"[{part + 1}]"]
        else:
            parts.append(str(part))
    problem = (err.get("ctx") or {}).get("error")
    if isinstance(problem, FieldError):
        parts.append(problem.field)
    return ".".join(parts) or WHOLE_FILE


_MESSAGES = {
    "missing": "حقل مطلوب",
    "extra_forbidden": "حقل غير معروف",
    "string_type": "يجب أن يكون نصاً",
    "string_too_short": "لا يجوز أن يكون فارغاً",
    "int_type": "يجب أن يكون عدداً صحيحاً",
    "int_parsing": "يجب أن يكون عدداً صحيحاً",
    "int_from_float": "يجب أن يكون عدداً صحيحاً",
    "float_type": "يجب أن يكون رقماً",
    "float_parsing": "يجب أن يكون رقماً",
    "bool_type": "يجب أن تكون القيمة true أو false",
    "bool_parsing": "يجب أن تكون القيمة true أو false",
    "list_type": "يُتوقَّع قائمة",
    "model_type": "يُتوقَّع جدول من الحقول (key: value)",
    "dict_type": "يُتوقَّع جدول من الحقول (key: value)",
    "date_type": "يُتوقَّع تاريخ بصيغة YYYY-MM-DD",
}


def _message(err: dict) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "enum":
        allowed = "، ".join(re.findall(r"'([^']*)'", ctx.get("expected", "")))
        return f"قيمة غير مسموح بها «{err['input']}»؛ القيم المسموح بها: {allowed}"
    if kind in ("greater_than", "greater_than_equal"):
        return f"يجب أن تكون القيمة أكبر من {ctx.get('gt', ctx.get('ge'))}" if kind == "greater_than" \
            else f"يجب ألا تقل القيمة عن {ctx['ge']}"
    if kind in ("less_than_equal", "less_than"):
        return f"يجب ألا تزيد القيمة على {ctx.get('le', ctx.get('lt'))}"
    if kind == "too_short":
        return "يجب ألا تكون القائمة فارغة"
    return _MESSAGES.get(kind, f"قيمة غير صالحة ({kind})")


def load_catalogue(root: str | Path, extra_files: Mapping[str, str | bytes | None] | None = None,
                   ignore_figures: bool = False) -> Catalogue:
    """Load and cross-check all content under `root` (the repository root).

    `ignore_figures` leaves content/data/figures/ unread: for the tools that rewrite it.

    `extra_files` (path relative to `root` → text) are read as if they were on disk, so a file
    about to be written (an approved activity) is checked together with everything else first;
    a path mapped to None is read as deleted.
    """
    root = Path(root)
    reader = _Reader(root, extra_files)
    listings = {model: root / rel for model, rel in ((Governorate, layout.GOVERNORATES), (Helpline, layout.HELPLINES),
                                                    (Occasion, layout.OCCASIONS), (Category, layout.CATEGORIES),
                                                    (ServiceKind, layout.SERVICES))}
    governorates, helplines, occasions, categories, services = (reader.listing(model, path) for model, path in listings.items())

    def named(model: type[Model], where: tuple[str, str]) -> list[tuple[Path, Model | None]]:
        found = []
        for path in reader.files(root / where[0], where[1]):
            if path.suffix == ".md":
                meta, body = reader.front_matter(path)
                found.append((path, reader.named_file(model, path, meta, body=body)))
            else:
                found.append((path, reader.named_file(model, path, reader.yaml_file(path))))
        return found

    centres, articles = named(Centre, layout.CENTRES), named(Article, layout.ARTICLES)
    campaigns, events = named(Campaign, layout.CAMPAIGNS), named(Event, layout.EVENTS)
    gazetteer = root / layout.LOCALITIES
    holidays_file = root / layout.HOLIDAYS
    holidays = reader.listing(Holiday, holidays_file) if holidays_file.exists() else []
    localities = reader.listing(Locality, gazetteer) if gazetteer.exists() else []
    figure_files = [] if ignore_figures else \
        [(p, reader.yaml_file(p)) for p in reader.files(root / layout.FIGURES[0], layout.FIGURES[1])]
    figures = read_figures(reader, [(p, data) for p, data in figure_files if data is not _UNREADABLE])

    # Each item remembers the file it came from: feeds date it by that file's history, and
    # messages about it name that file.
    sources: dict = {}
    for path, item in centres + articles + campaigns + events:
        if item:  # of two files with one slug, the first is kept (and the second reported)
            sources.setdefault(source_key(item), reader.rel(path))
    for model, items in zip(listings, (governorates, helplines, occasions, categories, services)):
        sources.update((source_key(item), reader.rel(listings[model])) for item in items)
    sources.update((source_key(place), layout.LOCALITIES) for place in localities)
    catalogue = Catalogue(
        governorates=_unique(reader, listings[Governorate], ((None, g) for g in governorates)),
        helplines=_unique(reader, listings[Helpline], ((None, h) for h in helplines)),
        occasions=_unique(reader, listings[Occasion], ((None, o) for o in occasions)),
        categories=_unique(reader, listings[Category], ((None, c) for c in categories)),
        services=_unique(reader, listings[ServiceKind], ((None, s) for s in services)),
        centres=_unique(reader, None, centres),
        articles=_unique(reader, None, articles),
        campaigns=_unique(reader, None, campaigns),
        events=_unique(reader, None, events),
        localities=tuple(localities),
        sources=sources,
        holidays=tuple(sorted(holidays, key=lambda h: h.start)),
    )
    _cross_check(reader, catalogue)
    catalogue = replace(catalogue, figures=check_figures(reader, catalogue, figures))
    if reader.errors:
        raise ContentInvalid(reader.errors)
    return catalogue


def _unique(reader: _Reader, listing: Path | None, items: Iterable[tuple[Path | None, Model | None]]) -> dict:
    seen: dict = {}
    for path, item in items:
        if item is None:
            continue
        if item.slug in seen:
            where = path or listing
            reader.error(where, f"{item.slug}.slug" if path is None else WHOLE_FILE, f"المعرّف «{item.slug}» مكرر")
            continue
        seen[item.slug] = item
    return seen


def _cross_check(reader: _Reader, cat: Catalogue) -> None:
    def refer(item, field: str, value, known: dict, what: str) -> None:
        if value is not None and value not in known and value not in reader.failed:
            reader.error(cat.source(item), field, what.format(value))

    def placed(item, prefix: str = "") -> None:
        """A centre or locality names a known governorate and lies inside its region."""
        refer(item, prefix + "governorate", item.governorate, cat.governorates, "لا توجد محافظة بالمعرّف «{}»")
        gov = cat.governorates.get(item.governorate)
        if gov:
            try:
                check_point(item.lat, item.lon, gov.region)
            except FieldError as exc:
                reader.error(cat.source(item), prefix + exc.field, str(exc))

    def offers(item, prefix: str, offered) -> None:
        for index, offer in enumerate(offered):
            refer(item, f"{prefix}services[{index + 1}]", offer.service, cat.services, "لا توجد خدمة بالمعرّف «{}» في content/data/services.yml")

    for centre in cat.centres.values():
        placed(centre)
        offers(centre, "", centre.services)
        for index, member in enumerate(centre.members):
            offers(centre, f"members[{index + 1}].", member.services)
    places: dict[str, set[str]] = {}
    for place in cat.localities:
        placed(place, f"{place.name}.")
        places.setdefault(place.governorate, set()).add(place.name)

    def pictured(item, folder: str) -> None:
        if item.image and not reader.exists(layout.image_file(folder, item.image.file)):
            reader.error(cat.source(item), "image.file",
                         f"الصورة «{item.image.file}» غير موجودة في {folder}/images/")

    for article in cat.articles.values():
        refer(article, "category", article.category, cat.categories, "لا يوجد تصنيف بالمعرّف «{}»")
        pictured(article, layout.ARTICLES[0])
    for campaign in cat.campaigns.values():
        for index, slug in enumerate(campaign.governorates):
            refer(campaign, f"governorates[{index + 1}]", slug, cat.governorates, "لا توجد محافظة بالمعرّف «{}»")
        refer(campaign, "occasion", campaign.occasion, cat.occasions, "لا توجد مناسبة بالمعرّف «{}»")
        pictured(campaign, layout.CAMPAIGNS[0])
    for event in cat.events.values():
        path = cat.source(event)
        folder = path.split("/")[-2]
        if event.slug in RESERVED_EVENT_SLUGS:
            reader.error(path, WHOLE_FILE, f"الاسم «{event.slug}» محجوز لصفحات الموقع؛ اختاري اسماً آخر")
        if folder != str(event.start_date.year):
            reader.error(path, "start", f"الفعالية تبدأ في {event.start_date.year} لكن ملفها في مجلد {folder}")
        refer(event, "centre", event.centre, cat.centres, "لا يوجد مركز بالمعرّف «{}»")
        refer(event, "governorate", event.governorate, cat.governorates, "لا توجد محافظة بالمعرّف «{}»")
        refer(event, "campaign", event.campaign, cat.campaigns, "لا توجد حملة بالمعرّف «{}»")
        refer(event, "occasion", event.occasion, cat.occasions, "لا توجد مناسبة بالمعرّف «{}»")
        centre = cat.centres.get(event.centre)
        if centre and event.governorate and centre.governorate != event.governorate:
            reader.error(path, "governorate", f"المركز «{centre.slug}» يتبع محافظة «{centre.governorate}»، لا «{event.governorate}»")
        place = event.governorate or (centre.governorate if centre else None)
        if event.locality and place and event.locality not in places.get(place, ()):
            reader.error(path, "locality", f"لا توجد بلدة باسم «{event.locality}» في محافظة «{place}» في content/data/localities.yml")
