"""From activity records (4W/5W: who, what, where, when, for whom) to a year's raw counts.

Records carry counts only: how many women, men, girls and boys took part, never who. The raw
counts never leave the process that computes them: `publishable()` suppresses them first.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .suppression import Value, suppress
from .tables import AGES, EVENT_KINDS, NATIONAL, SEXES, TOTAL, Cell, all_cells, grids, relations


# The four groups people are counted in, by the names records, forms and event files use
# ("female_adult" …): (sex, age band) of tables.py.
PEOPLE_GROUPS = {f"{sex}_{age}": (sex, age) for sex in SEXES for age in AGES}


def reached_by_group(counts) -> dict[tuple[str, str], int]:
    """{"female_adult": 3, …} (or an object with those attributes) -> a record's `reached`."""
    get = counts.get if isinstance(counts, dict) else (lambda name: getattr(counts, name))
    return {group: get(name) for name, group in PEOPLE_GROUPS.items() if get(name)}


@dataclass(frozen=True)
class ActivityRecord:
    governorate: str
    kind: str                      # an EventType value
    day: date
    # people reached: (sex, age band) -> count
    reached: dict[tuple[str, str], int] = field(default_factory=dict)
    organisations: tuple[str, ...] = ()
    campaign: str | None = None


def governorates_with_centres(catalogue) -> list[str]:
    """The governorates a year's figures cover: those with a centre, in the catalogue's order."""
    with_centre = {c.governorate for c in catalogue.centres.values()}
    return [slug for slug in catalogue.governorates if slug in with_centre]


def raw_counts(records: Iterable[ActivityRecord], year: int, governorates: list[str]) -> tuple[dict[Cell, int], dict[str, list[str]]]:
    """Every cell of the year's tables (totals included) and each governorate's campaigns."""
    counts: dict[Cell, int] = dict.fromkeys(all_cells(governorates), 0)
    organisations: dict[str, set[str]] = defaultdict(set)
    campaigns: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.day.year != year or record.governorate not in governorates:
            continue
        for area in (record.governorate, NATIONAL):
            for kind in (record.kind, TOTAL):
                counts[("events", area, kind)] += 1
            for (sex, age), people in record.reached.items():
                for s in (sex, TOTAL):
                    for a in (age, TOTAL):
                        counts[("reached", area, s, a)] += people
            organisations[area].update(record.organisations)
        if record.campaign:
            campaigns[record.governorate].add(record.campaign)
    for area, names in organisations.items():
        counts[("partners", area)] = len(names)
    return counts, {g: sorted(c) for g, c in campaigns.items()}


def publishable(records: Iterable[ActivityRecord], year: int, governorates: list[str],
                secondary: bool = True) -> tuple[dict[Cell, Value], dict[str, list[str]]]:
    counts, campaigns = raw_counts(records, year, governorates)
    return suppress(counts, relations(governorates), grids(governorates), secondary=secondary), campaigns


__all__ = ["AGES", "EVENT_KINDS", "PEOPLE_GROUPS", "SEXES", "ActivityRecord", "reached_by_group", "governorates_with_centres", "publishable", "raw_counts"]
