"""End to end, in Chromium, against the server `make run` starts (gunicorn with the static site
and the form service on one origin): a coordinator created with the real CLI signs in,
approves a partner's activity, publishes, and the event is on the public site."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from admin_support import (LIGHT_ARGON2, SAMPLE_TODAY, SECRET, admin_content_tree, free_port, mkdocs_build,
                           submit_activity)

from forms_service import create_app

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "a-long-browser-password"


@pytest.fixture
def devserver(tmp_path):
    content = admin_content_tree(tmp_path / "content")
    site = tmp_path / "site"
    assert mkdocs_build(site, content_root=content).returncode == 0
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'forms.sqlite3'}", "TAWASUL_CONTENT_ROOT": str(content),
           "TAWASUL_SITE_DIR": str(site), "TAWASUL_TODAY": SAMPLE_TODAY, "SECRET_KEY": SECRET,
           **{f"FORMS_{k}": str(v) for k, v in LIGHT_ARGON2.items()}}
    flask = [str(BIN / "flask"), "--app", "forms_service"]
    subprocess.run(flask + ["db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    created = subprocess.run(flask + ["coordinators", "create", "huda", "--name", "هدى", "--governorate", "jenin"],
                             env=env, cwd=ROOT, input=PASSWORD + "\n", capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    app = create_app({"DATABASE_URL": env["DATABASE_URL"], "SECRET_KEY": SECRET, "CONTENT_ROOT": str(content)})
    submit_activity(app, title="أمسية: التمكين الاقتصادي للنساء")
    port = free_port()
    log = open(tmp_path / "server.log", "wb")
    server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
                               "--workers", "2", "--threads", "2", "--no-control-socket", "forms_service.devserver:app"],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(base + "/forms/health", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.1)
    else:
        raise AssertionError((tmp_path / "server.log").read_text())
    yield base, content
    os.killpg(server.pid, 15)
    server.wait(timeout=30)
    log.close()


def test_coordinator_approves_and_publishes_a_partner_activity(devserver, page):
    base, content = devserver
    slug = "jenin-awareness-meeting-2026-12-15"
    assert requests.get(f"{base}/events/{slug}/", timeout=10).status_code == 404
    page.goto(f"{base}/forms/admin/")
    assert page.url.endswith("/forms/admin/login")
    page.get_by_label("اسم المستخدم").fill("huda")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="دخول").click()
    page.get_by_role("link", name="طلبات الأنشطة").click()
    page.get_by_role("link", name="أمسية: التمكين الاقتصادي للنساء").click()
    page.get_by_label("مكان النشاط").fill("قاعة البلدية")
    page.get_by_role("button", name="حفظ واعتماد النشاط").click()
    assert "اعتُمد النشاط" in page.get_by_role("status").inner_text()
    assert (content / "events" / "2026" / f"{slug}.yml").is_file()
    page.get_by_role("link", name="لوحة المتابعة").click()
    page.get_by_role("button", name="نشر الموقع الآن").click()
    assert "نُشر الموقع من جديد" in page.get_by_role("status").inner_text()
    page.goto(f"{base}/events/{slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "أمسية: التمكين الاقتصادي للنساء"
    assert "قاعة البلدية" in page.content()
    page.goto(f"{base}/events/")
    assert page.get_by_role("link", name="أمسية: التمكين الاقتصادي للنساء").count() == 1
