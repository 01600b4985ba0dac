"""A year's figures as the tables the pages show and the CSV files offer.

Every table is published twice: on the page (with a chart where one helps) and as CSV with an
HXL hashtag row under the header. A governorate's CSV is its row of the national table, so the
files of several governorates can be stacked.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from markupsafe import Markup

from ..spreadsheets import neutralise
from .model import YearFigures
from .suppression import SMALL, WITHHELD, Value
from .tables import (AGE_NAMES, AGES, EVENT_KIND_NAMES, EVENT_KINDS, HXL_AGE, HXL_SEX, ISO_CODES, NATIONAL,
                     SEX_NAMES, SEXES, TOTAL)

SHOWN = {SMALL: "أقل من 5", WITHHELD: "محجوب"}
NATIONAL_NAME = "كل المحافظات"
KEY_COLUMNS = (("السنة", "#date+year"), ("المحافظة", "#adm1+name"), ("رمز المحافظة", "#adm1+code"))


def shown(value: Value) -> str:
    """How a published value reads on a page and in a CSV cell."""
    return SHOWN.get(value, str(value))


@dataclass(frozen=True)
class Column:
    label: str
    hxl: str
    key: tuple  # the cell key without the table name and area: ("workshop",) or ("female", "adult")


@dataclass(frozen=True)
class Table:
    """A national table: one row per governorate, then the whole country."""
    slug: str
    caption: str
    columns: tuple[Column, ...]

    def rows(self, figures: YearFigures, names: dict[str, str], areas: list[str] | None = None) -> list[tuple[str, str, list[Value]]]:
        cells = figures.cells()
        areas = areas if areas is not None else [*figures.governorates, NATIONAL]
        return [(names.get(area, NATIONAL_NAME) if area != NATIONAL else NATIONAL_NAME, area,
                 [cells[(self.slug, area, *column.key)] for column in self.columns]) for area in areas]

    def csv_bytes(self, figures: YearFigures, names: dict[str, str], areas: list[str] | None = None) -> bytes:
        """UTF-8 with BOM (Excel shows Arabic only with it); the second row is HXL."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([label for label, _ in KEY_COLUMNS] + [c.label for c in self.columns])
        writer.writerow([tag for _, tag in KEY_COLUMNS] + [c.hxl for c in self.columns])
        for name, area, values in self.rows(figures, names, areas):
            code = ISO_CODES.get(area, "PS" if area == NATIONAL else "")
            writer.writerow([figures.year, neutralise(name), code] + [shown(v) for v in values])
        return buffer.getvalue().encode("utf-8-sig")


EVENTS = Table("events", "الفعاليات المنفّذة حسب المحافظة والنوع",
               tuple(Column(EVENT_KIND_NAMES[k], f"#activity+num+{k}", (k,)) for k in EVENT_KINDS)
               + (Column("كل الفعاليات", "#activity+num+total", (TOTAL,)),))
REACHED = Table("reached", "المشاركون في الأنشطة حسب المحافظة والجنس والعمر", tuple(
    Column(f"{SEX_NAMES[s]} – {AGE_NAMES[a]}" if s != TOTAL or a != TOTAL else "المجموع",
           "#reached" + HXL_SEX[s] + HXL_AGE[a] + ("+total" if s == TOTAL and a == TOTAL else ""), (s, a))
    for s in (*SEXES, TOTAL) for a in (*AGES, TOTAL)))
PARTNERS = Table("partners", "المؤسسات الشريكة الناشطة في كل محافظة", (Column("عدد المؤسسات الشريكة", "#org+num", ()),))
TABLES = (EVENTS, REACHED, PARTNERS)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Value


def events_bars(figures: YearFigures, area: str) -> list[Bar]:
    cells = figures.cells()
    return [Bar(EVENT_KIND_NAMES[k], cells[("events", area, k)]) for k in EVENT_KINDS]


def reached_bars(figures: YearFigures, area: str) -> list[Bar]:
    cells = figures.cells()
    return [Bar(f"{SEX_NAMES[s]}، {AGE_NAMES[a]}", cells[("reached", area, s, a)]) for s in SEXES for a in AGES]


def reached_by_governorate(figures: YearFigures, names: dict[str, str]) -> list[Bar]:
    cells = figures.cells()
    return [Bar(names[g], cells[("reached", g, TOTAL, TOTAL)]) for g in figures.governorates]


def reached_grid(figures: YearFigures, area: str) -> list[tuple[str, list[Value]]]:
    """Sex by age band, totals last: the reached table as a governorate page shows it."""
    cells = figures.cells()
    return [(SEX_NAMES[s], [cells[("reached", area, s, a)] for a in (*AGES, TOTAL)]) for s in (*SEXES, TOTAL)]


def age_headers() -> list[str]:
    return [AGE_NAMES[a] for a in (*AGES, TOTAL)]


def value_cell(value: Value) -> Markup:
    """A table cell's content: hidden values get a class the page explains in a note."""
    if value in SHOWN:
        return Markup('<span class="tw-hidden-count">{}</span>').format(SHOWN[value])
    return Markup("{}").format(value)
