"""Reading and checking `content/data/figures/<year>.yml` with the rest of the content.

Called by the loader: every problem is one `file: field: message` line, like all content.
Beyond the schema, a figures file must name known governorates and campaigns, its totals must
add up, and no hidden cell may be recoverable from the published totals.
"""
from __future__ import annotations

import re
from pathlib import Path

from .model import YearFigures, field_of
from .suppression import SMALL, contradictions, recoverable


def read_figures(reader, files: list[tuple[Path, object]]) -> list[tuple[Path, YearFigures]]:
    """`files`: each figures file with its parsed YAML (unreadable ones already reported)."""
    found = []
    for path, data in files:
        if not re.fullmatch(r"\d{4}", path.stem):
            reader.error(path, "-", f"اسم ملف الأرقام «{path.name}» يجب أن يكون السنة، مثل 2026.yml")
            continue
        figures = reader.build(YearFigures, data, path)
        if figures is None:
            continue
        if figures.year != int(path.stem):
            reader.error(path, "year", f"السنة {figures.year} لا تطابق اسم الملف {path.name}")
            continue
        found.append((path, figures))
    return found


def check_figures(reader, catalogue, items: list[tuple[Path, YearFigures]]) -> dict[int, YearFigures]:
    years = {}
    for path, figures in items:
        problems = len(reader.errors)
        for slug, area in figures.governorates.items():
            if slug not in catalogue.governorates:
                reader.error(path, f"governorates.{slug}", f"لا توجد محافظة بالمعرّف «{slug}»")
            for index, campaign in enumerate(area.campaigns):
                if campaign not in catalogue.campaigns and campaign not in reader.failed:
                    reader.error(path, f"governorates.{slug}.campaigns[{index + 1}]", f"لا توجد حملة بالمعرّف «{campaign}»")
        cells, relations = figures.cells(), figures.relations()
        for relation in contradictions(cells, relations):
            reader.error(path, field_of(relation.whole), "المجموع لا يساوي مجموع أجزائه")
        if len(reader.errors) == problems:
            for cell, value in sorted(recoverable(cells, relations).items()):
                hint = "عدد أقل من 5" if cells[cell] == SMALL else "عدد محجوب"
                reader.error(path, field_of(cell), f"{hint} يمكن استنتاجه ({value:g}) من المجاميع المنشورة؛ "
                                                   "احجبي خانات أخرى في الصف والعمود نفسيهما")
        if len(reader.errors) == problems:
            years[figures.year] = figures
    return dict(sorted(years.items()))
