"""The publish worker, as a real process over a real content repository: it builds committed
trees only, one at a time, coalesces saves made during a build, and reports failures in Arabic."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_build import SAMPLE_TODAY
from store_support import git, site_repo, wait_for, write
from tawasul.git_store import Author, GitStore
from tawasul.publisher import Outcome, Publisher, PublishState

HUDA = Author("هدى", "account-7@coordinators.tawasul.invalid")
EVENT_FILE = "events/2026/jenin-girls-open-day-2026.yml"
PAGE = "events/jenin-girls-open-day-2026/index.html"
OTHER_FILE = "events/2026/hebron-women-stories-evening-2026.yml"
OTHER_PAGE = "events/hebron-women-stories-evening-2026/index.html"


@pytest.fixture
def repo(tmp_path) -> Path:
    return site_repo(tmp_path / "content")


@pytest.fixture
def worker(repo, tmp_path):
    """`python -m tawasul publish-worker` with its own "today", stopped at the end."""
    site = tmp_path / "site"
    env = {**os.environ, "TAWASUL_TODAY": SAMPLE_TODAY}
    env.pop("TAWASUL_CONTENT_ROOT", None)
    process = subprocess.Popen([sys.executable, "-m", "tawasul", "publish-worker", str(site), "--repo", str(repo)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    publisher = Publisher(GitStore(repo), site)
    yield publisher
    process.terminate()
    process.wait(timeout=30)


def retitled(store: GitStore, path: str, title: str) -> str:
    text = store.read(path)
    first, rest = text.split("\n", 1)
    assert first.startswith("title: ")
    return f"title: {title}\n{rest}"


def live(publisher: Publisher, commit: str) -> Outcome:
    return wait_for(lambda: publisher.outcome(commit) if publisher.outcome(commit).state != PublishState.pending else None)


def builds(publisher: Publisher) -> list[dict]:
    return [json.loads(line) for line in publisher.log_file.read_text(encoding="utf-8").splitlines()]


def test_a_save_goes_live_and_nothing_uncommitted_does(repo, worker):
    store = GitStore(repo)
    assert live(worker, store.tip()).state == PublishState.published  # the first build, of the tip
    # A developer's half-written edit sits in the working copy, uncommitted…
    write(repo, OTHER_FILE, retitled(store, OTHER_FILE, "نصف تعديل لم يُحفظ"))
    saved = store.save({EVENT_FILE: retitled(store, EVENT_FILE, "يوم مفتوح للفتيات – بموعد جديد")}, author=HUDA,
                       message="تعديل عنوان اليوم المفتوح")
    assert worker.outcome(saved.commit).label == "قيد النشر"
    outcome = live(worker, saved.commit)
    assert (outcome.state, outcome.label) == (PublishState.published, "نُشر")
    site = worker.site_dir
    assert "يوم مفتوح للفتيات – بموعد جديد" in (site / PAGE).read_text(encoding="utf-8")
    # …and never reaches the site.
    assert "نصف تعديل لم يُحفظ" not in (site / OTHER_PAGE).read_text(encoding="utf-8")
    assert not list(site.rglob("*.yml"))


def test_saves_during_a_build_are_coalesced_into_one_build_of_the_newest_commit(repo, worker):
    store = GitStore(repo)
    first = store.tip()
    live(worker, first)
    during = store.save({EVENT_FILE: retitled(store, EVENT_FILE, "العنوان 1")}, author=HUDA, message="1").commit
    wait_for(lambda: worker.status().building == during)
    later = [store.save({EVENT_FILE: retitled(store, EVENT_FILE, f"العنوان {n}")}, author=HUDA, message=str(n)).commit
             for n in (2, 3, 4)]
    assert live(worker, later[-1]).state == PublishState.published
    assert [b["commit"] for b in builds(worker)] == [first, during, later[-1]]
    assert "العنوان 4" in (worker.site_dir / PAGE).read_text(encoding="utf-8")
    # The replaced sites are deleted (in the background), leaving only the live one.
    site = worker.site_dir
    wait_for(lambda: sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}")) == [])


def test_a_failed_build_says_why_in_arabic_and_the_site_stays_whole(repo, worker):
    store = GitStore(repo)
    live(worker, store.tip())
    before = (worker.site_dir / PAGE).read_text(encoding="utf-8")
    # A commit that does not build (a developer's, since the writer would have refused it).
    broken = store.save({EVENT_FILE: store.read(EVENT_FILE).replace("centre: jenin", "centre: jenen")},
                        author=HUDA, message="خطأ").commit
    outcome = live(worker, broken)
    assert (outcome.state, outcome.label) == (PublishState.failed, "تعذّر النشر")
    assert "لا يوجد مركز بالمعرّف «jenen»" in outcome.error
    assert (worker.site_dir / PAGE).read_text(encoding="utf-8") == before
    fixed = store.save({EVENT_FILE: store.read(EVENT_FILE).replace("centre: jenen", "centre: jenin")},
                       author=HUDA, message="تصحيح").commit
    assert live(worker, fixed).state == PublishState.published
    assert worker.outcome(broken).state == PublishState.published  # its change is in the live build too


def test_one_worker_per_site(repo, worker, tmp_path):
    live(worker, GitStore(repo).tip())
    second = subprocess.run([sys.executable, "-m", "tawasul", "publish-worker", str(worker.site_dir), "--repo", str(repo)],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "TAWASUL_TODAY": SAMPLE_TODAY})
    assert second.returncode == 1 and "عامل نشر آخر يعمل" in second.stderr
    assert git(repo, "status", "--porcelain") == ""
