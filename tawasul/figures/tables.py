"""The shape of a year's published figures: which cells exist, which totals bind them, and
the Arabic and HXL names of every dimension.

A year is a flat mapping from a cell key to its published value. Keys:

- ("events", area, kind)        events held, kind in EVENT_KINDS or "total"
- ("reached", area, sex, age)   people reached, sex in SEXES or "total", age in AGES or "total"
- ("partners", area)            partner organisations active

`area` is a governorate slug or NATIONAL. Every total is published, so every total is also
a way to work back to a hidden cell: `relations()` lists them all, for the suppression and
for anyone auditing it.
"""
from __future__ import annotations

from typing import Iterable

from ..schema import EVENT_TYPE_NAMES, EventType

NATIONAL = "national"
TOTAL = "total"

EVENT_KINDS = tuple(kind.value for kind in EventType)
EVENT_KIND_NAMES = {kind.value: name for kind, name in EVENT_TYPE_NAMES.items()}
SEXES = ("female", "male")
SEX_NAMES = {"female": "إناث", "male": "ذكور", TOTAL: "المجموع"}
AGES = ("under_18", "adult")
AGE_NAMES = {"under_18": "دون 18 سنة", "adult": "18 سنة فأكثر", TOTAL: "كل الأعمار"}

# HXL hashtags (hxlstandard.org) for the CSV downloads' second row.
HXL_SEX = {"female": "+f", "male": "+m", TOTAL: ""}
HXL_AGE = {"under_18": "+children", "adult": "+adults", TOTAL: ""}

# ISO 3166-2:PS codes of the governorates: the standard place codes of the CSV downloads (#adm1+code).
ISO_CODES = {
    "jenin": "PS-JEN", "tubas": "PS-TBS", "tulkarm": "PS-TKM", "nablus": "PS-NBS", "qalqilya": "PS-QQA",
    "salfit": "PS-SLT", "ramallah": "PS-RBH", "jericho": "PS-JRH", "jerusalem": "PS-JEM",
    "bethlehem": "PS-BTH", "hebron": "PS-HBN", "north-gaza": "PS-NGZ", "gaza": "PS-GZA",
    "deir-al-balah": "PS-DEB", "khan-yunis": "PS-KYS", "rafah": "PS-RFH",
}

Cell = tuple


def event_cells(area: str) -> list[Cell]:
    return [("events", area, kind) for kind in (*EVENT_KINDS, TOTAL)]


def reached_cells(area: str) -> list[Cell]:
    return [("reached", area, sex, age) for sex in (*SEXES, TOTAL) for age in (*AGES, TOTAL)]


def area_cells(area: str) -> list[Cell]:
    return [*event_cells(area), *reached_cells(area), ("partners", area)]


def all_cells(areas: Iterable[str]) -> list[Cell]:
    return [cell for area in (*areas, NATIONAL) for cell in area_cells(area)]


class Relation(tuple):
    """`whole` = sum of `parts`: a published total and the published cells it adds up."""

    def __new__(cls, whole: Cell, parts: Iterable[Cell]):
        return super().__new__(cls, (whole, tuple(parts)))

    @property
    def whole(self) -> Cell:
        return self[0]

    @property
    def parts(self) -> tuple[Cell, ...]:
        return self[1]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.whole, *self.parts)


def grids(governorates: Iterable[str]) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    """Each table as a grid: its name and, per dimension, its indices with the total last.
    A cell is (name, *one index per dimension)."""
    areas = (*governorates, NATIONAL)
    return [("events", (areas, (*EVENT_KINDS, TOTAL))),
            ("reached", (areas, (*SEXES, TOTAL), (*AGES, TOTAL)))]


def relations(governorates: Iterable[str]) -> list[Relation]:
    """Every additive relation between published cells. Partner organisations have none: the
    national figure counts each organisation once, however many governorates it worked in."""
    governorates = list(governorates)
    found = []
    for area in (*governorates, NATIONAL):
        found.append(Relation(("events", area, TOTAL), [("events", area, k) for k in EVENT_KINDS]))
        for sex in (*SEXES, TOTAL):
            found.append(Relation(("reached", area, sex, TOTAL), [("reached", area, sex, a) for a in AGES]))
        for age in (*AGES, TOTAL):
            found.append(Relation(("reached", area, TOTAL, age), [("reached", area, s, age) for s in SEXES]))
    for kind in (*EVENT_KINDS, TOTAL):
        found.append(Relation(("events", NATIONAL, kind), [("events", g, kind) for g in governorates]))
    for sex in (*SEXES, TOTAL):
        for age in (*AGES, TOTAL):
            found.append(Relation(("reached", NATIONAL, sex, age), [("reached", g, sex, age) for g in governorates]))
    return found
