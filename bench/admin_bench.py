"""Coordinator area figures (bounded, on this machine only):

- the cost of one login's password check at the default Argon2id parameters (RFC 9106
  low-memory profile: t=3, 64 MiB, p=4), which also sets how fast a guesser can go per core;
- building a 2,000-row registration list as CSV and as XLSX (what «تنزيل القائمة» does).

    .venv/bin/python bench/admin_bench.py
"""
from __future__ import annotations

import statistics
import time
from datetime import datetime, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY

from forms_service.services import exports


def timed(fn, repeat: int) -> list[float]:
    spans = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        spans.append(time.perf_counter() - started)
    return spans


def main() -> None:
    hasher = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
    stored = hasher.hash("a-long-enough-password")
    spans = timed(lambda: hasher.verify(stored, "a-long-enough-password"), 10)
    print(f"argon2id verify (t={RFC_9106_LOW_MEMORY.time_cost}, m={RFC_9106_LOW_MEMORY.memory_cost} KiB, "
          f"p={RFC_9106_LOW_MEMORY.parallelism}): median {statistics.median(spans) * 1000:.0f} ms, "
          f"max {max(spans) * 1000:.0f} ms over {len(spans)}")
    state = SimpleNamespace(value="confirmed")
    rows = [SimpleNamespace(reference=f"ABCD{n:04d}", name=f"=سلمى {n}", organisation='جمعية "النور", جنين', seats=1,
                            state=state, contact=f"+97059{n:07d}", governorate="jenin", access_needs="سطر\nآخر",
                            attended=n % 2 == 0, created_at=datetime(2026, 11, 29, 10, tzinfo=timezone.utc))
            for n in range(2000)]
    table = exports.registration_rows(rows, {"jenin": "جنين"}, ZoneInfo("Asia/Hebron"))
    for kind, build in (("csv", lambda: exports.csv_bytes(exports.REGISTRATION_HEADER, table)),
                        ("xlsx", lambda: exports.xlsx_bytes(exports.REGISTRATION_HEADER, table, "التسجيلات"))):
        spans = timed(build, 5)
        print(f"{kind} of 2,000 registrations: median {statistics.median(spans) * 1000:.0f} ms, "
              f"{len(build()) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
