"""The coordinators' preview against its budget (GUIDE.md §6: ≤ 3 s on the sample site).

    .venv/bin/python bench/preview_bench.py           # needs a built site/ for the page frame (make build)
    .venv/bin/python bench/preview_bench.py --rounds 10

`forms_service.admin.preview.preview(rel, text)` for one file of each kind the editors preview
(an event, a centre, an article, a campaign), each slightly edited, over the sample content with
TAWASUL_TODAY=2026-11-29. What a preview does: check the file with the whole catalogue, render
the page with the build's generator and Markdown, and put it in a built page's frame.

- «first» is the first preview in a fresh process (MkDocs' config read, templates compiled):
  what the first coordinator after a restart waits;
- then `--rounds` more of each: median and max, wall and CPU seconds.
The machine is shared: CPU seconds move less than wall seconds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TAWASUL_TODAY", "2026-11-29")
BUDGET_SECONDS = 3.0

from forms_service import create_app  # noqa: E402
from forms_service.admin.preview import preview  # noqa: E402

FILES = {
    "event": ("events/2026/jenin-legal-rights-workshop.yml", "summary: ", "summary: (معاينة) "),
    "centre": ("content/data/centres/jenin.yml", "name: ", "name: (معاينة) "),
    "article": ("content/awareness/know-your-rights-at-work.md", "title: ", "title: (معاينة) "),
    "campaign": ("campaigns/sixteen-days-2026.md", "title: ", "title: (معاينة) "),
}


def _existing(rel: str) -> str:
    """The named file, or the first of its folder (the sample content may be renamed)."""
    path = ROOT / rel
    if path.is_file():
        return rel
    found = sorted(path.parent.glob("*" + path.suffix))
    return str(found[0].relative_to(ROOT))


def timed(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        print("no built site/: the preview uses a bare frame (run `make build` first for the real one)")
    app = create_app({"SECRET_KEY": "bench", "CONTENT_ROOT": str(ROOT), "SITE_DIR": str(site),
                      "DATABASE_URL": f"sqlite:///{ROOT / 'instance' / 'preview-bench.sqlite3'}"})
    worst = 0.0
    print(f"{'file':<10} {'first s':>8} {'median s':>9} {'max s':>7} {'CPU median s':>13}  page KB")
    with app.app_context():
        for kind, (rel, old, new) in FILES.items():
            rel = _existing(rel)
            text = (ROOT / rel).read_text(encoding="utf-8").replace(old, new, 1)
            html = []
            first = timed(lambda: html.append(preview(rel, text, "<p>bench</p>")))
            runs = [timed(lambda: preview(rel, text, "<p>bench</p>")) for _ in range(args.rounds)]
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            worst = max(worst, first[0], *walls)
            print(f"{kind:<10} {first[0]:>8.2f} {statistics.median(walls):>9.2f} {max(walls):>7.2f} "
                  f"{statistics.median(cpus):>13.2f}  {len(html[0].encode()) / 1024:.0f}")
    print(f"worst {worst:.2f} s; budget {BUDGET_SECONDS:.0f} s: {'met' if worst <= BUDGET_SECONDS else 'MISSED'}")
    return 0 if worst <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
