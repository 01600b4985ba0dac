"""Timing ratios on a shared, noisy machine.

A real difference between two code paths (a second Argon2 hash, a second query) shows in every
round; a burst of load from another process shows in one. So a round of interleaved attempts is
measured up to `rounds` times and the check passes as soon as one round's medians agree within
`bound`: a systematic gap still fails every round, and the message gives every round's figures."""
from __future__ import annotations

import statistics
from collections.abc import Callable


def medians_agree(measure_round: Callable[[], dict[str, list[float]]], bound: float = 1.2, rounds: int = 3) -> dict:
    """`measure_round()` returns {case: [seconds, …]}; returns the agreeing round's medians."""
    seen = []
    for _ in range(rounds):
        medians = {case: statistics.median(values) for case, values in measure_round().items()}
        ratio = max(medians.values()) / min(medians.values())
        print({case: f"{m * 1000:.1f} ms" for case, m in medians.items()}, f"ratio {ratio:.2f}")
        if ratio < bound:
            return medians
        seen.append((ratio, medians))
    raise AssertionError(f"medians differ by {bound}× or more in every round: {seen}")
