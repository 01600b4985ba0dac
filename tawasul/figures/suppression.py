"""Small-cell suppression: no published figure lets anyone count fewer than five people.

1. **Primary:** a count from 1 to 4 is published as SMALL («أقل من 5»). Zero stays zero.
2. **Secondary:** every total is published too, so a hidden cell could be worked back from
   its row: 12 = 7 + ? gives the hidden 5 away. A second cell of the same total, one of at
   least 5, is then withheld (WITHHELD, «محجوب»), and so on until nothing can be worked back.

"Worked back" is decided by `recoverable()`, an attacker that knows everything published and
how the suppression works (a SMALL cell holds 1–4, a WITHHELD one at least 5). It combines two
attacks: interval reasoning over each total (the classic «only one hidden cell in a row»),
and exact linear algebra over all totals at once (several totals that together fix a cell).
The suppression repeats until this attacker recovers nothing; the loader refuses any figures
file in which it still recovers something, and the tests audit the result with an independent
integer-programming attacker.
"""
from __future__ import annotations

import math
from itertools import product
from fractions import Fraction
from typing import Iterable, Mapping

from .tables import Cell, Relation

SMALL = "<5"
WITHHELD = "withheld"
HIDDEN = (SMALL, WITHHELD)
THRESHOLD = 5
# What the attacker knows of a hidden cell from its marker alone.
DOMAIN = {SMALL: (1, THRESHOLD - 1), WITHHELD: (THRESHOLD, math.inf)}

Value = int | str


class CannotProtect(Exception):
    """No cell of at least 5 is left to withhold beside a cell that would be exposed."""


def primary(raw: Mapping[Cell, int]) -> dict[Cell, Value]:
    return {cell: SMALL if 0 < value < THRESHOLD else value for cell, value in raw.items()}


def suppress(raw: Mapping[Cell, int], relations: list[Relation], grids: list | None = None,
             secondary: bool = True) -> dict[Cell, Value]:
    """The publishable form of `raw` counts. `secondary=False` exists only to show, in the
    tests, that primary suppression alone leaks."""
    published = primary(raw)
    if not secondary:
        return published
    for cell in sorted(c for c, v in published.items() if v == SMALL):
        grid = next((dims for name, dims in grids or () if name == cell[0]), None)
        if grid is not None:
            for other in _cheapest_box(cell, grid, raw, published):
                if published[other] not in HIDDEN:
                    published[other] = WITHHELD
    exposed = recoverable(published, relations)
    if exposed:
        raise CannotProtect(f"still recoverable: {sorted(exposed)}")
    return published


def _box(cell: Cell, others: tuple[str, ...], grid) -> list[tuple[Cell, int]]:
    """The 2×2(×2) box spanned by `cell` and one other index per dimension, with the sign each
    corner moves by when the box shifts: +1 at `cell`, and along each dimension the opposite
    sign, or the same sign where one of the two indices is the total (which moves with its
    part). Shifting every corner by sign × t leaves every published total unchanged."""
    corners = [((cell[0],), 1)]
    for here, other, indices in zip(cell[1:], others, grid):
        total = indices[-1]
        flip = 1 if total in (here, other) else -1
        corners = [(key + (here,), sign) for key, sign in corners] + \
                  [(key + (other,), sign * flip) for key, sign in corners]
    return corners


def _movable(value: int, hidden_as: str, step: int) -> bool:
    low, high = DOMAIN[hidden_as]
    return low <= value + step <= high


def _cheapest_box(cell: Cell, grid, raw: Mapping[Cell, int], published: Mapping[Cell, Value]) -> list[Cell]:
    """Hide the box around a small cell that costs the least (the fewest people's counts newly
    withheld) among those that can shift by one in some direction without any corner leaving
    what its marker promises (1–4 for «أقل من 5», at least 5 for «محجوب»)."""
    best = None
    for others in product(*([i for i in indices if i != here] for here, indices in zip(cell[1:], grid))):
        corners = _box(cell, others, grid)
        if any(raw[c] == 0 for c, _ in corners):
            continue  # a zero is published as zero: it cannot move
        kinds = {c: SMALL if published[c] == SMALL else WITHHELD for c, _ in corners}
        if not any(all(_movable(raw[c], kinds[c], sign * t) for c, sign in corners) for t in (1, -1)):
            continue
        cost = sum(raw[c] for c, _ in corners if published[c] not in HIDDEN)
        if best is None or cost < best[0]:
            best = (cost, [c for c, _ in corners])
    if best is None:
        raise CannotProtect(f"no box of hideable cells around {cell}")
    return best[1]


def _equations(published: Mapping[Cell, Value], relations: list[Relation]) -> list[tuple[dict[Cell, int], int]]:
    """Each total as an equation over its hidden cells: sum(coefficient × cell) = constant."""
    equations = []
    for relation in relations:
        terms, constant = {}, 0
        for cell, sign in ((relation.whole, 1), *((part, -1) for part in relation.parts)):
            value = published[cell]
            if value in HIDDEN:
                terms[cell] = terms.get(cell, 0) + sign
            else:
                constant -= sign * value
        if terms:
            equations.append((terms, constant))
    return equations


def bounds(published: Mapping[Cell, Value], relations: list[Relation]) -> dict[Cell, tuple[float, float]]:
    """The narrowest range of every hidden cell that interval reasoning over the totals allows.
    A range with low > high means the published figures contradict each other."""
    ranges = {cell: DOMAIN[value] for cell, value in published.items() if value in HIDDEN}
    equations = _equations(published, relations)
    for _ in range(len(ranges) + 1):
        changed = False
        for terms, constant in equations:
            for cell, coef in terms.items():
                low = high = 0.0
                for other, c in terms.items():
                    if other != cell:
                        lo, hi = ranges[other]
                        low += c * (lo if c > 0 else hi)
                        high += c * (hi if c > 0 else lo)
                # coef × cell = constant − others
                a, b = sorted(((constant - high) / coef, (constant - low) / coef))
                lo, hi = ranges[cell]
                new = (max(lo, math.ceil(a) if a != -math.inf else lo), min(hi, math.floor(b) if b != math.inf else hi))
                if new != (lo, hi):
                    ranges[cell], changed = new, True
                    if new[0] > new[1]:
                        return ranges
        if not changed:
            break
    return ranges


def fixed_by_totals(published: Mapping[Cell, Value], relations: list[Relation]) -> dict[Cell, Fraction]:
    """Hidden cells that the totals fix exactly, whatever the other hidden cells hold:
    Gauss–Jordan elimination over the equations (sparse rows of whole numbers, kept small by
    their common divisor); a pivot row with no other cell left names one."""
    rows = [(dict(terms), constant) for terms, constant in _equations(published, relations)]
    pivots: list[tuple[Cell, int]] = []  # (cell, row index)
    used: set[int] = set()
    for cell in sorted({c for terms, _ in rows for c in terms}):
        r = next((i for i, (terms, _) in enumerate(rows) if i not in used and terms.get(cell)), None)
        if r is None:
            continue
        used.add(r)
        pivots.append((cell, r))
        head_terms, head_constant = rows[r]
        head = head_terms[cell]
        for i, (terms, constant) in enumerate(rows):
            factor = terms.get(cell)
            if i == r or not factor:
                continue
            merged = {c: v * head for c, v in terms.items()}
            for c, v in head_terms.items():
                merged[c] = merged.get(c, 0) - factor * v
            merged = {c: v for c, v in merged.items() if v}
            constant = constant * head - factor * head_constant
            divisor = math.gcd(constant, *merged.values()) or 1
            rows[i] = ({c: v // divisor for c, v in merged.items()}, constant // divisor)
    fixed = {}
    for cell, r in pivots:
        terms, constant = rows[r]
        if terms.keys() == {cell}:
            fixed[cell] = Fraction(constant, terms[cell])
    return fixed


def recoverable(published: Mapping[Cell, Value], relations: list[Relation]) -> dict[Cell, float]:
    """Hidden cells whose exact value the published figures give away, with that value."""
    found: dict[Cell, float] = {cell: lo for cell, (lo, hi) in bounds(published, relations).items() if lo == hi}
    found.update((cell, float(v)) for cell, v in fixed_by_totals(published, relations).items())
    return found


def contradictions(published: Mapping[Cell, Value], relations: list[Relation]) -> list[Relation]:
    """Totals that cannot hold for any values of their hidden cells (a typo in a figures file)."""
    wrong = []
    for relation in relations:
        alone = {cell: published[cell] for cell in relation.cells}
        if any(lo > hi for lo, hi in bounds(alone, [relation]).values()) or \
                (not any(v in HIDDEN for v in alone.values())
                 and alone[relation.whole] != sum(alone[p] for p in relation.parts)):
            wrong.append(relation)
    return wrong


def hidden_cells(published: Mapping[Cell, Value]) -> Iterable[Cell]:
    return (cell for cell, value in published.items() if value in HIDDEN)
