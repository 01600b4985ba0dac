"""The centres' yearly report PDFs against their budget (GUIDE.md §6: ≤ 5 s and ≤ 500 KB each),
and what the PDF step costs the build.

    .venv/bin/python bench/report_bench.py            # every report, then three builds
    .venv/bin/python bench/report_bench.py --no-builds

1. Each report of the sample content is made from scratch in this process (WeasyPrint already
   imported, as in the build's workers): wall and CPU seconds, and the PDF's size.
2. `python -m tawasul build` three ways, with TAWASUL_TODAY=2026-11-29: without the PDFs
   (`--no-reports`), with an empty report cache (a first build on a fresh machine), and with a
   warm cache (every later build and publish, where unchanged reports are reused).
The machine is shared: compare within one run; CPU seconds move less than wall seconds.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_SECONDS, BUDGET_KB = 5.0, 500

from tawasul.figures.report import report_html, reports  # noqa: E402
from tawasul.loader import load_catalogue  # noqa: E402
from tawasul.site.achievements import held_events  # noqa: E402
from tawasul.site.render import SiteContext  # noqa: E402


def per_report() -> None:
    from weasyprint import HTML

    ctx = SiteContext(load_catalogue(ROOT), date(2026, 11, 29))
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for report in reports(ctx.catalogue):
            wall, cpu = time.perf_counter(), time.process_time()
            html = report_html(ctx, report, held_events(ctx, report.year, report.centre.governorate))
            target = Path(out) / Path(report.path).name
            HTML(string=html).write_pdf(target)
            rows.append((report.path, time.perf_counter() - wall, time.process_time() - cpu, target.stat().st_size / 1024))
    print(f"{'report':50} {'wall s':>7} {'cpu s':>7} {'KB':>7}")
    for path, wall, cpu, kb in rows:
        print(f"{path:50} {wall:7.2f} {cpu:7.2f} {kb:7.1f}")
    walls, cpus, sizes = [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
    print(f"{len(rows)} reports: wall median {statistics.median(walls):.2f} s, max {max(walls):.2f} s "
          f"(budget {BUDGET_SECONDS} s: {'met' if max(walls) <= BUDGET_SECONDS else 'MISSED'}); "
          f"CPU median {statistics.median(cpus):.2f} s; size max {max(sizes):.0f} KB "
          f"(budget {BUDGET_KB} KB: {'met' if max(sizes) <= BUDGET_KB else 'MISSED'})")


def _build(dest: Path, *extra: str, cache: Path) -> tuple[float, float]:
    env = {**os.environ, "TAWASUL_TODAY": "2026-11-29", "NO_MKDOCS_2_WARNING": "1", "TAWASUL_REPORTS_CACHE": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tawasul", "build", str(dest), *extra], cwd=ROOT, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - started, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def builds() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = _build(tmp / "a", "--no-reports", cache=tmp / "cache")
        cold = _build(tmp / "b", cache=tmp / "cache")
        warm = _build(tmp / "c", cache=tmp / "cache")
    print(f"{'build':28} {'wall s':>7} {'cpu s':>7} {'× no PDFs (cpu)':>16}")
    for name, (wall, cpu) in (("without PDFs", plain), ("PDFs, empty cache", cold), ("PDFs, warm cache", warm)):
        print(f"{name:28} {wall:7.1f} {cpu:7.1f} {cpu / plain[1]:16.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-builds", action="store_true", help="only the per-report figures")
    args = parser.parse_args()
    per_report()
    if not args.no_builds:
        builds()


if __name__ == "__main__":
    main()
