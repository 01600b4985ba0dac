"""The text of a figures file: what the sample generator and `flask export-figures` write.

One line per table row, so a reviewer reads a year's diff row by row.
"""
from __future__ import annotations

from typing import Mapping

from .suppression import SMALL, Value
from .tables import AGES, EVENT_KINDS, NATIONAL, SEXES, TOTAL, Cell

HEADER = """\
# Yearly figures per governorate: aggregates only, never about one person.
# Counts from 1 to 4 are published as "<5" (أقل من 5); "withheld" (محجوب) hides a second
# count where a total would give a small one away (tawasul/figures/suppression.py).
"""


def _value(value: Value) -> str:
    return f'"{SMALL}"' if value == SMALL else str(value)


def _row(keys, lookup) -> str:
    return "{" + ", ".join(f"{k}: {_value(lookup(k))}" for k in keys) + "}"


def _area(published: Mapping[Cell, Value], slug: str, indent: str) -> list[str]:
    return [
        f"{indent}events: " + _row((*EVENT_KINDS, TOTAL), lambda k: published[("events", slug, k)]),
        f"{indent}reached:",
        *(f"{indent}  {sex}: " + _row((*AGES, TOTAL), lambda a, s=sex: published[("reached", slug, s, a)])
          for sex in (*SEXES, TOTAL)),
        f"{indent}partners: {_value(published[('partners', slug)])}",
    ]


def figures_text(year: int, published: Mapping[Cell, Value], campaigns: Mapping[str, list[str]],
                 governorates: list[str], note: str = "", sample: bool = False) -> str:
    lines = [HEADER.rstrip("\n")]
    if note:
        lines.append(f"# {note}")
    lines += [f"year: {year}"]
    if sample:
        lines.append("sample: true")
    lines.append("governorates:")
    for slug in governorates:
        lines.append(f"  {slug}:")
        lines += _area(published, slug, "    ")
        lines.append(f"    campaigns: [{', '.join(campaigns.get(slug, []))}]")
    lines.append(f"{NATIONAL}:")
    lines += _area(published, NATIONAL, "  ")
    return "\n".join(lines) + "\n"
