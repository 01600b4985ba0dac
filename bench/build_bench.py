"""Build benchmark: the real site over a large synthetic content tree, and the same content
built by a plain Pelican site and by Hugo, side by side (guide §6, "Build" and "Page weight").

    make bench-build                       # 2,000 events, 300 articles, 30 campaigns, 11 centres
    .venv/bin/python bench/build_bench.py --rounds 1 --no-compare --profile

Everything is written under bench/out/ (ignored by git). Builds alternate between the tools in
each round and the medians are reported: the machine is shared and noisy, so compare the ratios
of one run, not seconds across runs. Pelican (a venv under bench/out/) and Hugo (Debian's
package) are benchmark references only, never dependencies of the project.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_weight  # noqa: E402
import plain_sites  # noqa: E402
from synthetic_content import REPO, Sizes, generate  # noqa: E402

from tawasul.build import PAGEFIND_ARGS, UNUSED_PAGEFIND_FILES  # noqa: E402
from tawasul.loader import RESERVED_EVENT_SLUGS, load_catalogue  # noqa: E402

TODAY = "2026-11-29"  # fixed, so the upcoming/past split and every page are reproducible
PELICAN = ("pelican==4.12.0", "markdown==3.11.3")
BUDGET_SECONDS, BUDGET_EVENT_KB, BUDGET_FIRST_VIEW_KB, BUDGET_REPUBLISH_SECONDS = 30, 20, 60, 10


def mkdocs_command(content: Path, dest: Path, python: str = sys.executable) -> tuple[list[str], dict]:
    # A clean build, without the cache of earlier builds: the side-by-side compares full builds.
    env = {**os.environ, "TAWASUL_CONTENT_ROOT": str(content), "TAWASUL_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
           "TAWASUL_BUILD_CACHE": "off"}
    return [python, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)], env


# The publish worker's build (tawasul/publisher.py): the new site is live as soon as it is in
# place; the old one is deleted afterwards, in the background. Prints the moment it went live.
PUBLISH = ("import sys, time; from pathlib import Path; from tawasul.build import build; "
           "from tawasul.publisher import _discard_in_background; "
           "build(Path(sys.argv[1]), Path.cwd(), on_live=lambda: print(time.monotonic(), flush=True), "
           "discard=_discard_in_background)")


def republish(out: Path, content: Path, rounds: int) -> dict:
    """A build as the publish worker runs it (MkDocs + Pagefind + report PDFs) after one event's
    title changed, with the cache of the build before; each round edits a different event.
    Seconds until the new site is live (the budget); CPU of the whole run."""
    import sqlite3

    copy = out / "content-republish"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(content, copy)
    cache, site = out / "republish-cache.sqlite3", out / "site-republish"
    cache.unlink(missing_ok=True)
    env = {**os.environ, "TAWASUL_CONTENT_ROOT": str(copy), "TAWASUL_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1",
           "TAWASUL_BUILD_CACHE": str(cache)}
    command = [sys.executable, "-c", PUBLISH, str(site)]
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True)  # fills the cache
    runs = []
    for n, event in enumerate(sorted(copy.glob("events/*/*.yml"))[:rounds]):
        text = event.read_text(encoding="utf-8")
        event.write_text(text.replace("title: ", f"title: (تعديل {n + 1}) ", 1), encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()  # one clock for all processes (CLOCK_MONOTONIC)
        done = subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, text=True)
        wall = float(done.stdout.split()[-1]) - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        with sqlite3.connect(cache) as db:
            reused, rendered = db.execute("SELECT reused, rendered FROM last_build").fetchone()
        runs.append({"seconds": wall, "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                     "reused": reused, "rendered": rendered})
        print(f"  re-publish after editing {event.name}: live after {wall:.2f} s (CPU {runs[-1]['cpu']:.2f} s), "
              f"{rendered} pages rendered, {reused} reused", flush=True)
    return {"runs": runs, "median": statistics.median(r["seconds"] for r in runs)}


def pelican_venv(out: Path) -> Path | None:
    """Pelican in its own venv under bench/out/, installed once from PyPI."""
    venv = out / "pelican-venv"
    binary = venv / "bin" / "pelican"
    if not binary.exists():
        print(f"installing {' '.join(PELICAN)} into {venv} (benchmark only)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        result = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PELICAN], capture_output=True, text=True)
        if result.returncode != 0:
            print(f"pelican could not be installed; compared without it:\n{result.stderr[-2000:]}")
            return None
    return binary


def hugo_binary() -> str | None:
    """Debian's hugo; installed with apt-get when missing and we are root (as in CI)."""
    if not shutil.which("hugo") and os.geteuid() == 0:
        print("installing Debian's hugo package (benchmark only)", flush=True)
        subprocess.run("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                       "--no-install-recommends hugo >/dev/null", shell=True, check=False)
    found = shutil.which("hugo")
    if not found:
        print("hugo is not installed (apt-get install hugo); compared without it")
    return found


class Builder:
    def __init__(self, name: str, command: list[str], output: Path, cwd: Path, env: dict | None = None):
        self.name, self.command, self.output, self.cwd, self.env = name, command, output, cwd, env
        self.seconds: list[float] = []
        # CPU seconds (user + system) of the build: less sensitive than wall time to other work
        # on a shared machine; for Hugo, which uses every core, it is higher than wall time.
        self.cpu: list[float] = []
        # Of which user time: system time (creating thousands of folders and files on a shared
        # disk) varied several times over between identical builds, so both are shown.
        self.user: list[float] = []
        self.then: Builder | None = None  # a step of the same build, timed on its own, run right after

    def run(self, trash: Path) -> None:
        """One timed build. `trash`, on the same file system, takes the previous output."""
        if self.output.exists():
            # Moved aside, not deleted: deleting a build's thousands of files here left work on this
            # ext4 disk (mounted with `discard`) that the next build paid in system time, growing
            # round after round (0.4 → 1.9 s for the same files). `main` deletes them after the
            # last timed build, so every tool starts each build on the same footing.
            trash.mkdir(parents=True, exist_ok=True)
            self.output.rename(trash / f"{self.name}-{len(self.seconds)}")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(self.command, cwd=self.cwd, env=self.env, capture_output=True, text=True)
        self.seconds.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        self.user.append(after.ru_utime - before.ru_utime)
        if result.returncode != 0:
            raise SystemExit(f"{self.name} build failed ({result.returncode}):\n{result.stderr[-4000:]}")
        if self.then:
            self.then.run(trash)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def user_median(self) -> float:
        return statistics.median(self.user)

    @property
    def system_median(self) -> float:
        return statistics.median(c - u for c, u in zip(self.cpu, self.user))

    @property
    def pages(self) -> int:
        return sum(1 for _ in self.output.rglob("*.html"))


def builders(out: Path, content: Path, compare: bool) -> list[Builder]:
    command, env = mkdocs_command(content, out / "site-mkdocs")
    found = [Builder("mkdocs", command, out / "site-mkdocs", REPO, env)]
    # The rest of `make build` (tawasul/build.py): Pagefind indexes MkDocs' output for search.
    found[0].then = Builder("pagefind", [sys.executable, "-m", "pagefind", "--site", str(out / "site-mkdocs"),
                                         *PAGEFIND_ARGS], out / "site-mkdocs" / "pagefind", REPO)
    if not compare:
        return found
    cat = load_catalogue(content)
    all_items = plain_sites.items(cat)
    pelican = pelican_venv(out)
    if pelican:
        site = plain_sites.write_pelican(all_items, out / "pelican")
        found.append(Builder("pelican", [str(pelican), "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
                             site / "output", site))
    hugo = hugo_binary()
    if hugo:
        site = plain_sites.write_hugo(all_items, out / "hugo")
        found.append(Builder("hugo", [hugo, "--quiet", "-s", str(site), "-d", "public"], site / "public", site))
    return found


def profile_mkdocs(out: Path, content: Path, top: int = 30) -> None:
    """One MkDocs build under cProfile; prints where the time goes (cumulative and own time)."""
    import pstats
    stats_file = out / "mkdocs.prof"
    command, env = mkdocs_command(content, out / "site-profile")
    command[1:1] = ["-m", "cProfile", "-o", str(stats_file)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    stats = pstats.Stats(str(stats_file))
    for order in ("cumulative", "tottime"):
        print(f"\n--- MkDocs build profile, top {top} by {order} ({stats_file}) ---")
        stats.sort_stats(order).print_stats(top)


def _kb(size: int | float) -> str:
    return f"{size / 1024:.1f} KB"


def report(runs: list[Builder], content: Path, items: int) -> dict:
    mk, pagefind = runs[0], runs[0].then
    site = mk.output
    for pattern in UNUSED_PAGEFIND_FILES:  # as tawasul/build.py publishes it
        for unused in pagefind.output.glob(pattern):
            unused.unlink()
    index_bytes = sum(p.stat().st_size for p in pagefind.output.rglob("*") if p.is_file())
    stats = site_weight.output_stats(site, skip=tuple(RESERVED_EVENT_SLUGS))
    cat = load_catalogue(content)
    event_pages = sorted(site.glob("events/*/index.html"), key=lambda p: p.stat().st_size)
    event_pages = [p for p in event_pages if p.parent.name not in RESERVED_EVENT_SLUGS]
    views = {"home": site_weight.first_view(site, "index.html"),
             "event (median size)": site_weight.first_view(site, event_pages[len(event_pages) // 2].relative_to(site).as_posix()),
             "event (largest)": site_weight.first_view(site, event_pages[-1].relative_to(site).as_posix()),
             "events index": site_weight.first_view(site, "events/index.html"),
             "events archive": site_weight.first_view(site, "events/archive/index.html")}

    print(f"\n=== MkDocs build of {len(cat.events)} events, {len(cat.articles)} articles, "
          f"{len(cat.campaigns)} campaigns, {len(cat.centres)} centres ({items} content items) ===")
    print(f"build seconds (median of {len(mk.seconds)}, --strict): {mk.median:.2f}   runs: "
          + ", ".join(f"{s:.2f}" for s in mk.seconds) + f"   CPU seconds (median): {mk.cpu_median:.2f}")
    print(f"Pagefind index (rest of `make build`): {pagefind.median:.2f} s median   runs: "
          + ", ".join(f"{s:.2f}" for s in pagefind.seconds) + f"   CPU {pagefind.cpu_median:.2f} s (all cores)"
          f"   full build: {mk.median + pagefind.median:.2f} s")
    print(f"HTML pages: {stats.html_pages}   pages/s: {stats.html_pages / mk.median:.0f} (MkDocs), "
          f"{stats.html_pages / (mk.median + pagefind.median):.0f} (full build)")
    print(f"output size: {stats.total_bytes / 2**20:.1f} MB, of which the search index {index_bytes / 2**20:.1f} MB")
    print(f"HTML per event page: mean {stats.event_kb_mean:.1f} KB, max {stats.event_kb_max:.1f} KB")
    print("largest pages: " + ", ".join(f"{p} {_kb(s)}" for p, s in stats.largest))
    every = site_weight.all_first_views(site)
    over = [v for v in every if v.gzip_total > BUDGET_FIRST_VIEW_KB * 1024]
    print("first view (HTML + CSS + JS + fonts, gzip -6):")
    for name, view in views.items():
        kinds = ", ".join(f"{k} {_kb(v)}" for k, v in sorted(view.by_kind().items()))
        missing = f"  MISSING: {view.missing}" if view.missing else ""
        print(f"  {name:20} {_kb(view.gzip_total):>9}  ({kinds}; {_kb(view.raw)} uncompressed){missing}")
    print(f"  pages over {BUDGET_FIRST_VIEW_KB} KB: {len(over)} of {len(every)}"
          + "".join(f"\n    {v.page} {_kb(v.gzip_total)}" for v in over[:10]))

    print("\n=== Side by side: same content, same run, medians (wall seconds; CPU seconds) ===")
    base = mk.median / mk.pages
    for run in runs:
        per_page = run.median / run.pages
        print(f"{run.name:8} {run.median:7.2f} s  {run.pages:5} HTML pages  {run.pages / run.median:7.0f} pages/s  "
              f"{1000 * per_page:6.2f} ms/page  {1000 * run.median / items:6.2f} ms/item  CPU {run.cpu_median:6.2f} s "
              f"(user {run.user_median:.2f}, system {run.system_median:.2f})   "
              "runs: " + ", ".join(f"{s:.2f}" for s in run.seconds))
    for run in runs[1:]:
        print(f"MkDocs/{run.name}: {base / (run.median / run.pages):.2f}x time per HTML page, "
              f"{mk.median / run.median:.2f}x time per content item; CPU time: "
              f"{(mk.cpu_median / mk.pages) / (run.cpu_median / run.pages):.2f}x per page, "
              f"{mk.cpu_median / run.cpu_median:.2f}x per item, user CPU {mk.user_median / run.user_median:.2f}x per item "
              "(>1 means MkDocs is slower)")
    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")

    home_kb, event_kb = views["home"].gzip_total / 1024, views["event (largest)"].gzip_total / 1024
    print("\n=== Budgets (guide §6) ===")
    for label, value, limit in (("build seconds, mkdocs build --strict", mk.median, BUDGET_SECONDS),
                                ("build seconds, full build with the search index", mk.median + pagefind.median,
                                 BUDGET_SECONDS),
                                ("max HTML KB per event page", stats.event_kb_max, BUDGET_EVENT_KB),
                                ("first view KB, home", home_kb, BUDGET_FIRST_VIEW_KB),
                                ("first view KB, event page", event_kb, BUDGET_FIRST_VIEW_KB),
                                ("first view KB, heaviest page of the site", every[0].gzip_total / 1024,
                                 BUDGET_FIRST_VIEW_KB)):
        print(f"{'meets' if value <= limit else 'MISSES'}: {label} {value:.1f} (budget {limit})")
    pelican = next((r for r in runs if r.name == "pelican"), None)
    if pelican:
        ratio = base / (pelican.median / pelican.pages)
        print(f"{'meets' if ratio <= 1 else 'MISSES'}: time per page no worse than Pelican ({ratio:.2f}x)")
    return {"load_average": os.getloadavg(), "items": items,
            "builds": {r.name: {"seconds": r.seconds, "median": r.median, "cpu_seconds": r.cpu, "user_seconds": r.user,
                                "html_pages": r.pages} for r in runs},
            "pagefind_seconds": pagefind.seconds, "output_mb": stats.total_bytes / 2**20,
            "search_index_mb": index_bytes / 2**20, "event_kb_mean": stats.event_kb_mean,
            "event_kb_max": stats.event_kb_max,
            "first_view_gzip": {name: view.gzip_total for name, view in views.items()},
            "first_view_over_budget": {v.page: v.gzip_total for v in over}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    defaults = Sizes()
    for name in ("events", "articles", "campaigns", "centres"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--no-compare", dest="compare", action="store_false", help="MkDocs only")
    parser.add_argument("--profile", action="store_true", help="also profile one MkDocs build")
    args = parser.parse_args(argv)

    args.out.mkdir(parents=True, exist_ok=True)
    sizes = Sizes(args.events, args.articles, args.campaigns, args.centres)
    content = generate(args.out / "content", sizes, args.seed)
    started = time.perf_counter()
    cat = load_catalogue(content)
    print(f"content: {sizes} written to {content}; load + validate {time.perf_counter() - started:.2f} s")
    items = len(cat.events) + len(cat.articles) + len(cat.campaigns) + len(cat.centres)

    runs = builders(args.out, content, args.compare)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores; "
          f"{args.rounds} rounds of {', '.join(r.name for r in runs)}", flush=True)
    trash = args.out / "old-builds"
    shutil.rmtree(trash, ignore_errors=True)
    for round_number in range(args.rounds):
        # Alternate the order so no tool always runs on a warm (or busy) machine.
        order = runs[round_number % len(runs):] + runs[: round_number % len(runs)]
        for run in order:
            run.run(trash)
            print(f"  round {round_number + 1}: {run.name} {run.seconds[-1]:.2f} s", flush=True)
    results = report(runs, content, items)
    print("\n=== Re-publish after editing one event (build cache on, MkDocs + Pagefind) ===")
    results["republish"] = republish(args.out, content, args.rounds)
    median = results["republish"]["median"]
    print(f"{'meets' if median <= BUDGET_REPUBLISH_SECONDS else 'MISSES'}: re-publish after one edit "
          f"{median:.2f} s median (budget {BUDGET_REPUBLISH_SECONDS})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  (a shared machine: "
          "seconds are noisy, ratios within one run are the figures to compare)")
    (args.out / "build_bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.profile:
        profile_mkdocs(args.out, content)
    shutil.rmtree(trash, ignore_errors=True)  # after everything timed: see Builder.run
    return 0


if __name__ == "__main__":
    sys.exit(main())
