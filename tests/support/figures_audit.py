"""An attacker independent of tawasul/figures/suppression.py: integer linear programming
(SciPy's HiGHS) over every published total. For each hidden cell it computes the smallest and
the largest value that agrees with everything published and with what the markers promise
(«أقل من 5»: 1–4; «محجوب»: at least 5). Equal bounds mean the cell is recovered."""
from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from tawasul.figures.suppression import HIDDEN, SMALL


def recovered_cells(published: dict, relations) -> dict:
    hidden = sorted(cell for cell, value in published.items() if value in HIDDEN)
    if not hidden:
        return {}
    index = {cell: i for i, cell in enumerate(hidden)}
    rows, rhs = [], []
    for relation in relations:
        row, constant = np.zeros(len(hidden)), 0
        for cell, sign in ((relation.whole, 1), *((p, -1) for p in relation.parts)):
            if published[cell] in HIDDEN:
                row[index[cell]] += sign
            else:
                constant -= sign * published[cell]
        if row.any():
            rows.append(row)
            rhs.append(constant)
    low = np.array([1 if published[c] == SMALL else 5 for c in hidden], dtype=float)
    high = np.array([4 if published[c] == SMALL else np.inf for c in hidden], dtype=float)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    found = {}
    for cell, i in index.items():
        extremes = []
        for direction in (1, -1):
            goal = np.zeros(len(hidden))
            goal[i] = direction
            result = milp(goal, constraints=constraints, integrality=np.ones(len(hidden)), bounds=Bounds(low, high))
            assert result.success, result.message  # published figures always have a solution
            extremes.append(round(result.x[i]))
        if extremes[0] == extremes[1]:
            found[cell] = extremes[0]
    return found
