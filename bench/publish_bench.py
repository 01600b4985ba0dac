"""Edit-to-live benchmark (guide §6, "Publishing"): a coordinator's save, until her change is on
the built site, through the real path: a commit by the content writer (tawasul/writer.py: the
whole committed catalogue checked with her change, then the git store), then the publish
worker's build of that commit.

    .venv/bin/python bench/publish_bench.py                    # the sample site
    .venv/bin/python bench/publish_bench.py --events 2000      # the synthetic large site

Each round changes one event's title, saves, and polls the built page until the new title is
there. Budgets: ≤ 10 s on the sample site, ≤ 40 s on the 2,000-event site, on 2 cores.
Everything is written under bench/out/ (ignored by git).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_content import Sizes, generate  # noqa: E402

from tawasul.git_store import Author, GitStore  # noqa: E402
from tawasul.publisher import Publisher, PublishState  # noqa: E402
from tawasul.writer import ContentWriter, WriteRefused  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-29"  # fixed: the same pages every run
# What a build needs from the repository; a content repository of its own is made from them.
SITE_SOURCES = ("mkdocs.yml", "theme", "content", "campaigns", "events", "tawasul")
GENERATED = ("content/data", "content/awareness", "campaigns", "events")
BUDGETS = {"sample": 10, "synthetic": 40}
BENCHER = Author("قياس الأداء", "bench@tawasul.invalid")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@tawasul.invalid", *args], cwd=cwd,
                   check=True, capture_output=True)


def content_repository(dest: Path, events: int = 0, source: Path = REPO) -> Path:
    """A git repository holding the site as it is in `source`'s working tree; with `events`,
    its content replaced by a synthetic tree of that size (bench/synthetic_content.py)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in SITE_SOURCES:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / name, dest / name)
    if events:
        generated = generate(dest.with_name(dest.name + "-generated"), Sizes(events=events))
        for rel in GENERATED:
            shutil.rmtree(dest / rel, ignore_errors=True)
            shutil.copytree(generated / rel, dest / rel, dirs_exist_ok=True)
        shutil.copy2(source / "content/data/localities.yml", dest / "content/data/localities.yml")
        shutil.rmtree(generated)
    _git(dest, "init", "--quiet", "--initial-branch=main")
    _git(dest, "add", "--all")
    _git(dest, "commit", "--quiet", "-m", "الموقع")
    return dest


def wait(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"not live after {timeout} s")
        time.sleep(0.05)


def measure(repo: Path, site: Path, rounds: int, timeout: float) -> list[dict]:
    store = GitStore(repo)
    writer = ContentWriter(store)
    publisher = Publisher(store, site)
    env = {**os.environ, "TAWASUL_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TAWASUL_CONTENT_ROOT", None)
    worker = subprocess.Popen([sys.executable, "-m", "tawasul", "publish-worker", str(site), "--repo", str(repo)],
                              env=env)
    try:
        wait(lambda: publisher.outcome(store.tip()).state == PublishState.published, timeout)
        event = sorted((repo / "events").glob("*/*.yml"))[-1]
        rel, page = event.relative_to(repo).as_posix(), site / "events" / event.stem / "index.html"
        results = []
        for n in range(rounds):
            title = f"فعالية للقياس رقم {n + 1} ({time.time_ns()})"
            opened = writer.read(rel)
            edited = f"title: {title}\n" + opened.text.split("\n", 1)[1]
            started = time.monotonic()
            try:
                saved = writer.save({rel: edited}, author=BENCHER, summary=f"قياس النشر {n + 1}",
                                    expected={rel: opened.blob})
            except WriteRefused as refused:
                raise SystemExit(f"the benchmark's edit does not validate:\n{refused}") from None
            saved_at = time.monotonic()
            wait(lambda: page.exists() and title in page.read_text(encoding="utf-8"), timeout)
            live_at = time.monotonic()
            wait(lambda: publisher.outcome(saved.commit).state == PublishState.published, timeout)  # its log line
            build = json.loads(publisher.log_file.read_text(encoding="utf-8").splitlines()[-1])
            assert build["commit"] == saved.commit and build["ok"], build
            results.append({"save": saved_at - started, "build": build["seconds"], "build CPU": build["cpu_seconds"],
                            "live": live_at - started})
        return results
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=0, help="a synthetic site of this many events (0: the sample)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "publish")
    args = parser.parse_args(argv)
    kind = "synthetic" if args.events else "sample"
    repo = content_repository(args.out / f"{kind}-content", args.events)
    site = args.out / f"{kind}-site"
    shutil.rmtree(site, ignore_errors=True)
    results = measure(repo, site, args.rounds, timeout=600)
    print(f"edit-to-live, {kind} site ({len(list((repo / 'events').glob('*/*.yml')))} events), "
          f"{args.rounds} rounds, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"budget {BUDGETS[kind]} s")
    for name in ("save", "build", "build CPU", "live"):
        values = [r[name] for r in results]
        print(f"  {name:9} median {statistics.median(values):6.2f} s   max {max(values):6.2f} s")
    return 0 if max(r["live"] for r in results) <= BUDGETS[kind] else 1


if __name__ == "__main__":
    sys.exit(main())
