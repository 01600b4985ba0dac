"""The figures file of one year, `content/data/figures/<year>.yml`, as validated content.

The file holds only published values: counts of 0 or at least 5, SMALL («أقل من 5») or
WITHHELD («محجوب»). A count from 1 to 4 is refused at validation, so no such count can reach
git or the site even if someone writes the file by hand.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, create_model

from ..schema import Model, Slug
from .suppression import HIDDEN, SMALL, THRESHOLD, WITHHELD, Value
from .tables import AGES, EVENT_KINDS, NATIONAL, SEXES, TOTAL, Cell, relations


def _count(value):
    if isinstance(value, bool):
        raise ValueError("يجب أن يكون عدداً صحيحاً أو \"<5\" أو withheld")
    if isinstance(value, str) and value.strip() in HIDDEN:
        return value.strip()
    if isinstance(value, int):
        if value < 0:
            raise ValueError("لا يكون العدد سالباً")
        if 0 < value < THRESHOLD:
            raise ValueError(f"العدد {value} أقل من {THRESHOLD} ولا يُنشر؛ اكتبي \"{SMALL}\" مكانه")
        return value
    raise ValueError(f"يجب أن يكون عدداً صحيحاً، أو \"{SMALL}\" (أقل من 5)، أو {WITHHELD} (محجوب)")


Count = Annotated[int | str, BeforeValidator(_count)]

EventCounts = create_model("EventCounts", __base__=Model, **{k: (Count, ...) for k in (*EVENT_KINDS, TOTAL)})
AgeCounts = create_model("AgeCounts", __base__=Model, **{a: (Count, ...) for a in (*AGES, TOTAL)})
Reached = create_model("Reached", __base__=Model, **{s: (AgeCounts, ...) for s in (*SEXES, TOTAL)})


class AreaFigures(Model):
    events: EventCounts
    reached: Reached
    partners: Count


class GovernorateFigures(AreaFigures):
    campaigns: list[Slug] = []


class YearFigures(Model):
    year: int = Field(ge=2008, le=2100)
    # Sample figures (the repository's own) are marked as such wherever they are shown.
    sample: bool = False
    governorates: dict[Slug, GovernorateFigures] = Field(min_length=1)
    national: AreaFigures

    def area(self, slug: str) -> AreaFigures:
        return self.national if slug == NATIONAL else self.governorates[slug]

    def cells(self) -> dict[Cell, Value]:
        """The flat form the suppression and its audit work on (tables.py)."""
        flat: dict[Cell, Value] = {}
        for slug in (*self.governorates, NATIONAL):
            area = self.area(slug)
            for kind in (*EVENT_KINDS, TOTAL):
                flat[("events", slug, kind)] = getattr(area.events, kind)
            for sex in (*SEXES, TOTAL):
                for age in (*AGES, TOTAL):
                    flat[("reached", slug, sex, age)] = getattr(getattr(area.reached, sex), age)
            flat[("partners", slug)] = area.partners
        return flat

    def relations(self):
        return relations(self.governorates)


def field_of(cell: Cell) -> str:
    """The `file: field` name of a cell, as the loader reports it."""
    area = NATIONAL if cell[1] == NATIONAL else f"governorates.{cell[1]}"
    return ".".join((area, cell[0], *cell[2:]))
