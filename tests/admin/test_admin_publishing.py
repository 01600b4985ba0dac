"""Publishing without waiting, as a coordinator meets it: her save returns at once with
«قيد النشر», the status page (a plain page that refreshes itself, no JavaScript) reaches «نُشر»
once the real publish worker has built her commit, and the page is on the site."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_TODAY
from support.admin import approve, submit_activity
from support.html import text_of
from support.store import git, wait_for

PAGE = "events/jenin-awareness-meeting-2026-12-15/index.html"


@pytest.fixture
def worker(app, content):
    """`python -m tawasul publish-worker` over the app's content repository and site folder, with
    the tests' own "today"; the repository holds content only, so the project is this one."""
    env = {**os.environ, "TAWASUL_TODAY": SAMPLE_TODAY}
    env.pop("TAWASUL_CONTENT_ROOT", None)
    process = subprocess.Popen([sys.executable, "-m", "tawasul", "publish-worker", app.config["SITE_DIR"],
                                "--repo", str(content), "--project", str(ROOT)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    yield process
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_approval_is_published_by_the_worker_and_the_status_page_says_so(app, staff, content, worker):
    huda = staff("huda")
    answer = approve(huda, submit_activity(app).id)
    assert answer.status_code == 303
    commit = git(content, "rev-parse", "HEAD")
    back = huda.client.get(answer.headers["Location"])
    assert "حالة آخر حفظ: قيد النشر" in text_of(back) or "حالة آخر حفظ: نُشر" in text_of(back)

    def status_page():
        page = huda.client.get("/admin/publishing")
        return page if "حالة النشر: قيد النشر" not in text_of(page) else None

    assert "عامل النشر لا يعمل الآن" not in text_of(wait_for(lambda: huda.client.get("/admin/publishing")
                                                              if (content / ".git/tawasul/publish/worker.pid").exists()
                                                              else None, timeout=60))
    page = wait_for(status_page, timeout=300, every=0.5)
    assert "حالة النشر: نُشر" in text_of(page), text_of(page)
    assert commit[:10] in text_of(page) and 'http-equiv="refresh"' not in page.get_data(as_text=True)
    site = Path(app.config["SITE_DIR"])
    assert "لقاء: حقوق العاملات" in (site / PAGE).read_text(encoding="utf-8")
    # The dashboard says the same, and «نشر الموقع الآن» only asks the worker to build again.
    assert "حالة آخر نسخة محفوظة: نُشر" in text_of(huda.client.get("/admin/"))
    log = content / ".git/tawasul/publish/builds.log"
    built = len(log.read_text(encoding="utf-8").splitlines())
    asked = huda.post("/admin/publish")
    assert asked.status_code == 303
    wait_for(lambda: len(log.read_text(encoding="utf-8").splitlines()) > built, timeout=300, every=0.5)
